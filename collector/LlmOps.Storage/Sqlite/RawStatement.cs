using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LlmOps.Storage.Sqlite;

/// <summary>
/// A statement of the writer's hot path, prepared once on the writer connection and bound by position with SQLite's
/// own API: no parameter objects, no boxing, no lookup of parameter names on every row, and UTF-8 bound directly
/// (strings are encoded into one reused buffer; SQLite copies what it is given). It runs inside whatever transaction
/// the connection has open. Not thread-safe: the store's write lock guards it.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private byte[] _utf8 = new byte[1024];

    public RawStatement(sqlite3 db, string sql)
    {
        _db = db;
        var rc = raw.sqlite3_prepare_v2(db, sql, out _stmt);
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite could not prepare a writer statement: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }
    }

    /// <summary>Binds parameter <paramref name="index"/> (1-based, as <c>?NNN</c> in the SQL).</summary>
    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(_stmt, index);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
        }

        var n = Encoding.UTF8.GetBytes(value, _utf8);
        Check(raw.sqlite3_bind_text(_stmt, index, _utf8.AsSpan(0, n)));
    }

    /// <summary>Binds UTF-8 text; an empty span binds NULL (the writer's JSON columns use null for "nothing").</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            raw.sqlite3_bind_null(_stmt, index);
            return;
        }

        Check(raw.sqlite3_bind_text(_stmt, index, utf8));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public void Bind(int index, long? value)
    {
        if (value is { } v)
        {
            Check(raw.sqlite3_bind_int64(_stmt, index, v));
        }
        else
        {
            raw.sqlite3_bind_null(_stmt, index);
        }
    }

    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_stmt, index, value));

    public void Bind(int index, double? value)
    {
        if (value is { } v)
        {
            Check(raw.sqlite3_bind_double(_stmt, index, v));
        }
        else
        {
            raw.sqlite3_bind_null(_stmt, index);
        }
    }

    /// <summary>Runs the statement to its end and returns the number of rows it changed.</summary>
    public int Execute()
    {
        Step();
        raw.sqlite3_reset(_stmt);
        return raw.sqlite3_changes(_db);
    }

    /// <summary>Runs a query and returns its first row's first column as an integer, or null when it has no row.</summary>
    public long? QueryInt64()
    {
        long? value = Step() == raw.SQLITE_ROW && raw.sqlite3_column_type(_stmt, 0) != raw.SQLITE_NULL ? raw.sqlite3_column_int64(_stmt, 0) : null;
        raw.sqlite3_reset(_stmt);
        return value;
    }

    /// <summary>One step; on an error the statement is reset and the error thrown.</summary>
    private int Step()
    {
        var rc = raw.sqlite3_step(_stmt);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            var message = raw.sqlite3_errmsg(_db).utf8_to_string();
            raw.sqlite3_reset(_stmt);
            throw new SqliteException($"SQLite Error {rc}: '{message}'.", rc);
        }

        return rc;
    }

    public void Dispose() => _stmt.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite could not bind a writer parameter: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
        }
    }
}
