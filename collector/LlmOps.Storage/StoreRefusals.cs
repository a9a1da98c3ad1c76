using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LlmOps.Storage;

/// <summary>
/// Tells a store's refusal of the data itself (a value it cannot hold: retrying the same items cannot succeed) from a
/// failure of the store (unreachable, busy, full, timed out: a retry may succeed).
/// </summary>
internal static class StoreRefusals
{
    private const int MaxDetail = 300;

    /// <summary>
    /// PostgreSQL's data exceptions (class 22: a value out of range, bad encoding), program limits (class 54: an index
    /// row or search vector too large) and NOT NULL / CHECK violations; SQLite's TOOBIG, CONSTRAINT, MISMATCH and RANGE;
    /// and the argument, format, overflow and JSON errors the stores' own code raises on a value. Not: connection,
    /// I/O, lock, timeout or cancellation errors, nor unique violations (two writers racing).
    /// </summary>
    public static bool IsRefusal(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState.StartsWith("22", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("54", StringComparison.Ordinal)
            || pg.SqlState is PostgresErrorCodes.NotNullViolation or PostgresErrorCodes.CheckViolation,
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is 18 or 19 or 20 or 25,
        NpgsqlException or SqliteException or OperationCanceledException => false,
        ArgumentException or FormatException or OverflowException or InvalidCastException or JsonException => true,
        _ => false,
    };

    /// <summary>What the client is told: the store's own words (PostgreSQL's SQLSTATE and message), cut short.</summary>
    public static string Describe(Exception exception)
    {
        var text = exception is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : exception.Message;
        text = text.ReplaceLineEndings(" ");
        return text.Length <= MaxDetail ? text : string.Concat(text.AsSpan(0, MaxDetail), "…");
    }
}
