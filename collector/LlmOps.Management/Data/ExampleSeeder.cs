using LlmOps.Management.Api;
using LlmOps.Management.Audit;
using LlmOps.Management.Datasets;
using LlmOps.Management.Prompts;

namespace LlmOps.Management.Data;

/// <summary>
/// Inserts the example prompts, datasets, annotation queues, evaluators and alert rules once (marker row in
/// <c>mgmt_seeds</c>, under the migration lock so two replicas starting together seed once). Existing objects with
/// the same names are left alone.
/// </summary>
internal sealed class ExampleSeeder
{
    public const string SeedName = "examples-v1";

    private readonly ManagementDatabase _db;
    private readonly IAuditLog _audit;
    private readonly SqlDatasetRepository _datasets;
    private readonly TimeProvider _time;

    public ExampleSeeder(ManagementDatabase db, IAuditLog audit, SqlDatasetRepository datasets, TimeProvider time)
    {
        _db = db;
        _audit = audit;
        _datasets = datasets;
        _time = time;
    }

    /// <summary>True when this call seeded; false when the seed was already applied.</summary>
    public Task<bool> SeedAsync(CancellationToken cancellationToken) =>
        _db.WriteAsync(
            async s =>
            {
                await _db.LockForMigrationAsync(s, cancellationToken).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                var marked = await s.ExecuteAsync(
                    "INSERT INTO mgmt_seeds (name, applied_at) VALUES (@n, @t) ON CONFLICT (name) DO NOTHING",
                    cancellationToken,
                    ("n", SeedName),
                    ("t", now)).ConfigureAwait(false);
                if (marked == 0)
                {
                    return false;
                }

                foreach (var p in ExampleData.Prompts)
                {
                    await SeedPromptAsync(s, p.Name, p.Description, p.Versions, now, cancellationToken).ConfigureAwait(false);
                }

                foreach (var d in ExampleData.Datasets)
                {
                    var exists = await s.ScalarLongAsync("SELECT COUNT(*) FROM datasets WHERE name = @n", cancellationToken, ("n", d.Name)).ConfigureAwait(false);
                    if (exists > 0)
                    {
                        continue;
                    }

                    var id = await s.ScalarLongAsync(
                        "INSERT INTO datasets (name, description, created_at, updated_at) VALUES (@n, @d, @t, @t) RETURNING id",
                        cancellationToken,
                        ("n", d.Name),
                        ("d", d.Description),
                        ("t", now)).ConfigureAwait(false) ?? 0;
                    await _datasets.InsertItemsAsync(s, id, d.Items, cancellationToken).ConfigureAwait(false);
                }

                foreach (var q in ExampleData.Queues)
                {
                    await s.ExecuteAsync(
                        "INSERT INTO annotation_queues (name, description, score_configs, flag_rules, status, lease_seconds, created_at, updated_at) VALUES (@n, @d, @c, @r, 'active', 600, @t, @t) ON CONFLICT (name) DO NOTHING",
                        cancellationToken,
                        ("n", q.Name),
                        ("d", q.Description),
                        ("c", JsonText.Serialize(q.ScoreConfigs)),
                        ("r", JsonText.Serialize(q.FlagRules)),
                        ("t", now)).ConfigureAwait(false);
                }

                foreach (var e in ExampleData.Evaluators)
                {
                    await s.ExecuteAsync(
                        "INSERT INTO evaluators (name, kind, template, score_name, target, sampling_rate, status, created_at, updated_at) VALUES (@n, @k, @tpl, @sn, @tg, @sr, 'active', @t, @t) ON CONFLICT (name) DO NOTHING",
                        cancellationToken,
                        ("n", e.Name),
                        ("k", e.Kind),
                        ("tpl", e.Template),
                        ("sn", e.ScoreName),
                        ("tg", JsonText.Serialize(e.Target)),
                        ("sr", e.SamplingRate),
                        ("t", now)).ConfigureAwait(false);
                }

                // Seeded disabled: they are examples of the expression language and would duplicate the engine's
                // built-in rules if enabled as they are.
                foreach (var r in ExampleData.AlertRules)
                {
                    await s.ExecuteAsync(
                        "INSERT INTO alert_rules (name, kind, expression, operator, threshold, for_seconds, severity, labels, enabled, created_at, updated_at, source) VALUES (@n, @k, @e, @o, @th, @f, @sev, '{}', 0, @t, @t, 'api') ON CONFLICT (name) DO NOTHING",
                        cancellationToken,
                        ("n", r.Name),
                        ("k", r.Kind),
                        ("e", r.Expression),
                        ("o", r.Operator),
                        ("th", r.Threshold),
                        ("f", r.ForSeconds),
                        ("sev", r.Severity),
                        ("t", now)).ConfigureAwait(false);
                }

                await _audit.AppendAsync(
                    s,
                    AuditTypes.System,
                    "seed",
                    Actor.System,
                    new
                    {
                        seed = SeedName,
                        prompts = ExampleData.Prompts.Select(p => p.Name),
                        datasets = ExampleData.Datasets.Select(d => d.Name),
                        queues = ExampleData.Queues.Select(q => q.Name),
                    },
                    cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    private static async Task SeedPromptAsync(
        DbSession s,
        string name,
        string description,
        IReadOnlyList<ExampleData.PromptVersionSeed> versions,
        DateTimeOffset now,
        CancellationToken ct)
    {
        var exists = await s.ScalarLongAsync("SELECT COUNT(*) FROM prompts WHERE name = @n", ct, ("n", name)).ConfigureAwait(false);
        if (exists > 0)
        {
            return;
        }

        var id = await s.ScalarLongAsync(
            "INSERT INTO prompts (name, description, created_at, updated_at) VALUES (@n, @d, @t, @t) RETURNING id",
            ct,
            ("n", name),
            ("d", description),
            ("t", now)).ConfigureAwait(false) ?? 0;
        string? previous = null;
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i];
            await s.ExecuteAsync(
                "INSERT INTO prompt_versions (prompt_id, version, template, guidelines, config, variables, commit_message, created_by, created_at) VALUES (@p, @v, @t, @g, @c, @vars, @m, 'system', @now)",
                ct,
                ("p", id),
                ("v", (long)(i + 1)),
                ("t", v.Template),
                ("g", v.Guidelines),
                ("c", v.Config),
                ("vars", JsonText.Serialize(PromptVariables.Detect(v.Template + "\n" + v.Guidelines))),
                ("m", v.Message),
                ("now", now)).ConfigureAwait(false);
            await s.ExecuteAsync(
                "INSERT INTO prompt_history (prompt_id, ts, action, from_version, to_version, actor, diff) VALUES (@p, @t, 'version_created', @f, @to, 'system', @d)",
                ct,
                ("p", id),
                ("t", now),
                ("f", i == 0 ? null : (long?)i),
                ("to", (long)(i + 1)),
                ("d", TextDiff.Lines(previous, v.Template))).ConfigureAwait(false);
            foreach (var label in v.Labels)
            {
                await s.ExecuteAsync(
                    "INSERT INTO prompt_labels (prompt_id, label, version, updated_at, updated_by) VALUES (@p, @l, @v, @t, 'system')",
                    ct,
                    ("p", id),
                    ("l", label),
                    ("v", (long)(i + 1)),
                    ("t", now)).ConfigureAwait(false);
                await s.ExecuteAsync(
                    "INSERT INTO prompt_history (prompt_id, ts, action, label, to_version, actor) VALUES (@p, @t, 'label_moved', @l, @to, 'system')",
                    ct,
                    ("p", id),
                    ("t", now),
                    ("l", label),
                    ("to", (long)(i + 1))).ConfigureAwait(false);
            }

            previous = v.Template;
        }
    }
}
