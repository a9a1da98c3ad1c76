namespace LlmOps.Management.Audit;

/// <summary>The result of walking the chain: valid, or the first broken entry and why.</summary>
internal sealed record AuditVerification(bool Valid, long EntriesChecked, long? FirstBrokenId, string? Reason);
