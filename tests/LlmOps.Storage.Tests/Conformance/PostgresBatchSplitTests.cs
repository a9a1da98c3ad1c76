using LlmOps.Processors.Model;
using LlmOps.Storage.Postgres;
using LlmOps.Storage.Tests.Support;
using Xunit;

namespace LlmOps.Storage.Tests.Conformance;

/// <summary>How the PostgreSQL store splits a batch over parallel transactions (no server needed).</summary>
public sealed class PostgresBatchSplitTests
{
    [Fact]
    public void Split_KeepsEachTraceInOnePart_LogsWithTheFirst_AndSmallBatchesWhole()
    {
        var batch = new TelemetryBatch();
        for (var t = 0; t < 300; t++)
        {
            batch.Spans.Add(TestData.Chat(TestData.TraceId(t), TestData.SpanId(1)));
            batch.Spans.Add(TestData.Chat(TestData.TraceId(t), TestData.SpanId(2)));
        }

        batch.Logs.Add(new LogRecordModel { Body = AttrValue.Of("a log line") });

        var parts = PostgresTelemetryStore.Split(batch, writers: 4);

        // 600 spans make two parts of at least 256 spans, not four.
        Assert.Equal(2, parts.Count);
        Assert.Equal(600, parts.Sum(p => p.Spans.Count));
        Assert.Equal(batch.Spans.Count, parts.SelectMany(p => p.Spans).Distinct().Count());
        Assert.All(parts, p => Assert.InRange(p.Spans.Count, 100, 500));
        var partOfTrace = parts.SelectMany((p, i) => p.Spans.Select(s => (s.TraceId, i))).GroupBy(x => x.TraceId);
        Assert.All(partOfTrace, g => Assert.Single(g.Select(x => x.i).Distinct()));
        Assert.Equal(batch.Logs, parts[0].Logs);
        Assert.Empty(parts[1].Logs);

        Assert.Same(batch, Assert.Single(PostgresTelemetryStore.Split(batch, writers: 1)));
        var small = TestData.Batch([.. batch.Spans.Take(511)]);
        Assert.Same(small, Assert.Single(PostgresTelemetryStore.Split(small, writers: 4)));
    }
}
