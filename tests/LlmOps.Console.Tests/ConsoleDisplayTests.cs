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
