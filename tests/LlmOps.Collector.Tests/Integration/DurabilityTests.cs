using System.Collections.Concurrent;
using Google.Protobuf;
using LlmOps.Collector.Tests.Support;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// SIGKILL mid-load: every export the collector acknowledged must be in the store exactly once after a restart.
/// Needs the real SQLite store wired as the collector's durable exporter (LlmOps.Storage); until that is merged the
/// test is skipped and <see cref="ReadStoredSpanIdsAsync"/> is the one piece left to write against the store.
/// </summary>
public sealed class DurabilityTests
{
    [Fact(Skip = "needs store: enable once LlmOps.Storage (SQLite) is merged and wired as the durable exporter")]
    public async Task Collector_KilledMidLoad_EveryAcknowledgedSpanStoredExactlyOnce()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "llmops-durability", Guid.NewGuid().ToString("N"));
        var acknowledged = new ConcurrentBag<string>();
        int[] ports;
        using (var collector = await CollectorProcess.StartAsync(dataDir))
        {
            ports = collector.Ports;
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 4).Select(sender => Task.Run(async () =>
            {
                using var client = new GrpcTestClient();
                for (var seq = 0; !stop.IsCancellationRequested; seq++)
                {
                    var request = OtlpSamples.Traces(50, offset: (sender * 1_000_000) + (seq * 50));
                    try
                    {
                        var result = await client.ExportAsync(collector.GrpcPort, GrpcTestClient.TracePath, request.ToByteArray());
                        if (result.GrpcStatus == 0)
                        {
                            foreach (var span in request.ResourceSpans[0].ScopeSpans[0].Spans)
                            {
                                acknowledged.Add(OtlpSamples.Hex(span.TraceId) + "/" + OtlpSamples.Hex(span.SpanId));
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToArray();

            Assert.True(await TestCollector.EventuallyAsync(() => acknowledged.Count >= 5_000, TimeSpan.FromSeconds(30)));
            collector.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(30));
        }

        using (var restarted = await CollectorProcess.StartAsync(dataDir, ports))
        {
            var stored = await ReadStoredSpanIdsAsync(dataDir, restarted);
            var counts = stored.GroupBy(id => id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            Assert.All(acknowledged, id => Assert.True(counts.TryGetValue(id, out var n) && n == 1, $"acknowledged span {id} stored {counts.GetValueOrDefault(id)} times"));
            Assert.All(counts.Values, n => Assert.Equal(1, n));
        }
    }

    [Fact]
    public async Task Collector_Sigterm_AnswersInFlightRequestsAndExitsCleanly()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "llmops-durability", Guid.NewGuid().ToString("N"));
        using var collector = await CollectorProcess.StartAsync(dataDir);
        using var client = new GrpcTestClient();
        var accepted = await client.ExportAsync(collector.GrpcPort, GrpcTestClient.TracePath, OtlpSamples.Traces(20).ToByteArray());
        Assert.Equal(0, accepted.GrpcStatus);

        await collector.TerminateAsync();
        await collector.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, collector.ExitCode);
        Assert.True(Directory.Exists(dataDir));
    }

    /// <summary>Every (trace_id/span_id) in the store, duplicates included: to be written against ITelemetryStore.</summary>
    private static Task<IReadOnlyList<string>> ReadStoredSpanIdsAsync(string dataDirectory, CollectorProcess collector) =>
        throw new NotSupportedException($"needs store: read the span ids stored under {dataDirectory} (collector pid {collector.ProcessId})");
}
