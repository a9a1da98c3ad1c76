using LlmOps.Processors.Alerts;
using LlmOps.Processors.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Composition;

/// <summary>
/// Evaluates the alert rules continuously against the KPI window and delivers notifications (Alertmanager API v2,
/// webhooks). With several replicas, only the holder of the <c>alert-evaluation</c> job lease evaluates. Around each
/// evaluation the <see cref="IAlertEngineSync"/>s (the management API's alert tables) exchange acknowledgements, mutes
/// and states with the engine.
/// </summary>
internal sealed class AlertingService : BackgroundService
{
    private readonly AlertEngine _engine;
    private readonly IJobGate _gate;
    private readonly AlertingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertingService> _logger;
    private readonly IReadOnlyList<IAlertEngineSync> _syncs;

    public AlertingService(AlertEngine engine, IJobGate gate, CollectorStartup startup, TimeProvider time, ILogger<AlertingService> logger, IEnumerable<IAlertEngineSync> syncs)
    {
        _engine = engine;
        _syncs = [.. syncs];
        _gate = gate;
        _options = startup.Config.Service.Alerting;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.EvaluationInterval, _time);
        try
        {
            do
            {
                await TickAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// One interval: the lease holder evaluates; a replica without the lease withdraws the alert gauges it published
    /// while it held it, so that sums across replicas ("Firing alerts") count each alert once after the lease moves, and
    /// its engine waits to be given the firing alerts again (<see cref="AlertEngine.Restore"/>, by the management sync
    /// before its first evaluation) when the lease comes back.
    /// </summary>
    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await _gate.TryRunAsync("alert-evaluation", _options.EvaluationInterval * 3, cancellationToken).ConfigureAwait(false))
            {
                await SyncAsync(before: true, cancellationToken).ConfigureAwait(false);
                await _engine.EvaluateAsync(cancellationToken).ConfigureAwait(false);
                await SyncAsync(before: false, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _engine.Suspend();
            }
        }
#pragma warning disable CA1031 // One failed evaluation must not stop alerting.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Alert evaluation failed; retrying at the next interval");
        }
    }

    /// <summary>A failing sync (e.g. the database is down) is logged and never stops evaluation.</summary>
    private async Task SyncAsync(bool before, CancellationToken cancellationToken)
    {
        foreach (var sync in _syncs)
        {
            try
            {
                await (before ? sync.BeforeEvaluationAsync(_engine, cancellationToken) : sync.AfterEvaluationAsync(_engine, cancellationToken)).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Alert delivery must go on without the management view.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                _logger.LogWarning(ex, "Alert state sync ({Phase} evaluation) failed; retrying at the next interval", before ? "before" : "after");
            }
        }
    }

    public static AlertEngine CreateEngine(AlertingOptions options, KpiWindow window, IHttpClientFactory http, TimeProvider time, ILogger logger, IAuditSink? audit, MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        var notifiers = new List<IAlertNotifier>();
        if (!string.IsNullOrWhiteSpace(options.AlertmanagerUrl))
        {
            notifiers.Add(new AlertmanagerNotifier(http.CreateClient("llmops-alerts"), new Uri(options.AlertmanagerUrl)));
        }

        // Named by host; webhooks sharing a host (two Slack channels) are told apart by their position in webhook_urls.
        var urls = options.WebhookUrls.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => new Uri(u)).ToList();
        for (var i = 0; i < urls.Count; i++)
        {
            var host = urls[i].Host;
            var name = urls.Count(u => u.Host == host) > 1 ? $"webhook:{host}#{i}" : "webhook:" + host;
            notifiers.Add(new WebhookNotifier(http.CreateClient("llmops-alerts"), urls[i], name));
        }

        return new AlertEngine(options, window, notifiers, time, logger, audit, registry);
    }
}
