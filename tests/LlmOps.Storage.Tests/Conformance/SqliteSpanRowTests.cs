using LlmOps.Processors.Model;
using LlmOps.Storage.Sqlite;
using LlmOps.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LlmOps.Storage.Tests.Conformance;

/// <summary>How the SQLite store lays out span attributes: a compact object, with rows of the earlier typed list still read.</summary>
public sealed class SqliteSpanRowTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("llmops-rows-");

    [Fact]
    public async Task SpanAttributes_AreStoredCompactly_AndReadBackWithEveryType()
    {
        var path = Path.Combine(_dir.FullName, "rows.db");
        var span = TestData.Chat(TestData.TraceId(1), TestData.SpanId(1), output: "Check the relief valve.");
        await using var store = new SqliteTelemetryStore(new StorageOptions { Path = path }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var batch = new TelemetryBatch();
        batch.Spans.Add(span);
        await store.WriteAsync(batch, CancellationToken.None);

        var stored = await RawAttributesAsync(path, span.SpanId);
        var typed = AttrJson.ToTypedJson(span.Attributes);
        Assert.StartsWith("{\"", stored, StringComparison.Ordinal);
        Assert.True(stored.Length < typed.Length * 0.85, $"compact {stored.Length} bytes against {typed.Length} for the typed list");

        var detail = await store.GetTraceAsync(span.TraceId, CancellationToken.None);
        Assert.NotNull(detail);
        SpanAssert.Equal(span, Assert.Single(detail.Spans));
    }

    [Fact]
    public async Task RowsWithTheTypedList_StillReadBack()
    {
        var path = Path.Combine(_dir.FullName, "legacy.db");
        var span = TestData.Chat(TestData.TraceId(2), TestData.SpanId(2), output: "Lock out the press first.");
        await using var store = new SqliteTelemetryStore(new StorageOptions { Path = path }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var batch = new TelemetryBatch();
        batch.Spans.Add(span);
        await store.WriteAsync(batch, CancellationToken.None);

        // As written before the compact form existed.
        await using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE spans SET attributes = $a WHERE span_id = $s";
            cmd.Parameters.AddWithValue("$a", AttrJson.ToTypedJson(span.Attributes));
            cmd.Parameters.AddWithValue("$s", span.SpanId);
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }

        Assert.StartsWith("[", await RawAttributesAsync(path, span.SpanId), StringComparison.Ordinal);
        var detail = await store.GetTraceAsync(span.TraceId, CancellationToken.None);
        Assert.NotNull(detail);
        SpanAssert.Equal(span, Assert.Single(detail.Spans));
    }

    [Fact]
    public async Task MessageTexts_AreKeptOnlyWhereTheAttributesDoNotGiveThem()
    {
        var path = Path.Combine(_dir.FullName, "texts.db");
        var derived = TestData.Chat(TestData.TraceId(3), TestData.SpanId(3), input: "Is it safe to restart?", output: "Check the valve first.");
        var replaced = TestData.Chat(TestData.TraceId(3), TestData.SpanId(4), input: "Call me on 555-0100", output: "Noted.");
        replaced.GenAi.InputText = "Call me on [PHONE]";
        var cleared = TestData.Chat(TestData.TraceId(3), TestData.SpanId(5), input: "Question", output: "Answer");
        cleared.GenAi.OutputText = null;
        await using var store = new SqliteTelemetryStore(new StorageOptions { Path = path }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var batch = new TelemetryBatch();
        batch.Spans.AddRange([derived, replaced, cleared]);
        await store.WriteAsync(batch, CancellationToken.None);

        Assert.Equal((null, null), await RawTextsAsync(path, derived.SpanId));
        Assert.Equal(("Call me on [PHONE]", null), await RawTextsAsync(path, replaced.SpanId));
        Assert.Equal((null, string.Empty), await RawTextsAsync(path, cleared.SpanId));

        var detail = await store.GetTraceAsync(derived.TraceId, CancellationToken.None);
        Assert.NotNull(detail);
        var read = detail.Spans.ToDictionary(s => s.SpanId);
        Assert.Equal("Is it safe to restart?", read[derived.SpanId].GenAi.InputText);
        Assert.Equal("Check the valve first.", read[derived.SpanId].GenAi.OutputText);
        Assert.Equal("Call me on [PHONE]", read[replaced.SpanId].GenAi.InputText);
        Assert.Equal("Noted.", read[replaced.SpanId].GenAi.OutputText);
        Assert.Equal("Question", read[cleared.SpanId].GenAi.InputText);
        Assert.Null(read[cleared.SpanId].GenAi.OutputText);
    }

    private static async Task<(string? Input, string? Output)> RawTextsAsync(string path, string spanId)
    {
        await using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT input_text, output_text FROM spans WHERE span_id = $s";
        cmd.Parameters.AddWithValue("$s", spanId);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        return (r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1));
    }

    private static async Task<string> RawAttributesAsync(string path, string spanId)
    {
        await using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT attributes FROM spans WHERE span_id = $s";
        cmd.Parameters.AddWithValue("$s", spanId);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
