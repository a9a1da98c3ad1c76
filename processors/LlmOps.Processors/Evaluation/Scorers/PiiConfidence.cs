namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>How sure the detector is that a span is the stated kind of personal data.</summary>
internal enum PiiConfidence
{
    /// <summary>Shape only (e.g. two space-separated digit groups with no phone wording nearby).</summary>
    Low = 1,

    /// <summary>Right shape plus a supporting cue (a separator pattern, a prefix, nearby wording) but no checksum.</summary>
    Medium = 2,

    /// <summary>Validated: checksum passes (Luhn, mod-97), or an unambiguous format (e-mail, IP address).</summary>
    High = 3,
}
