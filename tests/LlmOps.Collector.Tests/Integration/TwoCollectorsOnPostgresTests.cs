using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using LlmOps.Collector.Tests.Support;
using Npgsql;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// Two collector processes with their built-in configuration on one PostgreSQL database, every export sent to both
/// (as a client retrying against another replica would): each span is stored once, its trace counted once, and it is
/// scored by one collector only. Needs <c>LLMOPS_TEST_POSTGRES</c> (an admin connection string; <c>./test.sh</c> sets it).
/// </summary>
public sealed class TwoCollectorsOnPostgresTests
{
    private const int Requests = 16;
    private const int SpansPerRequest = 25;

    [PostgresFact]
    public async Task SameExportsThroughBothReplicas_StoredOnceCountedOnceScoredOnce()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresFactAttribute.EnvironmentVariable)!;
        var database = "llmops_two_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["LLMOPS_STORAGE_DRIVER"] = "postgres",
                ["LLMOPS_POSTGRES_CONNECTION"] = connection,
            };
            var root = Path.Combine(Path.GetTempPath(), "llmops-two-replicas", Guid.NewGuid().ToString("N"));
            using var first = await CollectorProcess.StartAsync(Path.Combine(root, "a"), environment: environment);
            using var second = await CollectorProcess.StartAsync(Path.Combine(root, "b"), environment: environment);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var sends = new List<Task<HttpStatusCode>>();
            for (var r = 0; r < Requests; r++)
            {
                var body = OtlpSamples.ChatTracesWithContent(SpansPerRequest, r * SpansPerRequest).ToByteArray();
                sends.Add(PostAsync(http, first.HttpPort, body));
                sends.Add(PostAsync(http, second.HttpPort, body));
            }

            var statuses = await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(120));
            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

            const int spans = Requests * SpansPerRequest;
            Assert.Equal(spans, await ScalarAsync(connection, "SELECT count(*) FROM spans"));
            Assert.Equal(spans, await ScalarAsync(connection, "SELECT count(*) FROM traces"));
            Assert.Equal(spans, await ScalarAsync(connection, "SELECT coalesce(sum(span_count), 0) FROM traces"));

            // Every span is scored by the built-in evaluators; wait until each has all its scores, then stop both
            // collectors (which flush what they still hold) and count again: nothing may have been scored twice.
            var evaluators = 0L;
            Assert.True(
                await TestCollector.EventuallyAsync(
                    () =>
                    {
                        evaluators = ScalarAsync(connection, "SELECT count(DISTINCT name) FROM evaluation_results").GetAwaiter().GetResult();
                        return evaluators > 0 && ScalarAsync(connection, "SELECT count(*) FROM (SELECT trace_id, span_id FROM evaluation_results GROUP BY 1, 2 HAVING count(DISTINCT name) = (SELECT count(DISTINCT name) FROM evaluation_results)) s").GetAwaiter().GetResult() == spans;
                    },
                    TimeSpan.FromSeconds(90)),
                "every span should get a score from every built-in evaluator within 90 s");
            var okLogs = await TestCollector.EventuallyAsync(
                () => ScalarAsync(connection, "SELECT count(*) FROM evaluation_logs WHERE status = 'ok'").GetAwaiter().GetResult() >= spans * evaluators,
                TimeSpan.FromSeconds(60));
            Assert.True(okLogs, $"ok log lines before stop: {await ScalarAsync(connection, "SELECT count(*) FROM evaluation_logs WHERE status = 'ok'")}");
            await first.TerminateAsync();
            await second.TerminateAsync();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(60));
            await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(spans * evaluators, await ScalarAsync(connection, "SELECT count(*) FROM evaluation_results"));
            Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM (SELECT 1 FROM evaluation_results GROUP BY trace_id, span_id, name HAVING count(*) > 1) d"));
            var logs = await ScalarAsync(connection, "SELECT count(*) FROM evaluation_logs WHERE status = 'ok'");
            Assert.True(logs == spans * evaluators, $"ok log lines {logs}, expected {spans * evaluators}; all: {await ScalarAsync(connection, "SELECT count(*) FROM evaluation_logs")}, distinct spans {await ScalarAsync(connection, "SELECT count(DISTINCT span_id) FROM evaluation_logs")}, evaluators {await ScalarAsync(connection, "SELECT count(DISTINCT evaluator) FROM evaluation_logs")}");
            Assert.Equal(spans, await ScalarAsync(connection, "SELECT count(*) FROM spans"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, int port, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var response = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/v1/traces"), content);
        return response.StatusCode;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await using var cmd = new NpgsqlCommand(sql, c);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync().WaitAsync(TimeSpan.FromSeconds(30)), System.Globalization.CultureInfo.InvariantCulture);
    }
}
