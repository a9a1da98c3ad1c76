using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LlmOps.Collector.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Collector.Tests.Support;

/// <summary>Sums the long counters of one collector instance (its own IMeterFactory), by instrument name.</summary>
internal sealed class MetricCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new(StringComparer.Ordinal);

    public MetricCapture(CollectorApp app)
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _sums.AddOrUpdate(instrument.Name, value, (_, old) => old + value));
        _listener.Start();
    }

    public long Sum(string name) => _sums.TryGetValue(name, out var v) ? v : 0;

    public void Dispose() => _listener.Dispose();
}
