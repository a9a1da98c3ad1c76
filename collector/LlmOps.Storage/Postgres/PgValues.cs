namespace LlmOps.Storage.Postgres;

/// <summary>PostgreSQL text cannot hold NUL characters; they are stored as U+FFFD so one bad value never fails a batch.</summary>
internal static class PgValues
{
    public static string? Text(string? s) => s is not null && s.Contains('\0', StringComparison.Ordinal) ? s.Replace('\0', '\uFFFD') : s;

    public static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : Text(s);
}
