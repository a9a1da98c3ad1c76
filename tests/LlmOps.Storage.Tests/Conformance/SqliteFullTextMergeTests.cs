using System.Globalization;
using LlmOps.Processors.Model;
using LlmOps.Storage.Queries;
using LlmOps.Storage.Sqlite;
using LlmOps.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LlmOps.Storage.Tests.Conformance;

/// <summary>FTS5 merges its segments a little in every write (automerge off), and nothing written is lost to the merging.</summary>
public sealed class SqliteFullTextMergeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("llmops-fts-");

    [Fact]
    public async Task ManySmallCommits_StayFindable_WithFts5sOwnMergingOff()
    {
        var path = Path.Combine(_dir.FullName, "fts.db");
        await using var store = new SqliteTelemetryStore(new StorageOptions { Path = path }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        Assert.True(store.FullTextSearch);

        // 400 commits of 3 traces: enough level-0 segments for FTS5's own merging to have run many times.
        const int Commits = 400;
        for (var c = 0; c < Commits; c++)
        {
            var batch = new TelemetryBatch();
            for (var i = 0; i < 3; i++)
            {
                var n = (c * 3) + i + 1;
                var word = "marker" + n.ToString(CultureInfo.InvariantCulture);
                batch.Spans.Add(TestData.Chat(TestData.TraceId(n), TestData.SpanId(n), input: "pump " + word, output: "valve " + word));
            }

            await store.WriteAsync(batch, CancellationToken.None);
        }

        await using (var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT v FROM traces_fts_config WHERE k = 'automerge'";
            Assert.Equal(0L, Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
        }

        foreach (var n in new[] { 1, 2, 600, 1199, 1200 })
        {
            var page = await store.QueryTracesAsync(new TraceQuery { Text = "marker" + n.ToString(CultureInfo.InvariantCulture) }, CancellationToken.None);
            Assert.Equal(TestData.TraceId(n), Assert.Single(page.Items).TraceId);
        }

        var all = await store.QueryTracesAsync(new TraceQuery { Text = "pump", Limit = TraceQuery.MaxLimit }, CancellationToken.None);
        Assert.Equal(TraceQuery.MaxLimit, all.Items.Count);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
