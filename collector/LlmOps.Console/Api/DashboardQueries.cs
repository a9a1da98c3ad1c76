using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using LlmOps.Processors.Drift;
using LlmOps.Sdk;
using LlmOps.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LlmOps.Ui.Api;

/// <summary>
/// Read-only aggregates the query and management APIs do not serve yet, computed from the telemetry store's tables
/// (the same rows <c>/api/v1/traces</c> reads): totals, KPIs, chart series and drift. KPI definitions follow the
/// Prometheus KPI exporter (feedback named <c>user_feedback</c>, positive/negative by label else score ≥ 0.5).
/// </summary>
internal sealed class DashboardQueries(IServiceProvider services, TimeProvider timeProvider)
{
    public const string QualityScore = "correctness";
    public const string FallbackQualityScore = "groundedness";
    private const double PositiveThreshold = 0.5;
    private const double CorrectnessThreshold = 0.7;
    private const int MaxDriftSamples = 50_000;
    private static readonly TimeSpan DriftCacheFor = TimeSpan.FromSeconds(30);
    private static readonly string[] PositiveLabels = ["positive", "thumbs_up", "up", "good", "helpful", "yes"];
    private static readonly string[] NegativeLabels = ["negative", "thumbs_down", "down", "bad", "unhelpful", "no", "issue"];
    private readonly SemaphoreSlim _driftGate = new(1, 1);
    private (DateTimeOffset At, JsonObject Json)? _drift;
    private int _warming;

    public bool Available => services.GetService(typeof(StorageOptions)) is StorageOptions;

