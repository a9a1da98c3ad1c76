using System.Collections.Concurrent;
using Google.Protobuf;
using LlmOps.Collector.Tests.Support;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// SIGKILL mid-load: every export the collector acknowledged must be in the store exactly once after a restart.
/// The collector runs its built-in configuration (SQLite store as the durable exporter) in a child process.
/// </summary>
public sealed class DurabilityTests
{
    [Fact]
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

    /// <summary>Every (trace_id/span_id) row in the restarted collector's SQLite store, duplicates included.</summary>
    private static async Task<IReadOnlyList<string>> ReadStoredSpanIdsAsync(string dataDirectory, CollectorProcess collector)
    {
        Assert.True(collector.ProcessId > 0, "the restarted collector is running");
        var ids = new List<string>();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataDirectory, "llmops.db")};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT trace_id, span_id FROM spans";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0) + "/" + reader.GetString(1));
        }

        return ids;
    }
}
