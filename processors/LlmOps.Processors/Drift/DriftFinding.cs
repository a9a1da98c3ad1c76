namespace LlmOps.Processors.Drift;

/// <summary>One comparison of the current window with the baseline, and its verdict.</summary>
internal sealed class DriftFinding
{
    public DriftKind Kind { get; init; }

    /// <summary>The score compared ("*" for provider behaviour and retrieval).</summary>
    public string ScoreName { get; init; } = "*";

    /// <summary>The model slice, or "*" for all.</summary>
    public string Model { get; init; } = "*";

    /// <summary>The prompt version slice, or "*" for all.</summary>
    public string PromptVersion { get; init; } = "*";

    public int BaselineCount { get; init; }

    public int CurrentCount { get; init; }

    /// <summary>The compared quantity (mean score, rate, coverage, share) in each window.</summary>
    public double BaselineValue { get; init; }

    public double CurrentValue { get; init; }

    /// <summary>Method name → value (psi, ks, ks_p_value, jensen_shannon, wasserstein, z, t, coverage, jaccard, unseen_share).</summary>
    public Dictionary<string, double> Statistics { get; } = new(StringComparer.Ordinal);

    public bool Detected { get; init; }

    /// <summary>How far past its thresholds the finding is (≥ 1 when detected); ranks findings.</summary>
    public double Severity { get; init; }

    public RootCause? RootCause { get; set; }
}
