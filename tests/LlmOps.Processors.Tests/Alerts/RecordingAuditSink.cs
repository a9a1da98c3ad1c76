using LlmOps.Processors.Alerts;

namespace LlmOps.Processors.Tests.Alerts;

internal sealed class RecordingAuditSink : IAuditSink
{
    public List<AuditEntry> Entries { get; } = [];

    public void Record(AuditEntry entry)
    {
        lock (Entries)
        {
            Entries.Add(entry);
        }
    }
}
