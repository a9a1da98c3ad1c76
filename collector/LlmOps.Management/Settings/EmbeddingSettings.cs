namespace LlmOps.Management.Settings;

/// <summary>Section <c>embedding</c>.</summary>
internal sealed class EmbeddingSettings
{
    public string Model { get; set; } = "text-embedding-3-small";

    public int Dimensions { get; set; } = 1536;

    public int BatchSize { get; set; } = 64;
}
