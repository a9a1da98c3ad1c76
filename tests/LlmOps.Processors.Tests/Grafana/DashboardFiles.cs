using System.Text.Json;
using LlmOps.Processors.Tests.Infrastructure;

namespace LlmOps.Processors.Tests.Grafana;

/// <summary>Reads the committed dashboards and rule file and lists every PromQL expression in them.</summary>
internal static class DashboardFiles
{
    public static string Directory => Path.Combine(RepoPaths.Grafana, "dashboards");

    /// <summary>(dashboard file, panel title, expr) for every target of every panel of every committed dashboard.</summary>
    public static List<(string File, string Panel, string Expr)> PanelExpressions() =>
        [.. Targets().Select(t => (t.File, t.Panel, t.Expr))];

    /// <summary>(dashboard file, panel title, expr) for every target of every stat panel: one number each.</summary>
    public static List<(string File, string Panel, string Expr)> StatExpressions() =>
        [.. Targets().Where(t => t.Type == "stat").Select(t => (t.File, t.Panel, t.Expr))];

    /// <summary>Every panel target's expression and the labels its legend format names (<c>{{model}}</c>).</summary>
    public static List<(string Expr, string[] LegendLabels)> PanelTargets() =>
        [.. Targets().Select(t => (t.Expr, t.Legend.Split("{{", StringSplitOptions.None).Skip(1).Select(part => part.Split("}}")[0].Trim()).Where(x => x.Length > 0).Distinct(StringComparer.Ordinal).ToArray()))];

    private static IEnumerable<(string File, string Panel, string Type, string Expr, string Legend)> Targets()
    {
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in doc.RootElement.GetProperty("panels").EnumerateArray())
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    var legend = target.TryGetProperty("legendFormat", out var l) ? l.GetString() ?? string.Empty : string.Empty;
                    yield return (Path.GetFileName(file), panel.GetProperty("title").GetString()!, panel.GetProperty("type").GetString()!, target.GetProperty("expr").GetString()!, legend);
                }
            }
        }
    }
}
