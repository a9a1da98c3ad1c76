using System.Net.Http.Json;
using System.Text.Json;
using LlmOps.Processors.Metrics;
using Xunit;
using Xunit.Abstractions;

namespace LlmOps.Collector.Tests.Observability;

/// <summary>
/// Issue 5: a real Alertmanager (Debian package) with a webhook receiver (a Kestrel sink), the real collector started
/// from YAML, and the FactoryAssistant simulator injecting a breach (a permanent load spike: 6x latency, 30% provider
/// errors). Rule windows are 5 minutes (the KPI window keeps per-minute slots: a 1-minute window would flap at each
/// minute boundary). The alerts reach Alertmanager with their labels and root-cause text well within 5 minutes (times compressed
/// by configuration: evaluation 1 s, for 2 s, resend 2 s, validity 4 s); acknowledging one alert and muting the other
/// through the collector's management API stops LlmOps re-sending them, so Alertmanager resolves them and notifies
/// no more while the breach goes on. A rule created through the management API (issue 6) is evaluated by the same
/// engine and reaches Alertmanager and <c>GET /api/v1/alerts</c> too.
/// </summary>
public sealed class AlertmanagerTests(ITestOutputHelper output)
{
    private const string ErrorRule = "error-rate-high";
    private const string ErrorAlert = "LlmOpsErrorRateHigh";
    private const string LatencyRule = "p95-latency-high";
    private const string LatencyAlert = "LlmOpsP95LatencyHigh";
    private const string ApiRuleName = "Error rate (API rule)";
    private const string ApiAlert = "ErrorRateAPIRule";

