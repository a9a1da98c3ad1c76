namespace LlmOps.Processors.Model;

internal sealed class SpanLink
{
    public string TraceId { get; set; } = string.Empty;

    public string SpanId { get; set; } = string.Empty;

    public string TraceState { get; set; } = string.Empty;

    public uint Flags { get; set; }

    public AttributeList Attributes { get; set; } = [];

    public uint DroppedAttributesCount { get; set; }
}
