using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;

namespace LlmOps.Collector.Ingest;

/// <summary>One submitted export request waiting in the queue, and the promise its receiver awaits.</summary>
internal sealed class IngestWorkItem(TelemetryBatch batch, int items)
{
    public TelemetryBatch Batch { get; } = batch;

    public int Items { get; } = items;

    public TaskCompletionSource<IngestOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
