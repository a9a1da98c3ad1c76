using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using LlmOps.Collector.Tests.Support;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// On the embedded store the collector's scores and evaluation log lines are indexed by the scored span's row id, not
/// by trace id; a trace's scores and log lines must still be found by trace id through the query and management APIs,
/// next to a score a client sent for the same trace.
/// </summary>
public sealed class ScoresByTraceTests
{
    [Fact]
    public async Task CollectorScoresAndLogLines_AreFoundByTraceId_WithClientFeedback()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "llmops-scores-by-trace", Guid.NewGuid().ToString("N"));
        using var collector = await CollectorProcess.StartAsync(dataDir);
        using var grpc = new GrpcTestClient();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{collector.ManagementPort}") };

        var request = OtlpSamples.ChatTracesWithContent(20);
        Assert.Equal(0, (await grpc.ExportAsync(collector.GrpcPort, GrpcTestClient.TracePath, request.ToByteArray())).GrpcStatus);
        var span = request.ResourceSpans[0].ScopeSpans[0].Spans[7];
        var traceId = OtlpSamples.Hex(span.TraceId);
        var feedback = new
        {
            resourceLogs = new[]
            {
                new
                {
                    scopeLogs = new[]
                    {
                        new
                        {
                            logRecords = new[]
                            {
                                new
                                {
                                    timeUnixNano = "1700000000000000000",
                                    eventName = "gen_ai.evaluation.result",
                                    traceId,
                                    spanId = OtlpSamples.Hex(span.SpanId),
                                    attributes = new object[]
                                    {
                                        new { key = "gen_ai.evaluation.name", value = new { stringValue = "user_feedback" } },
                                        new { key = "gen_ai.evaluation.score.value", value = new { doubleValue = 1.0 } },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        };
        using var otlpHttp = new HttpClient();
        (await otlpHttp.PostAsJsonAsync($"http://127.0.0.1:{collector.HttpPort}/v1/logs", feedback)).EnsureSuccessStatusCode();

        // Scoring runs off the ingest path: wait (bounded) until the trace has its evaluators' scores and the feedback,
        // and their log lines (appended after the scores are written back, so they may show up a moment later).
        JsonElement evaluations = default;
        List<JsonElement> items = [];
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var trace = await http.GetFromJsonAsync<JsonElement>($"/api/v1/traces/{traceId}");
            evaluations = trace.GetProperty("evaluations");
            var logs = await http.GetFromJsonAsync<JsonElement>($"/api/v1/evaluation-logs?traceId={traceId}&limit=100");
            items = logs.GetProperty("items").EnumerateArray().ToList();
            if (evaluations.GetArrayLength() >= 4 && items.Count >= evaluations.GetArrayLength() - 1)
            {
                break;
            }

            await Task.Delay(100);
        }

        var names = evaluations.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("user_feedback", names);
        Assert.True(names.Count >= 4, $"evaluations of the trace: {string.Join(", ", names)}");
        Assert.All(evaluations.EnumerateArray(), e => Assert.Equal(traceId, e.GetProperty("trace_id").GetString()));
        Assert.True(items.Count >= names.Count - 1, $"{items.Count} log lines for the trace");
        Assert.All(items, l => Assert.Equal(traceId, l.GetProperty("traceId").GetString()));
        // Every one of the 20 traces gets as many log lines (bounded wait: the last flush may still be appending).
        var allLines = 0;
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var all = await http.GetFromJsonAsync<JsonElement>("/api/v1/evaluation-logs?limit=500");
            allLines = all.GetProperty("items").GetArrayLength();
            if (allLines >= 20 * items.Count)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(20 * items.Count, allLines);

        if (OperatingSystem.IsLinux())
        {
            // Scoring and its write-back ran on low-priority threads; the collector's other threads (the runtime's
            // timer thread among them) did not inherit that priority from them. Pool threads are left out: the pool
            // may start one from whichever thread queues work when it grows (see docs/limitations.md).
            var process = NiceOf(File.ReadAllText($"/proc/{collector.ProcessId}/stat"));
            var threads = Directory.GetDirectories($"/proc/{collector.ProcessId}/task")
                .Select(t => (Name: File.ReadAllText(Path.Combine(t, "comm")).Trim(), Nice: NiceOf(File.ReadAllText(Path.Combine(t, "stat")))))
                .Where(t => t.Name != ".NET TP Worker")
                .ToList();
            Assert.Contains(threads, t => t.Name == "llmops-score-wb");
            Assert.Contains(threads, t => t.Name == ".NET Timer");
            Assert.All(threads, t => Assert.True(
                t.Nice == (t.Name.StartsWith("llmops-score", StringComparison.Ordinal) ? Math.Min(19, process + 10) : process),
                $"thread {t.Name} runs at nice {t.Nice} (process {process})"));
        }
    }

    private static int NiceOf(string stat) =>
        int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
}
