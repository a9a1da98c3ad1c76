using LlmOps.Processors.Alerts;
using LlmOps.Processors.Drift;

namespace LlmOps.Processors.Tests.Alerts;

/// <summary>Callback fake: values per signal set by the test.</summary>
internal sealed class FakeAlertDataSource : IAlertDataSource
{
    public Dictionary<AlertSignal, double?> Values { get; } = [];

    public List<SliceStats> SliceStats { get; } = [];

    public double? Value(AlertSignal signal, TimeSpan window, DateTimeOffset now) => Values.GetValueOrDefault(signal);

    public IReadOnlyList<SliceStats> Slices(AlertSignal signal, TimeSpan window, DateTimeOffset now) => SliceStats;
}
