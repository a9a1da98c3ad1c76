using System.Globalization;
using LlmOps.Processors.Evaluation.Scorers;
using Xunit.Abstractions;

namespace LlmOps.Processors.Tests.Evaluation;

[Trait("Category", "Accuracy")]
public sealed class SimilarityAccuracyTests
{
    private readonly ITestOutputHelper _output;

    public SimilarityAccuracyTests(ITestOutputHelper output) => _output = output;

    [DataFact]
    public void Similarity_StsBenchmarkDev_PearsonAtLeast60Percent()
    {
        var gold = new List<double>();
        var predicted = new List<double>();
        foreach (var line in File.ReadLines(SharedData.PathOf("sts/sts-test.dev.csv")))
        {
            var fields = line.Split('\t');
            if (fields.Length < 7 || !double.TryParse(fields[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
            {
                continue;
            }

            gold.Add(score);
            predicted.Add(SemanticSimilarityScorer.Similarity(fields[5], fields[6]));
        }

        var pearson = Statistics.Pearson(gold, predicted);
        var spearman = Statistics.Spearman(gold, predicted);
        _output.WriteLine($"STS benchmark dev ({gold.Count} pairs): Pearson {pearson:F3}, Spearman {spearman:F3}");
        Assert.Equal(690, gold.Count);
        Assert.True(pearson >= 0.60, $"Pearson {pearson:F3} < 0.60");
        Assert.True(spearman >= 0.58, $"Spearman {spearman:F3} < 0.58");
    }
}
