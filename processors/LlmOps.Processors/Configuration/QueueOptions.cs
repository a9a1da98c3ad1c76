namespace LlmOps.Processors.Configuration;

/// <summary>The bounded queue between receivers and the pipeline (<c>service.queue</c>).</summary>
internal sealed class QueueOptions
{
    /// <summary>Spans (plus log records and data points) waiting at most; beyond it receivers answer "retry later".</summary>
    public int MaxItems { get; set; } = 200_000;

    /// <summary>Most items the pipeline takes in one pass (one store transaction: group commit).</summary>
    public int MaxBatchItems { get; set; } = 20_000;

    /// <summary>Retry delay suggested to clients when the queue is full.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
