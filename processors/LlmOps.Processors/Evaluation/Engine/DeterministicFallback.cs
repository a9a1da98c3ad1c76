using System.Runtime.CompilerServices;

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

    // The choice is asked for on every span an evaluator scores; lower-casing its template each time made this the
    // largest single source of garbage while scoring. It is kept per definition and recomputed when one of the texts
    // it was made from is replaced (the registry loads new definitions on change).
    private static readonly ConditionalWeakTable<EvaluatorDefinition, Choice> Chosen = new();

    public static string ScorerFor(EvaluatorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Chosen.TryGetValue(definition, out var known) && known.MadeFrom(definition))
        {
            return known.Scorer;
        }

        var choice = new Choice(definition, Choose(definition));
        Chosen.AddOrUpdate(definition, choice);
        return choice.Scorer;
    }

    private static string Choose(EvaluatorDefinition definition)
    {
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

    private sealed class Choice(EvaluatorDefinition from, string scorer)
    {
        private readonly string _scoreName = from.ScoreName;
        private readonly string _name = from.Name;
        private readonly string _template = from.Template;
        private readonly string _guidelines = from.Guidelines;

        public string Scorer { get; } = scorer;

        public bool MadeFrom(EvaluatorDefinition d) =>
            ReferenceEquals(d.ScoreName, _scoreName) && ReferenceEquals(d.Name, _name)
            && ReferenceEquals(d.Template, _template) && ReferenceEquals(d.Guidelines, _guidelines);
    }
}
