namespace LlmOps.Management.Settings;

/// <summary>Section <c>retrieval</c>: how the RAG retriever fetches and ranks context.</summary>
internal sealed class RetrievalSettings
{
    public int TopK { get; set; } = 5;

    public double SimilarityThreshold { get; set; } = 0.7;

    public int ChunkSize { get; set; } = 512;

    public int ChunkOverlap { get; set; } = 64;

    public bool SemanticRanker { get; set; } = true;

    public string RerankerModel { get; set; } = "cross-encoder/ms-marco-MiniLM-L-6-v2";
}
