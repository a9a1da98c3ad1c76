using LlmOps.Processors.Evaluation.Scorers;
using LlmOps.Processors.Guardrails;

namespace LlmOps.Processors.Evaluation.Adapters;

/// <summary>The guardrails' PII detector: the deterministic detector with confidence mapped to 0..1 (low .33, medium .67, high 1).</summary>
internal sealed class PiiDetectorAdapter : IPiiDetector
{
    private readonly PiiDetector _detector = new(PiiConfidence.Low);

    public IReadOnlyList<PiiFinding> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = _detector.Detect(text);
        var result = new PiiFinding[spans.Count];
        for (var i = 0; i < spans.Count; i++)
        {
            var s = spans[i];
            result[i] = new PiiFinding(s.Start, s.End, s.Label, (int)s.Confidence / 3.0);
        }

        return result;
    }
}
