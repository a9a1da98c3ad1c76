using System.Diagnostics;

namespace LlmOps.Sdk.Context;

/// <summary>What a RAG step retrieved: the query, the data source and the ranked documents.</summary>
public sealed class LlmOpsRetrieval
{
    private int _spanEmitted;

    /// <summary>Creates a retrieval record.</summary>
    /// <param name="query">The retrieval query (exported only when the content capture of the chat client that uses
    /// the retrieval is on).</param>
    /// <param name="documents">The retrieved documents, best first.</param>
    /// <param name="dataSource">The data source id, e.g. the index name; the span is named after it.</param>
    public LlmOpsRetrieval(string? query, IEnumerable<LlmOpsDocument> documents, string? dataSource = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        Query = query;
        Documents = [.. documents];
        DataSource = dataSource;
    }

    /// <summary>Gets the retrieval query.</summary>
    public string? Query { get; }

    /// <summary>Gets the data source id.</summary>
    public string? DataSource { get; }

    /// <summary>Gets the retrieved documents, best first.</summary>
    public IReadOnlyList<LlmOpsDocument> Documents { get; }

    /// <summary>When <see cref="LlmOpsScope.RecordRetrieval"/> recorded it (the span's end), or null.</summary>
    internal DateTimeOffset? RecordedAt { get; private set; }

    /// <summary>How long the retrieval took, as recorded.</summary>
    internal TimeSpan? Duration { get; private set; }

    /// <summary>The span that was current when it was recorded (default: none); the retrieval span's parent.</summary>
    internal ActivityContext Parent { get; private set; }

    internal string? SessionId { get; private set; }

    internal string? UserId { get; private set; }

    /// <summary>Stamps when and under which span and scope the retrieval happened; its span is emitted later.</summary>
    internal LlmOpsRetrieval Recorded(LlmOpsScope? scope, TimeSpan? duration)
    {
        RecordedAt = TimeProvider.System.GetUtcNow();
        Duration = duration;
        Parent = Activity.Current?.Context ?? default;
        SessionId = scope?.SessionId;
        UserId = scope?.UserId;
        return this;
    }

    /// <summary>Marks the retrieval span as emitted; true for the first caller only.</summary>
    internal bool TryMarkSpanEmitted() => Interlocked.Exchange(ref _spanEmitted, 1) == 0;
}
