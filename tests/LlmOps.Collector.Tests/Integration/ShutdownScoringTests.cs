using Google.Protobuf;
using LlmOps.Collector.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// SIGTERM right after the last export is acknowledged: the collector scores every span it had queued and stores the
/// scores and evaluation log lines before it exits (the ingest queue keeps taking evaluation results until the
/// evaluation exporter has drained).
/// </summary>
public sealed class ShutdownScoringTests
{
    private const int Requests = 40;
    private const int SpansPerRequest = 100;

    [Fact]
    public async Task Sigterm_AfterAcknowledgedExports_EverySpanScoredAndLoggedBeforeExit()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "llmops-shutdown-scoring", Guid.NewGuid().ToString("N"));
        using var collector = await CollectorProcess.StartAsync(dataDir);
        using var client = new GrpcTestClient();

        // 4,000 spans with ~2 KB answers, four exports at a time: scoring runs behind ingest, so when the last export is
        // acknowledged hundreds of spans still wait to be scored and the last results wait to be written.
        var answer = string.Concat(Enumerable.Repeat("Lock out the press, check the accumulator pre-charge against the plate value, then restart. ", 22));
        var sends = new List<Task<GrpcResult>>();
        using var gate = new SemaphoreSlim(4);
        for (var r = 0; r < Requests; r++)
        {
            var body = OtlpSamples.ChatTracesWithContent(SpansPerRequest, r * SpansPerRequest, answer).ToByteArray();
            await gate.WaitAsync();
            sends.Add(Task.Run(async () =>
            {
                try
                {
                    return await client.ExportAsync(collector.GrpcPort, GrpcTestClient.TracePath, body);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        Assert.All(await Task.WhenAll(sends), result => Assert.Equal(0, result.GrpcStatus));
        await collector.TerminateAsync();
        await collector.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, collector.ExitCode);

        const int spans = Requests * SpansPerRequest;
        await using var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "llmops.db")};Mode=ReadOnly;Pooling=false");
        await db.OpenAsync();
        LlmOps.Storage.Sqlite.SqliteScoresFile.Attach(db, Path.Combine(dataDir, "llmops.db"));
        Assert.Equal(spans, Scalar(db, "SELECT count(*) FROM spans"));

        // Scores and log lines are in the scores file, none in the main file.
        Assert.Equal(0, Scalar(db, "SELECT count(*) FROM main.sqlite_master WHERE name IN ('evaluation_results', 'evaluation_logs')"));

        // Every span has a score from each evaluator that produced any, and one log line per built-in evaluator.
        var names = Scalar(db, "SELECT count(DISTINCT name) FROM evaluation_results");
        Assert.True(names >= 3, $"scores from {names} evaluators");
        Assert.Equal(spans * names, Scalar(db, "SELECT count(*) FROM evaluation_results"));
        Assert.Equal(spans, Scalar(db, "SELECT count(DISTINCT span_id) FROM evaluation_results"));
        var evaluators = Scalar(db, "SELECT count(DISTINCT evaluator) FROM evaluation_logs");
        Assert.True(evaluators >= names, $"log lines from {evaluators} evaluators");
        Assert.Equal(spans * evaluators, Scalar(db, "SELECT count(*) FROM evaluation_logs"));
    }

    private static long Scalar(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
