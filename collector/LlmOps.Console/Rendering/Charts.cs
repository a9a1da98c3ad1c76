using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace LlmOps.Ui.Rendering;

/// <summary>
/// Inline SVG charts that do not rely on colour: every bar carries its label and value as text, bars alternate
/// fill patterns (solid, hatched, dotted), and the chart has a title and a description for screen readers plus a
/// data table fallback the page renders next to it.
/// </summary>
internal static class Charts
{
    private const int Width = 560;
    private const int RowHeight = 26;
    private const int LabelWidth = 190;
    private const int ValueWidth = 90;
    private static readonly string[] Fills = ["url(#p-solid)", "url(#p-hatch)", "url(#p-dots)", "url(#p-cross)"];

    /// <summary>A horizontal bar chart; <paramref name="format"/> writes each value.</summary>
    public static IHtmlContent Bars(string id, string title, IReadOnlyList<(string Label, double Value)> rows, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(format);
        var height = Math.Max(1, rows.Count) * RowHeight + 8;
        var max = rows.Count == 0 ? 1 : Math.Max(rows.Max(r => r.Value), 1e-12);
        var sb = new StringBuilder();
        var desc = string.Join("; ", rows.Select(r => $"{r.Label}: {format(r.Value)}"));
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{E(title)}</title><desc id=\"{id}-d\">{E(rows.Count == 0 ? "No data" : desc)}</desc>");
        if (rows.Count == 0)
        {
            sb.Append("<text x=\"4\" y=\"20\" class=\"chart-empty\">No data yet</text>");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value) = rows[i];
            var y = i * RowHeight + 4;
            var w = Math.Max(2, (Width - LabelWidth - ValueWidth) * (value / max));
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\"><text x=\"{LabelWidth - 6}\" y=\"{y + 16}\" text-anchor=\"end\" class=\"chart-label\">{E(Fmt.Clip(label, 28))}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"{RowHeight - 8}\" fill=\"{Fills[i % Fills.Length]}\" stroke=\"currentColor\" stroke-width=\"1\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + w + 6:0.#}\" y=\"{y + 16}\" class=\"chart-value\">{E(format(value))}</text></g>");
        }

        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }

    /// <summary>A line of points (e.g. a dataset's pass rate per run) with every point labelled.</summary>
    public static IHtmlContent Line(string id, string title, IReadOnlyList<(string Label, double Value)> points, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(format);
        const int h = 180, pad = 36;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {Width} {h}\" width=\"100%\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{E(title)}</title><desc id=\"{id}-d\">{E(points.Count == 0 ? "No data" : string.Join("; ", points.Select(p => $"{p.Label}: {format(p.Value)}")))}</desc>");
        if (points.Count == 0)
        {
            sb.Append("<text x=\"4\" y=\"20\">No data yet</text></svg>");
            return new HtmlString(sb.ToString());
        }

        var max = Math.Max(points.Max(p => p.Value), 1e-12);
        var min = Math.Min(points.Min(p => p.Value), 0);
        var step = points.Count == 1 ? 0 : (Width - 2 * pad) / (double)(points.Count - 1);
        var coords = points.Select((p, i) => (X: pad + i * step, Y: h - pad - (h - 2 * pad) * ((p.Value - min) / (max - min == 0 ? 1 : max - min)))).ToList();
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{pad}\" y1=\"{h - pad}\" x2=\"{Width - pad}\" y2=\"{h - pad}\" stroke=\"currentColor\"/>");
        sb.Append("<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-dasharray=\"6 3\" points=\"");
        sb.AppendJoin(' ', coords.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.X:0.#},{c.Y:0.#}")));
        sb.Append("\"/>");
        for (var i = 0; i < coords.Count; i++)
        {
            var (x, y) = coords[i];
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x - 4:0.#}\" y=\"{y - 4:0.#}\" width=\"8\" height=\"8\" fill=\"currentColor\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{y - 9:0.#}\" text-anchor=\"middle\" class=\"chart-value\">{E(format(points[i].Value))}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{h - pad + 16}\" text-anchor=\"middle\" class=\"chart-label\">{E(points[i].Label)}</text>");
        }

        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }

    /// <summary>The shared fill patterns, rendered once per page.</summary>
    public static IHtmlContent PatternDefs() => new HtmlString(
        "<svg width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\" style=\"position:absolute\"><defs>" +
        "<pattern id=\"p-solid\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\"><rect width=\"4\" height=\"4\" fill=\"#3b5b92\"/></pattern>" +
        "<pattern id=\"p-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"3\" height=\"6\" fill=\"#9a4d00\"/></pattern>" +
        "<pattern id=\"p-dots\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><circle cx=\"3\" cy=\"3\" r=\"1.8\" fill=\"#1d6b3a\"/></pattern>" +
        "<pattern id=\"p-cross\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"#fff\"/><path d=\"M0 4H8M4 0V8\" stroke=\"#6b2a7a\" stroke-width=\"2\"/></pattern>" +
        "</defs></svg>");

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
