using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LlmOps.Console.Tests.Support;
using LlmOps.Ui.Rendering;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LlmOps.Console.Tests;

/// <summary>
/// The console's forms against the real collector: numbers that do not parse, what a refused submit shows and keeps,
/// error messages, and the values a form does not edit or should not change.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleFormsTests(ConsoleFixture fixture)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>What model binding to double turned into 0 or a default, or let through to a JSON body that cannot carry it (500).</summary>
    private static readonly string[] NotNumbers = ["abc", "NaN", "Infinity", "-Infinity", "1e400"];

    [BrowserFact]
    public async Task ApiErrorWithFieldErrors_IsShownOnce()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/prompts").WaitAsync(Step);
        await page.GetByText("Create a prompt").ClickAsync().WaitAsync(Step);
        await page.Locator("#c-name").FillAsync("has/slash").WaitAsync(Step);
        await page.Locator("#c-template").FillAsync("Answer {{input}}.").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create prompt" }).ClickAsync().WaitAsync(Step);
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("name: must not contain '/'");
        var text = await alert.InnerTextAsync().WaitAsync(Step);
        Assert.Equal(1, Occurrences(text, "must not contain '/'"));
    }

    /// <summary>Clicks a submit button and returns the answer to the form's POST (a redirect when it was accepted).</summary>
    private static async Task<IResponse> SubmitAsync(IPage page, ILocator button)
    {
        var response = await page.RunAndWaitForResponseAsync(() => button.ClickAsync(), r => r.Request.Method == "POST").WaitAsync(Step);
        await page.WaitForLoadStateAsync(LoadState.Load).WaitAsync(Step);
        return response;
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
