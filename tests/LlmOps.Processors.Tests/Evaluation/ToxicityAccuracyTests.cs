using System.Globalization;
using CsvHelper;
using LlmOps.Processors.Evaluation.Scorers;
using Xunit.Abstractions;

namespace LlmOps.Processors.Tests.Evaluation;

[Trait("Category", "Accuracy")]
public sealed class ToxicityAccuracyTests
{
    private readonly ITestOutputHelper _output;

    public ToxicityAccuracyTests(ITestOutputHelper output) => _output = output;

    [DataFact]
    public void Score_DavidsonSample_F1AtLeast80Percent()
    {
        var scorer = new ToxicityScorer();
        int tp = 0, fp = 0, tn = 0, fn = 0;
        using (var csv = CsvReader.FromFile(SharedData.PathOf("davidson/sample_600_dev.csv"), CsvReaderOptions.Default, FileOptions.None))
        {
            while (csv.Read())
            {
                var toxic = int.Parse(csv.GetString("class"), CultureInfo.InvariantCulture) is 0 or 1;
                var predicted = scorer.Score(csv.GetString("tweet")).Label == "toxic";
                (tp, fp, tn, fn) = (predicted, toxic) switch
                {
                    (true, true) => (tp + 1, fp, tn, fn),
                    (true, false) => (tp, fp + 1, tn, fn),
                    (false, false) => (tp, fp, tn + 1, fn),
                    _ => (tp, fp, tn, fn + 1),
                };
            }
        }

        var total = tp + fp + tn + fn;
        var accuracy = (double)(tp + tn) / total;
        var precision = (double)tp / (tp + fp);
        var recall = (double)tp / (tp + fn);
        var f1 = 2 * precision * recall / (precision + recall);
        _output.WriteLine($"Davidson sample ({total} tweets, toxic = class 0 or 1): accuracy {accuracy:P1}, precision {precision:P1}, recall {recall:P1}, F1 {f1:P1} (TP {tp}, FP {fp}, TN {tn}, FN {fn})");
        Assert.Equal(600, total);
        Assert.True(f1 >= 0.80, $"toxicity F1 {f1:P1} < 80%");
    }
}
