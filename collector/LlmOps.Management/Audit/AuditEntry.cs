using System.Text.Json;

namespace LlmOps.Management.Audit;

/// <summary>One audit log row as the API returns it (<c>id</c> is the chain sequence number).</summary>
internal sealed record AuditEntry(
    long Id,
    DateTimeOffset Timestamp,
    string Type,
    string Action,
    string Actor,
    JsonElement Details,
    string PrevHash,
    string Hash);
