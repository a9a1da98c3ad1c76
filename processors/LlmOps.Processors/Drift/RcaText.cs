using System.Globalization;

namespace LlmOps.Processors.Drift;

/// <summary>The deterministic root-cause text: at most two sentences, the second one actionable.</summary>
internal static class RcaText
{
    public static string Label(string dimension) => dimension switch
    {
        RcaDimensions.Model => "model",
        RcaDimensions.PromptVersion => "prompt version",
        RcaDimensions.Retrieval => "retrieval setting",
        RcaDimensions.DataSource => "data source",
        RcaDimensions.UserSegment => "user segment",
        _ => dimension,
    };

    /// <summary>One actionable recommendation per dimension.</summary>
    public static string Recommendation(string dimension, string value) => dimension switch
    {
        RcaDimensions.Model => $"Pin the previous model instead of '{value}' (or roll the deployment back) and re-run the evaluation dataset before switching again.",
        RcaDimensions.PromptVersion => $"Roll the prompt label back from version '{value}' to the previous version in the prompt registry.",
        RcaDimensions.Retrieval => $"Restore the previous retrieval settings instead of '{value}' and re-index the embeddings if the embedding model changed.",
        RcaDimensions.DataSource => $"Re-index the embeddings of data source '{value}' and check its recent content changes.",
        RcaDimensions.UserSegment => $"Review the conversations of user segment '{value}' and add them to the evaluation dataset before changing the prompt for everyone.",
        _ => "Re-run the evaluation dataset against the current deployment to confirm the change before acting.",
    };

    /// <summary>
    /// The cause and what to do, without the figures that change from one evaluation to the next: the
    /// <c>summary</c> label of <c>llmops_drift_rca_info</c>, which must stay the same while the cause does (a label
    /// holding the moving figures made a new series every evaluation).
    /// </summary>
    public static string Summary(RootCause cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        if (cause.Dimension is "none" or "" || string.IsNullOrEmpty(cause.Value))
        {
            return "Spread evenly across models, prompt versions, retrieval settings, data sources and user segments. " + Recommendation(string.Empty, string.Empty);
        }

        var what = cause.NewValue ? " is new in the current window and" : string.Empty;
        var label = Label(cause.Dimension);
        return $"{char.ToUpperInvariant(label[0])}{label[1..]} '{cause.Value}'{what} explains most of the change. " + Recommendation(cause.Dimension, cause.Value);
    }

    public static string Write(string subject, double baseline, double current, bool percent, RcaCandidate? cause)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var b = Format(baseline, percent);
        var c = Format(current, percent);
        if (cause is null)
        {
            return $"{subject} moved from {b} to {c} evenly across models, prompt versions, retrieval settings, data sources and user segments. "
                + Recommendation(string.Empty, string.Empty);
        }

        var share = (cause.ExplainedShare * 100).ToString("0", CultureInfo.InvariantCulture);
        var what = cause.NewValue ? "is new in the current window and explains" : "explains";
        return $"{subject} moved from {b} to {c}; {Label(cause.Dimension)} '{cause.Value}' {what} about {share}% of the change. "
            + Recommendation(cause.Dimension, cause.Value);
    }

    /// <summary>For a window without an earlier one: the cause is the slice that stands out from the rest of the traffic.</summary>
    public static string WriteWithoutBaseline(string subject, double current, bool percent, RcaCandidate? cause)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var c = Format(current, percent);
        if (cause is null)
        {
            return $"{subject} is {c} with no earlier window to compare, spread evenly across models and prompt versions. " + Recommendation(string.Empty, string.Empty);
        }

        var share = (cause.ExplainedShare * 100).ToString("0", CultureInfo.InvariantCulture);
        return $"{subject} is {c} with no earlier window to compare; {Label(cause.Dimension)} '{cause.Value}' accounts for about {share}% of the excess over the rest of the traffic. "
            + Recommendation(cause.Dimension, cause.Value);
    }

    private static string Format(double v, bool percent) =>
        percent ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : v.ToString("0.###", CultureInfo.InvariantCulture);
}
