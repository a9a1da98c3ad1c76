namespace LlmOps.Processors.Model;

/// <summary>The instrumentation scope that produced telemetry.</summary>
internal sealed class ScopeInfo
{
    public static readonly ScopeInfo Unknown = new();

    public string Name { get; init; } = string.Empty;

    public string Version { get; init; } = string.Empty;

    public AttributeList Attributes { get; init; } = [];
}
