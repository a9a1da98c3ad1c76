using LlmOps.Sdk.Redaction;

namespace LlmOps.Sdk;

/// <summary>What a chat client instance resolved once at construction.</summary>
internal sealed class ClientConfig
{
    public required string ProviderName { get; init; }

    public string? ServerAddress { get; init; }

    /// <summary>The server port, boxed once so metric and span tags do not box it on every call.</summary>
    public object? ServerPort { get; init; }

    public bool AttachResponseReference { get; init; }

    public string? DefaultModel { get; init; }

    public required string DefaultSpanName { get; init; }

    public bool? CaptureContent { get; init; }

    public IPiiRedactor? Redactor { get; init; }

    public LlmOpsMetricDimensions Dimensions { get; init; }

    public required TimeProvider Time { get; init; }

    public bool ShouldCaptureContent => CaptureContent ?? LlmOpsInstrumentation.CaptureMessageContentByDefault;

    public string Redact(string text) => Redactor is null ? text : Redactor.Redact(text);
}
