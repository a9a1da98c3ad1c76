using System.Globalization;
using LlmOps.Processors.Evaluation.Scorers;
using Xunit.Abstractions;

namespace LlmOps.Processors.Tests.Evaluation;

[Trait("Category", "Accuracy")]
public sealed class SentimentAccuracyTests
{
    private readonly ITestOutputHelper _output;

    public SentimentAccuracyTests(ITestOutputHelper output) => _output = output;

    // Binary task (positive = rating > 0, negative < 0; the headline figures leave out the near-neutral texts with
    // |rating| < 0.5, as the data's README defines them, and a second assertion covers every non-zero rating):
    // SentimentScorer.Polarity never abstains. The 3-way compound figures (no-evidence texts counted wrong) are
    // kept as regression guards. Thresholds sit just under the measured values so a regression fails, and no higher
    // than the held-out half supports. Measured (|rating| >= 0.5): Amazon 83.1%, movie 79.7%, combined 80.5%; by
    // half (even-numbered lines 2, 4, ... tuned on / odd-numbered lines 1, 3, ... held out, never listed): Amazon
    // 82.8% / 83.5%, movie 80.2% / 79.2%, combined 80.8% / 80.2%. The 80% target is met on Amazon and on both files
    // combined, not on the movie file alone.
    [DataFact]
    public void Polarity_VaderAmazonReviews_BinaryAccuracyAtLeast82Percent()
    {
        var strict = Measure("amazonReviewSnippets_GroundTruth.txt", excludeNearNeutral: true);
        var all = Measure("amazonReviewSnippets_GroundTruth.txt", excludeNearNeutral: false);
        Assert.True(strict.Binary >= 0.82, $"Amazon binary accuracy (|rating| >= 0.5) {strict.Binary:P1} < 82%");
        Assert.True(all.Binary >= 0.77, $"Amazon binary accuracy (all non-zero ratings) {all.Binary:P1} < 77%");
        Assert.True(strict.Decided >= 0.86, $"Amazon decided accuracy (|rating| >= 0.5) {strict.Decided:P1} < 86%");
        Assert.True(strict.Overall >= 0.73, $"Amazon 3-way accuracy (|rating| >= 0.5) {strict.Overall:P1} < 73%");
    }

    [DataFact]
    public void Polarity_VaderMovieReviews_BinaryAccuracyAtLeast79Percent()
    {
        var strict = Measure("movieReviewSnippets_GroundTruth.txt", excludeNearNeutral: true);
        var all = Measure("movieReviewSnippets_GroundTruth.txt", excludeNearNeutral: false);
        Assert.True(strict.Binary >= 0.79, $"movie binary accuracy (|rating| >= 0.5) {strict.Binary:P1} < 79%");
        Assert.True(all.Binary >= 0.78, $"movie binary accuracy (all non-zero ratings) {all.Binary:P1} < 78%");
        Assert.True(strict.Decided >= 0.81, $"movie decided accuracy (|rating| >= 0.5) {strict.Decided:P1} < 81%");
        Assert.True(strict.Overall >= 0.75, $"movie 3-way accuracy (|rating| >= 0.5) {strict.Overall:P1} < 75%");
    }

    [DataFact]
    public void Polarity_VaderCombined_BinaryAccuracyAtLeast80Percent()
    {
        var amazon = Measure("amazonReviewSnippets_GroundTruth.txt", excludeNearNeutral: true);
        var movie = Measure("movieReviewSnippets_GroundTruth.txt", excludeNearNeutral: true);
        var combined = (double)(amazon.BinaryCorrect + movie.BinaryCorrect) / (amazon.Total + movie.Total);
        _output.WriteLine($"combined (|rating| >= 0.5): binary {amazon.BinaryCorrect + movie.BinaryCorrect}/{amazon.Total + movie.Total} = {combined:P1}");
        Assert.True(combined >= 0.80, $"combined binary accuracy (|rating| >= 0.5) {combined:P1} < 80%");
    }

