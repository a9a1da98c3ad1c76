namespace LlmOps.Storage.Queries;

/// <summary>Filters and page of a session list, ordered by last activity, newest first.</summary>
internal sealed class SessionQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public string? UserId { get; set; }

    /// <summary>Sessions active at or after this time (last seen ≥ from).</summary>
    public long? FromUnixNano { get; set; }

    /// <summary>Sessions active before this time (first seen &lt; to).</summary>
    public long? ToUnixNano { get; set; }

    public int Limit { get; set; } = DefaultLimit;

    public SessionCursor? After { get; set; }
}
