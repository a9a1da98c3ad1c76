using System.Text.Json.Nodes;
using LlmOps.Console.Tests.Support;
using LlmOps.Processors.Model;
using LlmOps.Ui.Data;
using LlmOps.Ui.Rendering;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LlmOps.Console.Tests;

/// <summary>How the console shows what telemetry may hold: deep span trees, long and hostile strings, failures.</summary>
public sealed class ConsoleDisplayTests(SeededConsole console) : IClassFixture<SeededConsole>
{
    /// <summary>The window the console's layout is checked at (a common laptop width).</summary>
    private const int Width = 1280;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    [BrowserFact]
    public async Task DeepTrace_EverySpanIsShown_WithItsLevel()
    {
        var page = await console.NewPageAsync(Width);
        foreach (var levels in new[] { 30, 64, 150 })
        {
            // A chain: each span the parent of the next; the deepest carries an attribute nested as deep as the
            // receivers accept.
            var traceId = SeededConsole.NewId();
            var batch = new TelemetryBatch();
            string? parent = null;
            for (var i = 0; i < levels; i++)
            {
                var span = SeededConsole.Span(traceId, $"level {i}", parent, i);
                batch.Spans.Add(span);
                parent = span.SpanId;
            }

            batch.Spans[^1].Attributes.Add("deep", Nested(AttrJson.MaxNesting));
            await console.WriteAsync(batch);

            var response = await page.GotoAsync("/traces/" + traceId).WaitAsync(Step);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator(".flash.error")).ToHaveCountAsync(0);
            await Expect(page.Locator("#span-tree li")).ToHaveCountAsync(levels);
            await Expect(page.Locator($"#span-tree li[data-level='{levels - 1}'] > strong")).ToHaveTextAsync($"level {levels - 1}");
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{levels} levels: the page is wider than the window");
        }

