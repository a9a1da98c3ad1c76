namespace LlmOps.Management.Annotations;

/// <summary>Annotation queues: definition, items, leases, scoring, progress and export to datasets.</summary>
internal interface IAnnotationQueueRepository
{
    Task<IReadOnlyList<AnnotationQueue>> ListAsync(CancellationToken cancellationToken);

    Task<AnnotationQueue> GetAsync(long id, CancellationToken cancellationToken);

    Task<AnnotationQueue> CreateAsync(AnnotationQueueRequest request, string actor, CancellationToken cancellationToken);

    Task<AnnotationQueue> SetStatusAsync(long id, string status, string actor, CancellationToken cancellationToken);

    Task DeleteAsync(long id, string actor, CancellationToken cancellationToken);

    Task<IReadOnlyList<AnnotationItem>> ListItemsAsync(long queueId, string? status, long? afterId, int limit, CancellationToken cancellationToken);

    Task<AnnotationItem> AddItemAsync(long queueId, ManualItemRequest request, string actor, CancellationToken cancellationToken);

    /// <summary>The reviewer's current claim, or the oldest pending (or lease-expired) item; null when none.</summary>
    Task<ClaimedItem?> ClaimAsync(long queueId, ClaimRequest request, string actor, CancellationToken cancellationToken);

    Task<AnnotationItem> SubmitAsync(long queueId, long itemId, SubmitRequest request, string actor, CancellationToken cancellationToken);

    Task<AnnotationItem> SkipAsync(long queueId, long itemId, SkipRequest request, string actor, CancellationToken cancellationToken);

    Task<QueueProgress> ProgressAsync(long queueId, CancellationToken cancellationToken);

    Task<ExportToDatasetResult> ExportToDatasetAsync(long queueId, ExportToDatasetRequest request, string actor, CancellationToken cancellationToken);
}
