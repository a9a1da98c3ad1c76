using System.Net;
using System.Text.Json;
using LlmOps.Management.Annotations;
using LlmOps.Management.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public abstract class AnnotationQueueApiTests : ApiTestBase
{
    private protected AnnotationQueueApiTests(AppFixture fixture)
        : base(fixture)
    {
    }

    private IAnnotationQueueSink Sink => App.Services.GetRequiredService<IAnnotationQueueSink>();

    [BackendFact]
    public async Task List_FirstStart_HasSeededQueues()
    {
        var names = (await OkAsync(GetAsync("/api/v1/annotation-queues"))).EnumerateArray().Select(q => q.GetProperty("name").GetString()).ToList();
        Assert.Contains("High-Risk Responses", names);
        Assert.Contains("Training Dataset Curation", names);
    }

    [BackendFact]
    public async Task EnqueueFlagged_DuplicatesAndRules_EachSpanOncePerQueue()
    {
        var (id, name) = await CreateQueueAsync(flagRules: ["pii-test"]);
        var now = TimeProvider.System.GetUtcNow();
        var span = new FlaggedSpan("trace-1", "span-1", name, "pii-test", "email address", "high", now, "q", "a");
        var byRule = new FlaggedSpan("trace-2", "span-2", null, "pii-test", "phone", "critical", now);
        var first = await Sink.EnqueueFlaggedAsync([span, span, byRule, new FlaggedSpan("t", "s", null, "no-such-rule", "x", "low", now)], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, first.Inserted);
        Assert.Equal(1, first.Duplicates);
        Assert.Equal(1, first.Unrouted);
        var again = await Sink.EnqueueFlaggedAsync([span, byRule], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, again.Inserted);
        Assert.Equal(2, again.Duplicates);
        var items = await OkAsync(GetAsync($"/api/v1/annotation-queues/{id}/items"));
        Assert.Equal(2, items.GetArrayLength());
        Assert.Equal("auto", items[0].GetProperty("source").GetString());
        Assert.Equal(2, (await OkAsync(GetAsync($"/api/v1/annotation-queues/{id}/progress"))).GetProperty("pending").GetInt64());
    }

    [BackendFact]
    public async Task ClaimSubmitSkipExport_FullReviewFlow_UpdatesProgressAndDataset()
    {
        var (id, _) = await CreateQueueAsync();
        for (var i = 0; i < 3; i++)
        {
            await OkAsync(PostAsync($"/api/v1/annotation-queues/{id}/items", new { traceId = $"{i + 1:x32}", spanId = $"{i + 1:x16}", input = $"question {i}", output = $"answer {i}" }), HttpStatusCode.Created);
        }

        var claim = await OkAsync(PostAsync($"/api/v1/annotation-queues/{id}/claim", new { reviewer = "alice" }));
        var item = claim.GetProperty("item").GetProperty("id").GetInt64();
        var token = claim.GetProperty("leaseToken").GetString();
        var same = await OkAsync(PostAsync($"/api/v1/annotation-queues/{id}/claim", new { reviewer = "alice" }));
        Assert.Equal(item, same.GetProperty("item").GetProperty("id").GetInt64());
        var bob = await OkAsync(PostAsync($"/api/v1/annotation-queues/{id}/claim", new { reviewer = "bob" }));
        Assert.NotEqual(item, bob.GetProperty("item").GetProperty("id").GetInt64());
        var progress = await OkAsync(GetAsync($"/api/v1/annotation-queues/{id}/progress"));
        Assert.Equal(2, progress.GetProperty("inProgress").GetInt64());
        Assert.Equal(1, progress.GetProperty("pending").GetInt64());

        var done = await OkAsync(PostAsync($"/api/v1/annotation-queues/{id}/items/{item}/submit", new { leaseToken = token, scores = new { correctness = 4, risk = "low", escalate = false }, comment = "fine", correctedOutput = "better answer" }));
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(4, done.GetProperty("scores").GetProperty("correctness").GetDouble());
        await OkAsync(PostAsync($"/api/v1/annotation-queues/{id}/items/{bob.GetProperty("item").GetProperty("id").GetInt64()}/skip", new { leaseToken = bob.GetProperty("leaseToken").GetString() }));
        progress = await OkAsync(GetAsync($"/api/v1/annotation-queues/{id}/progress"));
        Assert.Equal(3, progress.GetProperty("total").GetInt64());
        Assert.Equal(1, progress.GetProperty("completed").GetInt64());
        Assert.Equal(1, progress.GetProperty("skipped").GetInt64());
        Assert.Equal(1, progress.GetProperty("pending").GetInt64());

        var dsName = Unique("reviewed");
        var export = await OkAsync(PostAsync($"/api/v1/annotation-queues/{id}/export", new { datasetName = dsName }));
        Assert.Equal(1, export.GetProperty("exported").GetInt32());
        var dsItems = await OkAsync(GetAsync($"/api/v1/datasets/{export.GetProperty("datasetId").GetInt64()}/items"));
        Assert.Equal("better answer", dsItems[0].GetProperty("expectedOutput").GetString());
        Assert.Equal("verified", dsItems[0].GetProperty("verificationStatus").GetString());
        AssertProblem(await PostAsync($"/api/v1/annotation-queues/{id}/export", new { datasetName = dsName }), HttpStatusCode.UnprocessableEntity, "no completed items");
    }

    [BackendFact]
    public async Task StopStart_StoppedQueue_RefusesClaimsButKeepsCollecting()
    {
        var (id, name) = await CreateQueueAsync();
        await OkAsync(PostAsync($"/api/v1/annotation-queues/{id}/stop"));
        var result = await Sink.EnqueueFlaggedAsync([new FlaggedSpan("t9", "s9", name, "safety", "r", "high", TimeProvider.System.GetUtcNow())], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, result.Inserted);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/annotation-queues/{id}/claim", new { reviewer = "x" }), HttpStatusCode.Conflict, "stopped", $"/api/v1/annotation-queues/{id}/items");
        await OkAsync(PostAsync($"/api/v1/annotation-queues/{id}/start"));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($"/api/v1/annotation-queues/{id}/claim", new { reviewer = "x" })).Status);
    }

    [BackendFact]
    public async Task InvalidRequests_Rejected_With4xxAndNothingChanged()
    {
        var (id, name) = await CreateQueueAsync();
        const string Trace = "0af7651916cd43dd8448eb211c80319c", Span = "b7ad6b7169203331";
        await OkAsync(PostAsync($"/api/v1/annotation-queues/{id}/items", new { traceId = Trace, spanId = Span }), HttpStatusCode.Created);
        var state = $"/api/v1/annotation-queues/{id}/items";
        await AssertRejectedAsync(() => PostAsync("/api/v1/annotation-queues", new { name, scoreConfigs = Configs() }), HttpStatusCode.Conflict, "already exists", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/annotation-queues", new { name = Unique("q"), scoreConfigs = new[] { new { name = "n", type = "numeric", min = 5, max = 1 } } }), HttpStatusCode.BadRequest, "min < max", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/annotation-queues", new { name = Unique("q"), scoreConfigs = new[] { new { name = "c", type = "categorical" } } }), HttpStatusCode.BadRequest, "categories", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/annotation-queues", new { name = Unique("q") }), HttpStatusCode.BadRequest, "at least one score", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/annotation-queues", new { name = Unique("q"), scoreConfigs = new[] { new { name = "b", type = "boolean", description = new string('d', 2001) } } }), HttpStatusCode.BadRequest, "scoreConfigs[0].description: must be at most 2000 characters", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/annotation-queues", new { name = Unique("q"), scoreConfigs = new[] { new { name = "c", type = "categorical", categories = new[] { "ok", new string('c', 101) } } } }), HttpStatusCode.BadRequest, "scoreConfigs[0].categories[1]: must be at most 100 characters", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/annotation-queues", new { name = Unique("q"), scoreConfigs = new[] { new { name = "c", type = "categorical", categories = Enumerable.Range(0, 101).Select(i => $"c{i}").ToArray() } } }), HttpStatusCode.BadRequest, "scoreConfigs[0].categories: at most 100 categories", state);
        await AssertRejectedAsync(() => SendAsync(HttpMethod.Post, "/api/v1/annotation-queues", rawBody: $$"""{"name":"{{Unique("q")}}","scoreConfigs":[null]}"""), HttpStatusCode.BadRequest, "scoreConfigs[0]: must not be null", state);
        foreach (var bounds in new[] { "\"min\":-1e400,\"max\":5", "\"min\":1,\"max\":1e400", "\"min\":1e400,\"max\":1e401" })
        {
            // A bound beyond double's range reads as infinity; it was stored and answered 500 (JSON cannot carry it back).
            var body = $$"""{"name":"{{Unique("q")}}","scoreConfigs":[{"name":"n","type":"numeric",{{bounds}}}]}""";
            await AssertRejectedAsync(() => SendAsync(HttpMethod.Post, "/api/v1/annotation-queues", rawBody: body), HttpStatusCode.BadRequest, "must be a finite number", "/api/v1/annotation-queues");
        }

        await AssertRejectedAsync(() => SendAsync(HttpMethod.Post, "/api/v1/annotation-queues", rawBody: $$"""{"name":"{{Unique("q")}}","scoreConfigs":[{"name":"a","type":"boolean"},null]}"""), HttpStatusCode.BadRequest, "scoreConfigs[1]: must not be null", state);
        await AssertRejectedAsync(() => PostAsync(state, new { traceId = Trace, spanId = Span }), HttpStatusCode.Conflict, "already in queue", state);
        await AssertRejectedAsync(() => PostAsync(state, new { traceId = Trace.ToUpperInvariant(), spanId = Span.ToUpperInvariant() }), HttpStatusCode.Conflict, $"span {Trace}/{Span} is already in queue", state);
        await AssertRejectedAsync(() => PostAsync(state, new { traceId = Trace }), HttpStatusCode.BadRequest, "spanId: must be 16 hex digits", state);
        await AssertRejectedAsync(() => PostAsync(state, new { traceId = "not a trace id!", spanId = "zz" }), HttpStatusCode.BadRequest, "traceId: must be 32 hex digits, not all zero", state);
        await AssertRejectedAsync(() => PostAsync(state, new { traceId = new string('0', 32), spanId = Span }), HttpStatusCode.BadRequest, "traceId: must be 32 hex digits, not all zero", state);
        await AssertRejectedAsync(() => PostAsync(state, new { traceId = Trace, spanId = new string('0', 16) }), HttpStatusCode.BadRequest, "spanId: must be 16 hex digits, not all zero", state);
        await AssertRejectedAsync(() => PostAsync(state, new { traceId = Trace + "00", spanId = Span }), HttpStatusCode.BadRequest, "traceId", state);

        var claim = await OkAsync(PostAsync($"/api/v1/annotation-queues/{id}/claim", new { reviewer = "r1", leaseSeconds = 10 }));
        var item = claim.GetProperty("item").GetProperty("id").GetInt64();
        var token = claim.GetProperty("leaseToken").GetString();
        var submit = $"/api/v1/annotation-queues/{id}/items/{item}/submit";
        await AssertRejectedAsync(() => PostAsync(submit, new { leaseToken = "someone-elses", scores = new { correctness = 3, risk = "low", escalate = true } }), HttpStatusCode.Conflict, "another reviewer", state);
        await AssertRejectedAsync(() => PostAsync(submit, new { leaseToken = token, scores = new { correctness = 9, risk = "weird", escalate = "yes" } }), HttpStatusCode.BadRequest, "scores.correctness", state);
        await AssertRejectedAsync(() => PostAsync(submit, new { leaseToken = token, scores = new { correctness = 3, risk = "low" } }), HttpStatusCode.BadRequest, "scores.escalate: is required", state);
        await AssertRejectedAsync(() => PostAsync(submit, new { leaseToken = token, scores = new { correctness = 3, risk = "low", escalate = true, extra = 1 } }), HttpStatusCode.BadRequest, "not a score of this queue", state);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/annotation-queues/{id}/items/999999/submit", new { leaseToken = token, scores = new { } }), HttpStatusCode.NotFound, "no item", state);

        // Expire the lease (as if ten minutes passed) and try to submit with it.
        await App.ExecuteSqlAsync($"UPDATE annotation_items SET lease_expires_at = 1 WHERE id = {item}");
        await AssertRejectedAsync(() => PostAsync(submit, new { leaseToken = token, scores = new { correctness = 3, risk = "low", escalate = true } }), HttpStatusCode.Conflict, "expired", state);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/annotation-queues/{id}/items/{item}/skip", new { leaseToken = token }), HttpStatusCode.Conflict, "expired", state);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/annotation-queues/{id}/export", new { datasetId = 1, datasetName = "x" }), HttpStatusCode.BadRequest, "exactly one", state);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/annotation-queues/{id}/export", new { datasetId = -1 }), HttpStatusCode.BadRequest, "datasetId: must be a positive integer", state);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/annotation-queues/{id}/export", new { datasetId = 0 }), HttpStatusCode.BadRequest, "datasetId: must be a positive integer", state);
        await AssertRejectedAsync(() => GetAsync("/api/v1/annotation-queues/0/items"), HttpStatusCode.BadRequest, "not a valid id", state);
        await AssertRejectedAsync(() => GetAsync("/api/v1/annotation-queues/424242/items"), HttpStatusCode.NotFound, "no annotation queue", state);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/annotation-queues/{id}/start"), HttpStatusCode.Conflict, "already active", state);

        // The expired lease is up for grabs again.
        var reclaimed = await OkAsync(PostAsync($"/api/v1/annotation-queues/{id}/claim", new { reviewer = "r2" }));
        Assert.Equal(item, reclaimed.GetProperty("item").GetProperty("id").GetInt64());
        Assert.NotEqual(token, reclaimed.GetProperty("leaseToken").GetString());

        // Ids are stored in lowercase, as ingest stores them.
        var upper = await OkAsync(PostAsync(state, new { traceId = "0AF7651916CD43DD8448EB211C8031AA", spanId = "B7AD6B71692033AA" }), HttpStatusCode.Created);
        Assert.Equal("0af7651916cd43dd8448eb211c8031aa", upper.GetProperty("traceId").GetString());
        Assert.Equal("b7ad6b71692033aa", upper.GetProperty("spanId").GetString());
    }

    private static object[] Configs() =>
    [
        new { name = "correctness", type = "numeric", min = 1, max = 5 },
        new { name = "risk", type = "categorical", categories = new[] { "none", "low", "high" } },
        new { name = "escalate", type = "boolean" },
    ];

    private async Task<(long Id, string Name)> CreateQueueAsync(string[]? flagRules = null)
    {
        var name = Unique("queue");
        var q = await OkAsync(PostAsync("/api/v1/annotation-queues", new { name, scoreConfigs = Configs(), flagRules = flagRules ?? [] }), HttpStatusCode.Created);
        return (q.GetProperty("id").GetInt64(), name);
    }
}
