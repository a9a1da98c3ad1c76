using LlmOps.Sdk.Redaction;

namespace LlmOps.Sdk;

/// <summary>What a chat client instance resolved once at construction.</summary>
internal sealed class ClientConfig
{
    public required string ProviderName { get; init; }

    public string? ServerAddress { get; init; }

    public int? ServerPort { get; init; }

    public string? DefaultModel { get; init; }

    public required string DefaultSpanName { get; init; }

    public bool? CaptureContent { get; init; }

    public IPiiRedactor? Redactor { get; init; }

    public LlmOpsMetricDimensions Dimensions { get; init; }

    public required TimeProvider Time { get; init; }

    public bool ShouldCaptureContent => CaptureContent ?? LlmOpsInstrumentation.CaptureMessageContentByDefault;

    public string Redact(string text) => Redactor is null ? text : Redactor.Redact(text);
}