    [ToolFact(ExternalTools.Alertmanager)]
    public async Task Breach_FromSimulator_ReachesAlertmanagerWithRca_AckAndMuteThroughApiStopRenotification()
    {
        await using var sink = await WebhookSink.StartAsync();
        var work = PrometheusServers.TempDir("llmops-obs-am");
        var (alertmanager, amAddress) = await PrometheusServers.StartAlertmanagerAsync(work, RouteTo(sink));
        await using (alertmanager)
        {
            await using var collector = await ObservedCollector.StartAsync((ports, data) => CollectorYaml(ports, data, $"""
                    alertmanager_url: {amAddress}
                    evaluation_interval: 1s
                    resend_interval: 2s
                    alert_validity: 4s
                    rules:
                      - id: {ErrorRule}
                        name: {ErrorAlert}
                        kind: error_rate_above
                        threshold: 0.1
                        for: 2s
                        window: 5m
                        severity: critical
                        summary: Share of failed GenAI requests is above the threshold
                        labels:
                          team: assistant
                      - id: {LatencyRule}
                        name: {LatencyAlert}
                        kind: p95_latency_above
                        threshold: 1.5
                        for: 2s
                        window: 5m
                        severity: warning
                        summary: 95th percentile of GenAI request duration is above the threshold
                """));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            var api = new Uri(collector.Management, "api/v1/");

            // A rule created through the management API: the engine evaluates it next to the configured ones.
            long apiRuleId;
            using (var created = await http.PostAsJsonAsync(new Uri(api, "alerts/rules"), new { name = ApiRuleName, expression = "error_rate[5m]", @operator = "gte", threshold = 0.1, forSeconds = 2, severity = "critical", labels = new { team = "api" } }))
            {
                var body = await created.Content.ReadAsStringAsync();
                Assert.True(created.IsSuccessStatusCode, $"create rule: {(int)created.StatusCode} {body}");
                using var doc = JsonDocument.Parse(body);
                apiRuleId = doc.RootElement.GetProperty("id").GetInt64();
            }

            var apiEngineId = $"api-{apiRuleId}";

            // The breach: the simulator in a permanent load spike.
            var breachAt = TimeProvider.System.GetUtcNow();
            await using var simulator = Simulator.Start(collector, rate: 6, noise: 0.1, spikeEvery: 10, spikeLength: 10);
            try
            {
                List<JsonElement> amAlerts = [];
                await Eventually.UntilAsync(
                    async () =>
                    {
                        amAlerts = await AlertmanagerAlertsAsync(http, amAddress);
                        return amAlerts.Exists(a => Label(a, MetricNames.LabelAlertName) == ErrorAlert) && amAlerts.Exists(a => Label(a, MetricNames.LabelAlertName) == LatencyAlert)
                            && amAlerts.Exists(a => Label(a, MetricNames.LabelRuleId) == apiEngineId);
                    },
                    TimeSpan.FromMinutes(5),
                    () => $"the three alerts in Alertmanager; have {amAlerts.Count}\n{Tail(collector.Output)}\nsimulator:\n{Tail(simulator.Output)}\n{alertmanager.Output}",
                    TimeSpan.FromMilliseconds(500));
                var reached = TimeProvider.System.GetUtcNow() - breachAt;
                output.WriteLine($"breach reached Alertmanager after {reached.TotalSeconds:0.0} s");
                Assert.True(reached < TimeSpan.FromMinutes(5));

                var error = amAlerts.First(a => Label(a, MetricNames.LabelAlertName) == ErrorAlert);
                Assert.Equal(ErrorRule, Label(error, MetricNames.LabelRuleId));
                Assert.Equal("critical", Label(error, MetricNames.LabelSeverity));
                Assert.Equal("assistant", Label(error, "team"));
                Assert.Equal("llmops", Label(error, "source"));
                var errorRca = error.GetProperty("annotations").GetProperty("description").GetString() ?? string.Empty;
                Assert.StartsWith("Error rate ", errorRca, StringComparison.Ordinal);
                Assert.Contains("%", errorRca, StringComparison.Ordinal);
                Assert.Contains("(threshold 0.1)", error.GetProperty("annotations").GetProperty("summary").GetString(), StringComparison.Ordinal);
                Assert.EndsWith("/alerts/" + ErrorRule, error.GetProperty("generatorURL").GetString(), StringComparison.Ordinal);
                var latency = amAlerts.First(a => Label(a, MetricNames.LabelAlertName) == LatencyAlert);
                Assert.Equal(LatencyRule, Label(latency, MetricNames.LabelRuleId));
                Assert.Equal("warning", Label(latency, MetricNames.LabelSeverity));
                Assert.StartsWith("Mean GenAI request duration", latency.GetProperty("annotations").GetProperty("description").GetString(), StringComparison.Ordinal);
                output.WriteLine("RCA: " + errorRca);
                var fromApi = amAlerts.First(a => Label(a, MetricNames.LabelRuleId) == apiEngineId);
                Assert.Equal(ApiAlert, Label(fromApi, MetricNames.LabelAlertName));
                Assert.Equal("critical", Label(fromApi, MetricNames.LabelSeverity));
                Assert.Equal("api", Label(fromApi, "team"));
                Assert.StartsWith($"{ApiRuleName}: error_rate[5m] >= 0.1", fromApi.GetProperty("annotations").GetProperty("summary").GetString(), StringComparison.Ordinal);

                // Alertmanager routed them to its receiver with the same labels and text, and repeats them.
                await Eventually.UntilAsync(
                    () => Task.FromResult(Firing(sink, ErrorAlert, breachAt) >= 2 && Firing(sink, LatencyAlert, breachAt) >= 2),
                    TimeSpan.FromSeconds(60),
                    () => $"repeated firing notifications at the receiver; got {sink.Received.Count}");
                var delivered = sink.Received.First(r => r.Label(MetricNames.LabelAlertName) == ErrorAlert && r.Status == "firing");
                Assert.Equal(ErrorRule, delivered.Label(MetricNames.LabelRuleId));
                Assert.Equal("critical", delivered.Label(MetricNames.LabelSeverity));
                Assert.Equal(errorRca, delivered.Annotation("description"));

                // The management API lists both (mirrored from the running engine): acknowledge one, mute the other.
                JsonElement active = default;
                await Eventually.UntilAsync(
                    async () =>
                    {
                        active = await GetJsonAsync(http, new Uri(api, "alerts"));
                        return Find(active, ErrorRule) is not null && Find(active, LatencyRule) is not null && Find(active, apiEngineId) is not null;
                    },
                    TimeSpan.FromSeconds(30),
                    () => "the three alerts in GET /api/v1/alerts: " + active);
                Assert.Equal(apiRuleId, Find(active, apiEngineId)!.Value.GetProperty("ruleId").GetInt64());
                var errorId = Find(active, ErrorRule)!.Value.GetProperty("id").GetInt64();
                var latencyRuleId = Find(active, LatencyRule)!.Value.GetProperty("ruleId").GetInt64();
                using (var ack = await http.PostAsJsonAsync(new Uri(api, $"alerts/{errorId}/acknowledge"), new { comment = "on it" }))
                {
                    Assert.True(ack.IsSuccessStatusCode, $"acknowledge: {(int)ack.StatusCode} {await ack.Content.ReadAsStringAsync()}");
                }

                using (var mute = await http.PostAsJsonAsync(new Uri(api, $"alerts/rules/{latencyRuleId}/mute"), new { minutes = 60 }))
                {
                    Assert.True(mute.IsSuccessStatusCode, $"mute: {(int)mute.StatusCode} {await mute.Content.ReadAsStringAsync()}");
                }

                var actedAt = TimeProvider.System.GetUtcNow();

                // LlmOps stops refreshing both; Alertmanager resolves them when their endsAt (4 s) passes.
                await Eventually.UntilAsync(
                    () => Task.FromResult(Resolved(sink, ErrorAlert, actedAt) && Resolved(sink, LatencyAlert, actedAt)),
                    TimeSpan.FromSeconds(60),
                    () => $"resolved notifications after acknowledge and mute; received: {string.Join(", ", sink.Received.Where(r => r.At > actedAt).Select(r => r.Label(MetricNames.LabelAlertName) + " " + r.Status))}\n{Tail(collector.Output)}");
                var quietFrom = TimeProvider.System.GetUtcNow();

                // Quiet period: with repeat_interval 2 s (and LlmOps' resend 2 s) an alert still being sent would be
                // notified again at least twice in 6 s; the breach goes on meanwhile (the engine still says firing).
                var quietUntil = quietFrom.AddSeconds(6);
                while (TimeProvider.System.GetUtcNow() < quietUntil)
                {
                    Assert.Equal(0, Firing(sink, ErrorAlert, quietFrom));
                    Assert.Equal(0, Firing(sink, LatencyAlert, quietFrom));
                    await Task.Delay(250);
                }

                Assert.DoesNotContain(await AlertmanagerAlertsAsync(http, amAddress), a => Label(a, MetricNames.LabelAlertName) is ErrorAlert or LatencyAlert);
                var metrics = await http.GetStringAsync(new Uri(collector.Management, "metrics"));
                Assert.Contains($"{MetricNames.AlertState}{{{MetricNames.LabelRuleId}=\"{ErrorRule}\",{MetricNames.LabelAlertName}=\"{ErrorAlert}\",{MetricNames.LabelSeverity}=\"critical\"}} 2", metrics, StringComparison.Ordinal);
                Assert.Contains($"{MetricNames.AlertState}{{{MetricNames.LabelRuleId}=\"{LatencyRule}\",{MetricNames.LabelAlertName}=\"{LatencyAlert}\",{MetricNames.LabelSeverity}=\"warning\"}} 2", metrics, StringComparison.Ordinal);

                var history = await GetJsonAsync(http, new Uri(api, "alerts/history"));
                var events = history.EnumerateArray().Select(h => h.GetProperty("event").GetString() + " " + h.GetProperty("ruleName").GetString()).ToList();
                Assert.Contains($"acknowledged {ErrorAlert}", events);
                Assert.Contains($"muted {LatencyAlert}", events);
                Assert.Contains($"fired {ErrorAlert}", events);
                Assert.Contains($"fired {ApiRuleName}", events);

                // Alertmanager resolved them because LlmOps stopped sending, not because the breach cleared.
                Assert.DoesNotContain($"resolved {ErrorAlert}", events);
                Assert.DoesNotContain($"resolved {LatencyAlert}", events);
                output.WriteLine($"quiet for 6 s after resolution; history: {string.Join(", ", events)}");
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>
    /// Issue 5 across a restart: an alert that fires (for 40 s, re-sent every 2 s, valid 30 s) while the collector is
    /// killed and started again on the same database stays one alert: Alertmanager keeps it active with its
    /// <c>startsAt</c> and never notifies it resolved, and the collector's own webhook gets it firing again after the
    /// restart with the same <c>startsAt</c> (not after another 40 s with a new one), without a resolved in between.
    /// </summary>
    [ToolFact(ExternalTools.Alertmanager)]
    public async Task Restart_WhileFiring_AlertmanagerAndWebhookKeepOneAlertWithItsStartsAt()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var webhook = await WebhookSink.StartAsync();
        var work = PrometheusServers.TempDir("llmops-obs-am-restart");
        var (alertmanager, amAddress) = await PrometheusServers.StartAlertmanagerAsync(work, RouteTo(sink));
        await using (alertmanager)
        {
            await using var collector = await ObservedCollector.StartAsync((ports, data) => CollectorYaml(ports, data, $"""
                    alertmanager_url: {amAddress}
                    webhook_urls: ['{webhook.Url}']
                    evaluation_interval: 1s
                    resend_interval: 2s
                    alert_validity: 30s
                    rules:
                      - id: {ErrorRule}
                        name: {ErrorAlert}
                        kind: error_rate_above
                        threshold: 0.1
                        for: 40s
                        window: 5m
                        severity: critical
                """));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            await using var simulator = Simulator.Start(collector, rate: 6, noise: 0.1, spikeEvery: 10, spikeLength: 10);
            try
            {
                JsonElement? before = null;
                await Eventually.UntilAsync(
                    async () => (before = await AlertmanagerAlertAsync(http, amAddress, ErrorAlert)) is not null,
                    TimeSpan.FromMinutes(4),
                    () => $"{ErrorAlert} in Alertmanager\n{Tail(collector.Output)}",
                    TimeSpan.FromMilliseconds(500));
                var startsAt = before!.Value.GetProperty("startsAt").GetDateTimeOffset();

                var restartedAt = TimeProvider.System.GetUtcNow();
                await collector.RestartAsync();
                output.WriteLine($"restarted in {(TimeProvider.System.GetUtcNow() - restartedAt).TotalSeconds:0.0} s");

                // Beyond the validity of the last send before the restart: an alert not sent again would be resolved.
                var until = restartedAt.AddSeconds(35);
                while (TimeProvider.System.GetUtcNow() < until)
                {
                    var now = await AlertmanagerAlertAsync(http, amAddress, ErrorAlert);
                    Assert.True(now is not null, $"{ErrorAlert} no longer active in Alertmanager\n{Tail(collector.Output)}");
                    Assert.Equal(startsAt, now!.Value.GetProperty("startsAt").GetDateTimeOffset());
                    await Task.Delay(1000);
                }

                Assert.False(Resolved(sink, ErrorAlert, DateTimeOffset.MinValue), "Alertmanager notified the alert resolved");
                var direct = webhook.Received.Where(r => r.Label(MetricNames.LabelAlertName) == ErrorAlert).ToList();
                Assert.DoesNotContain(direct, r => r.Status == "resolved");
                Assert.Contains(direct, r => r.At > restartedAt);
                Assert.All(direct, r => Assert.Equal(startsAt, r.Alert.GetProperty("startsAt").GetDateTimeOffset()));

                var history = await GetJsonAsync(http, new Uri(collector.Management, "api/v1/alerts/history"));
                Assert.Equal(["fired"], history.EnumerateArray().Where(h => h.GetProperty("ruleName").GetString() == ErrorAlert).Select(h => h.GetProperty("event").GetString()));
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Alertmanager routing every alert to <paramref name="sink"/> at once, resolved ones too.</summary>
    private static string RouteTo(WebhookSink sink) => $"""
        route:
          receiver: sink
          group_by: ['alertname']
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 2s
        receivers:
          - name: sink
            webhook_configs:
              - url: '{sink.Url}'
                send_resolved: true
        """;

    /// <summary>The collector: OTLP in, SQLite storage, Prometheus, the management API, and <paramref name="alerting"/> (indented 4).</summary>
    private static string CollectorYaml(CollectorPorts ports, string data, string alerting) => $"""
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
          prometheus:
        service:
          management:
            endpoint: 127.0.0.1:{ports.Management}
          alerting:
        {alerting}
          drift_interval: 0s
          pipelines:
            traces:
              receivers: [otlp]
              processors: [guardrails, cost]
              exporters: [storage, prometheus]
            logs:
              receivers: [otlp]
              processors: [guardrails, feedback]
              exporters: [storage, prometheus]
            metrics:
              receivers: [otlp]
              exporters: [prometheus]
        """;

    private static int Firing(WebhookSink sink, string alertName, DateTimeOffset after) =>
        sink.Received.Count(r => r.Label(MetricNames.LabelAlertName) == alertName && r.Status == "firing" && r.At > after);

    private static bool Resolved(WebhookSink sink, string alertName, DateTimeOffset after) =>
        sink.Received.Any(r => r.Label(MetricNames.LabelAlertName) == alertName && r.Status == "resolved" && r.At > after);

    private static JsonElement? Find(JsonElement active, string ruleId) =>
        active.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("fingerprint").GetString() == ruleId).Select(a => (JsonElement?)a).FirstOrDefault();

    private static string Label(JsonElement alert, string name) =>
        alert.GetProperty("labels").TryGetProperty(name, out var v) ? v.GetString() ?? string.Empty : string.Empty;

    /// <summary>Alertmanager's active alerts (API v2).</summary>
    private static async Task<List<JsonElement>> AlertmanagerAlertsAsync(HttpClient http, Uri alertmanager)
    {
        var doc = await GetJsonAsync(http, new Uri(alertmanager, "api/v2/alerts?active=true&silenced=false&inhibited=false"));
        return [.. doc.EnumerateArray().Where(a => a.GetProperty("status").GetProperty("state").GetString() == "active")];
    }

    private static async Task<JsonElement?> AlertmanagerAlertAsync(HttpClient http, Uri alertmanager, string alertName) =>
        (await AlertmanagerAlertsAsync(http, alertmanager)).Where(a => Label(a, MetricNames.LabelAlertName) == alertName).Select(a => (JsonElement?)a).FirstOrDefault();

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, Uri uri)
    {
        using var response = await http.GetAsync(uri).WaitAsync(TimeSpan.FromSeconds(20));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {uri}: {(int)response.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
