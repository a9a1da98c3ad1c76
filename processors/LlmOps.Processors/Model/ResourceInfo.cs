namespace LlmOps.Processors.Model;

/// <summary>The resource a batch of telemetry came from; shared by all spans of one OTLP <c>ResourceSpans</c>.</summary>
internal sealed class ResourceInfo
{
    public AttributeList Attributes { get; init; } = [];

    public string SchemaUrl { get; init; } = string.Empty;

    public string ServiceName => Attributes.GetString("service.name") ?? "unknown_service";
}
