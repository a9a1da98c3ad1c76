using System.Data.Common;
using LlmOps.Management.Api;
using LlmOps.Management.Audit;
using LlmOps.Management.Data;
using LlmOps.Management.Datasets;

namespace LlmOps.Management.Evaluation;

internal sealed class SqlEvaluationRunRepository : IEvaluationRunRepository
{
    private const string Columns = "id, dataset_id, name, prompt_name, prompt_label, prompt_version, model, evaluators, thresholds, noise, status, total, done, created_by, created_at, started_at, finished_at, error, summary";

    private readonly ManagementDatabase _db;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<IDatasetEvaluator> _evaluators;
    private readonly ChatModelResolver _models;

    public SqlEvaluationRunRepository(ManagementDatabase db, IAuditLog audit, TimeProvider time, IEnumerable<IDatasetEvaluator> evaluators, ChatModelResolver models)
    {
        _db = db;
        _audit = audit;
        _time = time;
        _evaluators = evaluators.ToList();
        _models = models;
    }

    public Task<EvaluationRun> CreateAsync(long datasetId, RunRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check();
        var promptName = check.Name(request.PromptName, "promptName");
        if (request.PromptLabel is not null && request.PromptVersion is not null)
        {
            check.Fail("promptLabel", "give either promptLabel or promptVersion, not both");
        }

        if (request.PromptVersion is <= 0)
        {
            check.Fail("promptVersion", "must be a positive integer");
        }

        var label = request.PromptVersion is null ? (request.PromptLabel ?? "production") : null;
        var model = check.Name(request.Model ?? FakeChatModel.ModelName, "model", 200);
        var names = _evaluators.Select(e => e.Name).ToList();
        var chosen = request.Evaluators is { Count: > 0 } list ? list.Distinct(StringComparer.Ordinal).ToList() : ["token_f1"];
        foreach (var e in chosen.Where(e => !names.Contains(e, StringComparer.Ordinal)))
        {
            var what = e is null ? "null is not an evaluator name" : $"unknown evaluator '{e}'";
            check.Fail("evaluators", $"{what}; available: {string.Join(", ", names)}");
        }

        var thresholds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (metric, value) in request.Thresholds ?? [])
        {
            if (!chosen.Contains(metric, StringComparer.Ordinal))
            {
                check.Fail($"thresholds.{metric}", "is not one of the chosen evaluators");
            }

            thresholds[metric] = check.Range(value, $"thresholds.{metric}", 0, 1, 0.5);
        }

        var noise = check.Range(request.Noise, "noise", 0, 1, 0);
        var name = check.Optional(request.Name, "name", 200);
        check.ThrowIfInvalid();
        foreach (var e in chosen)
        {
            thresholds.TryAdd(e, 0.5);
        }

        if (!_models.IsAvailable(model))
        {
            throw ApiProblemException.Unprocessable($"model '{model}' needs an OpenAI-compatible endpoint and none is configured (service.management.run_model.endpoint); use model 'fake' for offline runs");
        }

