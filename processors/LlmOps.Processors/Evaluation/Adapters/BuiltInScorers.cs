using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Evaluation.Scorers;

namespace LlmOps.Processors.Evaluation.Adapters;

/// <summary>
/// The built-in scorers the evaluation engine runs, by name. Each says what it needs: groundedness and context
/// relevance need retrieved context; correctness, BLEU, ROUGE and similarity need an expected answer
/// (<c>llmops.expected_output</c> or a dataset item); the others need only the answer.
/// </summary>
internal static class BuiltInScorers
{
    public static IReadOnlyList<IScorer> Create()
    {
        var groundedness = new GroundednessScorer();
        var relevance = new ContextRelevanceScorer();
        var conciseness = new ConcisenessScorer();
        var correctness = new CorrectnessScorer();
        var toxicity = new ToxicityScorer();
        var pii = new PiiDetector();
        var bleu = new BleuScorer();
        var rouge = new RougeScorer(useStemmer: true);
        var similarity = new SemanticSimilarityScorer();
        return
        [
            new ResultScorer("groundedness", i => Has(i.Answer) && i.ContextChunks.Count > 0 ? groundedness.Score(i.AnswerAnalysis!, i.ContextAnalyses, i.QuestionAnalysis) : null),
            new ResultScorer("hallucination", i => Has(i.Answer) && i.ContextChunks.Count > 0 ? Invert("hallucination", groundedness.Score(i.AnswerAnalysis!, i.ContextAnalyses, i.QuestionAnalysis)) : null),
            new ResultScorer("context_relevance", i => Has(i.Question) && i.ContextChunks.Count > 0 ? relevance.Score(i.QuestionAnalysis!, i.ContextAnalyses) : null),
            new ResultScorer("conciseness", i => Has(i.Answer) ? conciseness.Score(i.AnswerAnalysis!, i.QuestionAnalysis) : null),
            new ResultScorer("correctness", i => Has(i.Answer) && Has(i.Expected) ? correctness.Score(i.Answer!, i.Expected!) : null),
            new ResultScorer("toxicity", i => Has(i.Answer) ? toxicity.Score(i.AnswerAnalysis!) : null),
            new ResultScorer("pii_risk", i => Has(i.Answer) ? pii.Evaluate(i.Answer!) : null),
            new ResultScorer("bleu", i => Has(i.Answer) && Has(i.Expected) ? bleu.Evaluate(i.Answer!, i.Expected!) : null),
            new ResultScorer("rouge_1", i => Has(i.Answer) && Has(i.Expected) ? Rouge("rouge_1", rouge.RougeN(i.Expected!, i.Answer!, 1)) : null),
            new ResultScorer("rouge_2", i => Has(i.Answer) && Has(i.Expected) ? Rouge("rouge_2", rouge.RougeN(i.Expected!, i.Answer!, 2)) : null),
            new ResultScorer("rouge_l", i => Has(i.Answer) && Has(i.Expected) ? Rouge("rouge_l", rouge.RougeL(i.Expected!, i.Answer!)) : null),
            new ResultScorer("semantic_similarity", i => Has(i.Answer) ? similarity.Score(i.Answer!, i.Expected ?? i.Question ?? string.Empty) : null),
        ];
    }

    private static bool Has(string? s) => !string.IsNullOrWhiteSpace(s);

    /// <summary>Hallucination is the complement of groundedness: 1 means nothing in the answer is supported.</summary>
    private static EvaluationResult Invert(string name, EvaluationResult grounded) =>
        new(name, 1 - grounded.Score, grounded.Label switch { "grounded" => "supported", "hallucinated" => "hallucinated", var l => l }, grounded.Explanation);

    private static EvaluationResult Rouge(string name, RougeScore s) =>
        new(name, s.FMeasure, s.FMeasure >= 0.5 ? "similar" : "different", $"F1 {s.FMeasure:0.000} (precision {s.Precision:0.000}, recall {s.Recall:0.000})");
}
