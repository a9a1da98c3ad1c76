namespace LlmOps.Management.Settings;

/// <summary>Section <c>hybrid-search</c>: the two weights must sum to 1 (± 1e-6).</summary>
internal sealed class HybridSearchSettings
{
    public double Bm25Weight { get; set; } = 0.3;

    public double VectorWeight { get; set; } = 0.7;
}