        return _db.WriteAsync(
            async s =>
            {
                var dataset = await SqlDatasetRepository.RequireAsync(s, datasetId, cancellationToken).ConfigureAwait(false);
                if (dataset.ItemCount == 0)
                {
                    throw ApiProblemException.Unprocessable($"dataset {datasetId} has no items to evaluate");
                }

                var promptId = await s.ScalarLongAsync("SELECT id FROM prompts WHERE name = @n", cancellationToken, ("n", promptName)).ConfigureAwait(false)
                    ?? throw ApiProblemException.NotFound($"no prompt named '{promptName}'");
                long version;
                if (label is not null)
                {
                    version = await s.ScalarLongAsync("SELECT version FROM prompt_labels WHERE prompt_id = @p AND label = @l", cancellationToken, ("p", promptId), ("l", label)).ConfigureAwait(false)
                        ?? throw ApiProblemException.Unprocessable($"prompt '{promptName}' has no label '{label}'");
                }
                else
                {
                    version = request.PromptVersion!.Value;
                    var exists = await s.ScalarLongAsync("SELECT COUNT(*) FROM prompt_versions WHERE prompt_id = @p AND version = @v", cancellationToken, ("p", promptId), ("v", version)).ConfigureAwait(false);
                    if (exists == 0)
                    {
                        throw ApiProblemException.Unprocessable($"prompt '{promptName}' has no version {version}");
                    }
                }

                var runName = name.Length > 0 ? name : $"{dataset.Name} × {promptName} v{version} × {model}";
                var id = await s.ScalarLongAsync(
                    "INSERT INTO eval_runs (dataset_id, name, prompt_name, prompt_label, prompt_version, model, evaluators, thresholds, noise, status, total, done, created_by, created_at) VALUES (@d, @n, @pn, @pl, @pv, @m, @e, @t, @noise, 'queued', @total, 0, @a, @now) RETURNING id",
                    cancellationToken,
                    ("d", datasetId),
                    ("n", runName),
                    ("pn", promptName),
                    ("pl", label),
                    ("pv", version),
                    ("m", model),
                    ("e", JsonText.Serialize(chosen)),
                    ("t", JsonText.Serialize(thresholds)),
                    ("noise", noise),
                    ("total", dataset.ItemCount),
                    ("a", actor),
                    ("now", _time.GetUtcNow())).ConfigureAwait(false) ?? 0;
                await _audit.AppendAsync(s, AuditTypes.EvaluationRun, "start", actor, new { id, datasetId, prompt = promptName, label, version, model, evaluators = chosen }, cancellationToken).ConfigureAwait(false);
                return await RequireAsync(s, id, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<EvaluationRun> GetAsync(long runId, CancellationToken cancellationToken) =>
        _db.ReadAsync(s => RequireAsync(s, runId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<EvaluationRun>> ListForDatasetAsync(long datasetId, CancellationToken cancellationToken) =>
        _db.ReadAsync<IReadOnlyList<EvaluationRun>>(
            async s =>
            {
                await SqlDatasetRepository.RequireAsync(s, datasetId, cancellationToken).ConfigureAwait(false);
                return await s.QueryAsync("SELECT " + Columns + " FROM eval_runs WHERE dataset_id = @d ORDER BY id", Map, cancellationToken, ("d", datasetId)).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<IReadOnlyList<RunItemResult>> ResultsAsync(long runId, CancellationToken cancellationToken) =>
        _db.ReadAsync<IReadOnlyList<RunItemResult>>(
            async s =>
            {
                await RequireAsync(s, runId, cancellationToken).ConfigureAwait(false);
                return await s.QueryAsync(
                    "SELECT item_id, output, latency_ms, input_tokens, output_tokens, cost, scores, passed, error FROM eval_run_results WHERE run_id = @r ORDER BY item_id",
                    r => new RunItemResult(r.Long(0), r.Str(1), r.Dbl(2), r.Long(3), r.Long(4), r.Dbl(5), JsonText.Deserialize<Dictionary<string, DatasetScore>>(r.Str(6), []), r.Bool(7), r.StrOrNull(8)),
                    cancellationToken,
                    ("r", runId)).ConfigureAwait(false);
            },
            cancellationToken);

    public async Task<bool> TryClaimAsync(long runId, string runner, CancellationToken cancellationToken) =>
        await _db.WriteAsync(
            s => s.ExecuteAsync(
                "UPDATE eval_runs SET status = 'running', runner = @r, started_at = @t, heartbeat_at = @t WHERE id = @id AND status = 'queued'",
                cancellationToken,
                ("r", runner),
                ("t", _time.GetUtcNow()),
                ("id", runId)),
            cancellationToken).ConfigureAwait(false) == 1;

    public Task<IReadOnlyList<long>> QueuedAsync(CancellationToken cancellationToken) =>
        _db.ReadAsync<IReadOnlyList<long>>(
            async s => await s.QueryAsync("SELECT id FROM eval_runs WHERE status = 'queued' ORDER BY id LIMIT 100", r => r.Long(0), cancellationToken).ConfigureAwait(false),
            cancellationToken);

    public Task RecordResultAsync(long runId, RunItemResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return _db.WriteAsync(
            async s =>
            {
                var inserted = await s.ExecuteAsync(
                    "INSERT INTO eval_run_results (run_id, item_id, output, latency_ms, input_tokens, output_tokens, cost, scores, passed, error) VALUES (@r, @i, @o, @l, @it, @ot, @c, @s, @p, @e) ON CONFLICT (run_id, item_id) DO NOTHING",
                    cancellationToken,
                    ("r", runId),
                    ("i", result.ItemId),
                    ("o", result.Output),
                    ("l", result.LatencyMs),
                    ("it", result.InputTokens),
                    ("ot", result.OutputTokens),
                    ("c", result.CostUsd),
                    ("s", JsonText.Serialize(result.Scores)),
                    ("p", result.Passed),
                    ("e", result.Error)).ConfigureAwait(false);
                // Each recorded item is the runner's sign of life (see RequeueStaleAsync).
                await s.ExecuteAsync(
                    "UPDATE eval_runs SET done = done + @n, heartbeat_at = @t WHERE id = @r",
                    cancellationToken,
                    ("n", (long)inserted),
                    ("t", _time.GetUtcNow()),
                    ("r", runId)).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task CompleteAsync(long runId, RunSummary summary, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            s => s.ExecuteAsync(
                "UPDATE eval_runs SET status = 'completed', finished_at = @t, summary = @s WHERE id = @id",
                cancellationToken,
                ("t", _time.GetUtcNow()),
                ("s", JsonText.Serialize(summary)),
                ("id", runId)),
            cancellationToken);

    public Task FailAsync(long runId, string error, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            s => s.ExecuteAsync(
                "UPDATE eval_runs SET status = 'failed', finished_at = @t, error = @e WHERE id = @id",
                cancellationToken,
                ("t", _time.GetUtcNow()),
                ("e", error),
                ("id", runId)),
            cancellationToken);

    public Task<IReadOnlyList<long>> RequeueStaleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        _db.WriteAsync<IReadOnlyList<long>>(
            async s =>
            {
                var stale = await s.QueryAsync(
                    "SELECT id FROM eval_runs WHERE status = 'running' AND COALESCE(heartbeat_at, started_at, created_at) < @c ORDER BY id",
                    r => r.Long(0),
                    cancellationToken,
                    ("c", cutoff)).ConfigureAwait(false);
                var requeued = new List<long>(stale.Count);
                foreach (var id in stale)
                {
                    // Re-checked in the UPDATE: a runner that records an item meanwhile keeps its run.
                    if (await s.ExecuteAsync(
                        "UPDATE eval_runs SET status = 'queued', runner = NULL WHERE id = @id AND status = 'running' AND COALESCE(heartbeat_at, started_at, created_at) < @c",
                        cancellationToken,
                        ("id", id),
                        ("c", cutoff)).ConfigureAwait(false) == 1)
                    {
                        requeued.Add(id);
                    }
                }

                return requeued;
            },
            cancellationToken);

    public async Task<bool> ReleaseAsync(long runId, string runner, CancellationToken cancellationToken) =>
        await _db.WriteAsync(
            s => s.ExecuteAsync(
                "UPDATE eval_runs SET status = 'queued', runner = NULL WHERE id = @id AND status = 'running' AND runner = @r",
                cancellationToken,
                ("id", runId),
                ("r", runner)),
            cancellationToken).ConfigureAwait(false) == 1;

    private static async Task<EvaluationRun> RequireAsync(DbSession s, long id, CancellationToken ct) =>
        await s.QuerySingleAsync("SELECT " + Columns + " FROM eval_runs WHERE id = @id", Map, ct, ("id", id)).ConfigureAwait(false)
            ?? throw ApiProblemException.NotFound($"no evaluation run with id {id}");

    private static EvaluationRun Map(DbDataReader r) => new(
        r.Long(0),
        r.Long(1),
        r.Str(2),
        r.Str(3),
        r.StrOrNull(4),
        r.Long(5),
        r.Str(6),
        JsonText.Deserialize<List<string>>(r.Str(7), []),
        JsonText.Deserialize<Dictionary<string, double>>(r.Str(8), []),
        r.Dbl(9),
        r.Str(10),
        r.Long(11),
        r.Long(12),
        r.Str(13),
        r.Time(14),
        r.TimeOrNull(15),
        r.TimeOrNull(16),
        r.StrOrNull(17),
        r.StrOrNull(18) is { } json ? JsonText.Deserialize<RunSummary?>(json, null) : null);
}
