using LlmOps.Processors.Configuration;

namespace LlmOps.Processors.Evaluation.Engine;

internal sealed class EvaluationOptionsValidator : IOptionsValidator<EvaluationOptions>
{
    public static readonly string[] KnownScorers =
        ["groundedness", "hallucination", "context_relevance", "conciseness", "correctness", "toxicity", "pii_risk", "bleu", "rouge_1", "rouge_2", "rouge_l", "semantic_similarity"];

    public void Validate(EvaluationOptions options, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (options.Workers < 0 || options.Workers > 64)
        {
            errors.Add("workers", "must be between 0 (one per core) and 64");
        }

        if (options.QueueCapacity < 1)
        {
            errors.Add("queue_capacity", "must be at least 1");
        }

        if (options.FlushInterval <= TimeSpan.Zero || options.FlushInterval > TimeSpan.FromSeconds(30))
        {
            errors.Add("flush_interval", "must be between 1ms and 30s (scores must reach the store within a minute)");
        }

        if (options.YieldToIngest < TimeSpan.Zero || options.YieldToIngest > TimeSpan.FromSeconds(1))
        {
            errors.Add("yield_to_ingest", "must be between 0 (never wait for ingest) and 1s");
        }

        if (options.MaxContentChars < 100)
        {
            errors.Add("max_content_chars", "must be at least 100");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Evaluators.Count; i++)
        {
            var e = options.Evaluators[i];
            var at = errors.At($"evaluators[{i}]");
            if (string.IsNullOrWhiteSpace(e.Id))
            {
                at.Add("id", "is required");
            }
            else if (!ids.Add(e.Id))
            {
                at.Add("id", $"'{e.Id}' is used twice");
            }

            if (e.Kind is not ("builtin" or "llm_judge"))
            {
                at.Add("kind", "must be builtin or llm_judge");
            }
            else if (e.Kind == "builtin" && Array.IndexOf(KnownScorers, e.Scorer) < 0)
            {
                at.Add("scorer", $"'{e.Scorer}' is not a built-in scorer (known: {string.Join(", ", KnownScorers)})");
            }
            else if (e.Kind == "llm_judge" && string.IsNullOrWhiteSpace(e.Template))
            {
                at.Add("template", "an LLM-judge evaluator needs a template");
            }

            if (e.SamplingRate is < 0 or > 1 || double.IsNaN(e.SamplingRate))
            {
                at.Add("sampling_rate", "must be between 0 and 1");
            }

            if (e.PassThreshold is < 0 or > 1)
            {
                at.Add("pass_threshold", "must be between 0 and 1");
            }
        }

        var judge = options.Judge;
        if (judge.IsConfigured && !Uri.TryCreate(judge.Endpoint, UriKind.Absolute, out _))
        {
            errors.Add("judge.endpoint", $"'{judge.Endpoint}' is not an absolute URL");
        }

        if (judge.Timeout <= TimeSpan.Zero)
        {
            errors.Add("judge.timeout", "must be positive");
        }

        if (judge.MaxRetries is < 0 or > 10)
        {
            errors.Add("judge.max_retries", "must be between 0 and 10");
        }
    }
}
