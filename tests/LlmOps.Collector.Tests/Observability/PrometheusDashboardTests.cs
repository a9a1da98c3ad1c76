using System.Text.Json;
using LlmOps.Processors.Metrics;
using Xunit;
using Xunit.Abstractions;

namespace LlmOps.Collector.Tests.Observability;

/// <summary>
/// Issue 5: the real collector (started from YAML as in production) under the FactoryAssistant simulator, scraped by
/// a real Prometheus (Debian package) every second with the committed rule file loaded; then every PromQL expression
/// of every dashboard panel and every rule must return data, and promtool must accept the exposition and the rule
/// tests.
/// </summary>
public sealed class PrometheusDashboardTests(ITestOutputHelper output)
{
    [ToolFact(ExternalTools.Promtool)]
    public async Task PromtoolTestRules_CommittedRuleFile_Passes()
    {
        var result = await Processes.RunAsync(ExternalTools.Require(ExternalTools.Promtool), ["test", "rules", PromQl.RuleTestFile], timeout: TimeSpan.FromSeconds(60));
        output.WriteLine(result.StdOut + result.StdErr);
        Assert.True(result.ExitCode == 0, $"promtool test rules failed ({result.ExitCode}):\n{result.StdOut}\n{result.StdErr}");
        Assert.Contains("SUCCESS", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [ToolFact(ExternalTools.Prometheus, ExternalTools.Promtool)]
    public async Task Query_CollectorUnderSimulator_EveryPanelAndRuleExpressionReturnsData()
    {
        await using var hook = await WebhookSink.StartAsync();

        // Short drift windows (baseline 20 s, current 8 s, evaluated every second) so a shift in the simulator's
        // answers shows as drift within the test; one alert rule that fires at once so notifications exist; per-user
        // cost capped at two users so the overflow series exists.
        await using var collector = await ObservedCollector.StartAsync((ports, data) => $"""
            receivers:
              otlp:
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:{ports.Grpc}
                  http:
                    endpoint: 127.0.0.1:{ports.Http}
            processors:
              guardrails:
              cost:
              feedback:
            exporters:
              storage:
                driver: sqlite
                path: {Path.Combine(data, "llmops.db")}
              evaluation:
              annotation:
              prometheus:
                cost_by_user: true
                max_user_series: 2
            service:
              management:
                endpoint: 127.0.0.1:{ports.Management}
              alerting:
                evaluation_interval: 1s
                resend_interval: 2s
                webhook_urls: ['{hook.Url}']
                rules:
                  - id: daily-cost-high
                    name: LlmOpsDailyCostHigh
                    kind: daily_cost_above
                    threshold: 0.000001
                    for: 0s
                    window: 1d
                    severity: warning
                    summary: Cost over the last day is above the limit
              drift:
                baseline_window: 20s
                current_window: 8s
                min_samples: 15
              drift_interval: 1s
              pipelines:
                traces:
                  receivers: [otlp]
                  processors: [guardrails, cost]
                  exporters: [storage, prometheus, evaluation, annotation]
                logs:
                  receivers: [otlp]
                  processors: [guardrails, feedback]
                  exporters: [storage, prometheus]
                metrics:
                  receivers: [otlp]
                  exporters: [prometheus]
            """);

        var work = PrometheusServers.TempDir("llmops-obs-prom");
        var (prometheus, address) = await PrometheusServers.StartPrometheusAsync(work, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {PromQl.RuleFile}
            scrape_configs:
              - job_name: llmops
                metrics_path: /metrics
                static_configs:
                  - targets: ['{collector.Management.Authority}']
            """);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var started = TimeProvider.System.GetTimestamp();
        RunningProcess? simulator = null;
        try
        {
            // Phase 1, healthy: few off-topic answers, no spikes; until drift has a baseline for the hallucination rate.
            simulator = Simulator.Start(collector, rate: 6, noise: 0.02, spikeEvery: 0, spikeLength: 0);
            await Eventually.UntilAsync(
                () => PromQl.HasDataAsync(http, address, $"{MetricNames.DriftDetected}{{kind=\"hallucination_rate\"}}"),
                TimeSpan.FromSeconds(90),
                () => "a drift baseline for the hallucination rate\n" + Tail(collector.Output) + "\nsimulator:\n" + Tail(simulator.Output),
                TimeSpan.FromSeconds(1));
            output.WriteLine($"baseline after {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s");

            // Phase 2, degraded: most answers off-topic (hallucinated, thumbs down) and load spikes (6x latency, 30%
            // provider errors). Next to it a review harness posts one reviewed answer (expected answer, personal data)
            // and a summary metric over OTLP/JSON.
            await simulator.DisposeAsync();
            simulator = Simulator.Start(collector, rate: 6, noise: 0.8, spikeEvery: 4, spikeLength: 2, seed: 7);
            var now = TimeProvider.System.GetUtcNow();
            await OtlpJson.PostAsync(http, collector.Http, "v1/traces", OtlpJson.ReviewedChatSpan(now, "sess-review-1", "reviewer-01"));
            await OtlpJson.PostAsync(http, collector.Http, "v1/metrics", OtlpJson.HistogramWithChangedBounds(now));

            var expressions = PromQl.PanelExpressions()
                .Concat(PromQl.RuleExpressions().Select(r => ($"rule {r.Alert}", r.Expr)))
                .Append(("hallucination drift with its root cause", $"{MetricNames.DriftRcaInfo}{{kind=\"hallucination_rate\"}}"))
                .ToList();
            var missing = expressions.ToList();
            await Eventually.UntilAsync(
                async () =>
                {
                    foreach (var e in missing.ToList())
                    {
                        if (await PromQl.HasDataAsync(http, address, e.Item2))
                        {
                            missing.Remove(e);
                        }
                    }

                    return missing.Count == 0;
                },
                TimeSpan.FromSeconds(90),
                () => $"{missing.Count} of {expressions.Count} expressions without data:\n" + string.Join("\n", missing.Select(m => $"  {m.Item1}: {m.Item2}")) + "\n" + Tail(collector.Output) + "\n" + prometheus.Output,
                TimeSpan.FromSeconds(1));
            output.WriteLine($"{expressions.Count} expressions returned data after {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s; webhook notifications: {hook.Received.Count}");

            output.WriteLine("drift RCA: " + await DriftSummaryAsync(http, address));

            // Prometheus evaluated every rule of the file without error.
            var rules = await RuleHealthAsync(http, address);
            Assert.Equal(PromQl.RuleExpressions().Count, rules.Count);
            Assert.All(rules, r => Assert.True(r.Health == "ok", $"rule {r.Name}: {r.Health} {r.Error}"));
            Assert.Contains(hook.Received, a => a.Label(MetricNames.LabelAlertName) == "LlmOpsDailyCostHigh");

            // The collector's real exposition passes promtool's parser and linter.
            using var metrics = await http.GetAsync(new Uri(collector.Management, "metrics"));
            var text = await metrics.Content.ReadAsStringAsync();
            Assert.StartsWith("text/plain; version=0.0.4", metrics.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            var check = await Processes.RunAsync(ExternalTools.Require(ExternalTools.Promtool), ["check", "metrics"], text, TimeSpan.FromSeconds(60));
            Assert.True(check.ExitCode == 0, $"promtool check metrics ({check.ExitCode}):\n{check.StdOut}\n{check.StdErr}");
            output.WriteLine($"promtool check metrics accepted {text.Split('\n').Count(l => l.Length > 0 && l[0] != '#')} samples");
        }
        finally
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync();
            }

            await prometheus.DisposeAsync();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<List<(string Name, string Health, string Error)>> RuleHealthAsync(HttpClient http, Uri prometheus)
    {
        using var response = await http.GetAsync(new Uri(prometheus, "api/v1/rules"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var result = new List<(string, string, string)>();
        foreach (var group in doc.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray())
        {
            foreach (var rule in group.GetProperty("rules").EnumerateArray())
            {
                result.Add((
                    rule.GetProperty("name").GetString()!,
                    rule.GetProperty("health").GetString()!,
                    rule.TryGetProperty("lastError", out var e) ? e.GetString() ?? string.Empty : string.Empty));
            }
        }

        return result;
    }

    private static async Task<string> DriftSummaryAsync(HttpClient http, Uri prometheus)
    {
        var uri = new Uri(prometheus, "api/v1/query?query=" + Uri.EscapeDataString($"{MetricNames.DriftRcaInfo}{{kind=\"hallucination_rate\"}}[2m]"));
        using var response = await http.GetAsync(uri);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return string.Join(" | ", doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(r => r.GetProperty("metric").GetProperty(MetricNames.LabelSummary).GetString()).Distinct(StringComparer.Ordinal));
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
