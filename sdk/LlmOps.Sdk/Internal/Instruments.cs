using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmOps.Sdk;

/// <summary>The SDK's single ActivitySource and Meter with the GenAI client instruments (spec units and buckets).</summary>
internal static class Instruments
{
    public static readonly IReadOnlyList<long> TokenUsageBuckets =
        [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    public static readonly IReadOnlyList<double> DurationBuckets =
        [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    public static readonly IReadOnlyList<double> ChunkBuckets =
        [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    public static readonly string Version =
        typeof(Instruments).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static readonly ActivitySource Source = new(SemanticConventions.LlmOpsInstrumentationName, Version);

    public static readonly Meter Meter = new(SemanticConventions.LlmOpsInstrumentationName, Version);

    public static readonly Histogram<long> TokenUsage = Meter.CreateHistogram(
        SemanticConventions.GenAiClientTokenUsage,
        SemanticConventions.UnitToken,
        "Number of input and output tokens used.",
        tags: null,
        new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenUsageBuckets });

    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        SemanticConventions.GenAiClientOperationDuration,
        SemanticConventions.UnitSecond,
        "GenAI operation duration.",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    public static readonly Histogram<double> TimeToFirstChunk = Meter.CreateHistogram(
        SemanticConventions.GenAiClientTimeToFirstChunk,
        SemanticConventions.UnitSecond,
        "Time to receive the first chunk of a streaming response.",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = ChunkBuckets });

    public static readonly Histogram<double> TimePerOutputChunk = Meter.CreateHistogram(
        SemanticConventions.GenAiClientTimePerOutputChunk,
        SemanticConventions.UnitSecond,
        "Time between consecutive chunks of a streaming response, after the first.",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = ChunkBuckets });

    public static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        SemanticConventions.LlmOpsTelemetryDropped,
        SemanticConventions.UnitFailure,
        "Telemetry failures swallowed by the LlmOps SDK.");

    /// <summary>True when any span or GenAI metric would be recorded; the wrapper's no-listener fast path.</summary>
    public static bool Enabled => Source.HasListeners() || OperationDuration.Enabled || TokenUsage.Enabled;
}
