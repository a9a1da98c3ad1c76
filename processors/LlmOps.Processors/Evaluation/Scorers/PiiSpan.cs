namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>A detected personal-data span: [Start, End) offsets into the scanned text.</summary>
internal readonly record struct PiiSpan(int Start, int End, PiiType Type, PiiConfidence Confidence)
{
    public int Length => End - Start;

    /// <summary>The label used in redactions and telemetry, e.g. <c>EMAIL</c>, <c>CREDIT_CARD</c>.</summary>
    public string Label => PiiDetector.LabelOf(Type);
}
