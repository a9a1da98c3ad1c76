using LlmOps.Processors.Model;

namespace LlmOps.Processors.Pipeline;

/// <summary>
/// Where receivers hand decoded telemetry. <see cref="SubmitAsync"/> returns at once with
/// <see cref="IngestStatus.Overloaded"/> when the bounded queue is full; otherwise it completes when the batch is
/// durable (group-committed with others), so the receiver acknowledges only what is stored.
/// </summary>
internal interface IIngestSink
{
    ValueTask<IngestOutcome> SubmitAsync(TelemetryBatch batch, CancellationToken cancellationToken);
}
