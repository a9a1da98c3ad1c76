using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOps.Management.Api;
using LlmOps.Management.Audit;
using LlmOps.Management.Data;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Management.Settings;

internal sealed class SqlSettingsRepository : ISettingsRepository
{
    private readonly ManagementDatabase _db;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly SettingsChangeNotifier _notifier;

    public SqlSettingsRepository(ManagementDatabase db, IAuditLog audit, TimeProvider time, SettingsChangeNotifier notifier)
    {
        _db = db;
        _audit = audit;
        _time = time;
        _notifier = notifier;
    }

    public Task<IReadOnlyList<SettingsSnapshot>> GetAllAsync(CancellationToken cancellationToken) =>
        _db.ReadAsync<IReadOnlyList<SettingsSnapshot>>(
            async s =>
            {
                var stored = await LoadAsync(s, null, cancellationToken).ConfigureAwait(false);
                return SettingsSections.Names
                    .Select(n => stored.FirstOrDefault(x => x.Section == n) ?? DefaultSnapshot(n))
                    .ToList();
            },
            cancellationToken);

    public Task<SettingsSnapshot> GetAsync(string section, CancellationToken cancellationToken)
    {
        RequireSection(section);
        return _db.ReadAsync(
            async s => (await LoadAsync(s, section, cancellationToken).ConfigureAwait(false)).FirstOrDefault() ?? DefaultSnapshot(section),
            cancellationToken);
    }

