using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Collector.Tests.Observability;

/// <summary>The committed dashboards' and rule file's PromQL, and instant queries against a real Prometheus.</summary>
internal static partial class PromQl
{
    public static string RuleFile => Path.Combine(RepoPaths.Grafana, "prometheus", "llmops-rules.yml");

    public static string RuleTestFile => Path.Combine(RepoPaths.Grafana, "prometheus", "llmops-rules.test.yml");

    /// <summary>(where, expr) for every target of every panel of every dashboard under grafana/dashboards.</summary>
    public static List<(string Where, string Expr)> PanelExpressions()
    {
        var result = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Grafana, "dashboards"), "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in doc.RootElement.GetProperty("panels").EnumerateArray())
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    result.Add(($"{Path.GetFileName(file)} / {panel.GetProperty("title").GetString()}", target.GetProperty("expr").GetString()!));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// (alert, expr) for every rule of the rule file, its threshold comparisons turned into <c>bool</c> comparisons:
    /// the rule's whole expression then returns a 0/1 sample whenever its data exists, breached or not.
    /// </summary>
    public static List<(string Alert, string Expr)> RuleExpressions()
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(RuleFile)))
        {
            yaml.Load(reader);
        }

        var result = new List<(string, string)>();
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (YamlMappingNode group in (YamlSequenceNode)root.Children[new YamlScalarNode("groups")])
        {
            foreach (YamlMappingNode rule in (YamlSequenceNode)group.Children[new YamlScalarNode("rules")])
            {
                var name = rule.Children.TryGetValue(new YamlScalarNode("alert"), out var a) ? ((YamlScalarNode)a).Value! : ((YamlScalarNode)rule.Children[new YamlScalarNode("record")]).Value!;
                var expr = ((YamlScalarNode)rule.Children[new YamlScalarNode("expr")]).Value!;
                result.Add((name, Comparison().Replace(expr, m => $"){m.Groups[1].Value} bool {m.Groups[2].Value}")));
            }
        }

        return result;
    }

    /// <summary>The instant query's sample values; throws when Prometheus rejects the query.</summary>
    public static async Task<List<double>> QueryAsync(HttpClient http, Uri prometheus, string expr)
    {
        var uri = new Uri(prometheus, "api/v1/query?query=" + Uri.EscapeDataString(expr));
        using var response = await http.GetAsync(uri).WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        using var doc = JsonDocument.Parse(body);
        if (!response.IsSuccessStatusCode || doc.RootElement.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"query failed ({(int)response.StatusCode}): {expr}: {body}");
        }

        var data = doc.RootElement.GetProperty("data");
        var values = new List<double>();
        if (data.GetProperty("resultType").GetString() == "scalar")
        {
            values.Add(Parse(data.GetProperty("result")[1].GetString()));
            return values;
        }

        foreach (var sample in data.GetProperty("result").EnumerateArray())
        {
            values.Add(Parse(sample.GetProperty("value")[1].GetString()));
        }

        return values;
    }

    /// <summary>True when the query returns at least one sample with a finite value (not only NaN).</summary>
    public static async Task<bool> HasDataAsync(HttpClient http, Uri prometheus, string expr) =>
        (await QueryAsync(http, prometheus, expr).ConfigureAwait(false)).Exists(double.IsFinite);

    private static double Parse(string? text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text!, CultureInfo.InvariantCulture),
    };

    /// <summary><c>) &gt; 5</c>, <c>) &lt; 0.6</c>: a parenthesised value compared with a number.</summary>
    [GeneratedRegex(@"\)\s*(>=|<=|==|!=|>|<)\s*(-?[0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex Comparison();
}
