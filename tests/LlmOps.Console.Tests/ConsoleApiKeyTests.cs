using LlmOps.Collector.Configuration;
using LlmOps.Console.Tests.Support;
using LlmOps.Ui.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LlmOps.Console.Tests;

/// <summary>With API keys required, the console shows a visitor without a key nothing the API would refuse them.</summary>
public sealed class ConsoleApiKeyTests(ConsoleApiKeyTests.KeyedConsole console) : IClassFixture<ConsoleApiKeyTests.KeyedConsole>
{
    private const string ViewerKey = "viewer-key-for-console-tests-0003";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    [BrowserFact]
    public async Task Dashboard_WithoutAKey_ShowsNoDrift_WithTheViewerKey_ShowsIt()
    {
        var visitor = await console.NewPageAsync();

        // The first visit starts the drift computation the second would show.
        for (var visit = 0; visit < 2; visit++)
        {
            await visitor.GotoAsync("/").WaitAsync(Step);
            await Expect(visitor.Locator("#drift-unavailable")).ToBeVisibleAsync();
            await Expect(visitor.Locator("#drift")).Not.ToContainTextAsync("score samples");
            await Expect(visitor.Locator("#drift-table")).ToHaveCountAsync(0);
        }

        var viewer = await ViewerPageAsync();
        await viewer.GotoAsync("/").WaitAsync(Step);
        await Expect(viewer.Locator("#drift")).ToContainTextAsync("score samples");
        await Expect(viewer.Locator("#drift-unavailable")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task AuditIntegrity_WithoutAKey_CouldNotBeVerified_WithTheViewerKey_Intact()
    {
        var visitor = await console.NewPageAsync();
        await visitor.GotoAsync("/audit").WaitAsync(Step);
        var integrity = visitor.Locator("#integrity");
        await Expect(integrity).ToHaveAttributeAsync("data-valid", "unknown");
        await Expect(integrity).ToContainTextAsync("Integrity could not be verified: ");
        await Expect(integrity).ToContainTextAsync("API key");
        await Expect(integrity).Not.ToContainTextAsync("broken");

        var viewer = await ViewerPageAsync();
        await viewer.GotoAsync("/audit").WaitAsync(Step);
        await Expect(viewer.Locator("#integrity")).ToHaveAttributeAsync("data-valid", "true");
        await Expect(viewer.Locator("#integrity")).ToContainTextAsync("hash chain intact");
    }

    [BrowserFact]
    public async Task Pages_WithoutAValidKey_SayOnceWhereToSetOne()
    {
        var visitor = await console.NewPageAsync();
        var wrongKey = await KeyPageAsync("not-a-key-of-this-collector");
        foreach (var (page, says) in new[] { (visitor, "this browser has none"), (wrongKey, "the API key this browser sends is not valid") })
        {
            foreach (var path in new[] { "/", "/datasets/1", "/annotation-queues/1", "/alerts" })
            {
                await page.GotoAsync(path).WaitAsync(Step);
                await Expect(page.Locator(".flash.error")).ToHaveCountAsync(1);
                await Expect(page.Locator("#needs-key")).ToContainTextAsync(says);
                await Expect(page.Locator("#needs-key").GetByRole(AriaRole.Link, new() { Name = "Settings → Project" })).ToHaveAttributeAsync("href", "/settings?tab=project");
                await Expect(page.Locator("main")).Not.ToContainTextAsync("X-Api-Key");
            }
        }
    }

    private Task<IPage> ViewerPageAsync() => KeyPageAsync(ViewerKey);

    private async Task<IPage> KeyPageAsync(string key)
    {
        var page = await console.NewPageAsync();
        await page.Context.AddCookiesAsync([new Cookie { Name = ConsoleApiClient.ApiKeyCookie, Value = key, Url = console.Http.BaseAddress!.ToString() }]).WaitAsync(Step);
        return page;
    }

    /// <summary>A collector (no traffic) whose management API requires keys: one viewer key, no open reads.</summary>
    public sealed class KeyedConsole : ConsoleFixture
    {
        protected override string? ConfigYaml =>
            CollectorConfigFile.BuiltIn().Replace("  management:\n", $"  management:\n    api_keys:\n      - \"viewer[viewer]:{ViewerKey}\"\n", StringComparison.Ordinal);

        protected override string? ApiKey => ViewerKey;

        protected override Task FeedAsync() => Task.CompletedTask;
    }
}
