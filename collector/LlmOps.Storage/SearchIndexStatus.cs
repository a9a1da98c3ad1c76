namespace LlmOps.Storage;

/// <summary>
/// State of a full-text index kept apart from the writes that feed it (SQLite's search file): changes committed but not
/// yet searchable, whether it is being rebuilt, and its failed passes (each retried).
/// </summary>
/// <param name="Pending">Changes (or, while rebuilding, traces) committed to the main file and not yet in the index.</param>
/// <param name="Rebuilding">True while the index is rebuilt from the traces; searches may miss traces until it ends.</param>
/// <param name="Failures">Failed passes since the store opened.</param>
/// <param name="LastError">Message of the last failure, or null.</param>
internal sealed record SearchIndexStatus(long Pending, bool Rebuilding, long Failures, string? LastError);
