using System.Text.Json;
using LlmOps.Processors.Tests.Infrastructure;

namespace LlmOps.Processors.Tests.Grafana;

/// <summary>Reads the committed dashboards and rule file and lists every PromQL expression in them.</summary>
internal static class DashboardFiles
{
    public static string Directory => Path.Combine(RepoPaths.Grafana, "dashboards");

    /// <summary>(dashboard file, panel title, expr) for every target of every panel of every committed dashboard.</summary>
    public static List<(string File, string Panel, string Expr)> PanelExpressions()
    {
        var result = new List<(string, string, string)>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in doc.RootElement.GetProperty("panels").EnumerateArray())
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    result.Add((Path.GetFileName(file), panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!));
                }
            }
        }

        return result;
    }

    /// <summary>Every panel target's expression and the labels its legend format names (<c>{{model}}</c>).</summary>
    public static List<(string Expr, string[] LegendLabels)> PanelTargets()
    {
        var result = new List<(string, string[])>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in doc.RootElement.GetProperty("panels").EnumerateArray())
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    var legend = target.TryGetProperty("legendFormat", out var l) ? l.GetString() ?? string.Empty : string.Empty;
                    var labels = legend.Split("{{", StringSplitOptions.None).Skip(1).Select(part => part.Split("}}")[0].Trim()).Where(x => x.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
                    result.Add((target.GetProperty("expr").GetString()!, labels));
                }
            }
        }

        return result;
    }
}
