namespace LlmOps.Processors.Alerts;

/// <summary>How a <see cref="AlertRuleKind.Threshold"/> rule compares its signal with the threshold (YAML: <c>gt</c>, ...).</summary>
internal enum AlertComparison
{
    /// <summary>Value above the threshold.</summary>
    Gt = 0,

    /// <summary>Value at or above the threshold.</summary>
    Gte = 1,

    /// <summary>Value below the threshold.</summary>
    Lt = 2,

    /// <summary>Value at or below the threshold.</summary>
    Lte = 3,

    /// <summary>Value equal to the threshold (within 1e-9 relative).</summary>
    Eq = 4,
}
