using System.Diagnostics.Metrics;
using System.Text.Json;
using LlmOps.Processors.Alerts;
using LlmOps.Processors.Drift;
using LlmOps.Processors.Metrics;
using LlmOps.Processors.Model;
using LlmOps.Processors.Tests.Drift;
using LlmOps.Processors.Tests.Infrastructure;
using LlmOps.Sdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace LlmOps.Processors.Tests.Grafana;

/// <summary>
/// A real Prometheus scrapes a Kestrel app serving /metrics (as two targets, like two replicas) while synthetic batches
/// flow through the KPI exporter (the collector's own meter, drift and alert engines included); then every dashboard
/// panel's and every rule's PromQL is run through Prometheus' HTTP API and must return data, a stat panel's one series.
/// </summary>
[Collection(CollectorMeterCollection.Name)]
public sealed class PrometheusScrapeTests(ITestOutputHelper output)
{
    [ToolFact(ExternalTools.Prometheus)]
    public async Task Query_EveryDashboardAndRuleExpression_ReturnsData()
    {
        var registry = new MetricRegistry();
        using var bridge = new CollectorMeterBridge(registry, "test");
        using var meter = new Meter(SemanticConventions.CollectorMeterName);
        var received = meter.CreateCounter<long>(SemanticConventions.CollectorReceivedItems, "{item}");
        var refused = meter.CreateCounter<long>(SemanticConventions.CollectorRefusedItems, "{item}");
        var dropped = meter.CreateCounter<long>(SemanticConventions.CollectorDroppedItems, "{item}");
        var depth = 0;
        meter.CreateObservableGauge(SemanticConventions.CollectorQueueSize, () => depth, "{batch}");
        meter.CreateObservableGauge(SemanticConventions.CollectorSearchIndexPending, () => depth, "{change}");
        meter.CreateObservableCounter(SemanticConventions.CollectorSearchIndexFailures, () => 0L, "{failure}");
        meter.CreateObservableCounter(SemanticConventions.CollectorStoreWalWaits, () => 0L, "{wait}");
        var batchDuration = meter.CreateHistogram<double>(SemanticConventions.CollectorBatchDuration, "s");
        var exporter = new KpiMetricsExporter("prometheus", new KpiMetricsExporterOptions { CostByUser = true, MaxUserSeries = 5 }, registry, TimeProvider.System);

        var (b, c) = DriftScenarioGenerator.Generate(DriftScenario.PromptChange, 0.2, 5);
        await new DriftEngine(new DriftOptions(), new ManualTimeProvider(DriftScenarioGenerator.Now), registry).EvaluateAsync([.. b, .. c], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var hookCalls = 0;
        await using var app = await TestServer.StartAsync(e =>
        {
            e.MapPrometheus(registry: registry);
            e.MapPost("/hook", () =>
            {
                Interlocked.Increment(ref hookCalls);
                return Results.Ok();
            });
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var rules = AlertDefaults.Rules();
        rules.ForEach(r => r.For = TimeSpan.Zero);
        var alerts = new AlertEngine(
            new AlertingOptions { Rules = rules, ResendInterval = TimeSpan.FromSeconds(1) },
            exporter.Window, [new WebhookNotifier(http, new Uri(app.BaseAddress, "hook"))], TimeProvider.System, NullLogger.Instance, null, registry);

        var telemetry = new SyntheticTelemetry(42) { ErrorRate = 0.3 };
        using var stop = new CancellationTokenSource();
        var feeder = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                var batch = telemetry.Next(20);
                batch.Metrics.Add(new MetricPointRecord { Name = "app.latency.summary", Kind = MetricKind.Summary });
                await exporter.ExportAsync(batch, stop.Token);
                received.Add(batch.Spans.Count, new KeyValuePair<string, object?>(SemanticConventions.CollectorAttrSignal, "traces"));
                refused.Add(1, new KeyValuePair<string, object?>(SemanticConventions.CollectorAttrSignal, "logs"), new KeyValuePair<string, object?>(SemanticConventions.CollectorAttrReason, "overloaded"));
                dropped.Add(1, new KeyValuePair<string, object?>(SemanticConventions.CollectorAttrSignal, "metrics"));
                depth = Random.Shared.Next(5);
                batchDuration.Record(0.005 + (Random.Shared.NextDouble() * 0.02));
                await alerts.EvaluateAsync(stop.Token);
            }
        });

        var work = PrometheusServers.TempDir("llmops-prom");
        var rulesFile = Path.Combine(RepoPaths.Grafana, "prometheus", "llmops-rules.yml");
        var config = $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {rulesFile}
            scrape_configs:
              - job_name: llmops
                metrics_path: /metrics
                static_configs:
                  - targets: ['{app.BaseAddress.Authority}', 'localhost:{app.BaseAddress.Port}']
            """;
        var (prometheus, address) = await PrometheusServers.StartPrometheusAsync(work, config);
        await using (prometheus)
        {
            try
            {
                // A panel's legend names labels ({{model}}): every series it gets must carry them, or the legend (and the
                // breakdown it promises) is blank.
                var legends = DashboardFiles.PanelTargets().GroupBy(t => t.Expr, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.SelectMany(t => t.LegendLabels).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
                var expressions = DashboardFiles.PanelExpressions().Select(e => ($"{e.File} / {e.Panel}", e.Expr))
                    .Concat(DashboardTests.RuleExpressions().Select(r => ($"rule {r.Name}", r.Expr))).ToList();
                var missing = expressions.ToList();
                await Eventually.UntilAsync(
                    async () =>
                    {
                        foreach (var e in missing.ToList())
                        {
                            if (await HasDataAsync(http, address, e.Item2, legends.GetValueOrDefault(e.Item2) ?? []))
                            {
                                missing.Remove(e);
                            }
                        }

                        return missing.Count == 0;
                    },
                    TimeSpan.FromSeconds(120),
                    () => "expressions without data: " + string.Join("; ", missing.Select(m => $"{m.Item1}: {m.Item2}")) + "\n" + prometheus.Output,
                    TimeSpan.FromSeconds(1));
                output.WriteLine($"{expressions.Count} expressions returned data; webhook calls: {hookCalls}");
                Assert.True(hookCalls > 0);

                // The app is scraped as two targets, as two replicas would be: a stat panel shows one number, so its
                // expression must aggregate across them.
                foreach (var (file, panel, expr) in DashboardFiles.StatExpressions())
                {
                    var series = await SeriesCountAsync(http, address, expr);
                    Assert.True(series <= 1, $"{file} / {panel}: '{expr}' returns {series} series for two replicas");
                }
            }
            finally
            {
                await stop.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feeder).WaitAsync(TimeSpan.FromSeconds(10));
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<int> SeriesCountAsync(HttpClient http, Uri prometheus, string expr)
    {
        using var response = await http.GetAsync(new Uri(prometheus, "api/v1/query?query=" + Uri.EscapeDataString(expr)));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        return result.ValueKind == JsonValueKind.Array ? result.GetArrayLength() : 1;
    }

    private static async Task<bool> HasDataAsync(HttpClient http, Uri prometheus, string expr, IReadOnlyList<string> legendLabels)
    {
        var uri = new Uri(prometheus, "api/v1/query?query=" + Uri.EscapeDataString(expr));
        using var response = await http.GetAsync(uri);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"query failed ({(int)response.StatusCode}): {expr}: {body}");
        }

        using var doc = JsonDocument.Parse(body);
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        if (result.ValueKind != JsonValueKind.Array || result.GetArrayLength() == 0)
        {
            return false;
        }

        foreach (var series in result.EnumerateArray())
        {
            var labels = series.GetProperty("metric");
            foreach (var label in legendLabels)
            {
                Assert.True(
                    labels.TryGetProperty(label, out var value) && !string.IsNullOrEmpty(value.GetString()),
                    $"'{expr}': its legend shows {{{{{label}}}}}, but a series it returns has no such label: {labels}");
            }
        }

        return true;
    }
}