        // Past the API's tree depth the chain goes on at the top of the tree, under its level and saying where it belongs.
        await Expect(page.Locator("#span-tree > ul > li")).ToHaveCountAsync(2);
        await Expect(page.Locator("#span-tree > ul > li").Nth(1).Locator("[data-field='parent']")).ToContainTextAsync("under span “level 100”");
        await ConsoleFixture.ScreenshotAsync(page, "trace-150-levels");
    }

    [BrowserFact]
    public async Task SmallCost_ShowsItsSignificantDigits_WhereverCostIsShown()
    {
        var traceId = SeededConsole.NewId();
        var span = SeededConsole.Span(traceId, "chat small-cost");
        span.CostUsd = 2.7225e-05;
        span.GenAi = new GenAiInfo { IsGenAi = true, Operation = "chat", RequestModel = "small-model", InputTokens = 9, OutputTokens = 4, SessionId = "small-cost-" + traceId[..8], UserId = "small-cost-user" };
        var batch = new TelemetryBatch();
        batch.Spans.Add(span);
        await console.WriteAsync(batch);

        var page = await console.NewPageAsync(Width);
        await page.GotoAsync("/traces?limit=500").WaitAsync(Step);
        await Expect(page.Locator($"#traces tr[data-trace-id='{traceId}'] td[data-value='2.7225E-05']")).ToHaveTextAsync("$0.000027");
        await page.GotoAsync("/traces/" + traceId).WaitAsync(Step);
        await Expect(page.Locator("[data-field='cost_usd']")).ToHaveTextAsync("$0.000027");
        await Expect(page.Locator("#span-tree li")).ToContainTextAsync("$0.000027");
        await page.GotoAsync("/sessions/" + span.GenAi.SessionId).WaitAsync(Step);
        await Expect(page.Locator("dd[data-value='2.7225E-05']")).ToHaveTextAsync("$0.000027");

        // The dashboard's script rewrites the figures every 10 s, as the server wrote them.
        await page.GotoAsync("/").WaitAsync(Step);
        var total = page.Locator("[data-kpi='total_cost_usd']");
        var served = await total.InnerTextAsync().WaitAsync(Step);
        await Expect(page.Locator("#live-updated")).ToContainTextAsync("Figures updated at", new() { Timeout = 30_000 });
        var value = double.Parse((await total.GetAttributeAsync("data-value").WaitAsync(Step))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((Fmt.Cost(value), Fmt.Cost(value)), (served, await total.InnerTextAsync().WaitAsync(Step)));
        Assert.NotEqual("$0.0000", served);
        await Expect(page.Locator("#models-table")).ToContainTextAsync("$0.000027");
    }

    [BrowserFact]
    public async Task TraceList_ScoreColumns_OneEvaluatorEach_WithItsDirection()
    {
        // A hallucinated answer (hallucination 0.9, groundedness 0.1), and a trace scored for groundedness alone.
        var hallucinated = SeededConsole.Span(SeededConsole.NewId(), "hallucinated answer");
        var grounded = SeededConsole.Span(SeededConsole.NewId(), "grounded answer");
        var batch = new TelemetryBatch();
        batch.Spans.Add(hallucinated);
        batch.Spans.Add(grounded);
        batch.Logs.Add(SeededConsole.Score(hallucinated, "hallucination", 0.9, "hallucinated"));
        batch.Logs.Add(SeededConsole.Score(hallucinated, "groundedness", 0.1, "hallucinated"));
        batch.Logs.Add(SeededConsole.Score(grounded, "groundedness", 0.8, "grounded"));
        await console.WriteAsync(batch);

        var page = await console.NewPageAsync(Width);
        await page.GotoAsync("/traces?limit=500").WaitAsync(Step);
        await Expect(page.Locator("#traces th[data-score='hallucination']")).ToHaveTextAsync("Hallucination (lower is better)");
        await Expect(page.Locator("#traces th[data-score='groundedness']")).ToHaveTextAsync("Groundedness (higher is better)");
        await Expect(page.Locator("#traces th[data-score='context_relevance']")).ToHaveTextAsync("Context relevance (higher is better)");
        string Cell(SpanRecord span, string score) => $"#traces tr[data-trace-id='{span.TraceId}'] td[data-score='{score}']";
        await Expect(page.Locator(Cell(hallucinated, "hallucination"))).ToHaveTextAsync("0.90");
        await Expect(page.Locator(Cell(hallucinated, "groundedness"))).ToHaveTextAsync("0.10");
        await Expect(page.Locator(Cell(grounded, "hallucination"))).ToHaveTextAsync("—");
        await Expect(page.Locator(Cell(grounded, "groundedness"))).ToHaveTextAsync("0.80");
    }

    [Theory]
    [InlineData(null, "—")]
    [InlineData(0.0, "$0.00")]
    [InlineData(1234.567, "$1,234.57")]
    [InlineData(1.0, "$1.00")]
    [InlineData(0.5, "$0.5000")]
    [InlineData(0.012525, "$0.0125")]
    [InlineData(0.00012, "$0.00012")]
    [InlineData(2.7225e-05, "$0.000027")]
    [InlineData(3.72e-05, "$0.000037")]
    [InlineData(1e-10, "$0.0000000001")]
    [InlineData(4e-11, "< $0.0000000001")]
    public void Cost_BelowADollar_KeepsTwoSignificantDigits(double? usd, string shown) => Assert.Equal(shown, Fmt.Cost(usd));

    [Fact]
    public void ApiAnswer_ThatCannotBeRead_IsAnError_NotAnEmptyResult()
    {
        Assert.True(ConsoleApiClient.Read(200, "application/json", Nest(ConsoleApiClient.MaxJsonDepth)).Ok);
        foreach (var body in new[] { Nest(ConsoleApiClient.MaxJsonDepth + 1), "{\"trace\":", "not json" })
        {
            var result = ConsoleApiClient.Read(200, "application/json", body);
            Assert.False(result.Ok);
            Assert.Null(result.Json);
            Assert.StartsWith("The API's answer (200) could not be read", result.Error, StringComparison.Ordinal);
        }

        Assert.Equal(2, J.Long(ConsoleApiClient.Read(200, "application/problem+json; charset=utf-8", "{\"a\":2}").Json, "a"));
        Assert.Equal("The API answered 502.", ConsoleApiClient.Read(502, "text/html", "<p>bad gateway</p>").Error);
    }

    private static string Nest(int depth) => string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth));

    private static AttrValue Nested(int levels) =>
        levels == 1 ? AttrValue.Of([AttrValue.Of("leaf")]) : AttrValue.Of([KeyValuePair.Create("inner", Nested(levels - 1))]);
}
