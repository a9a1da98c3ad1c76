namespace LlmOps.Management.Audit;

/// <summary>Audit list filters; <see cref="Search"/> is a case-insensitive substring over type, action, actor and details.</summary>
internal sealed record AuditQuery(
    string? Type = null,
    string? Action = null,
    string? Actor = null,
    string? Search = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? BeforeId = null,
    int Limit = 50);
