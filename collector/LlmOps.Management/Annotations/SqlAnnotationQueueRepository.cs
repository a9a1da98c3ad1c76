using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using LlmOps.Management.Api;
using LlmOps.Management.Audit;
using LlmOps.Management.Data;
using LlmOps.Management.Datasets;
using LlmOps.Processors.Model;

namespace LlmOps.Management.Annotations;

internal sealed class SqlAnnotationQueueRepository : IAnnotationQueueRepository, IAnnotationQueueSink
{
    private const string QueueColumns = "id, name, description, score_configs, flag_rules, status, lease_seconds, created_at, updated_at";
    private const string ItemColumns = "id, queue_id, trace_id, span_id, reason, severity, source, input, output, status, claimed_by, lease_expires_at, scores, comment, corrected_output, completed_by, completed_at, flagged_at, created_at";
    private const int MaxCategories = 100;
    private static readonly string[] Severities = ["low", "medium", "high", "critical"];
    private static readonly string[] ItemStatuses = ["pending", "claimed", "completed", "skipped"];

    private readonly ManagementDatabase _db;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly SqlDatasetRepository _datasets;
    private readonly ManagementStoreOptions _options;

    public SqlAnnotationQueueRepository(ManagementDatabase db, IAuditLog audit, TimeProvider time, SqlDatasetRepository datasets, ManagementStoreOptions options)
    {
        _db = db;
        _audit = audit;
        _time = time;
        _datasets = datasets;
        _options = options;
    }