    public async Task<JsonObject> SummaryAsync(long? fromUnixNano, CancellationToken cancellationToken)
    {
        var from = fromUnixNano ?? 0;

        // The per-model scan of the spans runs on a second connection while the rest reads the rollups.
        var modelsTask = ModelsAsync(from, cancellationToken);
        await using var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var result = new JsonObject { ["from_unix_nano"] = from.ToString(CultureInfo.InvariantCulture) };

        await ReadAsync(db, "SELECT COUNT(*), COALESCE(SUM(cost_usd), 0), COALESCE(SUM(total_tokens), 0), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0), AVG(duration_ms), COALESCE(SUM(CASE WHEN error_count > 0 THEN 1 ELSE 0 END), 0) FROM traces WHERE start_ns >= @from", from, r =>
        {
            result["total_traces"] = r.GetInt64(0);
            result["total_cost_usd"] = Math.Round(r.GetDouble(1), 6);
            result["total_tokens"] = r.GetInt64(2);
            result["input_tokens"] = r.GetInt64(3);
            result["output_tokens"] = r.GetInt64(4);
            result["avg_latency_ms"] = r.IsDBNull(5) ? null : Math.Round(r.GetDouble(5), 1);
            result["error_traces"] = r.GetInt64(6);
        }, cancellationToken).ConfigureAwait(false);

        var users = new HashSet<string>(StringComparer.Ordinal);
        var midnightNs = ToNano(midnight);
        await ReadAsync(db, "SELECT DISTINCT user_id FROM traces WHERE start_ns >= @from AND user_id IS NOT NULL", Math.Max(from, midnightNs), r => users.Add(r.GetString(0)), cancellationToken).ConfigureAwait(false);
        await ReadAsync(db, "SELECT DISTINCT user_id FROM evaluation_results WHERE time_unix_nano >= @from AND user_id IS NOT NULL", Math.Max(from, midnightNs), r => users.Add(r.GetString(0)), cancellationToken).ConfigureAwait(false);
        result["daily_active_users"] = users.Count;

        await FeedbackAsync(db, from, result, cancellationToken).ConfigureAwait(false);

        var (calls, escalated, models) = await modelsTask.ConfigureAwait(false);
        result["model_calls"] = calls;
        result["escalations"] = escalated;
        result["escalation_rate"] = calls == 0 ? null : Math.Round((double)escalated / calls, 4);
        result["models"] = models;

        var names = new JsonArray();
        await ReadAsync(db, "SELECT name, COUNT(*) FROM traces WHERE start_ns >= @from GROUP BY name ORDER BY 2 DESC, 1 LIMIT 10", from, r => names.Add(new JsonObject { ["name"] = r.GetString(0), ["count"] = r.GetInt64(1) }), cancellationToken).ConfigureAwait(false);
        result["traces_by_name"] = names;

        var scores = new JsonArray();
        await ReadAsync(db, $"SELECT name, COUNT(*), AVG(score_value) FROM evaluation_results WHERE time_unix_nano >= @from AND score_value IS NOT NULL AND name <> '{SemanticConventions.LlmOpsFeedbackName}' GROUP BY name ORDER BY name", from, r => scores.Add(new JsonObject { ["name"] = r.GetString(0), ["count"] = r.GetInt64(1), ["average"] = Math.Round(r.GetDouble(2), 4) }), cancellationToken).ConfigureAwait(false);
        result["evaluation_scores"] = scores;

        await QualityAsync(db, from, scores, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Average score per name for each trace id (for the trace list's score columns).</summary>
    public async Task<JsonObject> TraceScoresAsync(IReadOnlyList<string> traceIds, CancellationToken cancellationToken)
    {
        var items = new JsonObject();
        if (traceIds.Count == 0)
        {
            return new JsonObject { ["items"] = items };
        }

        await using var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        var names = new List<string>();
        for (var i = 0; i < traceIds.Count; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@t" + i.ToString(CultureInfo.InvariantCulture);
            p.Value = traceIds[i];
            cmd.Parameters.Add(p);
            names.Add(p.ParameterName);
        }

        var list = string.Join(", ", names);
        var traces = db is SqliteConnection ? LlmOps.Storage.Sqlite.SqliteScoresFile.TracesFilter("e", list) : $"e.trace_id IN ({list})";
        cmd.CommandText = $"SELECT e.trace_id, e.name, AVG(e.score_value) FROM evaluation_results e WHERE e.score_value IS NOT NULL AND {traces} GROUP BY e.trace_id, e.name";
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = r.GetString(0);
            if (items[id] is not JsonObject scores)
            {
                scores = [];
                items[id] = scores;
            }

            scores[r.GetString(1)] = Math.Round(r.GetDouble(2), 4);
        }

        return new JsonObject { ["items"] = items };
    }

    /// <summary>The last drift result if it is fresh; otherwise null, and a computation is started in the background.</summary>
    public JsonObject? CachedDriftOrWarm()
    {
        if (_drift is { } cached && timeProvider.GetUtcNow() - cached.At < DriftCacheFor)
        {
            return (JsonObject)cached.Json.DeepClone();
        }

        if (Interlocked.CompareExchange(ref _warming, 1, 0) == 0)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await DriftAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
                {
                    // The API call reports the error; the page shows the placeholder until it works.
                }
                finally
                {
                    Volatile.Write(ref _warming, 0);
                }
            });
        }

