namespace LlmOps.Processors.Model;

/// <summary>One retrieved document of a RAG retrieval (<c>gen_ai.retrieval.documents</c> element).</summary>
internal sealed record RetrievedDocument(string? Id, double? Score, string? Content);
