using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmOps.Management.Alerts;
using LlmOps.Management.Annotations;
using LlmOps.Management.Evaluation;
using LlmOps.Management.Jobs;
using LlmOps.Management.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LlmOps.Management.Tests.Api;

/// <summary>Two "collectors" (two apps) on one database racing each other.</summary>
public abstract class ReplicaTests : ApiTestBase
{
    private protected ReplicaTests(AppFixture fixture)
        : base(fixture)
    {
    }

    [BackendFact]
    public async Task TwoReplicas_StartTogether_MigrateAndSeedOnce()
    {
        await using var fresh = await StartFreshAppAsync();
        var location = Fixture.Provider == ManagementDatabaseProvider.Postgres ? await Backend.CreateAsync(Fixture.Provider, "twin") : null;
        if (location is not null)
        {
            var starts = await Task.WhenAll(
                ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location, o => o.InstanceId = "a")),
                ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location, o => o.InstanceId = "b")));
            await using var a = starts[0];
            await using var b = starts[1];
            Assert.Equal(1, await a.ScalarAsync("SELECT COUNT(*) FROM prompts WHERE name = 'Factory Assistant System'"));
            Assert.Equal(1, await b.ScalarAsync("SELECT COUNT(*) FROM mgmt_seeds"));
            Assert.Equal(LlmOps.Management.Data.ManagementMigrations.All.Count, await b.ScalarAsync("SELECT COUNT(*) FROM mgmt_schema_migrations"));
        }

        Assert.Equal(1, await fresh.ScalarAsync("SELECT COUNT(*) FROM datasets WHERE name = 'Q&A Golden Set'"));
    }

    [BackendFact]
    public async Task FlaggedSpans_BothReplicasEnqueueDuplicates_EachSpanOnce()
    {
        await using var replica = await StartReplicaAsync();
        var queue = Unique("race");
        await OkAsync(PostAsync("/api/v1/annotation-queues", new { name = queue, scoreConfigs = new[] { new { name = "ok", type = "boolean" } } }), HttpStatusCode.Created);
        var now = TimeProvider.System.GetUtcNow();
        var spans = Enumerable.Range(0, 300).Select(i => new FlaggedSpan($"trace{i / 3}", $"span{i}", queue, "safety", "r", "high", now)).ToList();
        var sinks = new[] { App.Services.GetRequiredService<IAnnotationQueueSink>(), replica.Services.GetRequiredService<IAnnotationQueueSink>() };
        var tasks = new List<Task<EnqueueResult>>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var sink in sinks)
            {
                for (var batch = 0; batch < 300; batch += 50)
                {
                    var slice = spans.Skip(batch).Take(50).ToList();
                    tasks.Add(Task.Run(() => sink.EnqueueFlaggedAsync(slice, CancellationToken.None)));
                }
            }
        }

        var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal(300, results.Sum(r => r.Inserted));
        Assert.Equal(300 * 5, results.Sum(r => r.Duplicates));
        var id = await App.ScalarAsync($"SELECT id FROM annotation_queues WHERE name = '{queue}'");
        Assert.Equal(300, await App.ScalarAsync($"SELECT COUNT(*) FROM annotation_items WHERE queue_id = {id}"));
        Assert.True((await OkAsync(GetAsync("/api/v1/audit/verify"))).GetProperty("valid").GetBoolean());
    }

    [BackendFact]
    public async Task JobLease_TwoHoldersCompeting_OneWinsUntilExpiry()
    {
        await using var replica = await StartReplicaAsync();
        var job = Unique("drift-window");
        var leases = new[] { App.Services.GetRequiredService<IJobLease>(), replica.Services.GetRequiredService<IJobLease>() };
        var attempts = Enumerable.Range(0, 40).Select(i => Task.Run(() => leases[i % 2].TryAcquireAsync(job, $"holder-{i % 2}", TimeSpan.FromMinutes(5), CancellationToken.None))).ToList();
        var won = await Task.WhenAll(attempts).WaitAsync(TimeSpan.FromSeconds(60));
        var winners = Enumerable.Range(0, 40).Where(i => won[i]).Select(i => i % 2).Distinct().ToList();
        Assert.Single(winners);
        var winner = winners[0];
        Assert.True(await leases[winner].TryAcquireAsync(job, $"holder-{winner}", TimeSpan.FromMilliseconds(300), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(await leases[1 - winner].TryAcquireAsync(job, $"holder-{1 - winner}", TimeSpan.FromMinutes(5), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        await EventuallyAsync(
            () => leases[1 - winner].TryAcquireAsync(job, $"holder-{1 - winner}", TimeSpan.FromMinutes(5), CancellationToken.None),
            acquired => acquired,
            TimeSpan.FromSeconds(15));
        Assert.False(await leases[winner].TryAcquireAsync(job, $"holder-{winner}", TimeSpan.FromMinutes(5), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        await leases[1 - winner].ReleaseAsync(job, $"holder-{1 - winner}", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await leases[winner].TryAcquireAsync(job, $"holder-{winner}", TimeSpan.FromMinutes(5), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        var listed = await OkAsync(GetAsync("/api/v1/jobs"));
        Assert.Contains(listed.EnumerateArray(), j => j.GetProperty("jobName").GetString() == job && j.GetProperty("holder").GetString() == $"holder-{winner}");
    }

    [BackendFact]
    public async Task AuditChain_ConcurrentWritesFromBothReplicas_StaysIntact()
    {
        await using var replica = await StartReplicaAsync();
        var head = await AuditHeadAsync();
        var clients = new[] { Client, replica.Client };
        var tasks = Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
        {
            using var r = await clients[i % 2].PostAsJsonAsync("/api/v1/datasets", new { name = Unique($"chain{i}") });
            return r.StatusCode;
        })).ToList();
        var codes = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.All(codes, c => Assert.Equal(HttpStatusCode.Created, c));
        Assert.Equal(head + 60, await AuditHeadAsync());
        var verify = await OkAsync(GetAsync("/api/v1/audit/verify"));
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.GetRawText());
    }

    [BackendFact]
    public async Task AlertsAndRuns_BothReplicasReportSameState_OneTransitionOneExecution()
    {
        await using var replica = await StartReplicaAsync();
        var rule = (await OkAsync(PostAsync("/api/v1/alerts/rules", new { name = Unique("dup"), kind = "latency", expression = "latency_p95", threshold = 1, severity = "critical" }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var stores = new[] { App.Services.GetRequiredService<IAlertRuleStore>(), replica.Services.GetRequiredService<IAlertRuleStore>() };
        var now = TimeProvider.System.GetUtcNow();
        var reports = Enumerable.Range(0, 20).Select(i => Task.Run(() => stores[i % 2].ReportAsync(new AlertObservation(rule, "all", true, 2, new Dictionary<string, string>(), now), CancellationToken.None))).ToList();
        var transitions = await Task.WhenAll(reports).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Single(transitions, t => t.Kind == AlertTransitionKind.Fired);
        Assert.Equal(1, await App.ScalarAsync($"SELECT COUNT(*) FROM alert_states WHERE rule_id = {rule}"));
        Assert.Equal(1, await App.ScalarAsync($"SELECT COUNT(*) FROM alert_history WHERE rule_id = {rule} AND event = 'fired'"));

        // Runs: two replicas without background workers on a fresh database, both claiming the same queued run.
        var location = await Backend.CreateAsync(Fixture.Provider, "claims");
        await using var r1 = await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location, o => o.RunEvaluationWorker = false));
        await using var r2 = await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location, o => o.RunEvaluationWorker = false));
        var runs = new[] { r1.Services.GetRequiredService<IEvaluationRunRepository>(), r2.Services.GetRequiredService<IEvaluationRunRepository>() };
        var datasetId = await r1.ScalarAsync("SELECT id FROM datasets WHERE name = 'Multi-Hop Reasoning'");
        var run = await runs[0].CreateAsync(datasetId, new RunRequest { PromptName = "Factory Assistant System" }, "test", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => runs[i % 2].TryClaimAsync(run.Id, $"r{i % 2}", CancellationToken.None)))).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Single(claims, c => c);
    }

    [BackendFact]
    public async Task RunOfAStoppedRunner_IsQueuedAgain_AndResumedKeepingRecordedItems()
    {
        var location = await Backend.CreateAsync(Fixture.Provider, "stale");
        await using var app = await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location, o => o.RunEvaluationWorker = false));
        var runs = app.Services.GetRequiredService<IEvaluationRunRepository>();
        var datasetId = await app.ScalarAsync("SELECT id FROM datasets WHERE name = 'Multi-Hop Reasoning'");
        var run = await runs.CreateAsync(datasetId, new RunRequest { PromptName = "Factory Assistant System" }, "test", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(run.Total >= 2);

        // A runner claimed the run, recorded its first item, and died: no sign of life for an hour.
        Assert.True(await runs.TryClaimAsync(run.Id, "dead-runner", CancellationToken.None));
        var first = await app.ScalarAsync($"SELECT MIN(id) FROM dataset_items WHERE dataset_id = {datasetId}");
        await runs.RecordResultAsync(run.Id, new RunItemResult(first, "recorded by the dead runner", 1, 1, 1, 0, new Dictionary<string, DatasetScore>(), true, null), CancellationToken.None);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(1, await app.ExecuteSqlAsync($"UPDATE eval_runs SET heartbeat_at = {now - 3_600_000}, started_at = {now - 3_600_000} WHERE id = {run.Id}"));

        // A live runner (recent heartbeat) is left alone; the dead one is queued again, once.
        var live = await runs.CreateAsync(datasetId, new RunRequest { PromptName = "Factory Assistant System" }, "test", CancellationToken.None);
        Assert.True(await runs.TryClaimAsync(live.Id, "live-runner", CancellationToken.None));
        var cutoff = DateTimeOffset.FromUnixTimeMilliseconds(now - 300_000);
        Assert.Equal([run.Id], await runs.RequeueStaleAsync(cutoff, CancellationToken.None));
        Assert.Empty(await runs.RequeueStaleAsync(cutoff, CancellationToken.None));
        Assert.Equal("running", (await runs.GetAsync(live.Id, CancellationToken.None)).Status);

        // Resumed: every item has a result, the first one still the dead runner's, and the summary counts them all.
        var worker = app.Services.GetRequiredService<EvaluationRunWorker>();
        Assert.True(await worker.ExecuteRunAsync(run.Id, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)));
        var done = await runs.GetAsync(run.Id, CancellationToken.None);
        Assert.Equal("completed", done.Status);
        Assert.Equal(run.Total, done.Done);
        Assert.Equal(run.Total, done.Summary!.Items);
        var results = await runs.ResultsAsync(run.Id, CancellationToken.None);
        Assert.Equal(run.Total, results.Count);
        Assert.Equal("recorded by the dead runner", results.Single(r => r.ItemId == first).Output);

        // A runner that stops (shutdown) hands its run back at once.
        Assert.True(await runs.ReleaseAsync(live.Id, "live-runner", CancellationToken.None));
        Assert.False(await runs.ReleaseAsync(live.Id, "live-runner", CancellationToken.None));
        Assert.Equal("queued", (await runs.GetAsync(live.Id, CancellationToken.None)).Status);
    }
}