    public Task<IReadOnlyList<AnnotationQueue>> ListAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return _db.ReadAsync<IReadOnlyList<AnnotationQueue>>(
            async s =>
            {
                var counts = await s.QueryAsync(
                    "SELECT queue_id, status, CASE WHEN status = 'claimed' AND lease_expires_at < @now THEN 1 ELSE 0 END, COUNT(*) FROM annotation_items GROUP BY 1, 2, 3",
                    r => (Queue: r.Long(0), Status: r.Str(1), Expired: r.Long(2) == 1, Count: r.Long(3)),
                    cancellationToken,
                    ("now", now)).ConfigureAwait(false);
                var byQueue = counts.ToLookup(c => c.Queue);
                return await s.QueryAsync(
                    "SELECT " + QueueColumns + " FROM annotation_queues ORDER BY name",
                    r => MapQueue(r, Progress(byQueue[r.Long(0)].Select(c => (c.Status, c.Expired, c.Count)))),
                    cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<AnnotationQueue> GetAsync(long id, CancellationToken cancellationToken) =>
        _db.ReadAsync(s => RequireQueueAsync(s, id, false, cancellationToken), cancellationToken);

    public Task<AnnotationQueue> CreateAsync(AnnotationQueueRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check();
        var name = check.Name(request.Name, "name");
        var description = check.Optional(request.Description, "description", 2000);
        var configs = request.ScoreConfigs ?? [];
        if (configs.Count == 0)
        {
            check.Fail("scoreConfigs", "at least one score configuration is required");
        }

        for (var i = 0; i < configs.Count; i++)
        {
            ValidateConfig(configs[i], $"scoreConfigs[{i}]", check);
        }

        foreach (var dup in configs.Where(c => c is not null).GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            check.Fail("scoreConfigs", $"score name '{dup.Key}' appears more than once");
        }

        var rules = (request.FlagRules ?? []).Select((r, i) => check.Label(r, $"flagRules[{i}]")).Distinct(StringComparer.Ordinal).ToList();
        var lease = check.Range(request.LeaseSeconds, "leaseSeconds", 10, 86_400, (long)_options.DefaultLease.TotalSeconds);
        check.ThrowIfInvalid();
        return _db.WriteAsync(
            async s =>
            {
                var exists = await s.ScalarLongAsync("SELECT COUNT(*) FROM annotation_queues WHERE name = @n", cancellationToken, ("n", name)).ConfigureAwait(false);
                if (exists > 0)
                {
                    throw ApiProblemException.Conflict($"an annotation queue named '{name}' already exists");
                }

                var now = _time.GetUtcNow();
                var id = await s.ScalarLongAsync(
                    "INSERT INTO annotation_queues (name, description, score_configs, flag_rules, status, lease_seconds, created_at, updated_at) VALUES (@n, @d, @c, @r, 'active', @l, @t, @t) RETURNING id",
                    cancellationToken,
                    ("n", name),
                    ("d", description),
                    ("c", JsonText.Serialize(configs)),
                    ("r", JsonText.Serialize(rules)),
                    ("l", lease),
                    ("t", now)).ConfigureAwait(false) ?? 0;
                await _audit.AppendAsync(s, AuditTypes.AnnotationQueue, "create", actor, new { id, name, scores = configs.Select(c => c.Name), flagRules = rules }, cancellationToken).ConfigureAwait(false);
                return await RequireQueueAsync(s, id, false, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<AnnotationQueue> SetStatusAsync(long id, string status, string actor, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            async s =>
            {
                var queue = await RequireQueueAsync(s, id, true, cancellationToken).ConfigureAwait(false);
                if (queue.Status == status)
                {
                    throw ApiProblemException.Conflict($"queue '{queue.Name}' is already {status}");
                }

                await s.ExecuteAsync("UPDATE annotation_queues SET status = @s, updated_at = @t WHERE id = @id", cancellationToken, ("s", status), ("t", _time.GetUtcNow()), ("id", id)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.AnnotationQueue, status == "active" ? "start" : "stop", actor, new { id, queue.Name }, cancellationToken).ConfigureAwait(false);
                return await RequireQueueAsync(s, id, false, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public Task DeleteAsync(long id, string actor, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            async s =>
            {
                var queue = await RequireQueueAsync(s, id, true, cancellationToken).ConfigureAwait(false);
                await s.ExecuteAsync("DELETE FROM annotation_queues WHERE id = @id", cancellationToken, ("id", id)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.AnnotationQueue, "delete", actor, new { id, queue.Name, items = queue.Progress.Total }, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<IReadOnlyList<AnnotationItem>> ListItemsAsync(long queueId, string? status, long? afterId, int limit, CancellationToken cancellationToken)
    {
        if (status is not null && !ItemStatuses.Contains(status, StringComparer.Ordinal))
        {
            throw ApiProblemException.BadRequest($"status must be one of {string.Join(", ", ItemStatuses)}");
        }

        return _db.ReadAsync<IReadOnlyList<AnnotationItem>>(
            async s =>
            {
                var exists = await s.ScalarLongAsync("SELECT COUNT(*) FROM annotation_queues WHERE id = @id", cancellationToken, ("id", queueId)).ConfigureAwait(false);
                if (exists == 0)
                {
                    throw ApiProblemException.NotFound($"no annotation queue with id {queueId}");
                }

                return await s.QueryAsync(
                    "SELECT " + ItemColumns + " FROM annotation_items WHERE queue_id = @q" + (status is null ? string.Empty : " AND status = @st") + " AND id > @after ORDER BY id LIMIT @limit",
                    MapItem,
                    cancellationToken,
                    [("q", queueId), ("after", afterId ?? 0L), ("limit", (long)limit), .. status is null ? Array.Empty<(string, object?)>() : [("st", status)]]).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<AnnotationItem> AddItemAsync(long queueId, ManualItemRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check();
        var traceId = TelemetryIds.FromHex(request.TraceId, TelemetryIds.TraceIdBytes) ?? string.Empty;
        if (traceId.Length == 0)
        {
            check.Fail("traceId", "must be 32 hex digits, not all zero");
        }

        var spanId = TelemetryIds.FromHex(request.SpanId, TelemetryIds.SpanIdBytes) ?? string.Empty;
        if (spanId.Length == 0)
        {
            check.Fail("spanId", "must be 16 hex digits, not all zero");
        }

        var reason = check.Optional(request.Reason, "reason", 2000);
        var severity = check.OneOf(request.Severity, "severity", Severities, "medium");
        var input = request.Input is null ? null : check.Optional(request.Input, "input");
        var output = request.Output is null ? null : check.Optional(request.Output, "output");
        check.ThrowIfInvalid();
        return _db.WriteAsync(
            async s =>
            {
                var queue = await RequireQueueAsync(s, queueId, false, cancellationToken).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                var inserted = await InsertItemAsync(s, queueId, traceId, spanId, reason.Length == 0 ? "added by hand" : reason, severity, "manual", input, output, now, cancellationToken).ConfigureAwait(false);
                if (inserted == 0)
                {
                    throw ApiProblemException.Conflict($"span {traceId}/{spanId} is already in queue '{queue.Name}'");
                }

                await _audit.AppendAsync(s, AuditTypes.AnnotationQueue, "add_item", actor, new { id = queueId, traceId, spanId }, cancellationToken).ConfigureAwait(false);
                return await s.QuerySingleAsync(
                    "SELECT " + ItemColumns + " FROM annotation_items WHERE queue_id = @q AND trace_id = @t AND span_id = @s",
                    MapItem,
                    cancellationToken,
                    ("q", queueId),
                    ("t", traceId),
                    ("s", spanId)).ConfigureAwait(false) ?? throw new InvalidOperationException("item vanished");
            },
            cancellationToken);
    }

    public async Task<ClaimedItem?> ClaimAsync(long queueId, ClaimRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check();
        var reviewer = check.Name(request.Reviewer ?? actor, "reviewer", 100);
        if (request.LeaseSeconds is not null)
        {
            check.Range(request.LeaseSeconds, "leaseSeconds", 10, 86_400, 600);
        }

        check.ThrowIfInvalid();
        return await _db.WriteAsync(
            async s =>
            {
                var queue = await RequireQueueAsync(s, queueId, false, cancellationToken).ConfigureAwait(false);
                if (queue.Status != "active")
                {
                    throw ApiProblemException.Conflict($"queue '{queue.Name}' is stopped; start it to hand out work");
                }

                var now = _time.GetUtcNow();
                var expires = now.AddSeconds(request.LeaseSeconds ?? queue.LeaseSeconds);
                var mine = await s.QuerySingleAsync(
                    "SELECT id, lease_token FROM annotation_items WHERE queue_id = @q AND status = 'claimed' AND claimed_by = @r AND lease_expires_at >= @now ORDER BY id LIMIT 1" + s.ForUpdate,
                    r => new Tuple<long, string>(r.Long(0), r.Str(1)),
                    cancellationToken,
                    ("q", queueId),
                    ("r", reviewer),
                    ("now", now)).ConfigureAwait(false);
                if (mine is not null)
                {
                    await s.ExecuteAsync("UPDATE annotation_items SET lease_expires_at = @e WHERE id = @id", cancellationToken, ("e", expires), ("id", mine.Item1)).ConfigureAwait(false);
                    return new ClaimedItem(await RequireItemAsync(s, queueId, mine.Item1, false, cancellationToken).ConfigureAwait(false), mine.Item2, expires);
                }

                var candidate = await s.ScalarLongAsync(
                    "SELECT id FROM annotation_items WHERE queue_id = @q AND status = 'claimed' AND lease_expires_at < @now ORDER BY id LIMIT 1" + s.Database.ForUpdateSkipLocked,
                    cancellationToken,
                    ("q", queueId),
                    ("now", now)).ConfigureAwait(false)
                    ?? await s.ScalarLongAsync(
                        "SELECT id FROM annotation_items WHERE queue_id = @q AND status = 'pending' ORDER BY id LIMIT 1" + s.Database.ForUpdateSkipLocked,
                        cancellationToken,
                        ("q", queueId)).ConfigureAwait(false);
                if (candidate is null)
                {
                    return null;
                }

                var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                await s.ExecuteAsync(
                    "UPDATE annotation_items SET status = 'claimed', claimed_by = @r, lease_token = @tok, lease_expires_at = @e WHERE id = @id",
                    cancellationToken,
                    ("r", reviewer),
                    ("tok", token),
                    ("e", expires),
                    ("id", candidate.Value)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.AnnotationQueue, "claim", actor, new { id = queueId, itemId = candidate.Value, reviewer, leaseExpiresAt = expires }, cancellationToken).ConfigureAwait(false);
                return new ClaimedItem(await RequireItemAsync(s, queueId, candidate.Value, false, cancellationToken).ConfigureAwait(false), token, expires);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<AnnotationItem> SubmitAsync(long queueId, long itemId, SubmitRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check();
        var token = check.Required(request.LeaseToken, "leaseToken", 64);
        var comment = request.Comment is null ? null : check.Optional(request.Comment, "comment", 10_000);
        var corrected = request.CorrectedOutput is null ? null : check.Optional(request.CorrectedOutput, "correctedOutput");
        check.ThrowIfInvalid();
        return _db.WriteAsync(
            async s =>
            {
                var queue = await RequireQueueAsync(s, queueId, false, cancellationToken).ConfigureAwait(false);
                var (item, reviewer) = await RequireLeaseAsync(s, queueId, itemId, token, cancellationToken).ConfigureAwait(false);
                var scores = ValidateScores(queue.ScoreConfigs, request.Scores ?? []);
                var now = _time.GetUtcNow();
                await s.ExecuteAsync(
                    "UPDATE annotation_items SET status = 'completed', scores = @s, comment = @c, corrected_output = @co, completed_by = @by, completed_at = @t, lease_token = NULL, lease_expires_at = NULL WHERE id = @id",
                    cancellationToken,
                    ("s", scores),
                    ("c", comment),
                    ("co", corrected),
                    ("by", reviewer),
                    ("t", now),
                    ("id", itemId)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.AnnotationQueue, "submit", actor, new { id = queueId, itemId, item.TraceId, item.SpanId, reviewer, scores = JsonText.Element(scores) }, cancellationToken).ConfigureAwait(false);
                return await RequireItemAsync(s, queueId, itemId, false, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<AnnotationItem> SkipAsync(long queueId, long itemId, SkipRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check();
        var token = check.Required(request.LeaseToken, "leaseToken", 64);
        var comment = request.Comment is null ? null : check.Optional(request.Comment, "comment", 10_000);
        check.ThrowIfInvalid();
        return _db.WriteAsync(
            async s =>
            {
                await RequireQueueAsync(s, queueId, false, cancellationToken).ConfigureAwait(false);
                var (_, reviewer) = await RequireLeaseAsync(s, queueId, itemId, token, cancellationToken).ConfigureAwait(false);
                await s.ExecuteAsync(
                    "UPDATE annotation_items SET status = 'skipped', comment = @c, completed_by = @by, completed_at = @t, lease_token = NULL, lease_expires_at = NULL WHERE id = @id",
                    cancellationToken,
                    ("c", comment),
                    ("by", reviewer),
                    ("t", _time.GetUtcNow()),
                    ("id", itemId)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.AnnotationQueue, "skip", actor, new { id = queueId, itemId, reviewer }, cancellationToken).ConfigureAwait(false);
                return await RequireItemAsync(s, queueId, itemId, false, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<QueueProgress> ProgressAsync(long queueId, CancellationToken cancellationToken) =>
        _db.ReadAsync(async s => (await RequireQueueAsync(s, queueId, false, cancellationToken).ConfigureAwait(false)).Progress, cancellationToken);

    public Task<ExportToDatasetResult> ExportToDatasetAsync(long queueId, ExportToDatasetRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check();
        if ((request.DatasetId is null) == (request.DatasetName is null))
        {
            check.Fail("datasetId", "give exactly one of datasetId (an existing dataset) or datasetName (existing or new)");
        }

        if (request.DatasetId is <= 0)
        {
            check.Fail("datasetId", "must be a positive integer");
        }

        var datasetName = request.DatasetName is null ? null : check.Name(request.DatasetName, "datasetName");
        check.ThrowIfInvalid();
        return _db.WriteAsync(
            async s =>
            {
                var queue = await RequireQueueAsync(s, queueId, true, cancellationToken).ConfigureAwait(false);
                var items = await s.QueryAsync(
                    "SELECT " + ItemColumns + " FROM annotation_items WHERE queue_id = @q AND status = 'completed' AND exported_dataset_id IS NULL ORDER BY id",
                    MapItem,
                    cancellationToken,
                    ("q", queueId)).ConfigureAwait(false);
                if (items.Count == 0)
                {
                    throw ApiProblemException.Unprocessable($"queue '{queue.Name}' has no completed items that were not exported yet");
                }

                long datasetId;
                if (request.DatasetId is { } id)
                {
                    datasetId = (await SqlDatasetRepository.RequireAsync(s, id, cancellationToken, lockRow: true).ConfigureAwait(false)).Id;
                }
                else
                {
                    datasetId = await s.ScalarLongAsync("SELECT id FROM datasets WHERE name = @n", cancellationToken, ("n", datasetName)).ConfigureAwait(false)
                        ?? await _datasets.CreateInSessionAsync(s, datasetName!, $"Reviewed items from annotation queue '{queue.Name}'", actor, cancellationToken).ConfigureAwait(false);
                }

                var rows = items.Select(i => new SqlDatasetRepository.ValidItem(
                    i.Input ?? $"trace {i.TraceId} span {i.SpanId}",
                    i.CorrectedOutput ?? i.Output,
                    null,
                    "verified",
                    JsonText.Serialize(new { source = "annotation_queue", queue = queue.Name, traceId = i.TraceId, spanId = i.SpanId, scores = i.Scores, comment = i.Comment, reviewer = i.CompletedBy }))).ToList();
                await _datasets.InsertItemsAsync(s, datasetId, rows, cancellationToken).ConfigureAwait(false);
                foreach (var i in items)
                {
                    await s.ExecuteAsync("UPDATE annotation_items SET exported_dataset_id = @d WHERE id = @id", cancellationToken, ("d", datasetId), ("id", i.Id)).ConfigureAwait(false);
                }

                var name = (string?)await s.ScalarAsync("SELECT name FROM datasets WHERE id = @id", cancellationToken, ("id", datasetId)).ConfigureAwait(false) ?? string.Empty;
                await _audit.AppendAsync(s, AuditTypes.AnnotationQueue, "export", actor, new { id = queueId, datasetId, dataset = name, items = items.Count }, cancellationToken).ConfigureAwait(false);
                return new ExportToDatasetResult(datasetId, name, items.Count);
            },
            cancellationToken);
    }

    public async Task<EnqueueResult> EnqueueFlaggedAsync(IReadOnlyList<FlaggedSpan> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return new EnqueueResult(0, 0, 0);
        }

        return await _db.WriteAsync(
            async s =>
            {
                var queues = await s.QueryAsync(
                    "SELECT id, name, flag_rules FROM annotation_queues",
                    r => (Id: r.Long(0), Name: r.Str(1), Rules: JsonText.Deserialize<List<string>>(r.Str(2), [])),
                    cancellationToken).ConfigureAwait(false);
                int inserted = 0, duplicates = 0, unrouted = 0;
                var perQueue = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var span in items)
                {
                    if (string.IsNullOrWhiteSpace(span.TraceId) || string.IsNullOrWhiteSpace(span.SpanId))
                    {
                        unrouted++;
                        continue;
                    }

                    var targets = span.Queue is not null
                        ? queues.Where(q => q.Name == span.Queue).ToList()
                        : queues.Where(q => q.Rules.Contains(span.Rule, StringComparer.Ordinal)).ToList();
                    if (targets.Count == 0)
                    {
                        unrouted++;
                        continue;
                    }

                    foreach (var q in targets)
                    {
                        var severity = Severities.Contains(span.Severity, StringComparer.Ordinal) ? span.Severity : "medium";
                        var n = await InsertItemAsync(s, q.Id, span.TraceId, span.SpanId, $"{span.Rule}: {span.Reason}", severity, "auto", span.Input, span.Output, span.Time, cancellationToken).ConfigureAwait(false);
                        if (n == 1)
                        {
                            inserted++;
                            perQueue[q.Name] = perQueue.GetValueOrDefault(q.Name) + 1;
                        }
                        else
                        {
                            duplicates++;
                        }
                    }
                }

                if (inserted > 0)
                {
                    await _audit.AppendAsync(s, AuditTypes.AnnotationQueue, "auto_add", Actor.System, new { items = inserted, queues = perQueue }, cancellationToken).ConfigureAwait(false);
                }

                return new EnqueueResult(inserted, duplicates, unrouted);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private Task<int> InsertItemAsync(
        DbSession s, long queueId, string traceId, string spanId, string reason, string severity, string source, string? input, string? output, DateTimeOffset flaggedAt, CancellationToken ct) =>
        s.ExecuteAsync(
            "INSERT INTO annotation_items (queue_id, trace_id, span_id, reason, severity, source, input, output, status, flagged_at, created_at) VALUES (@q, @t, @s, @r, @sev, @src, @in, @out, 'pending', @f, @now) ON CONFLICT (queue_id, trace_id, span_id) DO NOTHING",
            ct,
            ("q", queueId),
            ("t", traceId),
            ("s", spanId),
            ("r", reason),
            ("sev", severity),
            ("src", source),
            ("in", input),
            ("out", output),
            ("f", flaggedAt),
            ("now", _time.GetUtcNow()));

    private async Task<(AnnotationItem Item, string Reviewer)> RequireLeaseAsync(DbSession s, long queueId, long itemId, string token, CancellationToken ct)
    {
        var lease = await s.QuerySingleAsync(
            "SELECT status, lease_token, lease_expires_at, claimed_by FROM annotation_items WHERE id = @id AND queue_id = @q" + s.ForUpdate,
            r => new Tuple<string, string?, DateTimeOffset?, string?>(r.Str(0), r.StrOrNull(1), r.TimeOrNull(2), r.StrOrNull(3)),
            ct,
            ("id", itemId),
            ("q", queueId)).ConfigureAwait(false) ?? throw ApiProblemException.NotFound($"queue {queueId} has no item {itemId}");
        var (status, leaseToken, expires, claimedBy) = (lease.Item1, lease.Item2, lease.Item3, lease.Item4);
        if (status != "claimed")
        {
            throw ApiProblemException.Conflict($"item {itemId} is {status}, not claimed; claim it first");
        }

        if (!string.Equals(leaseToken, token, StringComparison.Ordinal))
        {
            throw ApiProblemException.Conflict($"item {itemId} is leased to another reviewer (or was re-claimed); claim again");
        }

        if (expires is { } e && e < _time.GetUtcNow())
        {
            throw ApiProblemException.Conflict($"the lease on item {itemId} expired at {e:O}; claim again");
        }

        return (await RequireItemAsync(s, queueId, itemId, false, ct).ConfigureAwait(false), claimedBy ?? string.Empty);
    }

    private static void ValidateConfig(ScoreConfig c, string path, Check check)
    {
        if (c is null)
        {
            check.Fail(path, "must not be null");
            return;
        }

        check.Name(c.Name, path + ".name", 100);
        check.OneOf(c.Type, path + ".type", ScoreConfig.Types);
        check.Optional(c.Description, path + ".description", 2000);
        if (c.Categories is { Count: > MaxCategories })
        {
            check.Fail(path + ".categories", $"at most {MaxCategories} categories");
        }

        for (var i = 0; i < (c.Categories?.Count ?? 0); i++)
        {
            check.Optional(c.Categories![i], $"{path}.categories[{i}]", 100);
        }

        // JSON has no NaN or Infinity, but a number beyond double's range (1e400) reads as infinity: stored, it could not be
        // written back as JSON (a 500 on this create and on every later read of the queue).
        foreach (var (bound, value) in new[] { ("min", c.Min), ("max", c.Max) })
        {
            if (value is { } v && !double.IsFinite(v))
            {
                check.Fail($"{path}.{bound}", "must be a finite number");
            }
        }

        switch (c.Type)
        {
            case "numeric" when c.Min is null || c.Max is null || !(c.Min < c.Max):
                check.Fail(path, "a numeric score needs min < max");
                break;
            case "categorical" when c.Categories is null || c.Categories.Count == 0 || c.Categories.Any(string.IsNullOrWhiteSpace) || c.Categories.Distinct(StringComparer.Ordinal).Count() != c.Categories.Count:
                check.Fail(path, "a categorical score needs distinct, non-empty categories");
                break;
        }
    }

    private static string ValidateScores(IReadOnlyList<ScoreConfig> configs, Dictionary<string, JsonElement> scores)
    {
        var check = new Check();
        foreach (var name in scores.Keys.Where(k => configs.All(c => c.Name != k)))
        {
            check.Fail($"scores.{name}", $"is not a score of this queue (scores: {string.Join(", ", configs.Select(c => c.Name))})");
        }

        var clean = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var c in configs)
        {
            var path = $"scores.{c.Name}";
            if (!scores.TryGetValue(c.Name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (c.Required)
                {
                    check.Fail(path, "is required");
                }

                continue;
            }

            switch (c.Type)
            {
                case "numeric":
                    if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || d < c.Min || d > c.Max)
                    {
                        check.Fail(path, $"must be a number between {c.Min} and {c.Max}");
                    }
                    else
                    {
                        clean[c.Name] = d;
                    }

                    break;
                case "categorical":
                    if (v.ValueKind != JsonValueKind.String || !(c.Categories ?? []).Contains(v.GetString()!, StringComparer.Ordinal))
                    {
                        check.Fail(path, $"must be one of {string.Join(", ", c.Categories ?? [])}");
                    }
                    else
                    {
                        clean[c.Name] = v.GetString()!;
                    }

                    break;
                default:
                    if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        check.Fail(path, "must be true or false");
                    }
                    else
                    {
                        clean[c.Name] = v.GetBoolean();
                    }

                    break;
            }
        }

        check.ThrowIfInvalid();
        return JsonText.Serialize(clean);
    }

    private async Task<AnnotationQueue> RequireQueueAsync(DbSession s, long id, bool lockRow, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var counts = await s.QueryAsync(
            "SELECT status, CASE WHEN status = 'claimed' AND lease_expires_at < @now THEN 1 ELSE 0 END, COUNT(*) FROM annotation_items WHERE queue_id = @q GROUP BY 1, 2",
            r => (Status: r.Str(0), Expired: r.Long(1) == 1, Count: r.Long(2)),
            ct,
            ("q", id),
            ("now", now)).ConfigureAwait(false);
        return await s.QuerySingleAsync(
            "SELECT " + QueueColumns + " FROM annotation_queues WHERE id = @id" + (lockRow ? s.ForUpdate : string.Empty),
            r => MapQueue(r, Progress(counts)),
            ct,
            ("id", id)).ConfigureAwait(false) ?? throw ApiProblemException.NotFound($"no annotation queue with id {id}");
    }

    private static async Task<AnnotationItem> RequireItemAsync(DbSession s, long queueId, long itemId, bool lockRow, CancellationToken ct) =>
        await s.QuerySingleAsync(
            "SELECT " + ItemColumns + " FROM annotation_items WHERE id = @id AND queue_id = @q" + (lockRow ? s.ForUpdate : string.Empty),
            MapItem,
            ct,
            ("id", itemId),
            ("q", queueId)).ConfigureAwait(false) ?? throw ApiProblemException.NotFound($"queue {queueId} has no item {itemId}");

    private static QueueProgress Progress(IEnumerable<(string Status, bool Expired, long Count)> counts)
    {
        long pending = 0, inProgress = 0, completed = 0, skipped = 0;
        foreach (var (status, expired, count) in counts)
        {
            switch (status)
            {
                case "pending": pending += count; break;
                case "claimed" when expired: pending += count; break;
                case "claimed": inProgress += count; break;
                case "completed": completed += count; break;
                case "skipped": skipped += count; break;
            }
        }

        return new QueueProgress(pending + inProgress + completed + skipped, pending, inProgress, completed, skipped);
    }

    private static AnnotationQueue MapQueue(DbDataReader r, QueueProgress progress) => new(
        r.Long(0),
        r.Str(1),
        r.Str(2),
        JsonText.Deserialize<List<ScoreConfig>>(r.Str(3), []),
        JsonText.Deserialize<List<string>>(r.Str(4), []),
        r.Str(5),
        r.Long(6),
        progress,
        r.Time(7),
        r.Time(8));

    private static AnnotationItem MapItem(DbDataReader r) => new(
        r.Long(0),
        r.Long(1),
        r.Str(2),
        r.Str(3),
        r.Str(4),
        r.Str(5),
        r.Str(6),
        r.StrOrNull(7),
        r.StrOrNull(8),
        r.Str(9),
        r.StrOrNull(10),
        r.TimeOrNull(11),
        r.StrOrNull(12) is { } scores ? JsonText.Element(scores) : null,
        r.StrOrNull(13),
        r.StrOrNull(14),
        r.StrOrNull(15),
        r.TimeOrNull(16),
        r.Time(17),
        r.Time(18));
}
