namespace LlmOps.Processors.Guardrails;

/// <summary>Settings of the <c>annotation</c> exporter, which routes flagged spans to annotation queues.</summary>
internal sealed class AnnotationRoutingOptions
{
    /// <summary>Queue for flags whose rule names no queue.</summary>
    public string DefaultQueue { get; set; } = "High-Risk Responses";
}
