namespace LlmOps.Processors.Alerts;

/// <summary>One thing that happened to an alert: a state change, an acknowledgement, a mute, a notification.</summary>
internal sealed record AlertHistoryEntry(DateTimeOffset Time, string RuleId, string Action, AlertState State, double? Value, string Actor, string Message);
