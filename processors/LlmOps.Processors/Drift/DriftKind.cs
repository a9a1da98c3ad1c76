namespace LlmOps.Processors.Drift;

internal enum DriftKind
{
    /// <summary>A score's distribution moved (PSI, Kolmogorov-Smirnov, Jensen-Shannon, Wasserstein).</summary>
    ScoreDistribution = 0,

    /// <summary>The share of answers scored as hallucinated changed (two-proportion z-test).</summary>
    HallucinationRate = 1,

    /// <summary>Mean context relevance fell below the baseline's.</summary>
    ContextRelevance = 2,

    /// <summary>Retrieved documents no longer overlap the baseline's.</summary>
    RetrievalOverlap = 3,

    /// <summary>For a fixed request model, responses come from another response model or system fingerprint.</summary>
    ProviderBehaviour = 4,
}
