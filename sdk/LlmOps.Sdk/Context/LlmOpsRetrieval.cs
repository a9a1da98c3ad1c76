namespace LlmOps.Sdk.Context;

/// <summary>What a RAG step retrieved: the query, the data source and the ranked documents.</summary>
public sealed class LlmOpsRetrieval
{
    private int _spanEmitted;

    /// <summary>Creates a retrieval record.</summary>
    /// <param name="query">The retrieval query (exported only when content capture is on).</param>
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

    /// <summary>Marks the retrieval span as emitted; true for the first caller only.</summary>
    internal bool TryMarkSpanEmitted() => Interlocked.Exchange(ref _spanEmitted, 1) == 0;
}
