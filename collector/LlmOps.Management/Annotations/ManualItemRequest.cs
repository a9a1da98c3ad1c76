namespace LlmOps.Management.Annotations;

internal sealed class ManualItemRequest
{
    public string? TraceId { get; set; }

    public string? SpanId { get; set; }

    public string? Reason { get; set; }

    public string? Severity { get; set; }

    public string? Input { get; set; }

    public string? Output { get; set; }
}
