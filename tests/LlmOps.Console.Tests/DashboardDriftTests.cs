using System.Text.Json.Nodes;
using LlmOps.Collector.Configuration;
using LlmOps.Console.Tests.Support;
using LlmOps.Processors.Model;
using LlmOps.Storage;
using LlmOps.Ui.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Console.Tests;

/// <summary>
/// The dashboard's drift report (<c>GET /api/v1/dashboard/drift</c>, the console's drift table) reads the stored scores
/// with the collector's <c>service.drift</c> windows, sampled over the whole of both windows.
/// </summary>
public sealed class DashboardDriftTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Drift_BusyCurrentWindowAndConfiguredWindows_BaselineIsSampledAndTheDriftFound()
    {
        // A 3-hour current window against a 2-day baseline. 60,000 scores in the last hour (more than the report
        // samples in all) and 4,000 spread over the baseline: a sample of the newest scores alone never reached the
        // baseline and reported no drift.
        var yaml = CollectorConfigFile.BuiltIn()
            .Replace("baseline_window: 7d", "baseline_window: 2d", StringComparison.Ordinal)
            .Replace("current_window: 1h", "current_window: 3h", StringComparison.Ordinal);
        await using var collector = await ConsoleCollector.StartAsync(yaml: yaml);
        using var http = new HttpClient { BaseAddress = collector.BaseAddress, Timeout = Step };
        await ConsoleFixture.WaitForApiAsync(http);
        var store = collector.Services.GetRequiredService<ITelemetryStore>();

        var now = TimeProvider.System.GetUtcNow();
        var random = new Random(7);
        var batch = new TelemetryBatch();
        for (var i = 0; i < 4_000; i++)
        {
            // Baseline: correctness around 0.85, spread from 2 days to 4 hours ago.
            var at = now - TimeSpan.FromHours(4) - TimeSpan.FromMinutes(random.Next(0, 44 * 60));
            batch.Logs.Add(Score(i, at, 0.85 + ((random.NextDouble() - 0.5) * 0.1)));
        }

        for (var i = 0; i < 60_000; i++)
        {
            // Current window: correctness fell to around 0.45, all in the last hour.
            var at = now - TimeSpan.FromMilliseconds(random.Next(1_000, 3_600_000));
            batch.Logs.Add(Score(10_000 + i, at, 0.45 + ((random.NextDouble() - 0.5) * 0.1)));
        }

        await store.WriteAsync(batch, CancellationToken.None).WaitAsync(Step);

        var drift = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/v1/dashboard/drift", UriKind.Relative)).WaitAsync(Step))!;
        Assert.Equal(48.0, J.Num(drift, "baseline_window_hours"));
        Assert.Equal(3.0, J.Num(drift, "current_window_hours"));
        Assert.InRange(J.Long(drift, "baseline_samples"), 3_000, 4_000);
        Assert.InRange(J.Long(drift, "current_samples"), 1_000, 25_000);
        Assert.True(J.Bool(drift, "detected"), drift.ToJsonString());
        Assert.Contains(J.Arr(drift, "findings"), f => J.Str(f, "score") == "correctness" && J.Bool(f, "detected"));
    }

    private static LogRecordModel Score(int n, DateTimeOffset at, double value) => new()
    {
        TimeUnixNano = UnixNanos.From(at),
        Evaluation = new EvaluationResultRecord
        {
            Name = "correctness",
            ScoreValue = Math.Clamp(value, 0, 1),
            TraceId = n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture),
            SpanId = n.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
            TimeUnixNano = UnixNanos.From(at),
            Source = "builtin-correctness",
        },
    };
}
