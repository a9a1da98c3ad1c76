using LlmOps.Processors.Drift;

namespace LlmOps.Processors.Alerts;

/// <summary>Recent data the alert evaluator reads: the KPI window in the collector, or a fake in tests.</summary>
internal interface IAlertDataSource
{
    /// <summary>The signal over <c>[now - window, now]</c>; null when there is no data.</summary>
    double? Value(AlertSignal signal, TimeSpan window, DateTimeOffset now);

    /// <summary>
    /// The signal broken down by dimension (model, prompt version) for root-cause analysis: current window
    /// <c>[now - window, now]</c> against the baseline window of the same length just before it.
    /// </summary>
    IReadOnlyList<SliceStats> Slices(AlertSignal signal, TimeSpan window, DateTimeOffset now);
}