    // The split kept while tuning: only the even-numbered lines (2, 4, ...; line numbers from 1) were looked at, and
    // their misclassified texts may be written out (LLMOPS_SENTIMENT_ERRORS names the file); the odd-numbered lines
    // (1, 3, ...) are the held-out estimate and are never listed.
    [DataFact]
    public void Polarity_VaderHeldOutHalf_CloseToDevelopmentHalf()
    {
        int devCorrect = 0, devTotal = 0, heldCorrect = 0, heldTotal = 0;
        var errors = Environment.GetEnvironmentVariable("LLMOPS_SENTIMENT_ERRORS");
        var list = new List<string>();
        foreach (var file in new[] { "amazonReviewSnippets_GroundTruth.txt", "movieReviewSnippets_GroundTruth.txt" })
        {
            var dev = Measure(file, excludeNearNeutral: true, half: 0, string.IsNullOrEmpty(errors) ? null : list);
            var held = Measure(file, excludeNearNeutral: true, half: 1);
            devCorrect += dev.BinaryCorrect;
            devTotal += dev.Total;
            heldCorrect += held.BinaryCorrect;
            heldTotal += held.Total;
        }

        if (!string.IsNullOrEmpty(errors))
        {
            File.WriteAllLines(errors, list);
        }

        var devAccuracy = (double)devCorrect / devTotal;
        var heldAccuracy = (double)heldCorrect / heldTotal;
        _output.WriteLine($"combined (|rating| >= 0.5): development half {devAccuracy:P1}, held-out half {heldAccuracy:P1}");
        Assert.True(heldAccuracy >= 0.80, $"combined held-out binary accuracy {heldAccuracy:P1} < 80%");
        Assert.True(devAccuracy - heldAccuracy <= 0.015, $"held-out half {heldAccuracy:P1} trails the development half {devAccuracy:P1} by more than 1.5 points");
    }

    private (double Overall, double Decided, double Binary, int BinaryCorrect, int Total) Measure(string file, bool excludeNearNeutral, int half = -1, List<string>? errors = null)
    {
        int total = 0, correct = 0, undecided = 0, positives = 0, binary = 0, number = 0;
        foreach (var line in File.ReadLines(SharedData.PathOf(Path.Combine("vader", file))))
        {
            number++;
            if (half >= 0 && number % 2 != half)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 3 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rating))
            {
                continue;
            }

            if (rating == 0 || (excludeNearNeutral && Math.Abs(rating) < 0.5))
            {
                continue;
            }

            var compound = SentimentScorer.Compound(fields[2]);
            total++;
            var right = (SentimentScorer.Polarity(fields[2]) > 0) == (rating > 0);
            binary += right ? 1 : 0;
            if (!right)
            {
                errors?.Add($"{file[..5]}\t{rating:+0.00;-0.00}\t{SentimentScorer.Compound(fields[2]):+0.00;-0.00;0}\t{fields[2]}");
            }

            positives += rating > 0 ? 1 : 0;
            if (compound == 0)
            {
                undecided++;
            }
            else if ((compound > 0) == (rating > 0))
            {
                correct++;
            }
        }

        var accuracy = (double)correct / total;
        var decided = (double)correct / (total - undecided);
        var part = half switch { 0 => ", even lines (development)", 1 => ", odd lines (held out)", _ => string.Empty };
        _output.WriteLine($"{file}{part} ({(excludeNearNeutral ? "|rating| >= 0.5" : "all non-zero ratings")}): binary {binary}/{total} = {(double)binary / total:P1}; 3-way overall {correct}/{total} = {accuracy:P1} (no-evidence texts counted wrong); decided {correct}/{total - undecided} = {decided:P1}; coverage {(double)(total - undecided) / total:P1}; {positives} positive");
        return (accuracy, decided, (double)binary / total, binary, total);
    }
}
