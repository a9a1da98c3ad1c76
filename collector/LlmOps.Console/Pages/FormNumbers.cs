using System.Globalization;

namespace LlmOps.Ui.Pages;

/// <summary>
/// Numbers typed into the console's forms, read the same way on every page: invariant culture, finite only, and each
/// field that does not parse as a message naming the field by its label. Handlers take these fields as text: bound to
/// <c>double</c> or <c>long</c>, "abc" became 0 (a rule firing on every value, an evaluator sampling nothing) and
/// <c>NaN</c>, <c>Infinity</c> or <c>1e400</c> reached a JSON body that cannot carry them (HTTP 500).
/// </summary>
internal sealed class FormNumbers
{
    private const int ShownLength = 40;
    private readonly List<string> _errors = [];

    /// <summary>One message per field that did not parse, in the order read; empty when all did.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>A finite number, or null: when <paramref name="text"/> is empty (an error if <paramref name="required"/>) or does not parse (an error).</summary>
    public double? Number(string? text, string field, bool required = true)
    {
        if (Empty(text, field, required, "a number") is not { } t)
        {
            return null;
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return Fail<double>(field, t, "is not a number");
        }

        // NaN, Infinity and anything beyond double's range (1e400 reads as infinity).
        return double.IsFinite(value) ? value : Fail<double>(field, t, "is not a finite number");
    }

    /// <summary>A whole number (no fraction or exponent), or null as for <see cref="Number"/>.</summary>
    public long? WholeNumber(string? text, string field, bool required = true)
    {
        if (Empty(text, field, required, "a whole number") is not { } t)
        {
            return null;
        }

        if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var digits = t.TrimStart('-', '+');
        return digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? Fail<long>(field, t, "is out of range")
            : Fail<long>(field, t, "is not a whole number");
    }

    private string? Empty(string? text, string field, bool required, string what)
    {
        var t = text?.Trim();
        if (!string.IsNullOrEmpty(t))
        {
            return t;
        }

        if (required)
        {
            _errors.Add($"{field}: {what} is required.");
        }

        return null;
    }

    private T? Fail<T>(string field, string text, string problem)
        where T : struct
    {
        var shown = text.Length <= ShownLength ? text : text[..ShownLength] + "…";
        _errors.Add($"{field}: '{shown}' {problem}.");
        return null;
    }
}
