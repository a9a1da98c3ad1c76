namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>
/// Picks the built-in scorer that stands in for a custom (LLM-judge) evaluator when no judge endpoint is configured
/// or the judge fails. The choice reads the evaluator's score name, then its template and guidelines:
/// hallucination → hallucination; grounded/faithful → groundedness; relevan → context_relevance; concise/brief/verbose → conciseness;
/// correct/accura/expected → correctness; toxic/offensive/safe → toxicity; pii/personal/privacy → pii_risk;
/// anything else → semantic_similarity (answer against the expected answer, else the question).
/// </summary>
internal static class DeterministicFallback
{
    private static readonly (string[] Keys, string Scorer)[] Rules =
    [
        (["hallucin"], "hallucination"),
        (["ground", "faithful", "support"], "groundedness"),
        (["relevan"], "context_relevance"),
        (["concise", "brief", "verbose", "length"], "conciseness"),
        (["correct", "accura", "expected", "exact"], "correctness"),
        (["toxic", "offensive", "harm", "safe"], "toxicity"),
        (["pii", "personal", "privacy"], "pii_risk"),
    ];

    public static string ScorerFor(EvaluatorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var text in new[] { definition.ScoreName, definition.Name, definition.Template + " " + definition.Guidelines })
        {
            var lower = text.ToLowerInvariant();
            foreach (var (keys, scorer) in Rules)
            {
                if (keys.Any(k => lower.Contains(k, StringComparison.Ordinal)))
                {
                    return scorer;
                }
            }
        }

        return "semantic_similarity";
    }
}
