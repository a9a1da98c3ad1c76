using System.Text.Json;
using LlmOps.Processors.Drift;
using LlmOps.Processors.Metrics;
using LlmOps.Processors.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LlmOps.Processors.Tests.Drift;

public sealed class DriftEngineTests
{
    [Fact]
    public async Task EvaluateAsync_Drift_PublishesValuesDetectedAndRcaInfo()
    {
        var registry = new MetricRegistry();
        var engine = new DriftEngine(new DriftOptions(), new ManualTimeProvider(DriftScenarioGenerator.Now), registry);
        var (b, c) = DriftScenarioGenerator.Generate(DriftScenario.PromptChange, 0.2, 11);
        var report = await engine.EvaluateAsync([.. b, .. c], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(report.Detected);
        var text = registry.Render();
        Assert.Contains(MetricNames.DriftValue + "{kind=\"score_distribution\",score_name=\"correctness\",model=\"*\",prompt_version=\"*\",method=\"psi\"}", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.DriftDetected + "{kind=\"score_distribution\",score_name=\"correctness\",model=\"*\",prompt_version=\"*\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("dimension=\"prompt_version\",value=\"v3\",summary=\"Prompt version 'v3' is new in the current window and explains most of the change. Roll the prompt label back", text, StringComparison.Ordinal);
        Assert.Matches(MetricNames.DriftRcaExplainedRatio + "\\{kind=\"score_distribution\",score_name=\"correctness\",model=\"\\*\",prompt_version=\"\\*\",dimension=\"prompt_version\",value=\"v3\"\\} 0\\.\\d+", text);
    }

    [Fact]
    public async Task EvaluateAsync_SameCauseWithOtherFigures_KeepsTheRcaInfoSeries()
    {
        // Two evaluations of the same prompt change with other samples: the figures differ, the cause does not. The
        // info series must be the same one (a label holding the figures started a new series every evaluation).
        static async Task<(string Info, string Text)> EvaluateAsync(int seed)
        {
            var registry = new MetricRegistry();
            var engine = new DriftEngine(new DriftOptions(), new ManualTimeProvider(DriftScenarioGenerator.Now), registry);
            var (b, c) = DriftScenarioGenerator.Generate(DriftScenario.PromptChange, 0.2, seed);
            var report = await engine.EvaluateAsync([.. b, .. c], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            var info = registry.Render().Split('\n').Where(l => l.StartsWith(MetricNames.DriftRcaInfo + "{kind=\"score_distribution\"", StringComparison.Ordinal)).ToList();
            return (Assert.Single(info), report.Findings.First(f => f.Kind == DriftKind.ScoreDistribution && f.Detected).RootCause!.Text);
        }

        var first = await EvaluateAsync(11);
        var second = await EvaluateAsync(12);
        Assert.NotEqual(first.Text, second.Text);
        Assert.Equal(first.Info, second.Info);
    }

    [Fact]
    public async Task EvaluateAsync_LlmConfigured_UsesRefinedTwoSentenceText()
    {
        string? seenAuth = null;
        string? seenBody = null;
        await using var server = await TestServer.StartAsync(e => e.MapPost("/v1/chat/completions", async (HttpContext ctx) =>
        {
            seenAuth = ctx.Request.Headers.Authorization;
            seenBody = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            return Results.Json(new { choices = new[] { new { message = new { role = "assistant", content = "Prompt v3 lowered correctness. Roll the prompt label back to v2. Extra sentence." } } } });
        }));
        var options = new DriftOptions { Llm = new RcaLlmOptions { Endpoint = server.BaseAddress.ToString(), ApiKey = "sk-test", Model = "judge" } };
        using var http = new HttpClient();
        var refiner = new LlmRcaRefiner(http, options.Llm, TimeProvider.System, NullLogger.Instance);
        var engine = new DriftEngine(options, new ManualTimeProvider(DriftScenarioGenerator.Now), null, refiner);
        var (b, c) = DriftScenarioGenerator.Generate(DriftScenario.PromptChange, 0.2, 11);
        var report = await engine.EvaluateAsync([.. b, .. c], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var rc = report.Primary!.RootCause!;
        Assert.True(rc.RefinedByLlm);
        Assert.Equal("Prompt v3 lowered correctness. Roll the prompt label back to v2.", rc.Text);
        Assert.Equal("Bearer sk-test", seenAuth);
        using var doc = JsonDocument.Parse(seenBody!);
        Assert.Equal("judge", doc.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task RefineAsync_EndpointFailsOrHangs_FallsBackToDeterministic()
    {
        var hang = new TaskCompletionSource();
        await using var server = await TestServer.StartAsync(e =>
        {
            e.MapPost("/fail/v1/chat/completions", () => Results.StatusCode(500));
            e.MapPost("/slow/v1/chat/completions", async (HttpContext ctx) => await hang.Task.WaitAsync(TimeSpan.FromSeconds(20), ctx.RequestAborted));
        });
        using var http = new HttpClient();
        var failing = new LlmRcaRefiner(http, new RcaLlmOptions { Endpoint = new Uri(server.BaseAddress, "fail").ToString() }, TimeProvider.System, NullLogger.Instance);
        Assert.Null(await failing.RefineAsync("Draft text here.", new Dictionary<string, string>(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        var slow = new LlmRcaRefiner(http, new RcaLlmOptions { Endpoint = new Uri(server.BaseAddress, "slow").ToString(), Timeout = TimeSpan.FromMilliseconds(300) }, TimeProvider.System, NullLogger.Instance);
        Assert.Null(await slow.RefineAsync("Draft text here.", new Dictionary<string, string>(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        hang.TrySetResult();
    }

    [Fact]
    public void Validate_BadOptions_ReportsEveryError()
    {
        var errors = new LlmOps.Processors.Configuration.ValidationErrors();
        new DriftOptionsValidator().Validate(new DriftOptions { Bins = 1, MinSamples = 1, KsPValue = 2, Llm = new RcaLlmOptions { Endpoint = "not a url" } }, errors);
        Assert.Equal(4, errors.All.Count);
        var ok = new LlmOps.Processors.Configuration.ValidationErrors();
        new DriftOptionsValidator().Validate(new DriftOptions(), ok);
        Assert.False(ok.HasErrors);
    }
}
