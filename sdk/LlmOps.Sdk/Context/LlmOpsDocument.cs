namespace LlmOps.Sdk.Context;

/// <summary>One document (chunk) retrieved for a RAG answer.</summary>
public sealed class LlmOpsDocument
{
    /// <summary>Creates a retrieved document.</summary>
    /// <param name="id">The document or chunk id in the data source.</param>
    /// <param name="score">The relevance score the retriever gave it.</param>
    /// <param name="content">The text given to the model; exported only when content capture is opted in.</param>
    public LlmOpsDocument(string id, double score, string? content = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
        Score = score;
        Content = content;
    }

    /// <summary>Gets the document or chunk id.</summary>
    public string Id { get; }

    /// <summary>Gets the relevance score.</summary>
    public double Score { get; }

    /// <summary>Gets the document text (exported only when content capture is on).</summary>
    public string? Content { get; }
}
