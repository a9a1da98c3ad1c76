namespace LlmOps.Processors.Alerts;

/// <summary>Receives every audited alerting action; the audit log storage implements it.</summary>
internal interface IAuditSink
{
    void Record(AuditEntry entry);
}
