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
    public async Task AlertRuleForm_ThresholdOrForThatIsNotANumber_IsRefusedNamingTheFieldAndNothingIsSaved()
    {
        var page = await fixture.NewPageAsync();
        var cases = NotNumbers.Select(v => (Threshold: v, For: "60", Field: "Threshold", Typed: v))
            .Concat([("0.1", "xyz", "For (seconds)", "xyz"), ("0.1", "1.5", "For (seconds)", "1.5"), ("0.1", "NaN", "For (seconds)", "NaN"), ("", "60", "Threshold", "")]);
        foreach (var (threshold, forSeconds, field, typed) in cases)
        {
            var name = "form-rule-" + Guid.NewGuid().ToString("N")[..6];
            await page.GotoAsync("/alerts").WaitAsync(Step);
            await page.GetByLabel("Name").FillAsync(name).WaitAsync(Step);
            await page.GetByLabel("Expression").FillAsync("error_rate[5m]").WaitAsync(Step);
            await page.GetByLabel("Threshold").FillAsync(threshold).WaitAsync(Step);
            await page.GetByLabel("For (seconds)").FillAsync(forSeconds).WaitAsync(Step);
            await page.Locator("#rule-editor + form").EvaluateAsync("f => f.noValidate = true").WaitAsync(Step);
            var response = await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }));

            Assert.Equal(200, response.Status);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(typed.Length == 0 ? $"{field}: a number is required" : $"{field}: '{typed}' is not a");
            Assert.DoesNotContain(J.Arr(await fixture.GetJsonAsync("/api/v1/alerts/rules")), r => J.Str(r, "name") == name);
            await Expect(page.GetByLabel("Name")).ToHaveValueAsync(name);
            await Expect(page.GetByLabel("Threshold")).ToHaveValueAsync(threshold);
            await Expect(page.GetByLabel("For (seconds)")).ToHaveValueAsync(forSeconds);
        }

        // Muting takes whole minutes: 1.5 was refused as "is required" (bound to 0), abc the same.
        var rule = J.Arr(await fixture.GetJsonAsync("/api/v1/alerts/rules")).First(r => J.Str(r, "source") == "api" || J.Str(r, "source") == "config");
        var id = J.Long(rule, "id");
        foreach (var minutes in new[] { "1.5", "abc", "1e400" })
        {
            await page.GotoAsync("/alerts").WaitAsync(Step);
            var row = page.Locator($"#rules tr[data-rule-id='{id}']");
            await row.GetByLabel("Mute minutes for").FillAsync(minutes).WaitAsync(Step);
            var response = await SubmitAsync(page, row.GetByRole(AriaRole.Button, new() { Name = "Mute" }));
            Assert.Equal(200, response.Status);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Mute minutes: '{minutes}' is not a whole number");
            await Expect(page.Locator($"#rules tr[data-rule-id='{id}']").GetByLabel("Mute minutes for")).ToHaveValueAsync(minutes);
        }
    }

    [BrowserFact]
    public async Task EvaluatorForm_SamplingRateThatIsNotANumber_IsRefusedNamingTheFieldAndNothingIsSaved()
    {
        var page = await fixture.NewPageAsync();
        foreach (var rate in NotNumbers.Append(""))
        {
            var name = "form-eval-" + Guid.NewGuid().ToString("N")[..6];
            await page.GotoAsync("/evaluators").WaitAsync(Step);
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name).WaitAsync(Step);
            await page.GetByLabel("Score name").FillAsync(name).WaitAsync(Step);
            await page.GetByLabel("Sampling rate (0–1)").FillAsync(rate).WaitAsync(Step);
            await page.Locator("#e-template").FillAsync("Rate {{output}} from 0 to 1.").WaitAsync(Step);
            var response = await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save evaluator" }));

            Assert.Equal(200, response.Status);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(rate.Length == 0 ? "Sampling rate: a number is required" : $"Sampling rate: '{rate}' is not a");
            Assert.DoesNotContain(J.Arr(await fixture.GetJsonAsync("/api/v1/evaluators")), e => J.Str(e, "name") == name);
            await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(name);
            await Expect(page.GetByLabel("Sampling rate (0–1)")).ToHaveValueAsync(rate);
        }
    }

    [BrowserFact]
    public async Task DatasetRunForm_PassThresholdThatIsNotANumber_IsRefusedAndNoRunStarts()
    {
        var dataset = J.Arr(await fixture.GetJsonAsync("/api/v1/datasets")).First(d => J.Long(d, "itemCount") > 0);
        var id = J.Long(dataset, "id");
        var page = await fixture.NewPageAsync();
        foreach (var threshold in NotNumbers)
        {
            var before = J.Arr(await fixture.GetJsonAsync($"/api/v1/datasets/{id}/runs")).Count();
            await page.GotoAsync($"/datasets/{id}").WaitAsync(Step);
            await page.GetByLabel("Pass threshold").FillAsync(threshold).WaitAsync(Step);
            await page.GetByLabel("Model").FillAsync("fake-typed").WaitAsync(Step);
            var response = await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Run evaluation" }));

            Assert.Equal(200, response.Status);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Pass threshold: '{threshold}' is not a");
            Assert.Equal(before, J.Arr(await fixture.GetJsonAsync($"/api/v1/datasets/{id}/runs")).Count());
            await Expect(page.GetByLabel("Pass threshold")).ToHaveValueAsync(threshold);
            await Expect(page.GetByLabel("Model")).ToHaveValueAsync("fake-typed");
        }

        // A number is used as typed (a dropped value ran with the default 0.5).
        await page.GotoAsync($"/datasets/{id}").WaitAsync(Step);
        await page.GetByLabel("Pass threshold").FillAsync("0.8").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run evaluation" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync("Evaluation run started");
        var run = J.Arr(await fixture.GetJsonAsync($"/api/v1/datasets/{id}/runs")).Last();
        Assert.All(J.Obj(run, "thresholds"), t => Assert.Equal(0.8, t.Value!.GetValue<double>()));
        Assert.NotEmpty(J.Obj(run, "thresholds"));
    }

    [BrowserFact]
    public async Task QueueCreateForm_MinOrMaxThatIsNotANumber_IsRefusedNamingTheFieldAndNothingIsSaved()
    {
        var page = await fixture.NewPageAsync();
        var cases = NotNumbers.Select(v => (Min: v, Max: "5", Field: "Min", Typed: v)).Append(("1", "xyz", "Max", "xyz")).Append(("1", "1e400", "Max", "1e400"));
        foreach (var (min, max, field, typed) in cases)
        {
            var name = "form-queue-" + Guid.NewGuid().ToString("N")[..6];
            await page.GotoAsync("/annotation-queues").WaitAsync(Step);
            await page.GetByText("Create a queue").ClickAsync().WaitAsync(Step);
            await page.Locator("#c-name").FillAsync(name).WaitAsync(Step);
            await page.Locator("#c-min").FillAsync(min).WaitAsync(Step);
            await page.Locator("#c-max").FillAsync(max).WaitAsync(Step);
            var response = await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Create queue" }));

            Assert.Equal(200, response.Status);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"{field}: '{typed}' is not a");
            await Expect(page.GetByRole(AriaRole.Alert)).Not.ToContainTextAsync("min < max");
            Assert.DoesNotContain(J.Arr(await fixture.GetJsonAsync("/api/v1/annotation-queues")), q => J.Str(q, "name") == name);
            await Expect(page.Locator("#c-name")).ToBeVisibleAsync();
            await Expect(page.Locator("#c-name")).ToHaveValueAsync(name);
            await Expect(page.Locator("#c-min")).ToHaveValueAsync(min);
            await Expect(page.Locator("#c-max")).ToHaveValueAsync(max);
        }
    }

    [BrowserFact]
    public async Task SettingsForm_NumberThatDoesNotParse_IsRefusedWithAClearMessageAndNothingIsSaved()
    {
        var page = await fixture.NewPageAsync();
        var before = (await fixture.GetJsonAsync("/api/v1/settings/retrieval"))!["value"]!.ToJsonString();
        foreach (var (field, typed) in NotNumbers.Select(v => ("topK", v)).Append(("similarityThreshold", "NaN")).Append(("similarityThreshold", "1e400")))
        {
            await page.GotoAsync("/settings?tab=retrieval").WaitAsync(Step);
            await page.GetByLabel(field, new() { Exact = true }).FillAsync(typed).WaitAsync(Step);
            var response = await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save retrieval settings" }));

            Assert.Equal(200, response.Status);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"{field}: '{typed}' is not a");
            await Expect(page.GetByLabel(field, new() { Exact = true })).ToHaveValueAsync(typed);
            Assert.Equal(before, (await fixture.GetJsonAsync("/api/v1/settings/retrieval"))!["value"]!.ToJsonString());
        }

        // A fraction for an integer setting: the API's message, with no .NET type names or reader positions.
        await page.GotoAsync("/settings?tab=retrieval").WaitAsync(Step);
        await page.GetByLabel("topK", new() { Exact = true }).FillAsync("2.5").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save retrieval settings" }).ClickAsync().WaitAsync(Step);
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("topK: must be a whole number");
        foreach (var internals in new[] { "System.", "LineNumber", "input string" })
        {
            await Expect(alert).Not.ToContainTextAsync(internals);
        }

        await Expect(page.GetByLabel("topK", new() { Exact = true })).ToHaveValueAsync("2.5");
        Assert.Equal(before, (await fixture.GetJsonAsync("/api/v1/settings/retrieval"))!["value"]!.ToJsonString());
    }

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

    [BrowserFact]
    public async Task SettingsProjectTab_SavedWithWebhookUrlEmpty_KeepsItNull()
    {
        using (var put = await fixture.Http.PutAsJsonAsync("/api/v1/settings/project", new { webhookUrl = (string?)null }).WaitAsync(Step))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/settings?tab=project").WaitAsync(Step);
        await Expect(page.GetByLabel("webhookUrl", new() { Exact = true })).ToHaveValueAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save project settings" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync("Nothing changed");
        var value = (await fixture.GetJsonAsync("/api/v1/settings/project"))!["value"]!.AsObject();
        Assert.True(value.ContainsKey("webhookUrl"));
        Assert.Null(value["webhookUrl"]);
    }

    [BrowserFact]
    public async Task EvaluatorEditor_SavedUnchanged_KeepsTheTargetFieldsItDoesNotShow()
    {
        var name = "form-target-" + Guid.NewGuid().ToString("N")[..6];
        using var created = await fixture.Http.PostAsJsonAsync("/api/v1/evaluators", new
        {
            name,
            kind = "llm_judge",
            template = "Rate {{output}} from 0 to 1.",
            samplingRate = 0.25,
            target = new { operation = "chat", attributeKey = "tenant", attributeValue = "acme" },
        }).WaitAsync(Step);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = J.Long(JsonNode.Parse(await created.Content.ReadAsStringAsync()), "id");

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/evaluators?edit={id}").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save evaluator" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync($"Evaluator {name} saved");
        var saved = (await fixture.GetJsonAsync($"/api/v1/evaluators/{id}"))!;
        Assert.Equal(("chat", "tenant", "acme"), (J.Str(saved["target"], "operation"), J.Str(saved["target"], "attributeKey"), J.Str(saved["target"], "attributeValue")));
        Assert.Equal(0.25, J.Num(saved, "samplingRate"));

        // A field the form edits changes, the others stay.
        await page.GotoAsync($"/evaluators?edit={id}").WaitAsync(Step);
        await page.GetByLabel("Target model").FillAsync("factory-gpt-mini").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save evaluator" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync($"Evaluator {name} saved");
        saved = (await fixture.GetJsonAsync($"/api/v1/evaluators/{id}"))!;
        Assert.Equal(("factory-gpt-mini", "chat", "tenant", "acme"), (J.Str(saved["target"], "model"), J.Str(saved["target"], "operation"), J.Str(saved["target"], "attributeKey"), J.Str(saved["target"], "attributeValue")));
    }

    [BrowserFact]
    public async Task MultiLineText_SavedFromTheConsole_KeepsLfLineEndings()
    {
        // The browser sends a textarea's lines joined by CRLF: an unchanged prompt became a new version that differs
        // only in line endings, and templates reached the model with CRLF.
        var prompt = "form-lf-" + Guid.NewGuid().ToString("N")[..6];
        const string Template = "Classify the report.\nCategories: a, b.\n\nReport: {{input}}";
        const string Guidelines = "Be brief.\nCite the manual.";
        using (var created = await fixture.Http.PostAsJsonAsync("/api/v1/prompts", new { name = prompt, template = Template, guidelines = Guidelines }).WaitAsync(Step))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/prompts/" + prompt).WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync().WaitAsync(Step);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("nothing changed");
        var detail = (await fixture.GetJsonAsync("/api/v1/prompts/" + prompt))!;
        Assert.Equal(1, J.Long(detail["prompt"], "latestVersion"));

        // An edit is saved with LF too.
        await page.GotoAsync("/prompts/" + prompt).WaitAsync(Step);
        await page.GetByLabel("Template").FillAsync(Template + "\nAnswer as JSON.").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync("New version saved");
        detail = (await fixture.GetJsonAsync("/api/v1/prompts/" + prompt))!;
        var latest = J.Arr(detail, "versions").MaxBy(v => J.Long(v, "version"));
        Assert.Equal((Template + "\nAnswer as JSON.", Guidelines), (J.Str(latest, "template"), J.Str(latest, "guidelines")));

        // Evaluator templates and dataset items.
        var evaluator = "form-lf-" + Guid.NewGuid().ToString("N")[..6];
        const string Judge = "Judge the answer.\n\nAnswer: {{output}}\nScore 0 to 1.";
        using var judge = await fixture.Http.PostAsJsonAsync("/api/v1/evaluators", new { name = evaluator, kind = "llm_judge", template = Judge }).WaitAsync(Step);
        Assert.True(judge.IsSuccessStatusCode, await judge.Content.ReadAsStringAsync());
        var evaluatorId = J.Long(JsonNode.Parse(await judge.Content.ReadAsStringAsync()), "id");
        await page.GotoAsync($"/evaluators?edit={evaluatorId}").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save evaluator" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync($"Evaluator {evaluator} saved");
        Assert.Equal(Judge, J.Str(await fixture.GetJsonAsync($"/api/v1/evaluators/{evaluatorId}"), "template"));

        var dataset = J.Long(J.Arr(await fixture.GetJsonAsync("/api/v1/datasets")).First(), "id");
        var input = "First line of the question\nsecond line " + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync($"/datasets/{dataset}").WaitAsync(Step);
        await page.GetByText("Add an item").ClickAsync().WaitAsync(Step);
        await page.Locator("#a-input").FillAsync(input).WaitAsync(Step);
        await page.Locator("#a-expected").FillAsync("one\ntwo").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync("Item added");
        var items = J.Arr(await fixture.GetJsonAsync($"/api/v1/datasets/{dataset}/items?limit=500")).ToList();
        var item = items.Single(i => (J.Str(i, "input") ?? string.Empty).Contains(input[^6..], StringComparison.Ordinal));
        Assert.Equal((input, "one\ntwo"), (J.Str(item, "input"), J.Str(item, "expectedOutput")));
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
