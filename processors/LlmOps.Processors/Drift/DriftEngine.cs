using System.Globalization;
using LlmOps.Processors.Metrics;

namespace LlmOps.Processors.Drift;

/// <summary>
/// One drift evaluation end to end: detect over the configured windows, refine each root cause through the LLM when
/// configured (falling back to the deterministic text), and publish the result as metrics. The caller supplies the
/// samples (the store's query) and schedules the runs.
/// </summary>
internal sealed class DriftEngine
{
    private readonly DriftDetector _detector;
    private readonly TimeProvider _timeProvider;
    private readonly DriftMetricsPublisher? _publisher;
    private readonly IRcaRefiner? _refiner;

    public DriftEngine(DriftOptions options, TimeProvider timeProvider, MetricRegistry? registry = null, IRcaRefiner? refiner = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _detector = new DriftDetector(options);
        _timeProvider = timeProvider;
        _publisher = registry is null ? null : new DriftMetricsPublisher(registry);
        _refiner = refiner;
    }

    public DriftReport? LastReport { get; private set; }

    public async Task<DriftReport> EvaluateAsync(IReadOnlyList<ScoreSample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var report = _detector.Evaluate(samples, _timeProvider.GetUtcNow());
        if (_refiner is not null)
        {
            foreach (var f in report.Findings.Where(f => f.Detected && f.RootCause is not null))
            {
                var rc = f.RootCause!;
                var facts = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["kind"] = DriftMetricsPublisher.KindLabel(f.Kind),
                    ["score"] = f.ScoreName,
                    ["baseline"] = f.BaselineValue.ToString("0.###", CultureInfo.InvariantCulture),
                    ["current"] = f.CurrentValue.ToString("0.###", CultureInfo.InvariantCulture),
                    ["dimension"] = rc.Dimension,
                    ["value"] = rc.Value,
                    ["explained_share"] = rc.ExplainedShare.ToString("0.##", CultureInfo.InvariantCulture),
                };
                var refined = await _refiner.RefineAsync(rc.Text, facts, cancellationToken).ConfigureAwait(false);
                if (refined is not null)
                {
                    f.RootCause = rc with { Text = refined, RefinedByLlm = true };
                }
            }
        }

        _publisher?.Publish(report);
        LastReport = report;
        return report;
    }
}
