using System.Text.Json;
using LlmOps.Processors.Alerts;
using LlmOps.Processors.Metrics;
using LlmOps.Processors.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace LlmOps.Processors.Tests.Alerts;

/// <summary>
/// A real Alertmanager with a webhook receiver (a local Kestrel sink). A breach injected through synthetic traffic
/// fires LlmOps alerts that reach the receiver with their labels and root-cause text; acknowledging one and muting the
/// other stops LlmOps re-sending them, so Alertmanager resolves them and notifies no more. Times are compressed by
/// configuration (for 2s, resend 1s, validity 3s).
/// </summary>
public sealed class AlertmanagerDeliveryTests(ITestOutputHelper output)
{
    [ToolFact(ExternalTools.Alertmanager)]
    public async Task Breach_ReachesAlertmanagerWithRca_AckAndMuteStopRenotification()
    {
        var received = new List<(DateTimeOffset At, string Status, string AlertName, JsonElement Alert)>();
        await using var sink = await TestServer.StartAsync(e => e.MapPost("/hook", async (HttpContext ctx) =>
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            lock (received)
            {
                foreach (var a in doc.RootElement.GetProperty("alerts").EnumerateArray())
                {
                    received.Add((TimeProvider.System.GetUtcNow(), a.GetProperty("status").GetString()!, a.GetProperty("labels").GetProperty("alertname").GetString()!, a.Clone()));
                }
            }

            return Results.Ok();
        }));

        var work = PrometheusServers.TempDir("llmops-am");
        var config = $"""
            route:
              receiver: sink
              group_by: ['alertname']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 2s
            receivers:
              - name: sink
                webhook_configs:
                  - url: '{new Uri(sink.BaseAddress, "hook")}'
                    send_resolved: true
            """;
        var (alertmanager, amAddress) = await PrometheusServers.StartAlertmanagerAsync(work, config);
        await using (alertmanager)
        {
            var registry = new MetricRegistry();
            var exporter = new KpiMetricsExporter("prometheus", new KpiMetricsExporterOptions(), registry, TimeProvider.System);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var audit = new RecordingAuditSink();
            var options = new AlertingOptions
            {
                EvaluationInterval = TimeSpan.FromMilliseconds(500),
                ResendInterval = TimeSpan.FromSeconds(1),
                AlertValidity = TimeSpan.FromSeconds(3),
                AlertmanagerUrl = amAddress.ToString(),
                Rules =
                [
                    new AlertRule { Id = "error-rate-high", Name = "LlmOpsErrorRateHigh", Kind = AlertRuleKind.ErrorRateAbove, Threshold = 0.2, For = TimeSpan.FromSeconds(2), Severity = "critical", Summary = "Too many failed requests", Labels = { ["team"] = "assistant" } },
                    new AlertRule { Id = "p95-latency-high", Name = "LlmOpsP95LatencyHigh", Kind = AlertRuleKind.P95LatencyAbove, Threshold = 2, For = TimeSpan.FromSeconds(2), Severity = "warning", Summary = "Slow answers" },
                ],
            };
            var engine = new AlertEngine(options, exporter.Window, [new AlertmanagerNotifier(http, amAddress)], TimeProvider.System, NullLogger.Instance, audit, registry);

            // The injected breach: on one model, most requests fail and answers take ~6 s.
            var telemetry = new SyntheticTelemetry(7) { ErrorRate = 0.8, LatencySeconds = 6, BreachModel = "gpt-4o-mini" };
            using var stop = new CancellationTokenSource();
            var feeder = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    await exporter.ExportAsync(telemetry.Next(10), stop.Token);
                }
            });
            var loop = engine.RunAsync(stop.Token);
            try
            {
                int Firing(string name, DateTimeOffset after)
                {
                    lock (received)
                    {
                        return received.Count(r => r.AlertName == name && r.Status == "firing" && r.At > after);
                    }
                }

                var start = TimeProvider.System.GetUtcNow();
                await Eventually.UntilAsync(() => Task.FromResult(Firing("LlmOpsErrorRateHigh", start) >= 2 && Firing("LlmOpsP95LatencyHigh", start) >= 2), TimeSpan.FromMinutes(5), () => $"repeated firing notifications; received {received.Count}; history: {string.Join(" | ", engine.History.Select(h => h.Action + " " + h.Message))}\n{alertmanager.Output}");
                var reachedAfter = TimeProvider.System.GetUtcNow() - start;
                output.WriteLine($"breach reached the receiver twice per alert within {reachedAfter.TotalSeconds:0.0} s");

                JsonElement first;
                lock (received)
                {
                    first = received.First(r => r.AlertName == "LlmOpsErrorRateHigh" && r.Status == "firing").Alert;
                }

                var labels = first.GetProperty("labels");
                Assert.Equal("error-rate-high", labels.GetProperty("rule_id").GetString());
                Assert.Equal("critical", labels.GetProperty("severity").GetString());
                Assert.Equal("assistant", labels.GetProperty("team").GetString());
                var description = first.GetProperty("annotations").GetProperty("description").GetString();
                Assert.False(string.IsNullOrWhiteSpace(description));
                Assert.Equal(engine.GetStatus("error-rate-high")!.RootCause, description);
                Assert.Contains("model 'gpt-4o-mini'", description, StringComparison.Ordinal);
                output.WriteLine("RCA: " + description);

                Assert.True(engine.Acknowledge("error-rate-high", "oncall@factory"));
                Assert.True(engine.Mute("p95-latency-high", TimeProvider.System.GetUtcNow().AddHours(1), "oncall@factory"));
                var actedAt = TimeProvider.System.GetUtcNow();

                // LlmOps stops refreshing the alerts; Alertmanager resolves them once their endsAt (validity 3 s) passes.
                bool Resolved(string name)
                {
                    lock (received)
                    {
                        return received.Any(r => r.AlertName == name && r.Status == "resolved" && r.At > actedAt);
                    }
                }

                await Eventually.UntilAsync(() => Task.FromResult(Resolved("LlmOpsErrorRateHigh") && Resolved("LlmOpsP95LatencyHigh")), TimeSpan.FromSeconds(60), () => "resolved notifications after ack/mute");
                var quietFrom = TimeProvider.System.GetUtcNow();

                // Quiet period: with repeat_interval 2 s an active alert would be re-notified at least twice here.
                var quietUntil = quietFrom.AddSeconds(6);
                while (TimeProvider.System.GetUtcNow() < quietUntil)
                {
                    Assert.Equal(0, Firing("LlmOpsErrorRateHigh", quietFrom));
                    Assert.Equal(0, Firing("LlmOpsP95LatencyHigh", quietFrom));
                    await Task.Delay(250);
                }

                Assert.Equal(AlertState.Firing, engine.GetStatus("error-rate-high")!.State);
                Assert.DoesNotContain(engine.History, h => h.Action == "notification_sent" && h.Time > actedAt.AddSeconds(1));
                Assert.Contains(audit.Entries, e => e.Action == "alert.acknowledged" && e.Actor == "oncall@factory");
                Assert.Contains(audit.Entries, e => e.Action == "alert.muted" && e.Target == "p95-latency-high");
            }
            finally
            {
                await stop.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feeder).WaitAsync(TimeSpan.FromSeconds(10));
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop).WaitAsync(TimeSpan.FromSeconds(10));
                Directory.Delete(work, recursive: true);
            }
        }
    }
}
