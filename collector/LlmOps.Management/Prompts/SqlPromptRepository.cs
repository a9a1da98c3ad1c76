using System.Data.Common;
using System.Text.Json;
using LlmOps.Management.Api;
using LlmOps.Management.Audit;
using LlmOps.Management.Data;

namespace LlmOps.Management.Prompts;

internal sealed class SqlPromptRepository : IPromptRepository
{
    private const string VersionColumns = "version, template, guidelines, config, variables, commit_message, created_by, created_at";

    private readonly ManagementDatabase _db;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;

    public SqlPromptRepository(ManagementDatabase db, IAuditLog audit, TimeProvider time)
    {
        _db = db;
        _audit = audit;
        _time = time;
    }

    public Task<IReadOnlyList<PromptSummary>> ListAsync(string? search, string? label, CancellationToken cancellationToken) =>
        _db.ReadAsync<IReadOnlyList<PromptSummary>>(
            async s =>
            {
                var sql = "SELECT p.id, p.name, p.description, p.created_at, p.updated_at, (SELECT MAX(version) FROM prompt_versions v WHERE v.prompt_id = p.id) FROM prompts p";
                var args = new List<(string, object?)>();
                var where = new List<string>();
                if (!string.IsNullOrWhiteSpace(search))
                {
                    where.Add("LOWER(p.name) LIKE @q ESCAPE '\\'");
                    args.Add(("q", "%" + SqlAuditLog.LikeEscape(search.Trim().ToLowerInvariant()) + "%"));
                }

                if (!string.IsNullOrWhiteSpace(label))
                {
                    where.Add("EXISTS (SELECT 1 FROM prompt_labels l WHERE l.prompt_id = p.id AND l.label = @label)");
                    args.Add(("label", label));
                }

                if (where.Count > 0)
                {
                    sql += " WHERE " + string.Join(" AND ", where);
                }

                var rows = await s.QueryAsync(
                    sql + " ORDER BY p.name",
                    r => (Id: r.Long(0), Name: r.Str(1), Description: r.Str(2), Created: r.Time(3), Updated: r.Time(4), Latest: r.LongOrNull(5) ?? 0),
                    cancellationToken,
                    args.ToArray()).ConfigureAwait(false);
                var labels = await s.QueryAsync(
                    "SELECT prompt_id, label, version FROM prompt_labels",
                    r => (PromptId: r.Long(0), Label: r.Str(1), Version: r.Long(2)),
                    cancellationToken).ConfigureAwait(false);
                var byPrompt = labels.ToLookup(l => l.PromptId);
                return rows.Select(p => new PromptSummary(
                    p.Id,
                    p.Name,
                    p.Description,
                    p.Latest,
                    byPrompt[p.Id].ToDictionary(l => l.Label, l => l.Version, StringComparer.Ordinal),
                    p.Created,
                    p.Updated)).ToList();
            },
            cancellationToken);

    public Task<PromptDetail> GetAsync(string name, CancellationToken cancellationToken) =>
        _db.ReadAsync(s => LoadDetailAsync(s, name, cancellationToken), cancellationToken);

