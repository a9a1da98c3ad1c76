using System.Text.Json;
using LlmOps.Processors.Evaluation.Scorers;
using Xunit.Abstractions;

namespace LlmOps.Processors.Tests.Evaluation;

[Trait("Category", "Accuracy")]
public sealed class GroundednessAccuracyTests
{
    private readonly ITestOutputHelper _output;

    public GroundednessAccuracyTests(ITestOutputHelper output) => _output = output;

    [DataFact]
    public void Score_HaluEvalPairs_RanksRightAnswerAboveHallucinatedForAtLeast80Percent()
    {
        var scorer = new GroundednessScorer();
        int pairs = 0, wins = 0, ties = 0;
        foreach (var line in File.ReadLines(SharedData.PathOf("halueval/qa_one-turn_data.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var knowledge = root.GetProperty("knowledge").GetString()!;
            var question = root.GetProperty("question").GetString()!;
            var right = scorer.Score(root.GetProperty("right_answer").GetString()!, [knowledge], question).Score;
            var wrong = scorer.Score(root.GetProperty("hallucinated_answer").GetString()!, [knowledge], question).Score;
            pairs++;
            if (right > wrong)
            {
                wins++;
            }
            else if (right == wrong)
            {
                ties++;
            }
        }

        var accuracy = (double)wins / pairs;
        _output.WriteLine($"HaluEval QA pairs: {pairs}; right > hallucinated: {wins} ({accuracy:P1}); ties: {ties} (counted as failures); ties as half: {(wins + (0.5 * ties)) / pairs:P1}");
        Assert.Equal(500, pairs);
        Assert.True(accuracy >= 0.80, $"pairwise accuracy {accuracy:P1} < 80%");
    }
}
