using LlmOps.Processors.Configuration;
using LlmOps.Processors.Metrics;

namespace LlmOps.Processors.Alerts;

internal sealed class AlertRuleValidator : IOptionsValidator<AlertRule>
{
    private const string WholeMinutesMessage = "must be a whole number of minutes (at least 1m): the alert engine keeps one-minute aggregates, so a window such as 30s or 90s cannot be measured as written";

    /// <summary>The severities a rule may carry, from its configuration or the management API.</summary>
    public static readonly string[] Severities = ["critical", "warning", "info"];

    public void Validate(AlertRule options, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(options.Id) || !options.Id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
        {
            errors.Add("id", $"'{options.Id}' must be non-empty lowercase letters, digits, '-' or '_'");
        }

        if (!PrometheusText.IsValidMetricName(options.Name) || options.Name.Contains(':', StringComparison.Ordinal))
        {
            errors.Add("name", $"'{options.Name}' must be a valid alert name ([a-zA-Z_][a-zA-Z0-9_]*)");
        }

        if (!double.IsFinite(options.Threshold) || options.Threshold < 0)
        {
            errors.Add("threshold", "must be a non-negative number");
        }

        if (options.For < TimeSpan.Zero)
        {
            errors.Add("for", "must not be negative");
        }

        if (options.Window <= TimeSpan.Zero || options.Window > TimeSpan.FromDays(2))
        {
            errors.Add("window", "must be positive and at most 2 days");
        }
        else if (!WholeMinutes(options.Window))
        {
            errors.Add("window", WholeMinutesMessage);
        }

        if (!Severities.Contains(options.Severity, StringComparer.Ordinal))
        {
            errors.Add("severity", $"'{options.Severity}' is not one of {string.Join(", ", Severities)} (Alertmanager routes and the console go by these)");
        }

        foreach (var key in options.Labels.Keys)
        {
            if (!PrometheusText.IsValidLabelName(key) || key is MetricNames.LabelAlertName or MetricNames.LabelRuleId or MetricNames.LabelSeverity)
            {
                errors.Add($"labels.{key}", "is not a valid label name or is reserved (alertname, rule_id, severity)");
            }
        }

        if (options.Kind == AlertRuleKind.Threshold && options.Signal is null)
        {
            errors.Add("signal", "is required for kind threshold (context_relevance, cost_usd, latency_p95, error_rate or hallucination_rate)");
        }

        if (options.Kind == AlertRuleKind.SloBurnRate)
        {
            if (options.Slo is <= 0 or >= 1)
            {
                errors.Add("slo", "must be between 0 and 1 (e.g. 0.99)");
            }

            if (options.ShortWindow <= TimeSpan.Zero || options.LongWindow <= options.ShortWindow || options.LongWindow > TimeSpan.FromDays(2))
            {
                errors.Add("long_window", "must be longer than short_window (both positive, at most 2 days)");
            }

            if (options.ShortWindow > TimeSpan.Zero && !WholeMinutes(options.ShortWindow))
            {
                errors.Add("short_window", WholeMinutesMessage);
            }

            if (options.LongWindow > TimeSpan.Zero && !WholeMinutes(options.LongWindow))
            {
                errors.Add("long_window", WholeMinutesMessage);
            }
        }
    }

    private static bool WholeMinutes(TimeSpan window) => window.Ticks % TimeSpan.TicksPerMinute == 0;
}
