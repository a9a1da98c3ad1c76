using System.Net.Http.Json;
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

    [BrowserFact]
    public async Task LongStringsWithoutSpaces_NeverWidenThePage_AndNoFigureRunsIntoTheNext()
    {
        // A trace named with 2,000 characters and no space, with as long a user and session, a model named with 500, a
        // retrieved document of 3,000, and a score explanation of 1,000.
        var traceId = SeededConsole.NewId();
        var root = SeededConsole.Span(traceId, new string('L', 2000));
        var session = new string('S', 2000);
        root.GenAi = new GenAiInfo { IsGenAi = true, Operation = "chat", RequestModel = new string('M', 500), InputTokens = 10, OutputTokens = 5, SessionId = session, UserId = new string('U', 2000), InputText = new string('Q', 1500), OutputText = new string('A', 1500) };
        root.CostUsd = 0.0002;
        var retrieval = SeededConsole.Span(traceId, "retrieval kb", root.SpanId, 10);
        retrieval.GenAi = new GenAiInfo { IsGenAi = true, Operation = "retrieval", RetrievalQuery = new string('R', 800), RetrievalDocuments = [new RetrievedDocument(new string('D', 300), 0.9, new string('A', 3000))] };
        var batch = new TelemetryBatch();
        batch.Spans.Add(root);
        batch.Spans.Add(retrieval);
        var score = SeededConsole.Score(root, "groundedness", 0.5);
        score.Evaluation!.Explanation = new string('E', 1000);
        batch.Logs.Add(score);
        await console.WriteAsync(batch);

        // Each figure of the trace's summary stays inside its box (the trace id ran into "Started").
        var page = await console.NewPageAsync(Width);
        await page.GotoAsync("/traces/" + traceId).WaitAsync(Step);
        var overflowing = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('#trace-summary .kpi')].filter(k => {
              const box = k.getBoundingClientRect(), range = document.createRange();
              range.selectNodeContents(k.querySelector('dd'));
              const text = range.getBoundingClientRect();
              return text.right > box.right + 0.5 || text.left < box.left - 0.5;
            }).map(k => k.querySelector('dt').textContent)
            """).WaitAsync(Step);
        Assert.Empty(overflowing);
        await ConsoleFixture.ScreenshotAsync(page, "trace-long-strings");

        foreach (var path in new[] { "/traces?limit=500", "/traces/" + traceId, "/", "/sessions", "/sessions/" + session, "/audit", "/alerts", "/evaluators", "/prompts", "/datasets", "/annotation-queues", "/settings" })
        {
            await page.GotoAsync(path).WaitAsync(Step);
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{path[..Math.Min(path.Length, 40)]}: the page scrolls sideways ({await page.EvaluateAsync<int>("document.documentElement.scrollWidth")} px)");
        }
    }

    [BrowserFact]
    public async Task RightToLeftOverride_InData_DoesNotReverseTheConsolesText()
    {
        // An unclosed right-to-left override (U+202E) in a span's name, its user and a model name.
        var traceId = SeededConsole.NewId();
        var root = SeededConsole.Span(traceId, "rlo\u202E name");
        root.GenAi = new GenAiInfo { IsGenAi = true, UserId = "usr\u202E" };
        var chat = SeededConsole.Span(traceId, "chat\u202E x", root.SpanId, 10);
        chat.GenAi = new GenAiInfo { IsGenAi = true, Operation = "chat", RequestModel = "gpt-4o\u202E", InputTokens = 1000, OutputTokens = 500 };
        var batch = new TelemetryBatch();
        batch.Spans.Add(root);
        batch.Spans.Add(chat);
        await console.WriteAsync(batch);

        var page = await console.NewPageAsync(Width);
        await page.GotoAsync("/traces/" + traceId).WaitAsync(Step);
        foreach (var text in new[] { "1,000 ms · internal · status ok", "1,500 tokens" })
        {
            Assert.True(await ReadsLeftToRightAsync(page, "#span-tree", text), $"span tree: “{text}” is drawn reversed");
        }
    }

    /// <summary>Whether the first and last characters of <paramref name="text"/> inside <paramref name="selector"/> are drawn left to right.</summary>
    private static Task<bool> ReadsLeftToRightAsync(IPage page, string selector, string text) =>
        page.EvaluateAsync<bool>("""
            ([selector, text]) => {
              const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(text);
                if (at < 0) { continue; }
                const x = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
                return x(at) < x(at + text.length - 1);
              }
              throw new Error(selector + ': no text ' + text);
            }
            """, new[] { selector, text }).WaitAsync(Step);

    [BrowserFact]
    public async Task FailedSpan_ShowsWhyItFailed()
    {
        var traceId = SeededConsole.NewId();
        var root = SeededConsole.Span(traceId, "assistant turn");
        var chat = SeededConsole.Span(traceId, "chat factory-gpt-mini", root.SpanId, 10);
        chat.StatusCode = StatusCodeValue.Error;
        chat.StatusMessage = "503 Service Unavailable: model overloaded";
        chat.Attributes.Add("error.type", AttrValue.Of("System.Net.Http.HttpRequestException"));
        var exception = new SpanEvent { Name = "exception", TimeUnixNano = chat.EndTimeUnixNano };
        exception.Attributes.Add("exception.type", AttrValue.Of("System.Net.Http.HttpRequestException"));
        exception.Attributes.Add("exception.message", AttrValue.Of("Response status code does not indicate success: 503"));
        exception.Attributes.Add("exception.stacktrace", AttrValue.Of("at FactoryAssistant.Chat.SendAsync()\nat FactoryAssistant.Program.Main()"));
        chat.Events.Add(exception);
        var silent = SeededConsole.Span(traceId, "retry", root.SpanId, 20);
        silent.StatusCode = StatusCodeValue.Error;
        var batch = new TelemetryBatch();
        batch.Spans.AddRange([root, chat, silent]);
        await console.WriteAsync(batch);

        var page = await console.NewPageAsync(Width);
        await page.GotoAsync("/traces/" + traceId).WaitAsync(Step);
        var failures = page.Locator("#span-tree [data-field='failure']");
        await Expect(failures).ToHaveCountAsync(2);
        await Expect(failures.Nth(0)).ToContainTextAsync("Status message: 503 Service Unavailable: model overloaded");
        await Expect(failures.Nth(0)).ToContainTextAsync("Error type: System.Net.Http.HttpRequestException");
        await Expect(failures.Nth(0).Locator("summary")).ToHaveTextAsync("Exception System.Net.Http.HttpRequestException: Response status code does not indicate success: 503");
        await failures.Nth(0).Locator("summary").ClickAsync().WaitAsync(Step);
        await Expect(failures.Nth(0).Locator("pre")).ToBeVisibleAsync();
        await Expect(failures.Nth(0).Locator("pre")).ToContainTextAsync("at FactoryAssistant.Chat.SendAsync()");
        await Expect(failures.Nth(1)).ToHaveTextAsync("No reason was recorded: no status message, error type or exception event.");
        await ConsoleFixture.ScreenshotAsync(page, "trace-failed-span");
    }

    [BrowserFact]
    public async Task AuditDetails_ShowQuotesAmpersandsAndAccents_AsTheyAre()
    {
        var name = "Q&A \"Golden\" Set <ü> " + SeededConsole.NewId()[..6];
        using var created = await console.Http.PostAsJsonAsync("/api/v1/datasets", new { name, description = "audit test" }).WaitAsync(Step);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var page = await console.NewPageAsync(Width);
        await page.GotoAsync("/audit?type=dataset").WaitAsync(Step);
        var details = page.Locator("#audit tbody tr").First.Locator("code");
        await Expect(details).ToContainTextAsync("\"name\":\"Q&A \\\"Golden\\\" Set <ü> ");
        await Expect(details).Not.ToContainTextAsync("\\u00");
    }

    [BrowserFact]
    public async Task UnknownTraceDatasetPromptQueueOrPage_IsANotFoundPage_SayingSoOnce()
    {
        var page = await console.NewPageAsync(Width);
        foreach (var (path, says) in new[]
        {
            ("/traces/" + SeededConsole.NewId(), "trace"), ("/sessions/no-such-session", "session"), ("/datasets/999999", "dataset"),
            ("/prompts/no-such-prompt", "prompt"), ("/annotation-queues/999999", "queue"),
        })
        {
            var response = await page.GotoAsync(path).WaitAsync(Step);
            Assert.Equal(404, response!.Status);
            await Expect(page.Locator(".flash.error")).ToHaveCountAsync(1);
            await Expect(page.Locator(".flash.error")).ToContainTextAsync(says, new() { IgnoreCase = true });
            await Expect(page.Locator("main form")).ToHaveCountAsync(0);
            await Expect(page.Locator("main table")).ToHaveCountAsync(0);
        }

        // Paths no page serves, and ids that are not numbers, get the console's page (its menu), not the browser's.
        foreach (var path in new[] { "/no-such-page", "/datasets/abc", "/annotation-queues/x/y" })
        {
            var response = await page.GotoAsync(path).WaitAsync(Step);
            Assert.Equal(404, response!.Status);
            await Expect(page.Locator("#not-found")).ToContainTextAsync(path);
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console" })).ToBeVisibleAsync();
        }

        // The API keeps its own answers.
        using var api = await console.Http.GetAsync(new Uri("/api/v1/no-such-endpoint", UriKind.Relative)).WaitAsync(Step);
        Assert.Equal(("application/problem+json", 404), (api.Content.Headers.ContentType?.MediaType, (int)api.StatusCode));
    }

    [BrowserFact]
    public async Task EmptyListsAndGoneItems_SaySo_UnlessTheyCouldNotBeRead()
    {
        var dataset = J.Long(J.Arr(JsonNode.Parse(await console.Http.GetStringAsync(new Uri("/api/v1/datasets", UriKind.Relative)).WaitAsync(Step))).First(), "id");
        var queue = J.Long(J.Arr(JsonNode.Parse(await console.Http.GetStringAsync(new Uri("/api/v1/annotation-queues", UriKind.Relative)).WaitAsync(Step))).First(), "id");
        var page = await console.NewPageAsync(Width);
        foreach (var (path, table, text) in new[]
        {
            ("/traces?name=no-such-trace", "traces", "No traces match."), ("/sessions?user=no-such-user", "sessions", "No sessions match."),
            ("/audit?actor=no-such-actor", "audit", "No audit entries match."), ("/prompts?label=no-such-label", "prompts", "No prompts match."),
            ("/datasets?q=no-such-dataset", "datasets", "No datasets match."), ("/annotation-queues?q=no-such-queue", "queues", "No annotation queues match."),
            ("/evaluators?logEvaluator=no-such-evaluator", "logs", "No evaluation logs match."), ("/alerts", "active-alerts", "No active alerts."),
            ($"/datasets/{dataset}?status=rejected", "items", "No items match."), ($"/datasets/{dataset}", "runs", "No evaluation runs yet."),
            ($"/annotation-queues/{queue}?status=skipped", "queue-items", "No items match."),
        })
        {
            await page.GotoAsync(path).WaitAsync(Step);
            await Expect(page.Locator($"#{table} tbody tr")).ToHaveCountAsync(0);
            await Expect(page.Locator($"[data-empty='{table}']")).ToHaveTextAsync(text);
        }

        // A link to an item no longer claimed says so, above the form that claims the next one.
        await page.GotoAsync($"/annotation-queues/{queue}?item=999999&lease=gone").WaitAsync(Step);
        await Expect(page.Locator("#item-gone")).ToContainTextAsync("Item 999999 is not waiting for review");
        await Expect(page.Locator("#claim-form")).ToBeVisibleAsync();

        // A list the API refused is an error, not an empty list.
        await page.GotoAsync("/audit?type=no-such-type").WaitAsync(Step);
        await Expect(page.Locator(".flash.error")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-empty]")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task Pages_LoadNothingThatFails_TheirIconIncluded()
    {
        var page = await console.NewPageAsync(Width);
        // The browser's own requests (the icon) are not page responses: it reports their failures on the console.
        var failed = new List<string>();
        void Fail(string what)
        {
            lock (failed)
            {
                failed.Add(what);
            }
        }

        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Fail($"{response.Status} {response.Url}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Fail(message.Text);
            }
        };
        foreach (var path in new[] { "/", "/traces", "/audit" })
        {
            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle }).WaitAsync(Step);
        }

        Assert.Empty(failed);
        var icon = await page.Locator("link[rel='icon']").GetAttributeAsync("href").WaitAsync(Step);
        using var answer = await console.Http.GetAsync(new Uri(icon!, UriKind.Relative)).WaitAsync(Step);
        Assert.Equal((200, "image/svg+xml"), ((int)answer.StatusCode, answer.Content.Headers.ContentType?.MediaType));
    }

    [BrowserFact]
    public async Task ScoresNameTheirEvaluator_RetrievedDocumentsAreListedOnce_AlsoOnTheReviewScreen()
    {
        var registered = J.Arr(JsonNode.Parse(await console.Http.GetStringAsync(new Uri("/api/v1/evaluators", UriKind.Relative)).WaitAsync(Step))).First();
        var traceId = SeededConsole.NewId();
        var root = SeededConsole.Span(traceId, "assistant turn");
        var retrieval = SeededConsole.Span(traceId, "retrieval factory-kb", root.SpanId, 10);
        retrieval.GenAi = new GenAiInfo { IsGenAi = true, Operation = "retrieval", RetrievalQuery = "Which oil does press 4 take?", RetrievalDocuments = [new RetrievedDocument("kb-004", 0.8, "Press 4 takes ISO VG 46 hydraulic oil."), new RetrievedDocument("kb-009", 0.4, "Grease the spindle weekly.")] };

        // The model call carries references to the same documents, without their content.
        var chat = SeededConsole.Span(traceId, "chat factory-gpt-mini", root.SpanId, 20);
        chat.GenAi = new GenAiInfo { IsGenAi = true, Operation = "chat", RequestModel = "factory-gpt-mini", InputText = "Which oil does press 4 take?", OutputText = "ISO VG 46.", RetrievalDocuments = [new RetrievedDocument("kb-004", 0.8, null), new RetrievedDocument("kb-009", 0.4, null)] };
        var batch = new TelemetryBatch();
        batch.Spans.AddRange([root, retrieval, chat]);
        var byEvaluator = SeededConsole.Score(chat, "hallucination", 0.1);
        byEvaluator.Evaluation!.Source = J.Raw(registered, "id");
        var byApplication = SeededConsole.Score(chat, "helpfulness", 0.9);
        byApplication.Evaluation!.Source = "client";
        batch.Logs.AddRange([byEvaluator, byApplication]);
        await console.WriteAsync(batch);

        var page = await console.NewPageAsync(Width);
        await page.GotoAsync("/traces/" + traceId).WaitAsync(Step);
        await Expect(page.Locator("table.retrieval")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.retrieval tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("table.retrieval")).ToContainTextAsync("Press 4 takes ISO VG 46 hydraulic oil.");
        var source = page.Locator("#scores tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "hallucination" }) }).Locator("td").Nth(2);
        await Expect(source.GetByRole(AriaRole.Link)).ToHaveTextAsync(J.Str(registered, "name")!);
        await Expect(source.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/evaluators?edit={J.Raw(registered, "id")}#editor");
        await Expect(page.Locator("#scores tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "helpfulness" }) }).Locator("td").Nth(2)).ToHaveTextAsync("the application");

        // A reviewer judging the answer sees what it should rest on.
        using var created = await console.Http.PostAsJsonAsync("/api/v1/annotation-queues", new { name = "review-" + traceId[..8], description = "console test", scoreConfigs = new[] { new { name = "quality", type = "numeric", min = 1, max = 5 } } }).WaitAsync(Step);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var queue = J.Long(JsonNode.Parse(await created.Content.ReadAsStringAsync()), "id");
        using var added = await console.Http.PostAsJsonAsync($"/api/v1/annotation-queues/{queue}/items", new { traceId, spanId = chat.SpanId, reason = "console test", severity = "medium" }).WaitAsync(Step);
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        await page.GotoAsync($"/annotation-queues/{queue}").WaitAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Review next item" }).ClickAsync().WaitAsync(Step);
        await Expect(page.Locator("#work-item #retrieval-context")).ToContainTextAsync("Press 4 takes ISO VG 46 hydraulic oil.");
        await Expect(page.Locator("#work-item table.retrieval")).ToHaveCountAsync(1);

        // The dashboard's escalation rate says what it counts.
        await page.GotoAsync("/").WaitAsync(Step);
        await Expect(page.Locator(".kpi:has([data-kpi='escalation_rate']) dt")).ToHaveTextAsync("Escalation rate (guardrail flags)");
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
