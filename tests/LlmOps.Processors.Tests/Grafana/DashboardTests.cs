using System.Reflection;
using System.Text.RegularExpressions;
using LlmOps.Processors.Alerts;
using LlmOps.Processors.Metrics;
using LlmOps.Processors.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Processors.Tests.Grafana;

public sealed partial class DashboardTests
{
    private static readonly HashSet<string> PromQlWords = new(StringComparer.Ordinal)
    {
        "sum", "max", "min", "avg", "count", "rate", "increase", "histogram_quantile", "topk", "by", "without", "and", "or", "unless", "bool", "on", "ignoring", "vector",
    };

    [Fact]
    public void Write_Catalog_MatchesCommittedDashboards()
    {
        foreach (var d in DashboardCatalog.All)
        {
            var path = Path.Combine(DashboardFiles.Directory, d.FileName);
            var json = DashboardJsonWriter.Write(d);
            if (RepoPaths.Regenerate)
            {
                File.WriteAllText(path, json);
            }

            Assert.Equal(json, File.ReadAllText(path));
        }

        Assert.Equal(DashboardCatalog.All.Select(d => d.FileName).Order(StringComparer.Ordinal), System.IO.Directory.GetFiles(DashboardFiles.Directory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Expressions_DashboardsAndRules_UseOnlyKnownMetricAndLabelNames()
    {
        var (metrics, labels) = KnownNames();
        var exprs = DashboardFiles.PanelExpressions().Select(e => ($"{e.File}/{e.Panel}", e.Expr)).ToList();
        exprs.AddRange(RuleExpressions().Select(r => ($"rules/{r.Name}", r.Expr)));
        Assert.True(exprs.Count > 40);
        foreach (var (where, expr) in exprs)
        {
            var used = Identifier().Matches(StripStrings(expr)).Select(m => m.Value).Where(t => !PromQlWords.Contains(t)).ToList();
            var metricTokens = used.Where(t => t.StartsWith(MetricNames.Prefix, StringComparison.Ordinal)).ToList();
            Assert.True(metricTokens.Count > 0, $"{where}: no llmops_ metric in '{expr}'");
            foreach (var token in metricTokens)
            {
                Assert.True(metrics.Contains(token), $"{where}: '{token}' is not a name from MetricNames ('{expr}')");
            }

            foreach (var label in used.Except(metricTokens))
            {
                Assert.True(labels.Contains(label), $"{where}: label '{label}' is not a label from MetricNames ('{expr}')");
            }
        }
    }

    [Fact]
    public void Provisioning_DatasourceUid_MatchesDashboards()
    {
        var datasource = File.ReadAllText(Path.Combine(RepoPaths.Grafana, "provisioning", "datasources", "prometheus.yml"));
        Assert.Contains("uid: " + DashboardJsonWriter.DatasourceUid, datasource, StringComparison.Ordinal);
        var provider = File.ReadAllText(Path.Combine(RepoPaths.Grafana, "provisioning", "dashboards", "llmops.yml"));
        Assert.Contains("type: file", provider, StringComparison.Ordinal);
    }

    internal static List<(string Name, string Expr)> RuleExpressions() =>
        [.. AlertDefaults.Rules().SelectMany(r => r.Kind == AlertRuleKind.SloBurnRate
            ? new[] { (r.Name + ":long", AlertExpressions.BurnRate(r, r.LongWindow)), (r.Name + ":short", AlertExpressions.BurnRate(r, r.ShortWindow)) }
            : new[] { (r.Name, AlertExpressions.Value(r)) })];

    private static (HashSet<string> Metrics, HashSet<string> Labels) KnownNames()
    {
        var constants = typeof(MetricNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, Value: (string)f.GetRawConstantValue()!)).ToList();
        var metrics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, v) in constants.Where(c => !c.Name.StartsWith("Label", StringComparison.Ordinal) && c.Value.StartsWith(MetricNames.Prefix, StringComparison.Ordinal)))
        {
            metrics.Add(v);
            metrics.Add(v + "_bucket");
            metrics.Add(v + "_sum");
            metrics.Add(v + "_count");
        }

        var labels = new HashSet<string>(constants.Where(c => c.Name.StartsWith("Label", StringComparison.Ordinal)).Select(c => c.Value), StringComparer.Ordinal);
        return (metrics, labels);
    }

    private static string StripStrings(string expr) => RangeSelector().Replace(QuotedString().Replace(expr, "\"\""), string.Empty);

    [GeneratedRegex("[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex Identifier();

    [GeneratedRegex("\\[[^\\]]*\\]")]
    private static partial Regex RangeSelector();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex QuotedString();
}
