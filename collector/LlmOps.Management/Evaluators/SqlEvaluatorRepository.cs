using System.Data.Common;
using System.Text;
using LlmOps.Management.Api;
using LlmOps.Management.Audit;
using LlmOps.Management.Data;
using LlmOps.Management.Prompts;

namespace LlmOps.Management.Evaluators;

internal sealed class SqlEvaluatorRepository : IEvaluatorRepository, IEvaluatorRegistry, IEvaluationLogSink
{
    private const string Columns = "id, name, kind, template, score_name, target, sampling_rate, status, created_at, updated_at";
    private static readonly string[] Kinds = ["builtin", "llm_judge"];
    private static readonly string[] StatusValues = ["active", "disabled"];
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly ManagementDatabase _db;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private (DateTimeOffset Until, IReadOnlyList<EvaluatorDefinition> Items)? _cache;

    public SqlEvaluatorRepository(ManagementDatabase db, IAuditLog audit, TimeProvider time)
    {
        _db = db;
        _audit = audit;
        _time = time;
    }

    public async Task<IReadOnlyList<EvaluatorDefinition>> GetActiveAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_cache is { } c && c.Until > now)
        {
            return c.Items;
        }

        var items = await ListAsync("active", cancellationToken).ConfigureAwait(false);
        _cache = (now + CacheFor, items);
        return items;
    }

    public Task<IReadOnlyList<EvaluatorDefinition>> ListAsync(string? status, CancellationToken cancellationToken)
    {
        if (status is not null && !StatusValues.Contains(status, StringComparer.Ordinal))
        {
            throw ApiProblemException.BadRequest($"status must be one of {string.Join(", ", StatusValues)}");
        }

        return _db.ReadAsync<IReadOnlyList<EvaluatorDefinition>>(
            async s => await s.QueryAsync(
                "SELECT " + Columns + " FROM evaluators" + (status is null ? string.Empty : " WHERE status = @s") + " ORDER BY name",
                Map,
                cancellationToken,
                status is null ? [] : [("s", status)]).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<EvaluatorDefinition> GetAsync(long id, CancellationToken cancellationToken) =>
        _db.ReadAsync(s => RequireAsync(s, id, false, cancellationToken), cancellationToken);

    public async Task<EvaluatorDefinition> CreateAsync(EvaluatorRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var v = Validate(request, null);
        var created = await _db.WriteAsync(
            async s =>
            {
                await EnsureUniqueAsync(s, v.Name, null, cancellationToken).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                var id = await s.ScalarLongAsync(
                    "INSERT INTO evaluators (name, kind, template, score_name, target, sampling_rate, status, created_at, updated_at) VALUES (@n, @k, @t, @sn, @tg, @sr, @st, @now, @now) RETURNING id",
                    cancellationToken,
                    ("n", v.Name),
                    ("k", v.Kind),
                    ("t", v.Template),
                    ("sn", v.ScoreName),
                    ("tg", JsonText.Serialize(v.Target)),
                    ("sr", v.SamplingRate),
                    ("st", v.Status),
                    ("now", now)).ConfigureAwait(false) ?? 0;
                await _audit.AppendAsync(s, AuditTypes.Evaluator, "create", actor, new { id, v.Name, v.Kind, v.ScoreName, v.SamplingRate, v.Status }, cancellationToken).ConfigureAwait(false);
                return await RequireAsync(s, id, false, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        _cache = null;
        return created;
    }

    public async Task<EvaluatorDefinition> UpdateAsync(long id, EvaluatorRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var updated = await _db.WriteAsync(
            async s =>
            {
                var current = await RequireAsync(s, id, true, cancellationToken).ConfigureAwait(false);
                var v = Validate(request, current);
                await EnsureUniqueAsync(s, v.Name, id, cancellationToken).ConfigureAwait(false);
                await s.ExecuteAsync(
                    "UPDATE evaluators SET name = @n, kind = @k, template = @t, score_name = @sn, target = @tg, sampling_rate = @sr, status = @st, updated_at = @now WHERE id = @id",
                    cancellationToken,
                    ("n", v.Name),
                    ("k", v.Kind),
                    ("t", v.Template),
                    ("sn", v.ScoreName),
                    ("tg", JsonText.Serialize(v.Target)),
                    ("sr", v.SamplingRate),
                    ("st", v.Status),
                    ("now", _time.GetUtcNow()),
                    ("id", id)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.Evaluator, "update", actor, new { id, v.Name, v.Kind, v.ScoreName, v.SamplingRate, v.Status, templateChanged = v.Template != current.Template }, cancellationToken).ConfigureAwait(false);
                return await RequireAsync(s, id, false, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        _cache = null;
        return updated;
    }

    public async Task<EvaluatorDefinition> SetStatusAsync(long id, string status, string actor, CancellationToken cancellationToken)
    {
        var result = await _db.WriteAsync(
            async s =>
            {
                var current = await RequireAsync(s, id, true, cancellationToken).ConfigureAwait(false);
                if (current.Status == status)
                {
                    return current;
                }

                await s.ExecuteAsync("UPDATE evaluators SET status = @st, updated_at = @now WHERE id = @id", cancellationToken, ("st", status), ("now", _time.GetUtcNow()), ("id", id)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.Evaluator, status == "active" ? "enable" : "disable", actor, new { id, current.Name }, cancellationToken).ConfigureAwait(false);
                return await RequireAsync(s, id, false, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        _cache = null;
        return result;
    }

    public async Task DeleteAsync(long id, string actor, CancellationToken cancellationToken)
    {
        await _db.WriteAsync(
            async s =>
            {
                var current = await RequireAsync(s, id, true, cancellationToken).ConfigureAwait(false);
                await s.ExecuteAsync("DELETE FROM evaluators WHERE id = @id", cancellationToken, ("id", id)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.Evaluator, "delete", actor, new { id, current.Name }, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        _cache = null;
    }

    public async Task AppendAsync(IReadOnlyList<EvaluationLogEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await _db.WriteAsync(
            async s =>
            {
                await using var command = s.Command(
                    "INSERT INTO evaluation_logs (ts, evaluator, trace_id, span_id, score, duration_ms, status, message) VALUES (@ts, @e, @t, @sp, @sc, @d, @st, @m)",
                    [("ts", 0L), ("e", string.Empty), ("t", null), ("sp", null), ("sc", null), ("d", 0.0), ("st", string.Empty), ("m", null)]);
                foreach (var e in entries)
                {
                    command.Parameters[0].Value = e.Timestamp.ToUnixTimeMilliseconds();
                    command.Parameters[1].Value = e.Evaluator;
                    command.Parameters[2].Value = (object?)e.TraceId ?? DBNull.Value;
                    command.Parameters[3].Value = (object?)e.SpanId ?? DBNull.Value;
                    command.Parameters[4].Value = e.Score is { } sc ? sc : DBNull.Value;
                    command.Parameters[5].Value = e.DurationMs;
                    command.Parameters[6].Value = EvaluationLogEntry.Statuses.Contains(e.Status, StringComparer.Ordinal) ? e.Status : "error";
                    command.Parameters[7].Value = (object?)e.Message ?? DBNull.Value;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<EvaluationLogEntry>> QueryLogsAsync(EvaluationLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Status is not null && !EvaluationLogEntry.Statuses.Contains(query.Status, StringComparer.Ordinal))
        {
            throw ApiProblemException.BadRequest($"status must be one of {string.Join(", ", EvaluationLogEntry.Statuses)}");
        }

        var where = new StringBuilder();
        var args = new List<(string, object?)>();
        void Add(string clause, string name, object? value)
        {
            where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(clause);
            args.Add((name, value));
        }

        if (query.Evaluator is not null)
        {
            Add("evaluator = @ev", "ev", query.Evaluator);
        }

        if (query.Status is not null)
        {
            Add("status = @st", "st", query.Status);
        }

        if (query.TraceId is not null)
        {
            Add(_db.EvaluationLogTraceFilter("@tr"), "tr", query.TraceId);
        }

        if (query.From is { } from)
        {
            Add("ts >= @from", "from", from);
        }

        if (query.To is { } to)
        {
            Add("ts < @to", "to", to);
        }

        if (query.MinScore is { } min)
        {
            Add("score >= @min", "min", min);
        }

        if (query.MaxScore is { } max)
        {
            Add("score <= @max", "max", max);
        }

        if (query.BeforeId is { } before)
        {
            Add("id < @before", "before", before);
        }

        args.Add(("limit", (long)query.Limit));
        var sql = "SELECT id, ts, evaluator, trace_id, span_id, score, duration_ms, status, message FROM evaluation_logs" + where + " ORDER BY id DESC LIMIT @limit";
        return _db.ReadAsync<IReadOnlyList<EvaluationLogEntry>>(
            async s => await s.QueryAsync(
                sql,
                r => new EvaluationLogEntry(r.Long(0), r.Time(1), r.Str(2), r.StrOrNull(3), r.StrOrNull(4), r.DblOrNull(5), r.Dbl(6), r.Str(7), r.StrOrNull(8)),
                cancellationToken,
                args.ToArray()).ConfigureAwait(false),
            cancellationToken);
    }

    private static (string Name, string Kind, string Template, string ScoreName, EvaluatorTarget Target, double SamplingRate, string Status) Validate(
        EvaluatorRequest r, EvaluatorDefinition? current)
    {
        var check = new Check();
        var name = check.Name(r.Name ?? current?.Name, "name", 100);
        var kind = check.OneOf(r.Kind ?? current?.Kind, "kind", Kinds);
        var template = check.Optional(r.Template ?? current?.Template, "template", 50_000);
        var scoreName = check.Name(r.ScoreName ?? current?.ScoreName ?? name, "scoreName", 100);
        var target = r.Target ?? current?.Target ?? new EvaluatorTarget();
        check.Optional(target.SpanName, "target.spanName", 200);
        check.Optional(target.Model, "target.model", 200);
        check.Optional(target.Operation, "target.operation", 200);
        check.Optional(target.AttributeKey, "target.attributeKey", 200);
        check.Optional(target.AttributeValue, "target.attributeValue", 200);
        if (target.AttributeKey is null != target.AttributeValue is null)
        {
            check.Fail("target", "attributeKey and attributeValue go together");
        }

        var rate = check.Range(r.SamplingRate ?? current?.SamplingRate, "samplingRate", 0, 1, 1);
        var status = check.OneOf(r.Status ?? current?.Status, "status", StatusValues, "active");
        if (kind == "builtin" && BuiltInScorerName.Resolve(scoreName, name) is null)
        {
            check.Fail("scoreName", $"'{scoreName}' is not a built-in scorer, nor is the name '{name}' (known: {string.Join(", ", BuiltInScorerName.Known)}, or pii for pii_risk)");
        }

        if (kind == "llm_judge")
        {
            if (!template.Contains("{{output}}", StringComparison.Ordinal))
            {
                check.Fail("template", "an llm_judge template must contain {{output}}");
            }

            var unknown = PromptVariables.Detect(template).Where(x => !EvaluatorTemplates.Variables.Contains(x, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                check.Fail("template", $"unknown variables {string.Join(", ", unknown)}; allowed: {string.Join(", ", EvaluatorTemplates.Variables)}");
            }
        }

        check.ThrowIfInvalid();
        return (name, kind, template, scoreName, target, rate, status);
    }

    private static async Task EnsureUniqueAsync(DbSession s, string name, long? exceptId, CancellationToken ct)
    {
        var n = await s.ScalarLongAsync(
            "SELECT COUNT(*) FROM evaluators WHERE name = @n AND id <> @id",
            ct,
            ("n", name),
            ("id", exceptId ?? 0L)).ConfigureAwait(false);
        if (n > 0)
        {
            throw ApiProblemException.Conflict($"an evaluator named '{name}' already exists");
        }
    }

    private static async Task<EvaluatorDefinition> RequireAsync(DbSession s, long id, bool lockRow, CancellationToken ct) =>
        await s.QuerySingleAsync(
            "SELECT " + Columns + " FROM evaluators WHERE id = @id" + (lockRow ? s.ForUpdate : string.Empty),
            Map,
            ct,
            ("id", id)).ConfigureAwait(false) ?? throw ApiProblemException.NotFound($"no evaluator with id {id}");

    private static EvaluatorDefinition Map(DbDataReader r) => new(
        r.Long(0),
        r.Str(1),
        r.Str(2),
        r.Str(3),
        r.Str(4),
        JsonText.Deserialize(r.Str(5), new EvaluatorTarget()),
        r.Dbl(6),
        r.Str(7),
        r.Time(8),
        r.Time(9));
}
