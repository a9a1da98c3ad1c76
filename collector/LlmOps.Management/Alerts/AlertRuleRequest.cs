namespace LlmOps.Management.Alerts;

internal sealed class AlertRuleRequest
{
    public string? Name { get; set; }

    public string? Kind { get; set; }

    public string? Expression { get; set; }

    public string? Operator { get; set; }

    public double? Threshold { get; set; }

    public long? ForSeconds { get; set; }

    public string? Severity { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public bool? Enabled { get; set; }
}
