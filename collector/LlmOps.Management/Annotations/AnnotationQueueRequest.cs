namespace LlmOps.Management.Annotations;

internal sealed class AnnotationQueueRequest
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<ScoreConfig>? ScoreConfigs { get; set; }

    public List<string>? FlagRules { get; set; }

    public long? LeaseSeconds { get; set; }
}