    public async Task<SettingsSnapshot> UpdateAsync(string section, JsonElement patch, string actor, CancellationToken cancellationToken)
    {
        var type = RequireSection(section);
        if (patch.ValueKind != JsonValueKind.Object)
        {
            throw ApiProblemException.BadRequest("the body must be a JSON object with the fields to change");
        }

        var result = await _db.WriteAsync(
            async s =>
            {
                var current = (await LoadAsync(s, section, cancellationToken).ConfigureAwait(false)).FirstOrDefault() ?? DefaultSnapshot(section);
                var merged = JsonNode.Parse(current.Value.GetRawText())!.AsObject();
                var changed = new List<string>();
                foreach (var property in patch.EnumerateObject())
                {
                    var key = merged.Select(kv => kv.Key).FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase)) ?? property.Name;
                    merged[key] = JsonNode.Parse(property.Value.GetRawText());
                    changed.Add(key);
                }

                object value;
                try
                {
                    value = merged.Deserialize(type, RequestReader.Json)
                        ?? throw ApiProblemException.BadRequest("the section must not be null");
                }
                catch (JsonException e)
                {
                    throw ApiProblemException.BadRequest($"invalid {section} settings{RequestReader.JsonError(e)}");
                }

                var validation = SettingsSections.Validate(value);
                if (value is GuardrailSettings guardrails && validation.FieldErrors.Count == 0)
                {
                    await CheckReviewQueueAsync(s, guardrails.ReviewQueue, current.Value, validation, cancellationToken).ConfigureAwait(false);
                }

                if (validation.FieldErrors.Count > 0)
                {
                    throw ApiProblemException.Validation([.. validation.FieldErrors, .. validation.RuleErrors]);
                }

                if (validation.RuleErrors.Count > 0)
                {
                    throw ApiProblemException.Validation(validation.RuleErrors, StatusCodes.Status422UnprocessableEntity);
                }

                var json = JsonSerializer.Serialize(value, type, RequestReader.Json);
                var version = await s.ScalarLongAsync(
                    "UPDATE mgmt_settings_version SET version = version + 1 WHERE id = 1 RETURNING version",
                    cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("settings version row missing");
                var now = _time.GetUtcNow();
                await s.ExecuteAsync(
                    "INSERT INTO mgmt_settings (section, json, version, updated_at, updated_by) VALUES (@s, @j, @v, @t, @a) ON CONFLICT (section) DO UPDATE SET json = excluded.json, version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                    cancellationToken,
                    ("s", section),
                    ("j", json),
                    ("v", version),
                    ("t", now),
                    ("a", actor)).ConfigureAwait(false);
                var after = JsonText.Element(json);
                var diff = changed.Distinct(StringComparer.Ordinal).ToDictionary(
                    k => k,
                    k => new { from = Redact(k, current.Value), to = Redact(k, after) },
                    StringComparer.Ordinal);
                await _audit.AppendAsync(s, AuditTypes.Settings, "update", actor, new { section, version, changes = diff }, cancellationToken).ConfigureAwait(false);
                return (Snapshot: new SettingsSnapshot(section, after, version, now, actor), Value: value);
            },
            cancellationToken).ConfigureAwait(false);
        _notifier.Apply(section, result.Snapshot.Version, result.Value);
        return result.Snapshot;
    }

    public Task<long> CurrentVersionAsync(CancellationToken cancellationToken) =>
        _db.ReadAsync(
            async s => await s.ScalarLongAsync("SELECT version FROM mgmt_settings_version WHERE id = 1", cancellationToken).ConfigureAwait(false) ?? 0,
            cancellationToken);

    public Task<IReadOnlyList<SettingsSnapshot>> ChangedSinceAsync(long version, CancellationToken cancellationToken) =>
        _db.ReadAsync<IReadOnlyList<SettingsSnapshot>>(
            async s => await s.QueryAsync(
                "SELECT section, json, version, updated_at, updated_by FROM mgmt_settings WHERE version > @v ORDER BY version",
                r => new SettingsSnapshot(r.Str(0), JsonText.Element(r.Str(1)), r.Long(2), r.Time(3), r.Str(4)),
                cancellationToken,
                ("v", version)).ConfigureAwait(false),
            cancellationToken);

    /// <summary>Typed value of a stored section (used by the poller).</summary>
    public static object ToValue(SettingsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var type = SettingsSections.TypeOf(snapshot.Section) ?? throw new ArgumentException("unknown section", nameof(snapshot));
        return snapshot.Value.Deserialize(type, RequestReader.Json) ?? SettingsSections.Default(snapshot.Section);
    }

    private static Type RequireSection(string section) =>
        SettingsSections.TypeOf(section)
            ?? throw ApiProblemException.NotFound($"unknown settings section '{RequestReader.Truncate(section)}'; sections: {string.Join(", ", SettingsSections.Names)}");

    private static SettingsSnapshot DefaultSnapshot(string section)
    {
        var value = SettingsSections.Default(section);
        return new SettingsSnapshot(section, JsonText.Element(JsonSerializer.Serialize(value, value.GetType(), RequestReader.Json)), 0, null, null);
    }

    private static async Task<List<SettingsSnapshot>> LoadAsync(DbSession s, string? section, CancellationToken ct) =>
        await s.QueryAsync(
            "SELECT section, json, version, updated_at, updated_by FROM mgmt_settings" + (section is null ? string.Empty : " WHERE section = @s" + s.ForUpdate),
            r => new SettingsSnapshot(r.Str(0), JsonText.Element(r.Str(1)), r.Long(2), r.Time(3), r.Str(4)),
            ct,
            section is null ? [] : [("s", section)]).ConfigureAwait(false);

    /// <summary>
    /// A new guardrails review queue must be an annotation queue: flagged spans routed to a missing queue are dropped
    /// (counted as unrouted). Read from the queue table in this transaction, so settings need no annotation repository.
    /// An unchanged name is not checked again, so other guardrail fields stay editable after the queue is deleted.
    /// </summary>
    private static async Task CheckReviewQueueAsync(DbSession s, string queue, JsonElement current, SettingsValidation validation, CancellationToken ct)
    {
        if (current.TryGetProperty("reviewQueue", out var before) && before.ValueKind == JsonValueKind.String && before.GetString() == queue)
        {
            return;
        }

        var names = await s.QueryAsync("SELECT name FROM annotation_queues ORDER BY name", r => r.Str(0), ct).ConfigureAwait(false);
        if (!names.Contains(queue, StringComparer.Ordinal))
        {
            var known = names.Count == 0 ? "there are none" : string.Join(", ", names.Take(20).Select(n => $"'{n}'")) + (names.Count > 20 ? $" and {names.Count - 20} more" : string.Empty);
            validation.RuleErrors.Add($"reviewQueue: no annotation queue named '{RequestReader.Truncate(queue)}' (annotation queues: {known})");
        }
    }

    private static string? Redact(string key, JsonElement obj)
    {
        if (!obj.TryGetProperty(key, out var v))
        {
            return null;
        }

        if (key == "webhookUrl" && v.ValueKind == JsonValueKind.String && Uri.TryCreate(v.GetString(), UriKind.Absolute, out var uri))
        {
            // Webhook URLs often carry a token in the path or query: keep only scheme and host.
            return $"{uri.Scheme}://{uri.Host}/...";
        }

        return v.GetRawText();
    }
}
