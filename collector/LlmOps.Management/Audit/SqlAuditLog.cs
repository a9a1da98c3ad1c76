using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using LlmOps.Management.Api;
using LlmOps.Management.Data;

namespace LlmOps.Management.Audit;

internal sealed class SqlAuditLog : IAuditLog
{
    private const string Columns = "seq, ts, type, action, actor, details, prev_hash, hash";
    private const string QualifiedColumns = "l.seq, l.ts, l.type, l.action, l.actor, l.details, l.prev_hash, l.hash";

    private readonly ManagementDatabase _db;
    private readonly TimeProvider _time;
    private readonly AuditSearchIndex _search;

    public SqlAuditLog(ManagementDatabase db, TimeProvider time, AuditSearchIndex search)
    {
        _db = db;
        _time = time;
        _search = search;
    }

    public async Task<long> AppendAsync(DbSession session, string type, string action, string actor, object? details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var text = details as string ?? JsonText.Serialize(details ?? new { });
        var ids = await AppendManyAsync(session, [(type, action, actor, text)], cancellationToken).ConfigureAwait(false);
        return ids;
    }

    /// <summary>Appends several entries in order under one head lock; returns the last sequence number.</summary>
    public async Task<long> AppendManyAsync(
        DbSession session,
        IReadOnlyList<(string Type, string Action, string Actor, string Details)> entries,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(entries);
        var head = await session.QuerySingleAsync(
            "SELECT seq, hash FROM mgmt_audit_head WHERE id = 1" + session.ForUpdate,
            r => new Tuple<long, string>(r.Long(0), r.Str(1)),
            cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("audit chain head row is missing");
        var (seq, prev) = (head.Item1, head.Item2);
        var ts = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var insert = session.Command(
            "INSERT INTO mgmt_audit_log (seq, ts, type, action, actor, details, prev_hash, hash) VALUES (@seq, @ts, @type, @action, @actor, @details, @prev, @hash)",
            [("seq", 0L), ("ts", ts), ("type", string.Empty), ("action", string.Empty), ("actor", string.Empty), ("details", string.Empty), ("prev", string.Empty), ("hash", string.Empty)]);
        foreach (var (type, action, actor, details) in entries)
        {
            seq++;
            var hash = AuditHasher.Hash(prev, seq, ts, type, action, actor, details);
            insert.Parameters[0].Value = seq;
            insert.Parameters[2].Value = type;
            insert.Parameters[3].Value = action;
            insert.Parameters[4].Value = actor;
            insert.Parameters[5].Value = details;
            insert.Parameters[6].Value = prev;
            insert.Parameters[7].Value = hash;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            prev = hash;
        }

        await session.ExecuteAsync(
            "UPDATE mgmt_audit_head SET seq = @seq, hash = @hash WHERE id = 1",
            cancellationToken,
            ("seq", seq),
            ("hash", prev)).ConfigureAwait(false);
        return seq;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, args) = Build(query, query.Limit);
        return _db.ReadAsync<IReadOnlyList<AuditEntry>>(
            async s => await s.QueryAsync(sql, Map, cancellationToken, args).ConfigureAwait(false),
            cancellationToken);
    }

    public async IAsyncEnumerable<AuditEntry> ExportAsync(AuditQuery query, int max, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, args) = Build(query, max);
        await using var connection = await _db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var session = new DbSession(_db, connection, null);
        await using var command = session.Command(sql, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Map(reader);
        }
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var session = new DbSession(_db, connection, null);
        var head = await session.QuerySingleAsync(
            "SELECT seq, hash FROM mgmt_audit_head WHERE id = 1",
            r => new Tuple<long, string>(r.Long(0), r.Str(1)),
            cancellationToken).ConfigureAwait(false);
        var expected = 1L;
        var prev = AuditHasher.GenesisHash;
        var checkedCount = 0L;
        await using (var command = session.Command("SELECT " + Columns + " FROM mgmt_audit_log ORDER BY seq", []))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var seq = reader.Long(0);
                var storedPrev = reader.Str(6);
                var storedHash = reader.Str(7);
                if (seq != expected)
                {
                    var reason = seq > expected
                        ? $"entries {expected}..{seq - 1} are missing (deleted)"
                        : $"sequence out of order (expected {expected})";
                    return new AuditVerification(false, checkedCount, seq, reason);
                }

