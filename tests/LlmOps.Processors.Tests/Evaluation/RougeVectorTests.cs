using System.Text.Json;
using LlmOps.Processors.Evaluation.Scorers;

namespace LlmOps.Processors.Tests.Evaluation;

public sealed class RougeVectorTests
{
    private const string File = "rouge_vectors.json";

    public static IEnumerable<object[]> Cases => VectorCases.Rows(File);

    [DataTheory]
    [MemberData(nameof(Cases))]
    public void Score_RougeVector_MatchesReference(int index, string description)
    {
        Assert.False(string.IsNullOrEmpty(description));
        var c = VectorCases.Case(File, index);
        var group = c.GetProperty("group").GetString();
        switch (group)
        {
            case "toy":
                {
                    var type = c.GetProperty("rouge_type").GetString()!;
                    var target = c.GetProperty("target").GetString()!;
                    var prediction = c.GetProperty("prediction").GetString()!;
                    var scorer = new RougeScorer();
                    AssertScore(c, Score(scorer, type, target, prediction));
                    if (prediction.Length == 0)
                    {
                        // The reference asserts the same zero result for every ROUGE type on an empty prediction.
                        foreach (var other in new[] { "rouge1", "rouge2", "rougeL", "rougeLsum" })
                        {
                            AssertScore(c, Score(scorer, other, target, prediction));
                        }
                    }

                    break;
                }

            case "rouge155":
                {
                    var type = c.GetProperty("rouge_type").GetString()!;
                    var scorer = new RougeScorer(c.GetProperty("use_stemmer").GetBoolean());
                    var target = ReadText(c.GetProperty("target_file").GetString()!);
                    var prediction = ReadText(c.GetProperty("prediction_file").GetString()!);
                    if (c.GetProperty("line_index").ValueKind == JsonValueKind.Number)
                    {
                        var line = c.GetProperty("line_index").GetInt32();
                        target = target.Split('\n')[line];
                        prediction = prediction.Split('\n')[line];
                    }

                    AssertScore(c, Score(scorer, type, target, prediction));
                    break;
                }

            case "lcs":
                AssertLcs(c);
                break;
            default:
                Assert.Fail($"unknown ROUGE vector group {group}");
                break;
        }
    }

    private static void AssertLcs(JsonElement c)
    {
        if (c.TryGetProperty("expected_length", out var length))
        {
            var reference = VectorCases.Ints(c.GetProperty("ref"));
            var candidate = VectorCases.Ints(c.GetProperty("can"));
            Assert.Equal(length.GetInt32(), RougeScorer.LcsLength(reference, candidate));
            var values = RougeScorer.LcsIndices(reference, candidate).Select(i => reference[i]).ToArray();
            Assert.Equal(VectorCases.Ints(c.GetProperty("expected_lcs_values")), values);
        }
        else if (c.TryGetProperty("expected_union", out var union))
        {
            var reference = VectorCases.Ints(c.GetProperty("ref"));
            var candidates = c.GetProperty("cans").EnumerateArray().Select(VectorCases.Ints).ToArray();
            Assert.Equal(VectorCases.Ints(union), RougeScorer.UnionLcs(reference, candidates));
        }
        else
        {
            var refs = c.GetProperty("refs").EnumerateArray().Select(VectorCases.Ints).ToArray();
            var cans = c.GetProperty("cans").EnumerateArray().Select(VectorCases.Ints).ToArray();
            AssertScore(c, RougeScorer.SummaryLevelLcs(refs, cans));
        }
    }

    private static RougeScore Score(RougeScorer scorer, string type, string target, string prediction) => type switch
    {
        "rouge1" => scorer.RougeN(target, prediction, 1),
        "rouge2" => scorer.RougeN(target, prediction, 2),
        "rougeL" => scorer.RougeL(target, prediction),
        "rougeLsum" => scorer.RougeLsum(target, prediction),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown ROUGE type"),
    };

    private static void AssertScore(JsonElement c, RougeScore actual)
    {
        var places = c.TryGetProperty("places", out var p) ? p.GetInt32() : 7;

        // assertAlmostEqual(places=p): the difference rounds to zero at p decimal places.
        var tolerance = 0.5 * Math.Pow(10, -places);
        Assert.InRange(actual.Precision, c.GetProperty("precision").GetDouble() - tolerance, c.GetProperty("precision").GetDouble() + tolerance);
        Assert.InRange(actual.Recall, c.GetProperty("recall").GetDouble() - tolerance, c.GetProperty("recall").GetDouble() + tolerance);
        Assert.InRange(actual.FMeasure, c.GetProperty("fmeasure").GetDouble() - tolerance, c.GetProperty("fmeasure").GetDouble() + tolerance);
    }

    private static string ReadText(string relative) =>
        System.IO.File.ReadAllText(SharedData.PathOf(Path.Combine("bleu_rouge", relative)));
}
