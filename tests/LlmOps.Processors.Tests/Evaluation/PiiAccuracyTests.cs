using System.Text.Json;
using LlmOps.Processors.Evaluation.Scorers;
using Xunit.Abstractions;

namespace LlmOps.Processors.Tests.Evaluation;

[Trait("Category", "Accuracy")]
public sealed class PiiAccuracyTests
{
    private static readonly (PiiType Type, string Label)[] Measured =
    [
        (PiiType.Email, "EMAIL_ADDRESS"),
        (PiiType.Phone, "PHONE_NUMBER"),
        (PiiType.CreditCard, "CREDIT_CARD"),
        (PiiType.IpAddress, "IP_ADDRESS"),
        (PiiType.Iban, "IBAN_CODE"),
    ];

    private readonly ITestOutputHelper _output;

    public PiiAccuracyTests(ITestOutputHelper output) => _output = output;

    [DataFact]
    public void Detect_PresidioSynthetic_RecallAtLeast90PercentPerRequiredType()
    {
        var sentences = Load();
        var detector = new PiiDetector();
        var detected = sentences.Select(s => detector.Detect(s.Text)).ToList();
        _output.WriteLine($"Presidio synth dev: {sentences.Count} sentences; detector policy: minimum confidence {detector.MinimumConfidence}");
        int allHit = 0, allLabelled = 0;
        var recalls = new Dictionary<string, double>();
        foreach (var (type, label) in Measured)
        {
            int labelled = 0, hit = 0, reported = 0, correct = 0;
            var missed = new List<string>();
            for (var i = 0; i < sentences.Count; i++)
            {
                var gold = sentences[i].Spans.Where(s => s.Type == label).ToList();
                var found = detected[i].Where(d => d.Type == type).ToList();
                labelled += gold.Count;
                hit += gold.Count(g => found.Any(d => Overlaps(d, g)));
                missed.AddRange(gold.Where(g => !found.Any(d => Overlaps(d, g))).Select(g => g.Value));
                reported += found.Count;
                correct += found.Count(d => gold.Any(g => Overlaps(d, g)));
            }

            var recall = labelled == 0 ? 1 : (double)hit / labelled;
            var precision = reported == 0 ? 1 : (double)correct / reported;
            recalls[label] = recall;
            if (label != "IBAN_CODE")
            {
                allHit += hit;
                allLabelled += labelled;
            }

            _output.WriteLine($"  {label,-14} recall {hit}/{labelled} = {recall:P1}   precision {correct}/{reported} = {precision:P1}{(missed.Count > 0 ? "   missed: " + string.Join(" | ", missed.Take(6)) : string.Empty)}");
        }

        _output.WriteLine($"  required four types together: recall {allHit}/{allLabelled} = {(double)allHit / allLabelled:P1}");
        ReportLuhnPolicy(sentences);
        foreach (var label in new[] { "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IP_ADDRESS" })
        {
            Assert.True(recalls[label] >= 0.90, $"{label} recall {recalls[label]:P1} < 90%");
        }
    }

    private void ReportLuhnPolicy(List<Sentence> sentences)
    {
        var gold = sentences.SelectMany(s => s.Spans.Where(g => g.Type == "CREDIT_CARD")).ToList();
        var luhn = gold.Count(g => PiiDetector.PassesLuhn(g.Value));
        _output.WriteLine($"  CREDIT_CARD labelled values passing Luhn: {luhn}/{gold.Count}");
        foreach (var minimum in new[] { PiiConfidence.High, PiiConfidence.Medium, PiiConfidence.Low })
        {
            var detector = new PiiDetector(minimum);
            int hit = 0;
            foreach (var s in sentences)
            {
                var found = detector.Detect(s.Text).Where(d => d.Type == PiiType.CreditCard).ToList();
                hit += s.Spans.Count(g => g.Type == "CREDIT_CARD" && found.Any(d => Overlaps(d, g)));
            }

            _output.WriteLine($"  CREDIT_CARD recall with minimum confidence {minimum} ({(minimum == PiiConfidence.High ? "Luhn required" : "Luhn not required")}): {hit}/{gold.Count} = {(double)hit / gold.Count:P1}");
        }
    }

    private static bool Overlaps(PiiSpan d, GoldSpan g) => d.Start < g.End && g.Start < d.End;

    private static List<Sentence> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("presidio/synth_dataset_v2.dev.json")));
        var result = new List<Sentence>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var spans = item.GetProperty("spans").EnumerateArray()
                .Select(s => new GoldSpan(
                    s.GetProperty("entity_type").GetString()!,
                    s.GetProperty("entity_value").GetString()!,
                    s.GetProperty("start_position").GetInt32(),
                    s.GetProperty("end_position").GetInt32()))
                .ToList();
            result.Add(new Sentence(item.GetProperty("full_text").GetString()!, spans));
        }

        return result;
    }

    private sealed record GoldSpan(string Type, string Value, int Start, int End);

    private sealed record Sentence(string Text, List<GoldSpan> Spans);
}