                if (!string.Equals(storedPrev, prev, StringComparison.Ordinal))
                {
                    return new AuditVerification(false, checkedCount, seq, "prev_hash does not match the previous entry's hash");
                }

                var recomputed = AuditHasher.Hash(prev, seq, reader.Long(1), reader.Str(2), reader.Str(3), reader.Str(4), reader.Str(5));
                if (!string.Equals(recomputed, storedHash, StringComparison.Ordinal))
                {
                    return new AuditVerification(false, checkedCount, seq, "content was modified: the stored hash does not match the entry");
                }

                prev = storedHash;
                expected++;
                checkedCount++;
            }
        }

        if (head is not null && head.Item1 != expected - 1)
        {
            return new AuditVerification(
                false,
                checkedCount,
                expected,
                $"entries {expected}..{head.Item1} are missing (deleted from the end of the log)");
        }

        if (head is not null && !string.Equals(head.Item2, prev, StringComparison.Ordinal))
        {
            return new AuditVerification(false, checkedCount, expected - 1, "the last entry does not match the chain head");
        }

        return new AuditVerification(true, checkedCount, null, null);
    }

    /// <summary>
    /// The list query, newest first. A search term of three or more characters on SQLite is answered from the FTS5
    /// trigram table (joined on the sequence number, walked in descending rowid order so the LIMIT stops early);
    /// shorter terms, and PostgreSQL (whose trigram GIN index serves ILIKE directly), use a case-insensitive LIKE.
    /// </summary>
    private (string Sql, (string, object?)[] Args) Build(AuditQuery q, int limit)
    {
        var where = new StringBuilder();
        var args = new List<(string, object?)>();
        void Add(string clause, string name, object? value)
        {
            where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(clause);
            args.Add((name, value));
        }

        var term = string.IsNullOrWhiteSpace(q.Search) ? null : q.Search.Trim();
        var fts = term is not null && _search.UsesFts(term);
        var seq = fts ? "f.rowid" : "l.seq";
        if (fts)
        {
            Add("f." + AuditSearchIndex.FtsTable + " MATCH @q", "q", AuditSearchIndex.FtsPhrase(term!));
        }
        else if (term is not null)
        {
            var like = _db.ILike;
            Add(
                $"(l.details {like} @q ESCAPE '\\' OR l.action {like} @q ESCAPE '\\' OR l.type {like} @q ESCAPE '\\' OR l.actor {like} @q ESCAPE '\\')",
                "q",
                "%" + LikeEscape(term) + "%");
        }

        if (q.Type is not null)
        {
            Add("l.type = @type", "type", q.Type);
        }

        if (q.Action is not null)
        {
            Add("l.action = @action", "action", q.Action);
        }

        if (q.Actor is not null)
        {
            Add("l.actor = @actor", "actor", q.Actor);
        }

        if (q.From is { } from)
        {
            Add("l.ts >= @from", "from", from.ToUnixTimeMilliseconds());
        }

        if (q.To is { } to)
        {
            Add("l.ts < @to", "to", to.ToUnixTimeMilliseconds());
        }

        if (q.BeforeId is { } before)
        {
            Add(seq + " < @before", "before", before);
        }

        args.Add(("limit", (long)limit));
        var source = fts
            ? $" FROM {AuditSearchIndex.FtsTable} f JOIN mgmt_audit_log l ON l.seq = f.rowid"
            : " FROM mgmt_audit_log l";
        return ("SELECT " + QualifiedColumns + source + where + $" ORDER BY {seq} DESC LIMIT @limit", args.ToArray());
    }

    internal static string LikeEscape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    private static AuditEntry Map(DbDataReader r) => new(
        r.Long(0),
        r.Time(1),
        r.Str(2),
        r.Str(3),
        r.Str(4),
        SafeElement(r.Str(5)),
        r.Str(6),
        r.Str(7));

    private static System.Text.Json.JsonElement SafeElement(string text)
    {
        try
        {
            return JsonText.Element(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonText.Element(JsonText.Serialize(new { raw = text }));
        }
    }
}
