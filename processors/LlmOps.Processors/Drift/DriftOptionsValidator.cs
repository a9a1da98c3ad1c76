using LlmOps.Processors.Configuration;

namespace LlmOps.Processors.Drift;

internal sealed class DriftOptionsValidator : IOptionsValidator<DriftOptions>
{
    public void Validate(DriftOptions options, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (options.BaselineWindow <= TimeSpan.Zero)
        {
            errors.Add("baseline_window", "must be positive");
        }

        if (options.CurrentWindow <= TimeSpan.Zero)
        {
            errors.Add("current_window", "must be positive");
        }

        if (options.MinSamples < 5)
        {
            errors.Add("min_samples", "must be at least 5");
        }

        if (options.Bins is < 2 or > 100)
        {
            errors.Add("bins", "must be between 2 and 100");
        }

        if (options.MinMethodsAgreeing is < 1 or > 4)
        {
            errors.Add("min_methods_agreeing", "must be between 1 and 4");
        }

        Range(errors, "ks_p_value", options.KsPValue, 0, 1);
        Range(errors, "ks_min_statistic", options.KsMinStatistic, 0, 1);
        Range(errors, "jensen_shannon_threshold", options.JensenShannonThreshold, 0, 1);
        Range(errors, "retrieval_min_coverage", options.RetrievalMinCoverage, 0, 1);
        Range(errors, "provider_change_min_share", options.ProviderChangeMinShare, 0, 1);
        Range(errors, "hallucination_min_change", options.HallucinationMinChange, 0, 1);
        Positive(errors, "psi_threshold", options.PsiThreshold);
        Positive(errors, "wasserstein_threshold", options.WassersteinThreshold);
        Positive(errors, "hallucination_z", options.HallucinationZ);
        Positive(errors, "context_relevance_t", options.ContextRelevanceT);
        if (options.Llm.Enabled && !Uri.TryCreate(options.Llm.Endpoint, UriKind.Absolute, out _))
        {
            errors.Add("llm.endpoint", $"'{options.Llm.Endpoint}' is not an absolute URL");
        }

        if (options.Llm.Timeout <= TimeSpan.Zero)
        {
            errors.Add("llm.timeout", "must be positive");
        }
    }

    private static void Range(ValidationErrors errors, string key, double v, double min, double max)
    {
        if (v < min || v > max)
        {
            errors.Add(key, $"must be between {min} and {max}");
        }
    }

    private static void Positive(ValidationErrors errors, string key, double v)
    {
        if (v <= 0)
        {
            errors.Add(key, "must be positive");
        }
    }
}
