namespace LlmOps.Management.Alerts;

internal sealed record ActiveAlertSummary(int Total, int Critical, int Warnings, IReadOnlyList<ActiveAlert> Alerts);