        return null;
    }

    /// <summary>
    /// Drift of the stored scores (the current window of <c>service.drift</c> against its baseline window, sampled
    /// evenly over both) with root-cause sentences; cached 30 s.
    /// </summary>
    public async Task<JsonObject> DriftAsync(CancellationToken cancellationToken)
    {
        await _driftGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = timeProvider.GetUtcNow();
            if (_drift is { } cached && now - cached.At < DriftCacheFor)
            {
                return (JsonObject)cached.Json.DeepClone();
            }

            var options = services.GetService(typeof(DriftOptions)) as DriftOptions ?? new DriftOptions();
            var samples = new List<ScoreSample>();
            await using (var db = await OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                // SQLite keys spans by their trace's row id, PostgreSQL by the trace id.
                var spanOfResult = db is SqliteConnection ? LlmOps.Storage.Sqlite.SqliteSchema.SpansOfTrace("s", "e.trace_id") : LlmOps.Storage.Postgres.PostgresDialect.Instance.SpansOfTrace("s", "e.trace_id");
                var sql = $"SELECT e.time_unix_nano, e.name, e.score_value, COALESCE(s.response_model, s.request_model), s.prompt_version, s.request_model, s.response_model, s.user_id FROM evaluation_results e LEFT JOIN spans s ON {spanOfResult} AND s.span_id = e.span_id WHERE e.time_unix_nano >= @from AND e.time_unix_nano < @to AND e.score_value IS NOT NULL AND e.name <> '{SemanticConventions.LlmOpsFeedbackName}' ORDER BY e.time_unix_nano DESC LIMIT @limit";
                void Add(DbDataReader r) => samples.Add(new ScoreSample(
                    DateTimeOffset.UnixEpoch.AddTicks(r.GetInt64(0) / 100),
                    r.GetString(1),
                    r.GetDouble(2),
                    Model: r.IsDBNull(3) ? null : r.GetString(3),
                    PromptVersion: r.IsDBNull(4) ? null : r.GetString(4),
                    RequestModel: r.IsDBNull(5) ? null : r.GetString(5),
                    ResponseModel: r.IsDBNull(6) ? null : r.GetString(6),
                    UserSegment: r.IsDBNull(7) ? null : r.GetString(7)));

                // A sample spread evenly over time, as the drift engine's own buffer keeps: each window is cut into
                // slices and each slice gives at most its share of the newest scores. Taking the newest scores alone
                // filled the sample from the last minutes of a busy hour and left the week's baseline empty.
                foreach (var (start, end, slices) in DriftSlices(now, options))
                {
                    var perSlice = Math.Max(1, MaxDriftSamples / 2 / slices);
                    var width = (end - start) / slices;
                    for (var i = slices - 1; i >= 0; i--)
                    {
                        var to = i == slices - 1 ? end : start + (width * (i + 1));
                        await ReadAsync(db, sql, [("@from", ToNano(start + (width * i))), ("@to", ToNano(to)), ("@limit", perSlice)], Add, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            samples.Reverse();
            var report = await new DriftEngine(options, timeProvider).EvaluateAsync(samples, cancellationToken).ConfigureAwait(false);
            var findings = new JsonArray();
            foreach (var f in report.Findings.OrderByDescending(f => f.Detected).ThenByDescending(f => f.Severity))
            {
                findings.Add(new JsonObject
                {
                    ["kind"] = DriftMetricsPublisher.KindLabel(f.Kind),
                    ["score"] = f.ScoreName,
                    ["model"] = f.Model,
                    ["prompt_version"] = f.PromptVersion,
                    ["baseline_value"] = Finite(f.BaselineValue),
                    ["current_value"] = Finite(f.CurrentValue),
                    ["baseline_count"] = f.BaselineCount,
                    ["current_count"] = f.CurrentCount,
                    ["detected"] = f.Detected,
                    ["severity"] = Finite(f.Severity),
                    ["root_cause"] = f.RootCause?.Text,
                });
            }

            var json = new JsonObject
            {
                ["evaluated_at"] = report.EvaluatedAt.ToString("O", CultureInfo.InvariantCulture),
                ["baseline_window_hours"] = options.BaselineWindow.TotalHours,
                ["current_window_hours"] = options.CurrentWindow.TotalHours,
                ["baseline_samples"] = report.BaselineSamples,
                ["current_samples"] = report.CurrentSamples,
                ["min_samples"] = options.MinSamples,
                ["detected"] = report.Detected,
                ["findings"] = findings,
            };
            _drift = (now, json);
            return (JsonObject)json.DeepClone();
        }
        finally
        {
            _driftGate.Release();
        }
    }

    private async Task<(long Calls, long Escalated, JsonArray Models)> ModelsAsync(long from, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        long calls = 0, escalated = 0;
        var models = new JsonArray();
        await ReadAsync(db, "SELECT COALESCE(response_model, request_model, 'unknown'), COUNT(*), COALESCE(SUM(cost_usd), 0), COALESCE(SUM(input_tokens), 0) + COALESCE(SUM(output_tokens), 0), COALESCE(SUM(CASE WHEN guardrail_flags LIKE '%\"queue\":\"%' THEN 1 ELSE 0 END), 0) FROM spans WHERE is_gen_ai = 1 AND (operation IS NULL OR operation <> 'retrieval') AND start_time_unix_nano >= @from GROUP BY COALESCE(response_model, request_model, 'unknown') ORDER BY 2 DESC", from, r =>
        {
            calls += r.GetInt64(1);
            escalated += r.GetInt64(4);
            models.Add(new JsonObject { ["model"] = r.GetString(0), ["calls"] = r.GetInt64(1), ["cost_usd"] = Math.Round(r.GetDouble(2), 6), ["tokens"] = r.GetInt64(3) });
        }, cancellationToken).ConfigureAwait(false);
        return (calls, escalated, models);
    }

    private async Task FeedbackAsync(DbConnection db, long from, JsonObject result, CancellationToken cancellationToken)
    {
        long positive = 0, negative = 0, neutral = 0;
        var issues = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var latest = new Dictionary<string, (long Time, bool Positive)>(StringComparer.Ordinal);
        var firstTrace = new Dictionary<string, string>(StringComparer.Ordinal);
        var firstJudged = new Dictionary<string, bool>(StringComparer.Ordinal);
        var byTrace = new Dictionary<string, bool>(StringComparer.Ordinal);
        await ReadAsync(db, $"SELECT e.score_label, e.score_value, e.time_unix_nano, t.session_id, e.trace_id FROM evaluation_results e LEFT JOIN traces t ON t.trace_id = e.trace_id WHERE e.name = '{SemanticConventions.LlmOpsFeedbackName}' AND e.time_unix_nano >= @from", from, r =>
        {
            var label = r.IsDBNull(0) ? null : r.GetString(0).ToLowerInvariant();
            bool? p = label is not null && PositiveLabels.Contains(label) ? true
                : label is not null && NegativeLabels.Contains(label) ? false
                : r.IsDBNull(1) ? null : r.GetDouble(1) >= PositiveThreshold;
            var time = r.GetInt64(2);
            if (p is null)
            {
                neutral++;
                return;
            }

            if (p.Value)
            {
                positive++;
            }
            else
            {
                negative++;
                var day = DateTimeOffset.UnixEpoch.AddTicks(time / 100).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                issues[day] = issues.GetValueOrDefault(day) + 1;
            }

            byTrace[r.GetString(4)] = p.Value;
            if (!r.IsDBNull(3))
            {
                var session = r.GetString(3);
                if (!latest.TryGetValue(session, out var l) || l.Time <= time)
                {
                    latest[session] = (time, p.Value);
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        // First answer of each session: its earliest trace; judged by feedback on it or its correctness score.
        await ReadAsync(db, "SELECT t.session_id, t.trace_id, t.start_ns FROM traces t JOIN (SELECT session_id, MIN(start_ns) AS first_ns FROM traces WHERE session_id IS NOT NULL AND start_ns >= @from GROUP BY session_id) f ON f.session_id = t.session_id AND f.first_ns = t.start_ns", from, r => firstTrace.TryAdd(r.GetString(0), r.GetString(1)), cancellationToken).ConfigureAwait(false);
        var correctness = new Dictionary<string, double>(StringComparer.Ordinal);
        await ReadAsync(db, $"SELECT trace_id, AVG(score_value) FROM evaluation_results WHERE name = '{QualityScore}' AND score_value IS NOT NULL AND time_unix_nano >= @from GROUP BY trace_id", from, r => correctness[r.GetString(0)] = r.GetDouble(1), cancellationToken).ConfigureAwait(false);
        foreach (var (session, trace) in firstTrace)
        {
            if (byTrace.TryGetValue(trace, out var p))
            {
                firstJudged[session] = p;
            }
            else if (correctness.TryGetValue(trace, out var c))
            {
                firstJudged[session] = c >= CorrectnessThreshold;
            }
        }

        result["feedback"] = new JsonObject { ["positive"] = positive, ["negative"] = negative, ["neutral"] = neutral, ["total"] = positive + negative + neutral };
        result["user_satisfaction"] = positive + negative == 0 ? null : Math.Round((double)positive / (positive + negative), 4);
        result["task_completion"] = latest.Count == 0 ? null : Math.Round((double)latest.Values.Count(v => v.Positive) / latest.Count, 4);
        result["first_response_accuracy"] = firstJudged.Count == 0 ? null : Math.Round((double)firstJudged.Values.Count(v => v) / firstJudged.Count, 4);
        result["issues_reported"] = new JsonArray([.. issues.Select(i => (JsonNode)new JsonObject { ["day"] = i.Key, ["count"] = i.Value })]);
    }

    private static async Task QualityAsync(DbConnection db, long from, JsonArray scores, JsonObject result, CancellationToken cancellationToken)
    {
        // Correctness when scored; otherwise groundedness; otherwise the most-scored evaluator, so the chart is never empty for want of a name.
        var present = scores.Select(s => (Name: (string?)s!["name"], Count: (long?)s["count"] ?? 0)).Where(s => s.Name is not null).ToList();
        var name = present.Exists(s => s.Name == QualityScore) ? QualityScore
            : present.Exists(s => s.Name == FallbackQualityScore) ? FallbackQualityScore
            : present.OrderByDescending(s => s.Count).Select(s => s.Name).FirstOrDefault() ?? QualityScore;
        var buckets = new long[10];
        await ReadAsync(db, $"SELECT CAST(score_value * 10 AS INTEGER), COUNT(*) FROM evaluation_results WHERE name = '{name}' AND score_value IS NOT NULL AND time_unix_nano >= @from GROUP BY CAST(score_value * 10 AS INTEGER)", from, r =>
        {
            var i = (int)Math.Clamp(r.GetInt64(0), 0, 9);
            buckets[i] += r.GetInt64(1);
        }, cancellationToken).ConfigureAwait(false);
        result["response_quality"] = new JsonObject
        {
            ["score"] = name,
            ["buckets"] = new JsonArray([.. buckets.Select((c, i) => (JsonNode)new JsonObject
            {
                ["range"] = string.Create(CultureInfo.InvariantCulture, $"{i / 10.0:0.0}–{(i + 1) / 10.0:0.0}"),
                ["count"] = c,
            })]),
        };
    }

    private static double? Finite(double v) => double.IsFinite(v) ? Math.Round(v, 4) : null;

    private static long ToNano(DateTimeOffset t) => Processors.Model.UnixNanos.From(t);

    /// <summary>The current window (60 slices) and the baseline before it (one slice per hour, 24 to 336), newest first.</summary>
    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End, int Slices)> DriftSlices(DateTimeOffset now, DriftOptions options)
    {
        var currentStart = now - options.CurrentWindow;
        yield return (currentStart, now, 60);
        var hours = (int)Math.Clamp(Math.Ceiling(options.BaselineWindow.TotalHours), 24, 336);
        yield return (currentStart - options.BaselineWindow, currentStart, hours);
    }

    private static Task ReadAsync(DbConnection db, string sql, long from, Action<DbDataReader> row, CancellationToken cancellationToken) =>
        ReadAsync(db, sql, [("@from", from)], row, cancellationToken);

    private static async Task ReadAsync(DbConnection db, string sql, (string Name, long Value)[] parameters, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }

        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(r);
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var options = services.GetService(typeof(StorageOptions)) as StorageOptions
            ?? throw new InvalidOperationException("no telemetry store is configured");
        DbConnection db = options.Driver == StorageOptions.PostgresDriver
            ? new NpgsqlConnection(options.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = options.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString());
        await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (db is SqliteConnection sqlite)
        {
            // Evaluation results live in the store's scores file.
            LlmOps.Storage.Sqlite.SqliteScoresFile.Attach(sqlite, options.Path);
        }

        return db;
    }
}
