using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;

namespace LlmOps.Collector.Ingest;

/// <summary>One submitted export request waiting in the queue, and the promise its receiver awaits.</summary>
internal sealed class IngestWorkItem(TelemetryBatch batch, int items)
{
    public TelemetryBatch Batch { get; } = batch;

    public int Items { get; } = items;

    /// <summary>
    /// A client's receiver resumes on the thread pool. The collector's own write-back (background batches) resumes on
    /// the thread that completes the pass: the low-priority write-back thread, so the rest of an evaluation flush
    /// (the next slice, the evaluation log lines, the flags) runs at its priority instead of competing with ingest on
    /// the thread pool at normal priority (where it took about ten points of a core at 2,000 spans/s).
    /// </summary>
    public TaskCompletionSource<IngestOutcome> Completion { get; } =
        new(batch.Background ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
}
