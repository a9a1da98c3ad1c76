using System.Globalization;
using System.Text.Json.Nodes;
using LlmOps.Console.Tests.Support;
using LlmOps.Ui.Rendering;
using Microsoft.Playwright;

namespace LlmOps.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ConsolePagesTests(ConsoleFixture fixture)
{
    [BrowserFact]
    public async Task Dashboard_FedBySimulator_ShowsTheApiFigures()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/").WaitAsync(TimeSpan.FromSeconds(30));
        var summary = (await fixture.GetJsonAsync("/api/v1/dashboard/summary"))!;
        foreach (var key in new[] { "total_traces", "total_cost_usd", "total_tokens", "avg_latency_ms", "daily_active_users" })
        {
            var shown = await page.Locator($"[data-kpi='{key}']").GetAttributeAsync("data-value").WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(J.Raw(summary, key), shown);
        }

        Assert.Equal(Fmt.Count(summary["total_traces"]!.GetValue<long>()), await page.Locator("[data-kpi='total_traces']").InnerTextAsync());
        await ConsoleFixture.ScreenshotAsync(page, "dashboard");
    }
}
