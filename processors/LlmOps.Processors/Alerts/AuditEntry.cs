namespace LlmOps.Processors.Alerts;

/// <summary>An audited action on the alerting subsystem (rule changes, acknowledgements, mutes, transitions, deliveries).</summary>
internal sealed record AuditEntry(DateTimeOffset Time, string Actor, string Action, string Target, string Details);
