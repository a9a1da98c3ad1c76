namespace LlmOps.Management.Alerts;

/// <summary>
/// An alert rule: fire when <see cref="Expression"/> (an <see cref="AlertExpression"/>: a KPI the alert engine measures
/// over a window) compared with <see cref="Operator"/> to <see cref="Threshold"/> holds for <see cref="ForSeconds"/>.
/// <see cref="Source"/> is <c>api</c> for rules managed here (evaluated by the engine while enabled) or <c>config</c>
/// for the rows that show the collector's configured/built-in rules (expression = their PromQL; read-only here).
/// </summary>
internal sealed record AlertRule(
    long Id,
    string Name,
    string Kind,
    string Expression,
    string Operator,
    double Threshold,
    long ForSeconds,
    string Severity,
    IReadOnlyDictionary<string, string> Labels,
    bool Enabled,
    DateTimeOffset? MutedUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Source)
{
    public const string ApiSource = "api";

    public const string ConfigSource = "config";

    public bool IsMuted(DateTimeOffset at) => MutedUntil is { } until && until > at;

    /// <summary>Compares an observed value with the threshold.</summary>
    public bool Breached(double value) => Operator switch
    {
        "gt" => value > Threshold,
        "gte" => value >= Threshold,
        "lt" => value < Threshold,
        "lte" => value <= Threshold,
        _ => Math.Abs(value - Threshold) < 1e-12,
    };
}
