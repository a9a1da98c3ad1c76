namespace LlmOps.Management.Evaluation;

/// <summary>Evaluation runs of datasets: create (resolving the prompt label once), progress, results, trend, claims.</summary>
internal interface IEvaluationRunRepository
{
    Task<EvaluationRun> CreateAsync(long datasetId, RunRequest request, string actor, CancellationToken cancellationToken);

    Task<EvaluationRun> GetAsync(long runId, CancellationToken cancellationToken);

    /// <summary>The dataset's runs oldest first (the trend).</summary>
    Task<IReadOnlyList<EvaluationRun>> ListForDatasetAsync(long datasetId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunItemResult>> ResultsAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Marks a queued run running for <paramref name="runner"/>; false if another replica took it.</summary>
    Task<bool> TryClaimAsync(long runId, string runner, CancellationToken cancellationToken);

    Task<IReadOnlyList<long>> QueuedAsync(CancellationToken cancellationToken);

    Task RecordResultAsync(long runId, RunItemResult result, CancellationToken cancellationToken);

    Task CompleteAsync(long runId, RunSummary summary, CancellationToken cancellationToken);

    Task FailAsync(long runId, string error, CancellationToken cancellationToken);

    /// <summary>
    /// Queues again every running run whose runner has shown no sign of life (claim or recorded item) since
    /// <paramref name="cutoff"/>: its process stopped or crashed. Returns their ids. Items already recorded are kept.
    /// </summary>
    Task<IReadOnlyList<long>> RequeueStaleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Queues a run again that <paramref name="runner"/> stops executing (shutdown); false if it is not running there.</summary>
    Task<bool> ReleaseAsync(long runId, string runner, CancellationToken cancellationToken);
}
