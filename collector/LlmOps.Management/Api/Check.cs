using System.Text.Json;
using System.Text.RegularExpressions;

namespace LlmOps.Management.Api;

/// <summary>Collects every problem of a request body, then throws one 400 listing them all.</summary>
internal sealed partial class Check
{
    private readonly List<string> _errors = [];

    public bool Ok => _errors.Count == 0;

    public void Fail(string field, string message) => _errors.Add($"{field}: {message}");

    public string Name(string? value, string field, int max = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(field, "is required");
            return string.Empty;
        }

        var v = value.Trim();
        if (v.Length > max)
        {
            Fail(field, $"must be at most {max} characters");
        }

        if (v.Contains('/', StringComparison.Ordinal) || v.Any(char.IsControl))
        {
            Fail(field, "must not contain '/' or control characters");
        }

        return v;
    }

    public string Required(string? value, string field, int max = 100_000)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(field, "is required");
            return string.Empty;
        }

        if (value.Length > max)
        {
            Fail(field, $"must be at most {max} characters");
        }

        return value;
    }

    public string Optional(string? value, string field, int max = 100_000)
    {
        if (value is not null && value.Length > max)
        {
            Fail(field, $"must be at most {max} characters");
        }

        return value ?? string.Empty;
    }

    public string OneOf(string? value, string field, IReadOnlyCollection<string> allowed, string? fallback = null)
    {
        var v = value ?? fallback;
        if (v is null || !allowed.Contains(v, StringComparer.Ordinal))
        {
            Fail(field, $"must be one of {string.Join(", ", allowed)}" + (v is null ? string.Empty : $" (got '{RequestReader.Truncate(v)}')"));
            return fallback ?? string.Empty;
        }

        return v;
    }

    public double Range(double? value, string field, double min, double max, double fallback)
    {
        var v = value ?? fallback;
        if (double.IsNaN(v) || v < min || v > max)
        {
            Fail(field, $"must be between {min} and {max}");
        }

        return v;
    }

    public long Range(long? value, string field, long min, long max, long fallback)
    {
        var v = value ?? fallback;
        if (v < min || v > max)
        {
            Fail(field, $"must be between {min} and {max}");
        }

        return v;
    }

    public string JsonObject(JsonElement? value, string field)
    {
        if (value is null || value.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return "{}";
        }

        if (value.Value.ValueKind != JsonValueKind.Object)
        {
            Fail(field, "must be a JSON object");
            return "{}";
        }

        return value.Value.GetRawText();
    }

    public string Label(string? value, string field)
    {
        if (value is null || !LabelPattern().IsMatch(value))
        {
            Fail(field, "must be 1-50 characters of a-z, 0-9, '_', '-', '.' starting with a letter or digit");
            return string.Empty;
        }

        if (value == "latest")
        {
            Fail(field, "'latest' is reserved (it always means the newest version)");
        }

        return value;
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw ApiProblemException.Validation(_errors);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,49}$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();
}