    public async Task<PromptDetail> CreateAsync(CreatePromptRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check();
        var name = check.Name(request.Name, "name");
        var description = check.Optional(request.Description, "description", 2000);
        var template = check.Required(request.Template, "template");
        var guidelines = check.Optional(request.Guidelines, "guidelines");
        var config = check.JsonObject(request.Config, "config");
        var labels = (request.Labels ?? []).Select((l, i) => check.Label(l, $"labels[{i}]")).Distinct(StringComparer.Ordinal).ToList();
        var message = check.Optional(request.CommitMessage, "commitMessage", 500);
        check.ThrowIfInvalid();

        return await _db.WriteAsync(
            async s =>
            {
                var exists = await s.ScalarLongAsync("SELECT COUNT(*) FROM prompts WHERE name = @n", cancellationToken, ("n", name)).ConfigureAwait(false);
                if (exists > 0)
                {
                    throw ApiProblemException.Conflict($"a prompt named '{name}' already exists; add a version instead");
                }

                var now = _time.GetUtcNow();
                var id = await s.ScalarLongAsync(
                    "INSERT INTO prompts (name, description, created_at, updated_at) VALUES (@n, @d, @t, @t) RETURNING id",
                    cancellationToken,
                    ("n", name),
                    ("d", description),
                    ("t", now)).ConfigureAwait(false) ?? 0;
                await InsertVersionAsync(s, id, 1, template, guidelines, config, message.Length == 0 ? "initial version" : message, actor, now, cancellationToken).ConfigureAwait(false);
                await AddHistoryAsync(s, id, "version_created", null, null, 1, actor, TextDiff.Lines(null, template), cancellationToken).ConfigureAwait(false);
                foreach (var label in labels)
                {
                    await SetLabelAsync(s, id, label, 1, actor, now, cancellationToken).ConfigureAwait(false);
                    await AddHistoryAsync(s, id, "label_moved", label, null, 1, actor, null, cancellationToken).ConfigureAwait(false);
                }

                await _audit.AppendAsync(s, AuditTypes.Prompt, "create", actor, new { name, version = 1, labels }, cancellationToken).ConfigureAwait(false);
                return await LoadDetailAsync(s, name, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<PromptVersion> AddVersionAsync(string name, NewPromptVersionRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check();
        var template = check.Required(request.Template, "template");
        var guidelines = request.Guidelines;
        check.Optional(guidelines, "guidelines");
        var configGiven = request.Config is not null;
        var config = check.JsonObject(request.Config, "config");
        var labels = (request.Labels ?? []).Select((l, i) => check.Label(l, $"labels[{i}]")).Distinct(StringComparer.Ordinal).ToList();
        var message = check.Optional(request.CommitMessage, "commitMessage", 500);
        check.ThrowIfInvalid();

        return await _db.WriteAsync(
            async s =>
            {
                var id = await RequirePromptIdAsync(s, name, lockRow: true, cancellationToken).ConfigureAwait(false);
                var latest = await LatestVersionAsync(s, id, cancellationToken).ConfigureAwait(false);
                var finalGuidelines = guidelines ?? latest.Guidelines;
                var finalConfig = configGiven ? config : latest.Config.GetRawText();
                if (string.Equals(latest.Template, template, StringComparison.Ordinal)
                    && string.Equals(latest.Guidelines, finalGuidelines, StringComparison.Ordinal)
                    && JsonElementEquals(latest.Config, finalConfig))
                {
                    throw ApiProblemException.Conflict($"nothing changed: identical to version {latest.Version}");
                }

                var now = _time.GetUtcNow();
                var next = latest.Version + 1;
                await InsertVersionAsync(s, id, next, template, finalGuidelines, finalConfig, message.Length == 0 ? $"version {next}" : message, actor, now, cancellationToken).ConfigureAwait(false);
                var diff = VersionDiff(latest.Template, template, latest.Guidelines, finalGuidelines, latest.Config.GetRawText(), finalConfig);
                await AddHistoryAsync(s, id, "version_created", null, latest.Version, next, actor, diff, cancellationToken).ConfigureAwait(false);
                foreach (var label in labels)
                {
                    var from = await LabelVersionAsync(s, id, label, cancellationToken).ConfigureAwait(false);
                    await SetLabelAsync(s, id, label, next, actor, now, cancellationToken).ConfigureAwait(false);
                    await AddHistoryAsync(s, id, "label_moved", label, from, next, actor, null, cancellationToken).ConfigureAwait(false);
                }

                await s.ExecuteAsync("UPDATE prompts SET updated_at = @t WHERE id = @id", cancellationToken, ("t", now), ("id", id)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.Prompt, "new_version", actor, new { name, version = next, labels }, cancellationToken).ConfigureAwait(false);
                return await LoadVersionAsync(s, id, next, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("version vanished");
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<PromptVersion> GetVersionAsync(string name, long version, CancellationToken cancellationToken) =>
        _db.ReadAsync(
            async s =>
            {
                var id = await RequirePromptIdAsync(s, name, lockRow: false, cancellationToken).ConfigureAwait(false);
                return await LoadVersionAsync(s, id, version, cancellationToken).ConfigureAwait(false)
                    ?? throw ApiProblemException.NotFound($"prompt '{name}' has no version {version}");
            },
            cancellationToken);

    public async Task<PromptSummary> MoveLabelAsync(string name, string label, long version, string actor, CancellationToken cancellationToken)
    {
        var check = new Check();
        check.Label(label, "label");
        check.ThrowIfInvalid();
        return await _db.WriteAsync(
            async s =>
            {
                var id = await RequirePromptIdAsync(s, name, lockRow: true, cancellationToken).ConfigureAwait(false);
                var target = await LoadVersionAsync(s, id, version, cancellationToken).ConfigureAwait(false)
                    ?? throw ApiProblemException.Unprocessable($"cannot put label '{label}' on version {version}: prompt '{name}' has no such version");
                var from = await LabelVersionAsync(s, id, label, cancellationToken).ConfigureAwait(false);
                if (from == version)
                {
                    return await LoadSummaryAsync(s, name, cancellationToken).ConfigureAwait(false);
                }

                var fromVersion = from is null ? null : await LoadVersionAsync(s, id, from.Value, cancellationToken).ConfigureAwait(false);
                await SetLabelAsync(s, id, label, version, actor, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                await AddHistoryAsync(s, id, "label_moved", label, from, version, actor, TextDiff.Lines(fromVersion?.Template, target.Template), cancellationToken).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.Prompt, "move_label", actor, new { name, label, from, to = version }, cancellationToken).ConfigureAwait(false);
                return await LoadSummaryAsync(s, name, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<PromptSummary> RemoveLabelAsync(string name, string label, string actor, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            async s =>
            {
                var id = await RequirePromptIdAsync(s, name, lockRow: true, cancellationToken).ConfigureAwait(false);
                var from = await LabelVersionAsync(s, id, label, cancellationToken).ConfigureAwait(false)
                    ?? throw ApiProblemException.NotFound($"prompt '{name}' has no label '{label}'");
                await s.ExecuteAsync("DELETE FROM prompt_labels WHERE prompt_id = @id AND label = @l", cancellationToken, ("id", id), ("l", label)).ConfigureAwait(false);
                await AddHistoryAsync(s, id, "label_removed", label, from, null, actor, null, cancellationToken).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.Prompt, "remove_label", actor, new { name, label, from }, cancellationToken).ConfigureAwait(false);
                return await LoadSummaryAsync(s, name, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public async Task<PromptSummary> RollbackAsync(string name, string label, long? toVersion, string actor, CancellationToken cancellationToken)
    {
        var check = new Check();
        check.Label(label, "label");
        check.ThrowIfInvalid();
        return await _db.WriteAsync(
            async s =>
            {
                var id = await RequirePromptIdAsync(s, name, lockRow: true, cancellationToken).ConfigureAwait(false);
                var current = await LabelVersionAsync(s, id, label, cancellationToken).ConfigureAwait(false)
                    ?? throw ApiProblemException.Unprocessable($"prompt '{name}' has no label '{label}' to roll back");
                long target;
                if (toVersion is { } explicitVersion)
                {
                    target = explicitVersion;
                }
                else
                {
                    // Where the label pointed before it moved to its current version.
                    target = await s.ScalarLongAsync(
                        "SELECT from_version FROM prompt_history WHERE prompt_id = @id AND label = @l AND action IN ('label_moved', 'rollback') AND to_version = @cur AND from_version IS NOT NULL ORDER BY id DESC LIMIT 1",
                        cancellationToken,
                        ("id", id),
                        ("l", label),
                        ("cur", current)).ConfigureAwait(false)
                        ?? throw ApiProblemException.Unprocessable($"label '{label}' has no earlier version to roll back to; give a version");
                }

                if (target == current)
                {
                    throw ApiProblemException.Unprocessable($"label '{label}' already points to version {current}");
                }

                var targetVersion = await LoadVersionAsync(s, id, target, cancellationToken).ConfigureAwait(false)
                    ?? throw ApiProblemException.Unprocessable($"cannot roll '{label}' back to version {target}: prompt '{name}' has no such version");
                var currentVersion = await LoadVersionAsync(s, id, current, cancellationToken).ConfigureAwait(false);
                await SetLabelAsync(s, id, label, target, actor, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                await AddHistoryAsync(s, id, "rollback", label, current, target, actor, TextDiff.Lines(currentVersion?.Template, targetVersion.Template), cancellationToken).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.Prompt, "rollback", actor, new { name, label, from = current, to = target }, cancellationToken).ConfigureAwait(false);
                return await LoadSummaryAsync(s, name, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<PromptHistoryEntry>> HistoryAsync(string name, CancellationToken cancellationToken) =>
        _db.ReadAsync<IReadOnlyList<PromptHistoryEntry>>(
            async s =>
            {
                var id = await RequirePromptIdAsync(s, name, lockRow: false, cancellationToken).ConfigureAwait(false);
                return await s.QueryAsync(
                    "SELECT id, ts, action, label, from_version, to_version, actor, diff FROM prompt_history WHERE prompt_id = @id ORDER BY id DESC",
                    r => new PromptHistoryEntry(r.Long(0), r.Time(1), r.Str(2), r.StrOrNull(3), r.LongOrNull(4), r.LongOrNull(5), r.Str(6), r.StrOrNull(7)),
                    cancellationToken,
                    ("id", id)).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<PromptDiff> DiffAsync(string name, long from, long to, CancellationToken cancellationToken) =>
        _db.ReadAsync(
            async s =>
            {
                var id = await RequirePromptIdAsync(s, name, lockRow: false, cancellationToken).ConfigureAwait(false);
                var a = await LoadVersionAsync(s, id, from, cancellationToken).ConfigureAwait(false)
                    ?? throw ApiProblemException.NotFound($"prompt '{name}' has no version {from}");
                var b = await LoadVersionAsync(s, id, to, cancellationToken).ConfigureAwait(false)
                    ?? throw ApiProblemException.NotFound($"prompt '{name}' has no version {to}");
                return new PromptDiff(
                    from,
                    to,
                    TextDiff.Lines(a.Template, b.Template),
                    TextDiff.Lines(a.Guidelines, b.Guidelines),
                    TextDiff.Lines(Pretty(a.Config), Pretty(b.Config)));
            },
            cancellationToken);

    public Task<ResolvedPrompt> ResolveAsync(string name, string? label, long? version, CancellationToken cancellationToken) =>
        _db.ReadAsync(
            async s =>
            {
                var id = await s.ScalarLongAsync("SELECT id FROM prompts WHERE name = @n", cancellationToken, ("n", name)).ConfigureAwait(false)
                    ?? throw ApiProblemException.NotFound($"no prompt named '{name}'");
                long v;
                if (version is { } explicitVersion)
                {
                    v = explicitVersion;
                }
                else if (label is null or "latest")
                {
                    v = await s.ScalarLongAsync("SELECT MAX(version) FROM prompt_versions WHERE prompt_id = @id", cancellationToken, ("id", id)).ConfigureAwait(false) ?? 0;
                }
                else
                {
                    v = await LabelVersionAsync(s, id, label, cancellationToken).ConfigureAwait(false)
                        ?? throw ApiProblemException.NotFound($"prompt '{name}' has no label '{label}'");
                }

                var pv = await LoadVersionAsync(s, id, v, cancellationToken).ConfigureAwait(false)
                    ?? throw ApiProblemException.NotFound($"prompt '{name}' has no version {v}");
                return new ResolvedPrompt(name, pv.Version, pv.Labels, pv.Template, pv.Variables, pv.Config, pv.Guidelines);
            },
            cancellationToken);

    private static string VersionDiff(string t0, string t1, string g0, string g1, string c0, string c1)
    {
        var parts = new List<string>();
        if (!string.Equals(t0, t1, StringComparison.Ordinal))
        {
            parts.Add("# template\n" + TextDiff.Lines(t0, t1));
        }

        if (!string.Equals(g0, g1, StringComparison.Ordinal))
        {
            parts.Add("# guidelines\n" + TextDiff.Lines(g0, g1));
        }

        if (!string.Equals(c0, c1, StringComparison.Ordinal))
        {
            parts.Add("# config\n" + TextDiff.Lines(Pretty(JsonText.Element(c0)), Pretty(JsonText.Element(c1))));
        }

        return string.Join("\n", parts);
    }

    private static string Pretty(JsonElement e) => JsonSerializer.Serialize(e, PrettyOptions);

    private static readonly JsonSerializerOptions PrettyOptions = new() { WriteIndented = true };

    private static bool JsonElementEquals(JsonElement a, string b) =>
        JsonElement.DeepEquals(a, JsonText.Element(b));

    private async Task InsertVersionAsync(
        DbSession s, long promptId, long version, string template, string guidelines, string config, string message, string actor, DateTimeOffset now, CancellationToken ct)
    {
        await s.ExecuteAsync(
            "INSERT INTO prompt_versions (prompt_id, version, template, guidelines, config, variables, commit_message, created_by, created_at) VALUES (@p, @v, @t, @g, @c, @vars, @m, @a, @now)",
            ct,
            ("p", promptId),
            ("v", version),
            ("t", template),
            ("g", guidelines),
            ("c", config),
            ("vars", JsonText.Serialize(PromptVariables.Detect(template + "\n" + guidelines))),
            ("m", message),
            ("a", actor),
            ("now", now)).ConfigureAwait(false);
    }

    private async Task AddHistoryAsync(DbSession s, long promptId, string action, string? label, long? from, long? to, string actor, string? diff, CancellationToken ct) =>
        await s.ExecuteAsync(
            "INSERT INTO prompt_history (prompt_id, ts, action, label, from_version, to_version, actor, diff) VALUES (@p, @ts, @a, @l, @f, @t, @actor, @d)",
            ct,
            ("p", promptId),
            ("ts", _time.GetUtcNow()),
            ("a", action),
            ("l", label),
            ("f", from),
            ("t", to),
            ("actor", actor),
            ("d", diff)).ConfigureAwait(false);

    private static Task SetLabelAsync(DbSession s, long promptId, string label, long version, string actor, DateTimeOffset now, CancellationToken ct) =>
        s.ExecuteAsync(
            "INSERT INTO prompt_labels (prompt_id, label, version, updated_at, updated_by) VALUES (@p, @l, @v, @t, @a) ON CONFLICT (prompt_id, label) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            ct,
            ("p", promptId),
            ("l", label),
            ("v", version),
            ("t", now),
            ("a", actor));

    private static Task<long?> LabelVersionAsync(DbSession s, long promptId, string label, CancellationToken ct) =>
        s.ScalarLongAsync("SELECT version FROM prompt_labels WHERE prompt_id = @p AND label = @l", ct, ("p", promptId), ("l", label));

    private static async Task<long> RequirePromptIdAsync(DbSession s, string name, bool lockRow, CancellationToken ct) =>
        await s.ScalarLongAsync("SELECT id FROM prompts WHERE name = @n" + (lockRow ? s.ForUpdate : string.Empty), ct, ("n", name)).ConfigureAwait(false)
            ?? throw ApiProblemException.NotFound($"no prompt named '{name}'");

    private static async Task<PromptVersion> LatestVersionAsync(DbSession s, long promptId, CancellationToken ct)
    {
        var v = await s.ScalarLongAsync("SELECT MAX(version) FROM prompt_versions WHERE prompt_id = @p", ct, ("p", promptId)).ConfigureAwait(false) ?? 0;
        return await LoadVersionAsync(s, promptId, v, ct).ConfigureAwait(false) ?? throw new InvalidOperationException("prompt has no versions");
    }

    private static async Task<PromptVersion?> LoadVersionAsync(DbSession s, long promptId, long version, CancellationToken ct)
    {
        var labels = await s.QueryAsync(
            "SELECT label FROM prompt_labels WHERE prompt_id = @p AND version = @v ORDER BY label",
            r => r.Str(0),
            ct,
            ("p", promptId),
            ("v", version)).ConfigureAwait(false);
        return await s.QuerySingleAsync(
            "SELECT " + VersionColumns + " FROM prompt_versions WHERE prompt_id = @p AND version = @v",
            r => MapVersion(r, labels),
            ct,
            ("p", promptId),
            ("v", version)).ConfigureAwait(false);
    }

    private static PromptVersion MapVersion(DbDataReader r, IReadOnlyList<string> labels) => new(
        r.Long(0),
        r.Str(1),
        r.Str(2),
        JsonText.Element(r.Str(3)),
        JsonText.Deserialize<List<string>>(r.Str(4), []),
        labels,
        r.Str(5),
        r.Str(6),
        r.Time(7));

    private static async Task<PromptSummary> LoadSummaryAsync(DbSession s, string name, CancellationToken ct)
    {
        var p = await s.QuerySingleAsync(
            "SELECT id, name, description, created_at, updated_at FROM prompts WHERE name = @n",
            r => new Tuple<long, string, string, DateTimeOffset, DateTimeOffset>(r.Long(0), r.Str(1), r.Str(2), r.Time(3), r.Time(4)),
            ct,
            ("n", name)).ConfigureAwait(false) ?? throw ApiProblemException.NotFound($"no prompt named '{name}'");
        var latest = await s.ScalarLongAsync("SELECT MAX(version) FROM prompt_versions WHERE prompt_id = @p", ct, ("p", p.Item1)).ConfigureAwait(false) ?? 0;
        var labels = await s.QueryAsync(
            "SELECT label, version FROM prompt_labels WHERE prompt_id = @p",
            r => (Label: r.Str(0), Version: r.Long(1)),
            ct,
            ("p", p.Item1)).ConfigureAwait(false);
        return new PromptSummary(p.Item1, p.Item2, p.Item3, latest, labels.ToDictionary(l => l.Label, l => l.Version, StringComparer.Ordinal), p.Item4, p.Item5);
    }

    private static async Task<PromptDetail> LoadDetailAsync(DbSession s, string name, CancellationToken ct)
    {
        var summary = await LoadSummaryAsync(s, name, ct).ConfigureAwait(false);
        var byVersion = summary.Labels.GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList());
        var versions = await s.QueryAsync(
            "SELECT " + VersionColumns + " FROM prompt_versions WHERE prompt_id = @p ORDER BY version DESC",
            r => MapVersion(r, byVersion.TryGetValue(r.Long(0), out var l) ? l : []),
            ct,
            ("p", summary.Id)).ConfigureAwait(false);
        return new PromptDetail(summary, versions);
    }
}
