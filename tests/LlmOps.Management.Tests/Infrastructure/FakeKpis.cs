using System.Collections.Concurrent;
using LlmOps.Processors.Alerts;
using LlmOps.Processors.Drift;

namespace LlmOps.Management.Tests.Infrastructure;

/// <summary>Callback fake of the collector's KPI window: values per signal set by the test; records the windows asked for.</summary>
internal sealed class FakeKpis : IAlertDataSource
{
    private readonly ConcurrentDictionary<AlertSignal, double> _values = new();

    public ConcurrentDictionary<AlertSignal, TimeSpan> WindowsAsked { get; } = new();

    public void Set(AlertSignal signal, double? value)
    {
        if (value is { } v)
        {
            _values[signal] = v;
        }
        else
        {
            _values.TryRemove(signal, out _);
        }
    }

    public double? Value(AlertSignal signal, TimeSpan window, DateTimeOffset now)
    {
        WindowsAsked[signal] = window;
        return _values.TryGetValue(signal, out var v) ? v : null;
    }

    public IReadOnlyList<SliceStats> Slices(AlertSignal signal, TimeSpan window, DateTimeOffset now) => [];
}
