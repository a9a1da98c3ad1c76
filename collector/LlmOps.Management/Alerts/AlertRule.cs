namespace LlmOps.Management.Alerts;

/// <summary>
/// An alert rule: fire when <see cref="Expression"/> (a metric or drift signal name the alert engine knows) compared
/// with <see cref="Operator"/> to <see cref="Threshold"/> holds for <see cref="ForSeconds"/>.
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
    DateTimeOffset UpdatedAt)
{
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
