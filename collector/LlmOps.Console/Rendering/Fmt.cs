using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;

namespace LlmOps.Ui.Rendering;

/// <summary>
/// How the console writes numbers and times (invariant culture, so the tests can format the API's values the same
/// way), and text from telemetry and users amid its own.
/// </summary>
internal static class Fmt
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Count(long n) => n.ToString("N0", Inv);

    public static string Count(double? n) => n is { } v ? Count((long)v) : "—";

    /// <summary>Below this a cost is written "&lt; $0.0000000001" (ten decimals).</summary>
    public const double SmallestCost = 1e-10;

    /// <summary>
    /// US dollars: two decimals from $1 up; below, at least four decimals and two significant digits ($0.0125,
    /// $0.00012, $0.000027), so that a small cost never reads as $0.0000. <c>console.js</c> writes the dashboard's
    /// refreshed figures the same way.
    /// </summary>
    public static string Cost(double? usd) => usd switch
    {
        null => "—",
        0 => "$0.00",
        { } v when Math.Abs(v) >= 1 => "$" + v.ToString("N2", Inv),
        { } v when Math.Abs(v) < SmallestCost => "< $" + SmallestCost.ToString("0.##########", Inv),
        { } v => "$" + v.ToString("F" + Math.Clamp(1 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 4, 10).ToString(Inv), Inv),
    };

    public static string Ms(double? ms) => ms is { } v ? v.ToString(v >= 100 ? "N0" : "0.0", Inv) + " ms" : "—";

    public static string Percent(double? ratio) => ratio is { } v ? (v * 100).ToString("0.0", Inv) + "%" : "—";

    public static string Score(double? s) => s is { } v ? v.ToString("0.00", Inv) : "—";

    public static string Number(double? s) => s is { } v ? v.ToString("0.####", Inv) : "—";

    /// <summary>ISO-like UTC time to the second, e.g. 2026-01-31 12:00:05Z.</summary>
    public static string Time(string? iso) =>
        iso is not null && DateTimeOffset.TryParse(iso, Inv, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", Inv)
            : iso ?? "—";

    /// <summary>The text cut to <paramref name="max"/> characters with "…" (never inside a surrogate pair), or "—" when empty.</summary>
    public static string Clip(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "—";
        }

        if (text.Length <= max)
        {
            return text;
        }

        var keep = max >= 2 && char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1;
        return string.Concat(text.AsSpan(0, keep), "…");
    }

    /// <summary>
    /// Text from telemetry or a user, amid the console's own: isolated in a <c>&lt;bdi&gt;</c>, so that a right-to-left
    /// character or an unclosed override in it cannot reorder what is around it, and cut to <paramref name="max"/>
    /// characters with the whole text as its title. Empty text is <paramref name="empty"/>.
    /// </summary>
    public static IHtmlContent Text(string? text, int max = int.MaxValue, string empty = "—")
    {
        if (string.IsNullOrEmpty(text))
        {
            return new HtmlString(HtmlEncoder.Default.Encode(empty));
        }

        var shown = Clip(text, max);
        var title = shown.Length == text.Length ? string.Empty : $" title=\"{HtmlEncoder.Default.Encode(text)}\"";
        return new HtmlString($"<bdi{title}>{HtmlEncoder.Default.Encode(shown)}</bdi>");
    }

    /// <summary>
    /// A table's empty state: <paramref name="text"/> when its list was read (<paramref name="read"/> is not null) and has
    /// no <paramref name="rows"/>; nothing when it has rows or could not be read (the page shows the error instead).
    /// </summary>
    public static IHtmlContent Empty(string table, JsonNode? read, IEnumerable<JsonNode> rows, string text) =>
        read is null || rows.Any()
            ? HtmlString.Empty
            : new HtmlString($"<p class=\"empty\" data-empty=\"{HtmlEncoder.Default.Encode(table)}\">{HtmlEncoder.Default.Encode(text)}</p>");

    /// <summary>Plain text isolated with U+2068…U+2069 (first strong isolate, pop directional isolate), for where no markup goes (a page title).</summary>
    public static string Isolate(string text) => "\u2068" + text + "\u2069";
}
