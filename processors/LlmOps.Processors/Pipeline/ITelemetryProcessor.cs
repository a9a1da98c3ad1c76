using LlmOps.Processors.Model;

namespace LlmOps.Processors.Pipeline;

/// <summary>
/// One stage of the pipeline: a small, synchronous-in-spirit step over a batch (annotate, redact, flag, drop).
/// No I/O in constructors; bad input is counted and logged, never thrown.
/// </summary>
internal interface ITelemetryProcessor : IDisposable
{
    /// <summary>The component id from the config, <c>type[/name]</c>.</summary>
    string Id { get; }

    ValueTask ProcessAsync(TelemetryBatch batch, CancellationToken cancellationToken);
}
