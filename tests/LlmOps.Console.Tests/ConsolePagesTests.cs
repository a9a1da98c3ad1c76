using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LlmOps.Console.Tests.Support;
using LlmOps.Management.Alerts;
using LlmOps.Management.Settings;
using LlmOps.Ui.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LlmOps.Console.Tests;

/// <summary>Every console page against the real collector fed by the factory-assistant simulator, and the main flows.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsolePagesTests(ConsoleFixture fixture)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [BrowserFact]
    public async Task Dashboard_FedBySimulator_ShowsTheApiFigures()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/").WaitAsync(Step);
        var summary = (await fixture.GetJsonAsync("/api/v1/dashboard/summary"))!;
        foreach (var key in new[] { "total_traces", "total_cost_usd", "total_tokens", "avg_latency_ms", "daily_active_users", "escalation_rate", "user_satisfaction", "task_completion", "first_response_accuracy" })
        {
            var shown = await page.Locator($"[data-kpi='{key}']").GetAttributeAsync("data-value").WaitAsync(Step);
            Assert.Equal(J.Raw(summary, key), shown);
        }

        Assert.Equal(Fmt.Count(summary["total_traces"]!.GetValue<long>()), await page.Locator("[data-kpi='total_traces']").InnerTextAsync().WaitAsync(Step));

        // The simulated users' feedback reached this collector's OTLP/HTTP port, and the dashboard shows the API's counts.
        var feedback = summary["feedback"];
        Assert.True(J.Long(feedback, "total") > 0, $"no feedback arrived: {feedback?.ToJsonString()}");
        foreach (var kind in new[] { "positive", "negative", "neutral" })
        {
            Assert.Equal(J.Raw(feedback, kind), await page.Locator($"[data-kpi='feedback.{kind}']").GetAttributeAsync("data-value").WaitAsync(Step));
        }

        // The trace total is the number of traces the query API pages through.
        long listed = 0;
        string? cursor = null;
        do
        {
            var pageJson = (await fixture.GetJsonAsync("/api/v1/traces?limit=500" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))))!;
            listed += J.Arr(pageJson, "items").Count();
            cursor = J.Str(pageJson, "next_cursor");
        }
        while (cursor is not null);
        Assert.Equal(summary["total_traces"]!.GetValue<long>(), listed);

        // Charts carry their figures as text, not colour alone.
        var names = J.Arr(summary, "traces_by_name").ToList();
        Assert.NotEmpty(names);
        await Expect(page.Locator("#chart-names desc")).ToContainTextAsync($"{J.Str(names[0], "name")}: {Fmt.Count(J.Long(names[0], "count"))}");
        await ConsoleFixture.ScreenshotAsync(page, "dashboard");
    }

    [BrowserFact]
    public async Task Traces_FilterAndOpenOne_ShowsTheApiRowsAndDetail()
    {
        var all = (await fixture.GetJsonAsync("/api/v1/traces?limit=1"))!;
        var model = J.Arr(J.Arr(all, "items").First(), "models").First().ToString();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/traces").WaitAsync(Step);
        await ConsoleFixture.ScreenshotAsync(page, "traces");
        await page.GetByLabel("Model").FillAsync(model).WaitAsync(Step);
        await page.GetByLabel("Sort by").SelectOptionAsync("duration").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync().WaitAsync(Step);
        await page.WaitForURLAsync("**/traces?*model=*").WaitAsync(Step);

        var api = (await fixture.GetJsonAsync($"/api/v1/traces?model={Uri.EscapeDataString(model)}&sort=duration&order=desc"))!;
        var expected = J.Arr(api, "items").ToList();
        var rows = page.Locator("#traces tbody tr");
        await Expect(rows).ToHaveCountAsync(expected.Count);
        for (var i = 0; i < Math.Min(expected.Count, 5); i++)
        {
            var row = rows.Nth(i);
            Assert.Equal(J.Str(expected[i], "trace_id"), await row.GetAttributeAsync("data-trace-id"));
            Assert.Equal(J.Raw(expected[i], "duration_ms"), await row.Locator("td").Nth(3).GetAttributeAsync("data-value"));
            Assert.Equal(J.Raw(expected[i], "total_tokens"), await row.Locator("td").Nth(4).GetAttributeAsync("data-value"));
        }

        await rows.First.Locator("a").ClickAsync().WaitAsync(Step);
        var id = J.Str(expected[0], "trace_id")!;
        await page.WaitForURLAsync("**/traces/" + id, new() { WaitUntil = WaitUntilState.Commit }).WaitAsync(Step);
        var detail = (await fixture.GetJsonAsync("/api/v1/traces/" + id))!;
        Assert.Equal(J.Raw(detail["trace"], "total_tokens"), await page.Locator("[data-field='total_tokens']").GetAttributeAsync("data-value"));
        await Expect(page.Locator("#span-tree li")).ToHaveCountAsync(Count(J.Arr(detail, "spans")));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Messages" })).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "trace-detail");
    }

    [BrowserFact]
    public async Task Sessions_ListAndConversation_MatchTheApi()
    {
        var api = (await fixture.GetJsonAsync("/api/v1/sessions"))!;
        var first = J.Arr(api, "items").First();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sessions").WaitAsync(Step);
        var row = page.Locator("#sessions tbody tr").First;
        Assert.Equal(J.Str(first, "session_id"), await row.GetAttributeAsync("data-session-id"));
        Assert.Equal(J.Raw(first, "trace_count"), await row.Locator("td").Nth(1).GetAttributeAsync("data-value"));
        Assert.Equal(J.Raw(first, "total_tokens"), await row.Locator("td").Nth(2).GetAttributeAsync("data-value"));
        await ConsoleFixture.ScreenshotAsync(page, "sessions");
        await row.Locator("a").ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#conversation li")).ToHaveCountAsync((int)J.Long(first, "trace_count"));
        await ConsoleFixture.ScreenshotAsync(page, "session-detail");
    }

    [BrowserFact]
    public async Task Sessions_IdWithSlashAndPercent_OpensFromTheTraceAndTheList()
    {
        // The newest trace of the shared fixture: it names a model, as the other tests expect of the newest trace.
        const string sessionId = "line/3 press 100%2F";
        var traceId = Guid.NewGuid().ToString("N");
        var now = fixture.Collector.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
        var body = $$$"""
            {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"{{{traceId}}}","spanId":"00000000000000a1","name":"chat slash",
              "startTimeUnixNano":"{{{now}}}","endTimeUnixNano":"{{{now + 1_000_000}}}",
              "attributes":[{"key":"session.id","value":{"stringValue":"{{{sessionId}}}"}},{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},
                {"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o-mini"}}]}]}]}]}
            """;
        using (var sent = await fixture.Http.PostAsync(new Uri(fixture.Collector.OtlpHttp, "/v1/traces"), new StringContent(body, System.Text.Encoding.UTF8, "application/json")).WaitAsync(Step))
        {
            sent.EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/traces/{traceId}").WaitAsync(Step);
        await page.GetByRole(AriaRole.Link, new() { Name = sessionId }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#conversation li")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = sessionId })).ToBeVisibleAsync();

        await page.GotoAsync("/sessions").WaitAsync(Step);
        await page.Locator($"#sessions tbody tr[data-session-id='{sessionId}'] a").ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#conversation li")).ToHaveCountAsync(1);
    }

    [BrowserFact]
    public async Task Prompts_EditAndMoveProductionLabel_ApiShowsTheNewVersion()
    {
        var prompts = (await fixture.GetJsonAsync("/api/v1/prompts"))!;
        var name = J.Str(J.Arr(prompts).First(p => p["labels"]?["production"] is not null), "name")!;
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/prompts").WaitAsync(Step);
        await Expect(page.Locator("#prompts tbody tr")).ToHaveCountAsync(J.Arr(prompts).Count());
        await ConsoleFixture.ScreenshotAsync(page, "prompts");
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync().WaitAsync(Step);

        var template = page.GetByLabel("Template");
        var text = await template.InputValueAsync().WaitAsync(Step);
        await template.FillAsync(text + "\nAlways name the machine you answer about.").WaitAsync(Step);
        await page.GetByLabel("Commit message").FillAsync("console test: name the machine").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync("New version saved");
        var detail = (await fixture.GetJsonAsync("/api/v1/prompts/" + Uri.EscapeDataString(name)))!;
        var latest = J.Long(detail["prompt"], "latestVersion");
        Assert.EndsWith("Always name the machine you answer about.", J.Str(J.Arr(detail, "versions").First(v => J.Long(v, "version") == latest), "template"), StringComparison.Ordinal);

        await page.GetByLabel("Label", new() { Exact = true }).SelectOptionAsync("production").WaitAsync(Step);
        await page.GetByLabel("Version", new() { Exact = true }).SelectOptionAsync(latest.ToString(CultureInfo.InvariantCulture)).WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Move label" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#labels [data-label='production']")).ToHaveAttributeAsync("data-version", latest.ToString(CultureInfo.InvariantCulture));
        detail = (await fixture.GetJsonAsync("/api/v1/prompts/" + Uri.EscapeDataString(name)))!;
        Assert.Equal(latest, J.Long(detail["prompt"]?["labels"], "production"));
        await Expect(page.Locator("#history")).ToContainTextAsync("production");
        await ConsoleFixture.ScreenshotAsync(page, "prompt-detail");

        // A name typed with spaces around it is saved trimmed, and the console opens the prompt the API saved.
        var typed = "console-created-" + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/prompts").WaitAsync(Step);
        await page.GetByText("Create a prompt").ClickAsync().WaitAsync(Step);
        await page.Locator("#c-name").FillAsync("  " + typed + " ").WaitAsync(Step);
        await page.Locator("#c-template").FillAsync("Answer {{question}} from the manuals.").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create prompt" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync($"Prompt {typed} created");
        Assert.EndsWith("/prompts/" + typed, page.Url, StringComparison.Ordinal);
        Assert.NotNull(await fixture.GetJsonAsync("/api/v1/prompts/" + typed));
    }

    [BrowserFact]
    public async Task Datasets_RunAnEvaluation_ShowsTheRunSummaryOfTheApi()
    {
        var datasets = (await fixture.GetJsonAsync("/api/v1/datasets"))!;
        var dataset = J.Arr(datasets).First(d => J.Long(d, "itemCount") > 0);
        var id = J.Long(dataset, "id");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/datasets").WaitAsync(Step);
        await ConsoleFixture.ScreenshotAsync(page, "datasets");
        await page.GotoAsync($"/datasets/{id}").WaitAsync(Step);
        var before = J.Arr(await fixture.GetJsonAsync($"/api/v1/datasets/{id}/runs")).Count();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run evaluation" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync("Evaluation run started");

        JsonNode? run = null;
        await ConsoleFixture.WaitForAsync(async () =>
        {
            var runs = J.Arr(await fixture.GetJsonAsync($"/api/v1/datasets/{id}/runs")).ToList();
            run = runs.Count > before ? runs[^1] : null;
            return run is not null && J.Str(run, "status") is "completed" or "failed";
        }, TimeSpan.FromSeconds(60));
        Assert.Equal("completed", J.Str(run, "status"));
        await page.ReloadAsync().WaitAsync(Step);
        var row = page.Locator($"#runs tr[data-run-id='{J.Long(run, "id")}']");
        Assert.Equal(J.Raw(run!["summary"], "passRate"), await row.Locator("td").Nth(4).GetAttributeAsync("data-value"));
        Assert.Equal(J.Raw(run["summary"], "averageScore"), await row.Locator("td").Nth(5).GetAttributeAsync("data-value"));
        await Expect(page.Locator("#chart-pass desc")).ToContainTextAsync("#" + J.Long(run, "id"));
        await ConsoleFixture.ScreenshotAsync(page, "dataset-detail");
    }

    [BrowserFact]
    public async Task AnnotationQueue_WorkThreeItems_ApiCountsThemCompleted()
    {
        var queues = (await fixture.GetJsonAsync("/api/v1/annotation-queues"))!;
        var queue = J.Arr(queues).First(q => J.Str(q, "status") == "active" && J.Arr(q, "scoreConfigs").Any());
        var qid = J.Long(queue, "id");
        var completedBefore = J.Long(queue["progress"], "completed");
        var traces = J.Arr((await fixture.GetJsonAsync("/api/v1/traces?limit=20"))!, "items").Where(t => J.Str(t, "root_span_id") is not null).Take(3).ToList();
        foreach (var t in traces)
        {
            using var response = await fixture.Http.PostAsJsonAsync($"/api/v1/annotation-queues/{qid}/items", new { traceId = J.Str(t, "trace_id"), spanId = J.Str(t, "root_span_id"), reason = "console test", severity = "medium", input = J.Str(t, "input"), output = J.Str(t, "output") }).WaitAsync(Step);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/annotation-queues").WaitAsync(Step);
        await ConsoleFixture.ScreenshotAsync(page, "annotation-queues");
        await page.GotoAsync($"/annotation-queues/{qid}").WaitAsync(Step);
        await page.GetByLabel("Reviewer").FillAsync("console-tester").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Review next item" }).ClickAsync().WaitAsync(Step);
        for (var i = 0; i < 3; i++)
        {
            await Expect(page.Locator("#work-item")).ToBeVisibleAsync();
            if (i == 0)
            {
                await ConsoleFixture.ScreenshotAsync(page, "annotation-item");
            }

            foreach (var config in J.Arr(queue, "scoreConfigs"))
            {
                var field = page.Locator($"[name='score.{J.Str(config, "name")}']");
                switch (J.Str(config, "type"))
                {
                    case "boolean": await field.SelectOptionAsync("true").WaitAsync(Step); break;
                    case "categorical": await field.SelectOptionAsync(new SelectOptionValue { Index = 1 }).WaitAsync(Step); break;
                    default: await field.FillAsync((J.Num(config, "max") ?? 1).ToString(CultureInfo.InvariantCulture)).WaitAsync(Step); break;
                }
            }

            await page.GetByLabel("Comment").FillAsync($"reviewed {i + 1}").WaitAsync(Step);
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit and next" }).ClickAsync().WaitAsync(Step);
            await Expect(page.Locator("#status")).ToContainTextAsync("submitted");
        }

        var progress = (await fixture.GetJsonAsync($"/api/v1/annotation-queues/{qid}/progress"))!;
        Assert.Equal(completedBefore + 3, J.Long(progress, "completed"));
        await page.GotoAsync($"/annotation-queues/{qid}").WaitAsync(Step);
        Assert.Equal(J.Long(progress, "completed").ToString(CultureInfo.InvariantCulture), await page.Locator("#progress [data-field='completed']").InnerTextAsync());
    }

    [BrowserFact]
    public async Task Alerts_AcknowledgeAndMute_ApiRecordsBoth()
    {
        using var created = await fixture.Http.PostAsJsonAsync("/api/v1/alerts/rules", new { name = "console-test-latency", kind = "latency", expression = "latency_p95[5m]", @operator = "gt", threshold = 2.0, forSeconds = 0, severity = "critical", enabled = true }).WaitAsync(Step);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var ruleId = J.Long(JsonNode.Parse(await created.Content.ReadAsStringAsync()), "id");
        var store = fixture.Collector.Services.GetRequiredService<IAlertRuleStore>();
        var now = TimeProvider.System.GetUtcNow();
        foreach (var at in new[] { now, now.AddSeconds(1) })
        {
            await store.ReportAsync(new AlertObservation(ruleId, "console-test", true, 3.5, new Dictionary<string, string> { ["model"] = "factory-gpt-mini" }, at), CancellationToken.None).WaitAsync(Step);
        }

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/alerts").WaitAsync(Step);
        var active = (await fixture.GetJsonAsync("/api/v1/alerts"))!;
        Assert.Equal(J.Raw(active, "total"), await page.Locator("[data-field='total']").GetAttributeAsync("data-value"));
        Assert.Equal(J.Raw(active, "critical"), await page.Locator("[data-field='critical']").GetAttributeAsync("data-value"));
        await ConsoleFixture.ScreenshotAsync(page, "alerts");

        var alert = J.Arr(active, "alerts").First(a => J.Long(a, "ruleId") == ruleId);
        var row = page.Locator($"#active-alerts tr[data-alert-id='{J.Long(alert, "id")}']");
        await row.GetByLabel("Comment for console-test-latency").FillAsync("looking into it").WaitAsync(Step);
        await row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync("Alert acknowledged");
        active = (await fixture.GetJsonAsync("/api/v1/alerts"))!;
        Assert.Equal("looking into it", J.Str(J.Arr(active, "alerts").First(a => J.Long(a, "ruleId") == ruleId), "ackComment"));

        var ruleRow = page.Locator($"#rules tr[data-rule-id='{ruleId}']");
        await ruleRow.GetByLabel("Mute minutes for console-test-latency").FillAsync("30").WaitAsync(Step);
        await ruleRow.GetByRole(AriaRole.Button, new() { Name = "Mute" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync("muted for 30 minutes");
        var rule = (await fixture.GetJsonAsync($"/api/v1/alerts/rules/{ruleId}"))!;
        Assert.NotNull(J.Str(rule, "mutedUntil"));
        await Expect(page.Locator($"#rules tr[data-rule-id='{ruleId}'] [data-field='mutedUntil']")).ToHaveTextAsync(Fmt.Time(J.Str(rule, "mutedUntil")));
        await Expect(page.Locator("#alert-history")).ToContainTextAsync("acknowledged");

        // An alert's link (Alertmanager's generatorURL: {external_url}/alerts/{the engine's rule id}) opens this page
        // on its rule, for a rule made through the API and for one from the config file.
        var linked = await page.GotoAsync("/alerts/" + LlmOps.Management.Alerts.AlertEngineBridge.EngineId(ruleId)).WaitAsync(Step);
        Assert.Equal(200, linked!.Status);
        await Expect(page.Locator("#linked-rule")).ToContainTextAsync("console-test-latency");
        await Expect(page.Locator($"#rules tr[data-rule-id='{ruleId}']")).ToHaveClassAsync("linked");
        await Expect(page.Locator($"#active-alerts tr[data-alert-id='{J.Long(alert, "id")}']")).ToHaveClassAsync("linked");
        var rules = (await fixture.GetJsonAsync("/api/v1/alerts/rules"))!;
        var configRule = J.Arr(rules).First(r => J.Str(r?["labels"], "rule_id") == "error-rate-high");
        var fromConfig = await page.GotoAsync("/alerts/error-rate-high").WaitAsync(Step);
        Assert.Equal(200, fromConfig!.Status);
        await Expect(page.Locator("#linked-rule")).ToContainTextAsync(J.Str(configRule, "name")!);
        await Expect(page.Locator($"#rules tr[data-rule-id='{J.Long(configRule, "id")}']")).ToHaveClassAsync("linked");

        // A rule from the config file is changed there (the API answers 409 to an update): no Edit link, and the editor
        // does not open it; an API rule has both.
        var configRow = page.Locator($"#rules tr[data-rule-id='{J.Long(configRule, "id")}']");
        await Expect(configRow.GetByRole(AriaRole.Link, new() { Name = "Edit" })).ToHaveCountAsync(0);
        await Expect(configRow.Locator("[data-field='source']")).ToHaveTextAsync("set in the collector configuration");
        await page.GotoAsync($"/alerts?edit={J.Long(configRule, "id")}").WaitAsync(Step);
        await Expect(page.Locator("#rule-editor")).ToHaveTextAsync("New rule");
        await page.GotoAsync($"/alerts?edit={ruleId}").WaitAsync(Step);
        await Expect(page.Locator("#rule-editor")).ToHaveTextAsync("Edit rule console-test-latency");

        // The rule editor: a new rule takes its kind from the expression; changing the expression of a saved rule with
        // "from the expression" gives it the new signal's kind (sending the old kind would be refused).
        await page.GotoAsync("/alerts").WaitAsync(Step);
        await page.GetByLabel("Name").FillAsync("console-form-rule").WaitAsync(Step);
        await page.GetByLabel("Expression").FillAsync("latency_p95[10m]").WaitAsync(Step);
        await page.GetByLabel("Threshold").FillAsync("4").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync("Rule console-form-rule created");
        var formRule = J.Arr((await fixture.GetJsonAsync("/api/v1/alerts/rules"))!).First(r => J.Str(r, "name") == "console-form-rule");
        Assert.Equal("latency", J.Str(formRule, "kind"));
        await page.GotoAsync($"/alerts?edit={J.Long(formRule, "id")}").WaitAsync(Step);
        await page.GetByLabel("Kind").SelectOptionAsync("").WaitAsync(Step);
        await page.GetByLabel("Expression").FillAsync("cost_usd[1d]").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync("Rule console-form-rule saved");
        formRule = (await fixture.GetJsonAsync($"/api/v1/alerts/rules/{J.Long(formRule, "id")}"))!;
        Assert.Equal(("cost", "cost_usd[1d]"), (J.Str(formRule, "kind"), J.Str(formRule, "expression")));

        // Unmute is offered only while the mute lasts (the API answers 409 for a rule that is not muted).
        var unmute = page.Locator($"#rules tr[data-rule-id='{ruleId}']").GetByRole(AriaRole.Button, new() { Name = "Unmute" });
        await Expect(unmute).ToHaveCountAsync(1);
        await unmute.ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync("Rule unmuted");
        await Expect(page.Locator($"#rules tr[data-rule-id='{ruleId}']").GetByRole(AriaRole.Button, new() { Name = "Unmute" })).ToHaveCountAsync(0);
        await page.GotoAsync("/alerts/no-such-rule").WaitAsync(Step);
        await Expect(page.Locator("#linked-rule")).ToContainTextAsync("no-such-rule (no such rule here now)");
    }

    [BrowserFact]
    public async Task AuditLog_FilterAndExport_CsvEqualsTheApiExport()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/audit").WaitAsync(Step);
        var verify = (await fixture.GetJsonAsync("/api/v1/audit/verify"))!;
        Assert.Equal(J.Bool(verify, "valid") ? "true" : "false", await page.Locator("#integrity").GetAttributeAsync("data-valid"));
        await ConsoleFixture.ScreenshotAsync(page, "audit");

        var entries = J.Arr((await fixture.GetJsonAsync("/api/v1/audit?limit=1"))!, "items").First();
        var type = J.Str(entries, "type")!;
        await page.GetByLabel("Type").FillAsync(type).WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync().WaitAsync(Step);
        await page.WaitForURLAsync("**/audit?*type=*").WaitAsync(Step);
        var filtered = J.Arr((await fixture.GetJsonAsync("/api/v1/audit?type=" + Uri.EscapeDataString(type)))!, "items").ToList();
        await Expect(page.Locator("#audit tbody tr")).ToHaveCountAsync(filtered.Count);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync()).WaitAsync(Step);
        var path = await download.PathAsync().WaitAsync(Step);
        var csv = await File.ReadAllTextAsync(path);
        var expected = await fixture.Http.GetStringAsync(new Uri("/api/v1/audit/export?type=" + Uri.EscapeDataString(type), UriKind.Relative)).WaitAsync(Step);
        Assert.Equal(expected, csv);
        Assert.Equal(filtered.Count + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [BrowserFact]
    public async Task Settings_ChangeTopK_IsSavedAndApplied()
    {
        var page = await fixture.NewPageAsync();
        foreach (var tab in new[] { "retrieval", "embedding", "generation", "hybrid-search", "guardrails", "project" })
        {
            await page.GotoAsync("/settings?tab=" + tab).WaitAsync(Step);
            await Expect(page.Locator("#settings-form")).ToBeVisibleAsync();
            await ConsoleFixture.ScreenshotAsync(page, "settings-" + tab);
        }

        await page.GotoAsync("/settings?tab=retrieval").WaitAsync(Step);
        var current = J.Long((await fixture.GetJsonAsync("/api/v1/settings/retrieval"))!["value"], "topK");
        var next = current == 9 ? 8 : 9;
        await page.GetByLabel("topK").FillAsync(next.ToString(CultureInfo.InvariantCulture)).WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save retrieval settings" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#status")).ToContainTextAsync("Saved topK");
        Assert.Equal(next, J.Long((await fixture.GetJsonAsync("/api/v1/settings/retrieval"))!["value"], "topK"));
        await Expect(page.GetByLabel("topK")).ToHaveValueAsync(next.ToString(CultureInfo.InvariantCulture));

        // Applied: the collector's in-process view of the settings changed too.
        var notifier = fixture.Collector.Services.GetRequiredService<ISettingsChangeNotifier>();
        await ConsoleFixture.WaitForAsync(() => Task.FromResult(notifier.Current<RetrievalSettings>().TopK == next), TimeSpan.FromSeconds(10));
    }

    [BrowserFact]
    public async Task Evaluators_Page_ListsTheRegistryAndLogs()
    {
        var evaluators = (await fixture.GetJsonAsync("/api/v1/evaluators"))!;
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/evaluators").WaitAsync(Step);
        await Expect(page.Locator("#evaluators tbody tr")).ToHaveCountAsync(J.Arr(evaluators).Count());
        var logs = J.Arr((await fixture.GetJsonAsync("/api/v1/evaluation-logs?limit=50"))!, "items").Count();
        await Expect(page.Locator("#logs tbody tr")).ToHaveCountAsync(logs);
        await ConsoleFixture.ScreenshotAsync(page, "evaluators");
        var first = J.Arr(evaluators).First();
        await page.Locator("#evaluators tbody tr").First.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync().WaitAsync(Step);
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(J.Str(first, "name")!);
    }

    [BrowserFact]
    public async Task EveryPage_KeyboardAndLabels_SkipLinkAndNoUnlabelledControls()
    {
        var page = await fixture.NewPageAsync();
        foreach (var path in new[] { "/", "/traces", "/sessions", "/evaluators", "/prompts", "/datasets", "/annotation-queues", "/alerts", "/audit", "/settings" })
        {
            await page.GotoAsync(path).WaitAsync(Step);
            await page.Keyboard.PressAsync("Tab").WaitAsync(Step);
            Assert.Equal("Skip to main content", await page.EvaluateAsync<string>("document.activeElement.textContent").WaitAsync(Step));
            var unlabelled = await page.EvaluateAsync<int>("""
                [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')]
                  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).length
                """).WaitAsync(Step);
            Assert.Equal(0, unlabelled);
            Assert.Equal(0, await page.Locator("main table:not(:has(caption))").CountAsync().WaitAsync(Step));
        }
    }

    private static int Count(IEnumerable<JsonNode> spans) => spans.Sum(s => 1 + Count(J.Arr(s, "children")));
}
