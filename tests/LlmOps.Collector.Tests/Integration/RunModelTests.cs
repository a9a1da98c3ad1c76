using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmOps.Collector.Tests.Support;
using LlmOps.Processors.Tests.Evaluation.Engine;
using LlmOps.Processors.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// A dataset run against a real model endpoint configured in the collector's file (<c>service.management.run_model</c>):
/// the run calls it with the configured key and the run's model, scores its answers and prices them with the configured
/// prices. Without the setting, such a run is refused.
/// </summary>
public sealed class RunModelTests
{
    private const string Answer = "Check the nitrogen pre-charge before restarting.";

    [Fact]
    public async Task DatasetRun_WithAConfiguredModelEndpoint_CallsItWithKeyAndModel_AndScoresAndPricesItsAnswers()
    {
        string? authorization = null;
        string? model = null;
        await using var endpoint = await FakeJudgeServer.StartAsync(async (_, ctx) =>
        {
            authorization = ctx.Request.Headers.Authorization.ToString();
            using var body = await JsonDocument.ParseAsync(ctx.Request.Body);
            model = body.RootElement.GetProperty("model").GetString();
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                id = "c1",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = Answer }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 1000, completion_tokens = 500 },
            }));
        });
        var yaml = Config($"""
                run_model:
                  endpoint: {new Uri(endpoint.BaseAddress, "v1")}
                  api_key: ${"{"}env:TEST_RUN_MODEL_KEY{"}"}
                  input_cost_per_million_tokens: 2
                  output_cost_per_million_tokens: 8
            """);
        await using var collector = await RunningCollector.StartAsync(yaml, name => name == "TEST_RUN_MODEL_KEY" ? "run-model-test-key" : null);

        var dataset = await CreateDatasetAsync(collector.Management);
        var run = await PostAsync(collector.Management, $"/api/v1/datasets/{dataset}/runs", new { promptName = await CreatePromptAsync(collector.Management), model = "factory-model", evaluators = new[] { "exact_match" } }, HttpStatusCode.Accepted);
        var done = await WaitForRunAsync(collector.Management, run.GetProperty("id").GetInt64());

        Assert.Equal("Bearer run-model-test-key", authorization);
        Assert.Equal("factory-model", model);
        Assert.Equal(1, endpoint.Calls);
        var summary = done.GetProperty("summary");
        Assert.Equal(1.0, summary.GetProperty("passRate").GetDouble(), 6);
        Assert.Equal(((1000 * 2) + (500 * 8)) / 1e6, summary.GetProperty("totalCostUsd").GetDouble(), 9);
        var results = await GetAsync(collector.Management, $"/api/v1/runs/{done.GetProperty("id").GetInt64()}/results");
        Assert.Equal(Answer, Assert.Single(results.EnumerateArray()).GetProperty("output").GetString());
    }

    [Fact]
    public async Task DatasetRun_WithoutAModelEndpoint_IsRefusedNamingTheSetting()
    {
        await using var collector = await RunningCollector.StartAsync(Config(string.Empty));
        var dataset = await CreateDatasetAsync(collector.Management);

        var problem = await PostAsync(collector.Management, $"/api/v1/datasets/{dataset}/runs", new { promptName = await CreatePromptAsync(collector.Management), model = "factory-model" }, HttpStatusCode.UnprocessableEntity);

        Assert.Contains("service.management.run_model.endpoint", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static string Config(string runModel) => $"""
        receivers:
          otlp:
            protocols: {"{"}grpc: {"{"}endpoint: 127.0.0.1:0{"}"}, http: {"{"}endpoint: 127.0.0.1:0{"}"}{"}"}
        processors: {"{"}cost: {"}"}
        exporters: {"{"}storage: {"{"}driver: sqlite{"}"}{"}"}
        service:
          management:
            endpoint: 127.0.0.1:0
        {runModel}
          pipelines:
            traces: {"{"}receivers: [otlp], processors: [cost], exporters: [storage]{"}"}
        """;

    private static async Task<long> CreateDatasetAsync(HttpClient api)
    {
        var dataset = await PostAsync(api, "/api/v1/datasets", new { name = "run-model-" + Guid.NewGuid().ToString("N")[..8] }, HttpStatusCode.Created);
        var id = dataset.GetProperty("id").GetInt64();
        await PostAsync(api, $"/api/v1/datasets/{id}/items", new { input = "Alarm H-214 on line 3: what first?", expectedOutput = Answer }, HttpStatusCode.Created);
        return id;
    }

    private static async Task<string> CreatePromptAsync(HttpClient api)
    {
        var name = "run-model-prompt-" + Guid.NewGuid().ToString("N")[..8];
        await PostAsync(api, "/api/v1/prompts", new { name, template = "Answer from the manuals: {{input}}", labels = new[] { "production" } }, HttpStatusCode.Created);
        return name;
    }

    private static async Task<JsonElement> WaitForRunAsync(HttpClient api, long runId)
    {
        JsonElement run = default;
        await Eventually.UntilAsync(
            async () =>
            {
                run = await GetAsync(api, $"/api/v1/runs/{runId.ToString(CultureInfo.InvariantCulture)}");
                return run.GetProperty("status").GetString() is "completed" or "failed";
            },
            TimeSpan.FromSeconds(60),
            () => $"run {runId} did not finish: {run}");
        Assert.Equal("completed", run.GetProperty("status").GetString());
        return run;
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body, HttpStatusCode expected)
    {
        using var response = await api.PostAsJsonAsync(new Uri(path, UriKind.Relative), body).WaitAsync(TimeSpan.FromSeconds(30));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(30));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
