using System.Text;
using System.Text.Json;
using LlmOps.Management.Api;

namespace LlmOps.Management.Datasets;

/// <summary>
/// Dataset import/export. CSV columns: <c>input</c> (required), <c>expected_output</c>, <c>context</c>,
/// <c>verification_status</c>, <c>metadata</c> (a JSON object); any other column lands in metadata. JSON: an array of
/// items (or <c>{"items": [...]}</c>) with camelCase fields.
/// </summary>
internal static class DatasetCodec
{
    private static readonly string[] KnownColumns = ["input", "expected_output", "context", "verification_status", "metadata"];

    public static List<DatasetItemRequest> ParseCsv(string text)
    {
        List<List<string>> rows;
        try
        {
            rows = CsvCodec.Parse(text);
        }
        catch (FormatException e)
        {
            throw ApiProblemException.BadRequest($"the CSV is malformed: {e.Message}");
        }

        if (rows.Count == 0)
        {
            throw ApiProblemException.BadRequest("the CSV is empty: expected a header row with at least an 'input' column");
        }

        var header = rows[0].Select(h => Normalize(h)).ToList();
        if (!header.Contains("input"))
        {
            throw ApiProblemException.BadRequest("the CSV header has no 'input' column");
        }

        var duplicates = header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw ApiProblemException.BadRequest($"the CSV header repeats column(s) {string.Join(", ", duplicates)}");
        }

        var items = new List<DatasetItemRequest>();
        var errors = new List<string>();
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Count != header.Count)
            {
                errors.Add($"rows[{r + 1}]: has {row.Count} fields, the header has {header.Count}");
                continue;
            }

            var item = new DatasetItemRequest();
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            JsonElement? metadata = null;
            for (var c = 0; c < header.Count; c++)
            {
                var v = CsvCodec.RestoreFormulaCell(row[c]);
                switch (header[c])
                {
                    case "input": item.Input = v; break;
                    case "expected_output": item.ExpectedOutput = v.Length == 0 ? null : v; break;
                    case "context": item.Context = v.Length == 0 ? null : v; break;
                    case "verification_status": item.VerificationStatus = v.Length == 0 ? null : v; break;
                    case "metadata":
                        if (v.Length > 0)
                        {
                            try
                            {
                                metadata = JsonText.Element(v);
                            }
                            catch (JsonException)
                            {
                                errors.Add($"rows[{r + 1}].metadata: is not valid JSON");
                            }
                        }

                        break;
                    default: extra[header[c]] = v; break;
                }
            }

            if (extra.Count > 0)
            {
                var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (metadata is { ValueKind: JsonValueKind.Object } m)
                {
                    foreach (var p in m.EnumerateObject())
                    {
                        merged[p.Name] = p.Value;
                    }
                }

                foreach (var kv in extra)
                {
                    merged[kv.Key] = kv.Value;
                }

                metadata = JsonText.Element(JsonText.Serialize(merged));
            }

            item.Metadata = metadata;
            items.Add(item);
        }

        if (errors.Count > 0)
        {
            throw ApiProblemException.Validation(errors);
        }

        return items;
    }

    public static List<DatasetItemRequest> ParseJson(string text)
    {
        JsonElement root;
        try
        {
            root = JsonText.Element(text);
        }
        catch (JsonException e)
        {
            throw ApiProblemException.BadRequest($"the JSON is malformed{RequestReader.JsonError(e)}");
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var inner))
        {
            root = inner;
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            throw ApiProblemException.BadRequest("expected a JSON array of items (or an object with an 'items' array)");
        }

        var items = new List<DatasetItemRequest>();
        var errors = new List<string>();
        var i = 0;
        foreach (var e in root.EnumerateArray())
        {
            try
            {
                items.Add(e.Deserialize<DatasetItemRequest>(RequestReader.Json) ?? throw new JsonException("null item"));
            }
            catch (JsonException ex)
            {
                errors.Add($"items[{i}]{RequestReader.JsonError(ex)}");
            }

            i++;
        }

        if (errors.Count > 0)
        {
            throw ApiProblemException.Validation(errors);
        }

        return items;
    }

    public static string ToCsv(IEnumerable<DatasetItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var sb = new StringBuilder();
        CsvCodec.AppendRow(sb, KnownColumns);
        foreach (var item in items)
        {
            CsvCodec.AppendRow(sb, [item.Input, item.ExpectedOutput, item.Context, item.VerificationStatus, item.Metadata.GetRawText()]);
        }

        return sb.ToString();
    }

    public static string ToJson(IEnumerable<DatasetItem> items) =>
        JsonSerializer.Serialize(
            items.Select(i => new { input = i.Input, expectedOutput = i.ExpectedOutput, context = i.Context, verificationStatus = i.VerificationStatus, metadata = i.Metadata }),
            RequestReader.Json);

    private static string Normalize(string header)
    {
        var h = header.Trim().ToLowerInvariant();
        return h switch
        {
            "expectedoutput" or "expected" => "expected_output",
            "verificationstatus" or "status" => "verification_status",
            _ => h,
        };
    }
}
