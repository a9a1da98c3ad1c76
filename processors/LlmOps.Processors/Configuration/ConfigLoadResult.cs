namespace LlmOps.Processors.Configuration;

/// <summary>Either a valid configuration or every error found, each with its key path.</summary>
internal sealed record ConfigLoadResult(CollectorConfig? Config, IReadOnlyList<string> Errors)
{
    public bool IsValid => Config is not null && Errors.Count == 0;
}
