using LlmOps.Collector.Composition;
using LlmOps.Processors.Alerts;
using LlmOps.Processors.Configuration;
using LlmOps.Processors.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LlmOps.Collector.Tests.Composition;

public sealed class AlertingServiceTests
{
    [Fact]
    public async Task Tick_LeaseLost_WithdrawsAlertGaugesAndAwaitsRestoreUntilItIsHeldAgain()
    {
        var registry = new MetricRegistry();
        var window = new KpiWindow(TimeProvider.System, KpiMetricsExporterOptions.GenAiDurationBuckets, TimeSpan.FromHours(1));
        var options = new AlertingOptions { Rules = AlertDefaults.Rules() };
        var engine = new AlertEngine(options, window, [], TimeProvider.System, NullLogger.Instance, null, registry);
        var config = new CollectorConfig();
        config.Service.Alerting = options;
        var gate = new SwitchGate { Held = true };
        using var service = new AlertingService(engine, gate, new CollectorStartup(config, null, new ComponentRegistry()), TimeProvider.System, NullLogger<AlertingService>.Instance, []);

        await service.TickAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(options.Rules.Count, StateSeries(registry));
        Assert.False(engine.AwaitingRestore);

        // Another replica took the lease: this one's last states must not be summed with the new holder's.
        gate.Held = false;
        await service.TickAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, StateSeries(registry));
        await service.TickAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, StateSeries(registry));

        // Its states are stale from now on: the firing alerts are to be restored when the lease comes back.
        Assert.True(engine.AwaitingRestore);
        gate.Held = true;
        await service.TickAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(options.Rules.Count, StateSeries(registry));
    }

    private static int StateSeries(MetricRegistry registry) =>
        registry.Render().Split('\n').Count(l => l.StartsWith(MetricNames.AlertState + "{", StringComparison.Ordinal));

    private sealed class SwitchGate : IJobGate
    {
        public bool Held { get; set; }

        public Task<bool> TryRunAsync(string job, TimeSpan ttl, CancellationToken cancellationToken) => Task.FromResult(Held);
    }
}
