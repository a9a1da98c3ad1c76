namespace LlmOps.Sdk.Tests.TestSupport;

internal sealed record MetricPointSnapshot(
    string Name,
    string? Unit,
    IReadOnlyDictionary<string, object?> Tags,
    long Count,
    double Sum,
    IReadOnlyList<double> Bounds,
    IReadOnlyList<long> BucketCounts,
    long LongSum);
