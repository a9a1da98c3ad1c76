using System.Text;

namespace LlmOps.Processors.Alerts;

/// <summary>Writes alert rules as a Prometheus rule file (the same rules the in-process evaluator runs).</summary>
internal static class PrometheusRuleFileWriter
{
    public const string GroupName = "llmops";

    public static string Write(IEnumerable<AlertRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var sb = new StringBuilder();
        sb.Append("# Generated from LlmOps' alert rules (Alerts/AlertDefaults.cs) by PrometheusRuleFileWriter; do not edit by hand.\n");
        sb.Append("# The in-process evaluator runs the same rules and adds root-cause text to each alert.\n");
        sb.Append("groups:\n");
        sb.Append("  - name: ").Append(GroupName).Append('\n');
        sb.Append("    rules:\n");
        foreach (var rule in rules)
        {
            sb.Append("      - alert: ").Append(rule.Name).Append('\n');
            sb.Append("        expr: ").Append(Quote(AlertExpressions.Condition(rule))).Append('\n');
            if (rule.For > TimeSpan.Zero)
            {
                sb.Append("        for: ").Append(AlertExpressions.Duration(rule.For)).Append('\n');
            }

            sb.Append("        labels:\n");
            var labels = new SortedDictionary<string, string>(rule.Labels, StringComparer.Ordinal)
            {
                ["severity"] = rule.Severity,
                ["rule_id"] = rule.Id,
                ["source"] = "llmops",
            };
            foreach (var (k, v) in labels)
            {
                sb.Append("          ").Append(k).Append(": ").Append(Quote(v)).Append('\n');
            }

            sb.Append("        annotations:\n");
            sb.Append("          summary: ").Append(Quote(rule.Summary)).Append('\n');
            sb.Append("          description: ").Append(Quote($"Threshold {AlertExpressions.Number(rule.Threshold)}; see the LlmOps console (alerts/{rule.Id}) for the root cause.")).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A single-quoted YAML scalar (single quotes doubled).</summary>
    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
}
