using LlmOps.Processors.Drift;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Composition;

/// <summary>Evaluates drift on a schedule (baseline window against the current one) and publishes the findings as metrics.</summary>
internal sealed class DriftService : BackgroundService
{
    private readonly DriftEngine _engine;
    private readonly DriftSampleBuffer _buffer;
    private readonly IJobGate _gate;
    private readonly CollectorStartup _startup;
    private readonly TimeProvider _time;
    private readonly ILogger<DriftService> _logger;

    public DriftService(DriftEngine engine, DriftSampleBuffer buffer, IJobGate gate, CollectorStartup startup, TimeProvider time, ILogger<DriftService> logger)
    {
        _engine = engine;
        _buffer = buffer;
        _gate = gate;
        _startup = startup;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = _startup.Config.Service.DriftInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        var options = _startup.Config.Service.Drift;
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    if (!await _gate.TryRunAsync("drift-evaluation", interval * 3, stoppingToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    var since = _time.GetUtcNow() - options.BaselineWindow - options.CurrentWindow;
                    var report = await _engine.EvaluateAsync(_buffer.Snapshot(since), stoppingToken).ConfigureAwait(false);
                    foreach (var finding in report.Findings.Where(f => f.Detected))
                    {
                        _logger.LogWarning("Drift detected: {Summary}", finding.RootCause?.Text ?? $"{finding.Kind} on {finding.ScoreName}");
                    }
                }
#pragma warning disable CA1031 // One failed evaluation must not stop drift detection.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    _logger.LogError(ex, "Drift evaluation failed; retrying at the next interval");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
