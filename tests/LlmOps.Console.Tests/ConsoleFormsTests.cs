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

    [BrowserFact]
    public async Task AnnotationReview_RefusedSubmit_ShowsTheItemAgainWithTheScoresAndComment()
    {
        var queue = "form-review-" + Guid.NewGuid().ToString("N")[..6];
        using var created = await fixture.Http.PostAsJsonAsync("/api/v1/annotation-queues", new
        {
            name = queue,
            scoreConfigs = new object[]
            {
                new { name = "correctness", type = "numeric", min = 1, max = 5 },
                new { name = "risk", type = "categorical", categories = new[] { "none", "low", "high" } },
                new { name = "escalate", type = "boolean" },
                new { name = "topic", type = "categorical", categories = new[] { "safety", "quality" }, required = false },
            },
        }).WaitAsync(Step);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var qid = J.Long(JsonNode.Parse(await created.Content.ReadAsStringAsync()), "id");
        var trace = J.Arr(await fixture.GetJsonAsync("/api/v1/traces?limit=20"), "items").First(t => J.Str(t, "root_span_id") is not null);
        using var added = await fixture.Http.PostAsJsonAsync($"/api/v1/annotation-queues/{qid}/items", new { traceId = J.Str(trace, "trace_id"), spanId = J.Str(trace, "root_span_id"), reason = "form test", severity = "high" }).WaitAsync(Step);
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/annotation-queues/{qid}").WaitAsync(Step);
        await page.GetByLabel("Reviewer").FillAsync("form-tester").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Review next item" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#work-item")).ToBeVisibleAsync();
        var itemId = await page.Locator("#work-item").GetAttributeAsync("data-item-id").WaitAsync(Step);

        // Required selects are marked so the browser asks for them; the optional one is not.
        Assert.NotNull(await page.Locator("#s-risk").GetAttributeAsync("required").WaitAsync(Step));
        Assert.NotNull(await page.Locator("#s-escalate").GetAttributeAsync("required").WaitAsync(Step));
        Assert.Null(await page.Locator("#s-topic").GetAttributeAsync("required").WaitAsync(Step));

        // A form the API refuses (here the browser's check is switched off, as an older browser would not make it):
        // the same item comes back with everything the reviewer entered and the API's message.
        await page.GetByLabel("correctness").FillAsync("4").WaitAsync(Step);
        await page.Locator("#s-risk").SelectOptionAsync("low").WaitAsync(Step);
        await page.Locator("#s-topic").SelectOptionAsync("quality").WaitAsync(Step);
        await page.GetByLabel("Comment").FillAsync("Half right: the torque value is from the wrong manual.").WaitAsync(Step);
        await page.Locator("#score-form").EvaluateAsync("f => f.noValidate = true").WaitAsync(Step);
        var response = await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit and next" }));
        Assert.Equal(200, response.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("scores.escalate");
        await Expect(page.Locator("#work-item")).ToHaveAttributeAsync("data-item-id", itemId!);
        await Expect(page.GetByLabel("correctness")).ToHaveValueAsync("4");
        await Expect(page.Locator("#s-risk")).ToHaveValueAsync("low");
        await Expect(page.Locator("#s-topic")).ToHaveValueAsync("quality");
        await Expect(page.Locator("#s-escalate")).ToHaveValueAsync("");
        await Expect(page.GetByLabel("Comment")).ToHaveValueAsync("Half right: the torque value is from the wrong manual.");

        // The form shown again still holds the lease: completing it submits the item.
        await page.Locator("#s-escalate").SelectOptionAsync("false").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit and next" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync($"Item {itemId} submitted");
        var item = J.Arr(await fixture.GetJsonAsync($"/api/v1/annotation-queues/{qid}/items?status=completed")).Single();
        Assert.Equal("form-tester", J.Str(item, "completedBy"));
        Assert.Equal("low", J.Str(item?["scores"], "risk"));
    }

    [BrowserFact]
    public async Task RefusedForms_ShowAgainWithWhatWasTyped()
    {
        var page = await fixture.NewPageAsync();

        // Prompts: a duplicate name keeps the template typed, in the opened "Create a prompt".
        var existing = J.Str(J.Arr(await fixture.GetJsonAsync("/api/v1/prompts")).First(), "name")!;
        var template = string.Join('\n', Enumerable.Range(1, 12).Select(i => $"Step {i}: check {{{{input}}}} against the manual."));
        await page.GotoAsync("/prompts").WaitAsync(Step);
        await page.GetByText("Create a prompt").ClickAsync().WaitAsync(Step);
        await page.Locator("#c-name").FillAsync(existing).WaitAsync(Step);
        await page.Locator("#c-desc").FillAsync("typed description").WaitAsync(Step);
        await page.Locator("#c-template").FillAsync(template).WaitAsync(Step);
        await page.Locator("#c-commit").FillAsync("typed commit").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create prompt" }).ClickAsync().WaitAsync(Step);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already exists");
        await Expect(page.Locator("#c-template")).ToBeVisibleAsync();
        await Expect(page.Locator("#c-name")).ToHaveValueAsync(existing);
        await Expect(page.Locator("#c-desc")).ToHaveValueAsync("typed description");
        await Expect(page.Locator("#c-template")).ToHaveValueAsync(template);
        await Expect(page.Locator("#c-commit")).ToHaveValueAsync("typed commit");

        // Alerts: an expression the API cannot parse keeps every field of the rule editor.
        await page.GotoAsync("/alerts").WaitAsync(Step);
        await page.GetByLabel("Name").FillAsync("form-typed-rule").WaitAsync(Step);
        await page.GetByLabel("Expression").FillAsync("sum(rate(").WaitAsync(Step);
        await page.GetByLabel("Operator").SelectOptionAsync("lte").WaitAsync(Step);
        await page.GetByLabel("Threshold").FillAsync("0.25").WaitAsync(Step);
        await page.GetByLabel("For (seconds)").FillAsync("120").WaitAsync(Step);
        await page.GetByLabel("Severity").SelectOptionAsync("info").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync().WaitAsync(Step);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("expression");
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("form-typed-rule");
        await Expect(page.GetByLabel("Expression")).ToHaveValueAsync("sum(rate(");
        await Expect(page.GetByLabel("Operator")).ToHaveValueAsync("lte");
        await Expect(page.GetByLabel("Threshold")).ToHaveValueAsync("0.25");
        await Expect(page.GetByLabel("For (seconds)")).ToHaveValueAsync("120");
        await Expect(page.GetByLabel("Severity")).ToHaveValueAsync("info");

        // Editing a rule: the editor stays on that rule (the refused save would otherwise become a new rule).
        var rule = J.Arr(await fixture.GetJsonAsync("/api/v1/alerts/rules")).First(r => J.Str(r, "source") != "config");
        await page.GotoAsync($"/alerts?edit={J.Long(rule, "id")}").WaitAsync(Step);
        await page.GetByLabel("Expression").FillAsync("sum(rate(").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync().WaitAsync(Step);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("expression");
        await Expect(page.Locator("#rule-editor")).ToHaveTextAsync("Edit rule " + J.Str(rule, "name"));
        await Expect(page.GetByLabel("Expression")).ToHaveValueAsync("sum(rate(");

        // Settings: a value out of range stays in its field, on its tab.
        await page.GotoAsync("/settings?tab=generation").WaitAsync(Step);
        await page.GetByLabel("temperature", new() { Exact = true }).FillAsync("7").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save generation settings" }).ClickAsync().WaitAsync(Step);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("temperature: must be between 0 and 2");
        await Expect(page.GetByLabel("temperature", new() { Exact = true })).ToHaveValueAsync("7");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save generation settings" })).ToBeVisibleAsync();
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
