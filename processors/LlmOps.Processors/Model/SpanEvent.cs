namespace LlmOps.Processors.Model;

internal sealed class SpanEvent
{
    public long TimeUnixNano { get; set; }

    public string Name { get; set; } = string.Empty;

    public AttributeList Attributes { get; set; } = [];

    public uint DroppedAttributesCount { get; set; }
}
