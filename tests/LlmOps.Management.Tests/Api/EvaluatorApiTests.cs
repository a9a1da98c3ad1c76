using System.Net;
using LlmOps.Management.Evaluators;
using LlmOps.Management.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public abstract class EvaluatorApiTests : ApiTestBase
{
    private protected EvaluatorApiTests(AppFixture fixture)
        : base(fixture)
    {
    }

    [BackendFact]
    public async Task Crud_EnableDisable_VisibleToRegistry()
    {
        var name = Unique("judge");
        var created = await OkAsync(PostAsync("/api/v1/evaluators", new
        {
            name,
            kind = "llm_judge",
            template = "Guidelines: strict.\n{{input}} {{output}} {{context}} {{expected}}",
            scoreName = "strictness",
            target = new { model = "gpt-4o-mini", attributeKey = "user.id", attributeValue = "u1" },
            samplingRate = 0.25,
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("active", created.GetProperty("status").GetString());
        var registry = App.Services.GetRequiredService<IEvaluatorRegistry>();
        var active = await registry.GetActiveAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var def = active.Single(e => e.Name == name);
        Assert.True(def.Target.Matches("chat", "gpt-4o-mini", "chat", k => k == "user.id" ? "u1" : null));
        Assert.False(def.Target.Matches("chat", "gpt-4o", "chat", _ => "u1"));

        await OkAsync(PostAsync($"/api/v1/evaluators/{id}/disable"));
        Assert.DoesNotContain(await registry.GetActiveAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)), e => e.Name == name);
        Assert.Contains((await OkAsync(GetAsync("/api/v1/evaluators?status=disabled"))).EnumerateArray(), e => e.GetProperty("name").GetString() == name);
        await OkAsync(PostAsync($"/api/v1/evaluators/{id}/enable"));
        var updated = await OkAsync(PutAsync($"/api/v1/evaluators/{id}", new { samplingRate = 1.0 }));
        Assert.Equal(1.0, updated.GetProperty("samplingRate").GetDouble());
        Assert.Equal("strictness", updated.GetProperty("scoreName").GetString());
        await OkAsync(DeleteAsync($"/api/v1/evaluators/{id}"), HttpStatusCode.NoContent);
        AssertProblem(await GetAsync($"/api/v1/evaluators/{id}"), HttpStatusCode.NotFound, "no evaluator");
        Assert.True((await OkAsync(GetAsync("/api/v1/evaluator-templates"))).GetArrayLength() >= 5);
    }

    [BackendFact]
    public async Task EvaluationLogs_AppendedBySink_FilterByEvaluatorStatusTraceAndPage()
    {
        var evaluator = Unique("ev");
        var sink = App.Services.GetRequiredService<IEvaluationLogSink>();
        var t0 = TimeProvider.System.GetUtcNow();
        var entries = Enumerable.Range(0, 30).Select(i => new EvaluationLogEntry(0, t0.AddSeconds(i), evaluator, $"trace{i % 3}", $"span{i}", i % 5 == 0 ? null : i / 30.0, 12.5, i % 5 == 0 ? "timeout" : "ok", i % 5 == 0 ? "judge timed out" : null)).ToList();
        await sink.AppendAsync(entries, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var timeouts = await OkAsync(GetAsync($"/api/v1/evaluation-logs?evaluator={evaluator}&status=timeout"));
        Assert.Equal(6, timeouts.GetProperty("items").GetArrayLength());
        var trace = await OkAsync(GetAsync($"/api/v1/evaluation-logs?evaluator={evaluator}&traceId=trace1"));
        Assert.Equal(10, trace.GetProperty("items").GetArrayLength());
        var high = await OkAsync(GetAsync($"/api/v1/evaluation-logs?evaluator={evaluator}&minScore=0.5"));
        Assert.All(high.GetProperty("items").EnumerateArray(), e => Assert.True(e.GetProperty("score").GetDouble() >= 0.5));
        var page1 = await OkAsync(GetAsync($"/api/v1/evaluation-logs?evaluator={evaluator}&limit=20"));
        var next = page1.GetProperty("nextBeforeId").GetInt64();
        var page2 = await OkAsync(GetAsync($"/api/v1/evaluation-logs?evaluator={evaluator}&limit=20&beforeId={next}"));
        Assert.Equal(10, page2.GetProperty("items").GetArrayLength());
        var from = Uri.EscapeDataString(t0.AddSeconds(25).ToString("O"));
        Assert.Equal(5, (await OkAsync(GetAsync($"/api/v1/evaluation-logs?evaluator={evaluator}&from={from}"))).GetProperty("items").GetArrayLength());
    }

    [BackendFact]
    public async Task InvalidRequests_Rejected_With4xxAndNothingChanged()
    {
        var name = Unique("ev");
        var id = (await OkAsync(PostAsync("/api/v1/evaluators", new { name, kind = "builtin", scoreName = "toxicity" }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var state = "/api/v1/evaluators";
        await AssertRejectedAsync(() => PostAsync(state, new { name, kind = "builtin", scoreName = "toxicity" }), HttpStatusCode.Conflict, "already exists", state);
        await AssertRejectedAsync(() => PostAsync(state, new { name = Unique("e"), kind = "magic" }), HttpStatusCode.BadRequest, "kind: must be one of", state);
        await AssertRejectedAsync(() => PostAsync(state, new { name = Unique("e"), kind = "llm_judge", template = "no output here" }), HttpStatusCode.BadRequest, "{{output}}", state);
        await AssertRejectedAsync(() => PostAsync(state, new { name = Unique("e"), kind = "llm_judge", template = "{{output}} {{secret}}" }), HttpStatusCode.BadRequest, "unknown variables secret", state);
        await AssertRejectedAsync(() => PostAsync(state, new { name = Unique("e"), kind = "builtin", scoreName = "bleu", samplingRate = 1.5 }), HttpStatusCode.BadRequest, "samplingRate", state);
        await AssertRejectedAsync(() => PostAsync(state, new { name = Unique("e"), kind = "builtin", scoreName = "bleu", target = new { attributeKey = "k" } }), HttpStatusCode.BadRequest, "go together", state);
        await AssertRejectedAsync(() => PostAsync(state, new { name = Unique("e"), kind = "builtin", scoreName = "bleu", target = new { spanName = new string('s', 201) } }), HttpStatusCode.BadRequest, "target.spanName: must be at most 200 characters", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/{id}", new { target = new { model = "m", attributeKey = "k", attributeValue = new string('v', 201) } }), HttpStatusCode.BadRequest, "target.attributeValue: must be at most 200 characters", state);
        await AssertRejectedAsync(() => PostAsync(state, new { name = Unique("e"), kind = "builtin" }), HttpStatusCode.BadRequest, "is not a built-in scorer", state);
        await AssertRejectedAsync(() => PostAsync(state, new { name = Unique("e"), kind = "builtin", scoreName = "zzz", template = "anything {{zzz}}" }), HttpStatusCode.BadRequest, "scoreName: 'zzz' is not a built-in scorer", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/{id}", new { scoreName = "nope" }), HttpStatusCode.BadRequest, "known: groundedness, hallucination", state);
        var judge = (await OkAsync(PostAsync(state, new { name = Unique("j"), kind = "llm_judge", template = "{{output}}" }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await AssertRejectedAsync(() => PutAsync($"{state}/{judge}", new { kind = "builtin" }), HttpStatusCode.BadRequest, "is not a built-in scorer", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/{id}", new { status = "paused" }), HttpStatusCode.BadRequest, "status", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/{id}", new { name = "Factory-nothing", kind = "builtin", samplingRate = -1 }), HttpStatusCode.BadRequest, "samplingRate", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/987654", new { samplingRate = 0.5 }), HttpStatusCode.NotFound, "no evaluator", state);
        await AssertRejectedAsync(() => GetAsync("/api/v1/evaluation-logs?status=weird"), HttpStatusCode.BadRequest, "status must be", state);
        await AssertRejectedAsync(() => GetAsync("/api/v1/evaluation-logs?from=yesterday"), HttpStatusCode.BadRequest, "ISO-8601", state);
        await AssertRejectedAsync(() => GetAsync("/api/v1/evaluation-logs?minScore=abc"), HttpStatusCode.BadRequest, "minScore", state);
        await AssertRejectedAsync(() => GetAsync("/api/v1/evaluation-logs?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z"), HttpStatusCode.BadRequest, "must not be later than 'to'", state);
        await AssertRejectedAsync(() => GetAsync("/api/v1/evaluation-logs?from=01/02/2026"), HttpStatusCode.BadRequest, "RFC 3339", state);
        await AssertRejectedAsync(() => GetAsync("/api/v1/evaluation-logs?minScore=0.9&maxScore=0.1"), HttpStatusCode.BadRequest, "must not be greater than 'maxScore'", state);
    }
}
