namespace LlmOps.Processors.Alerts;

/// <summary>The measured quantity an alert rule compares with its threshold.</summary>
internal enum AlertSignal
{
    /// <summary>Mean context-relevance score in the window.</summary>
    ContextRelevance = 0,

    /// <summary>Cost in USD summed over the window.</summary>
    CostUsd = 1,

    /// <summary>95th percentile of GenAI request duration in seconds.</summary>
    LatencyP95 = 2,

    /// <summary>Failed GenAI requests ÷ GenAI requests.</summary>
    ErrorRate = 3,

    /// <summary>Answers scored as hallucinated ÷ answers scored for hallucination.</summary>
    HallucinationRate = 4,
}
