namespace LlmOps.Processors.Drift;

/// <summary>Windows and thresholds of drift detection (config section <c>drift</c>).</summary>
internal sealed class DriftOptions
{
    /// <summary>How far back the baseline window reaches (it ends where the current window starts).</summary>
    public TimeSpan BaselineWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The current window, ending now.</summary>
    public TimeSpan CurrentWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Fewest samples in each window for a comparison to be made.</summary>
    public int MinSamples { get; set; } = 50;

    public int Bins { get; set; } = 10;

    /// <summary>
    /// PSI threshold. This threshold, and the Jensen-Shannon and Wasserstein thresholds, are floors: with small
    /// windows each is raised to 3.5 times its expected value when nothing changed.
    /// </summary>
    public double PsiThreshold { get; set; } = 0.1;

    /// <summary>KS counts as a vote when its p-value is at most this and its statistic at least <see cref="KsMinStatistic"/>.</summary>
    public double KsPValue { get; set; } = 0.001;

    public double KsMinStatistic { get; set; } = 0.08;

    /// <summary>Jensen-Shannon divergence in bits.</summary>
    public double JensenShannonThreshold { get; set; } = 0.01;

    /// <summary>Wasserstein-1 distance in score units.</summary>
    public double WassersteinThreshold { get; set; } = 0.02;

    /// <summary>How many of the four distribution methods must agree for a score drift.</summary>
    public int MinMethodsAgreeing { get; set; } = 2;

    /// <summary>Also compare each (score × model × prompt version) slice, not only each score overall.</summary>
    public bool PerSlice { get; set; } = true;

    public string HallucinationScoreName { get; set; } = "hallucination";

    /// <summary>A hallucination score at or above this counts as a hallucination.</summary>
    public double HallucinationThreshold { get; set; } = 0.5;

    public double HallucinationZ { get; set; } = 3.5;

    /// <summary>Smallest absolute change of the hallucination rate that counts.</summary>
    public double HallucinationMinChange { get; set; } = 0.03;

    public string ContextRelevanceScoreName { get; set; } = "context_relevance";

    /// <summary>Smallest fall of mean context relevance that counts (also needs Welch's t ≤ −<see cref="ContextRelevanceT"/>).</summary>
    public double ContextRelevanceMaxDrop { get; set; } = 0.03;

    public double ContextRelevanceT { get; set; } = 4;

    /// <summary>Retrieval drifts when fewer than this share of current retrieved documents were retrieved in the baseline.</summary>
    public double RetrievalMinCoverage { get; set; } = 0.9;

    /// <summary>Provider behaviour drifts when at least this share of a request model's current responses carry an unseen response model or fingerprint.</summary>
    public double ProviderChangeMinShare { get; set; } = 0.1;

    /// <summary>Slices with fewer baseline items than this use the overall baseline as their reference in RCA.</summary>
    public int RcaMinSlice { get; set; } = 10;

    public RcaLlmOptions Llm { get; set; } = new();
}
