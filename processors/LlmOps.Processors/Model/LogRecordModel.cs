namespace LlmOps.Processors.Model;

/// <summary>A received OTLP log record in LlmOps' own model.</summary>
internal sealed class LogRecordModel
{
    public long TimeUnixNano { get; set; }

    public long ObservedTimeUnixNano { get; set; }

    public int SeverityNumber { get; set; }

    public string SeverityText { get; set; } = string.Empty;

    public AttrValue Body { get; set; } = AttrValue.Empty;

    public AttributeList Attributes { get; set; } = [];

    public string? TraceId { get; set; }

    public string? SpanId { get; set; }

    public uint Flags { get; set; }

    public string EventName { get; set; } = string.Empty;

    public ResourceInfo Resource { get; set; } = new();

    public ScopeInfo Scope { get; set; } = ScopeInfo.Unknown;

    /// <summary>Set by the normalizer when the record is a <c>gen_ai.evaluation.result</c> event.</summary>
    public EvaluationResultRecord? Evaluation { get; set; }
}
