using System.Text.Json;

namespace LlmOps.Processors.Tests.Evaluation;

/// <summary>Loads the reference-implementation test vectors in shared/data/bleu_rouge as theory rows.</summary>
internal static class VectorCases
{
    public static IEnumerable<object[]> Rows(string file)
    {
        if (!SharedData.IsAvailable)
        {
            // The theory is skipped (DataTheory); one placeholder row keeps discovery valid.
            yield return [-1, "data absent"];
            yield break;
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf(Path.Combine("bleu_rouge", file))));
        var index = 0;
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var metric = c.TryGetProperty("metric", out var m) ? m.GetString() : c.GetProperty("group").GetString();
            var group = c.GetProperty("group").GetString();
            var kind = c.TryGetProperty("rouge_type", out var rt) ? rt.GetString() : c.TryGetProperty("what", out var w) ? w.GetString() : string.Empty;
            yield return [index++, $"{metric}/{group}/{kind}"];
        }
    }

    public static JsonElement Case(string file, int index)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf(Path.Combine("bleu_rouge", file))));
        return doc.RootElement.GetProperty("cases")[index].Clone();
    }

    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];

    public static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    public static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    public static string? OptionalString(JsonElement c, string name) =>
        c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static double? OptionalDouble(JsonElement c, string name) =>
        c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
