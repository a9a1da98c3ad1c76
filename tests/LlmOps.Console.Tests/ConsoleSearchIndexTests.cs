using LlmOps.Console.Tests.Support;
using LlmOps.Processors.Model;
using LlmOps.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LlmOps.Console.Tests;

/// <summary>
/// The traces page says so when a text search could not see everything stored (the full-text index lagging), and stops
/// saying so once the index has caught up. Runs its own collector: holding the index file's lock would slow the shared
/// fixture's text searches.
/// </summary>
public sealed class ConsoleSearchIndexTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    [BrowserFact]
    public async Task TextSearch_WhileTheIndexLags_ShowsTheNotice_AndFindsTheTraceOnceItCaughtUp()
    {
        await using var collector = await ConsoleCollector.StartAsync();
        using var http = new HttpClient { BaseAddress = collector.BaseAddress, Timeout = Step };
        await ConsoleFixture.WaitForApiAsync(http);
        var store = collector.Services.GetRequiredService<ITelemetryStore>();
        await store.WriteAsync(Trace("0af7651916cd43dd8448eb211c80319c", "Which hydraulic oil does press 4 need?"), CancellationToken.None).WaitAsync(Step);

        await using var browser = await BrowserFixture.LaunchAsync();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = collector.BaseAddress.ToString() }).WaitAsync(Step);
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync().WaitAsync(Step);

        await page.GotoAsync("/traces?q=hydraulic").WaitAsync(Step);
        Assert.Equal(1, await page.Locator("#traces tbody tr[data-trace-id]").CountAsync().WaitAsync(Step));
        Assert.Equal(0, await page.Locator("#search-incomplete").CountAsync().WaitAsync(Step));

        // Another process holds the index file's write lock: the trace stored next cannot reach the index.
        using (var blocker = new SqliteConnection($"Data Source={Path.Combine(collector.DataDirectory, "llmops.search.db")};Pooling=False"))
        {
            blocker.Open();
            using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                begin.ExecuteNonQuery();
            }

            await store.WriteAsync(Trace("4bf92f3577b34da6a3ce929d0e0e4736", "The chiller on line 2 trips at start-up"), CancellationToken.None).WaitAsync(Step);
            await page.GotoAsync("/traces?q=chiller").WaitAsync(Step);
            await Assertions.Expect(page.Locator("#search-incomplete")).ToBeVisibleAsync().WaitAsync(Step);
            Assert.Contains("still catching up", await page.Locator("#search-incomplete").InnerTextAsync().WaitAsync(Step), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("#traces tbody tr[data-trace-id]").CountAsync().WaitAsync(Step));
            await ConsoleFixture.ScreenshotAsync(page, "traces-search-incomplete");
        }

        // Lock released: the index applies what waited, the same search finds the trace and the notice is gone.
        await page.GotoAsync("/traces?q=chiller").WaitAsync(Step);
        await Assertions.Expect(page.Locator("#traces tbody tr[data-trace-id]")).ToHaveCountAsync(1).WaitAsync(Step);
        Assert.Contains("chiller", await page.Locator("#traces tbody tr[data-trace-id]").InnerTextAsync().WaitAsync(Step), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#search-incomplete").CountAsync().WaitAsync(Step));
    }

    private static TelemetryBatch Trace(string traceId, string question)
    {
        var resource = new ResourceInfo { Attributes = [] };
        resource.Attributes.Add("service.name", AttrValue.Of("factory-assistant"));
        var start = (TimeProvider.System.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        var batch = new TelemetryBatch();
        batch.Spans.Add(new SpanRecord
        {
            TraceId = traceId,
            SpanId = traceId[..16],
            Name = "chat factory-gpt-mini",
            Kind = SpanKindCode.Client,
            StartTimeUnixNano = start,
            EndTimeUnixNano = start + 400_000_000L,
            StatusCode = StatusCodeValue.Ok,
            Resource = resource,
            Scope = new ScopeInfo { Name = "test" },
            GenAi = new GenAiInfo
            {
                IsGenAi = true,
                Operation = "chat",
                Provider = "factory",
                RequestModel = "factory-gpt-mini",
                ResponseModel = "factory-gpt-mini",
                InputText = question,
                OutputText = "Check the maintenance manual, section 4.",
            },
        });
        return batch;
    }
}
