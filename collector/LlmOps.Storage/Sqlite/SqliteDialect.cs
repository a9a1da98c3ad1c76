using LlmOps.Storage.Internal;

namespace LlmOps.Storage.Sqlite;

internal sealed class SqliteDialect(bool fullText) : SqlDialect
{
    public bool FullText { get; } = fullText;

    public override string ModelContains(string column, string parameter) => $"instr({column}, {parameter}) > 0";

    public override string TextMatches(SqlBuilder builder, IReadOnlyList<string> words)
    {
        if (FullText)
        {
            return $"t.id IN (SELECT rowid FROM traces_fts WHERE traces_fts MATCH {builder.Param(SearchText.ToFts5(words))})";
        }

        // Without FTS5: every word must occur (case-insensitively for ASCII) in the input or the output.
        var parts = words.Select(w =>
        {
            var p = builder.Param(SearchText.ToLike(w));
            return $"(t.input_text LIKE {p} ESCAPE '\\' OR t.output_text LIKE {p} ESCAPE '\\')";
        });
        return string.Join(" AND ", parts);
    }

    public override string SpansOfTrace(string alias, string traceId) => SqliteSchema.SpansOfTrace(alias, traceId);

    public override string Prefix(string column, int chars) => $"substr({column}, 1, {chars})";

    public override string NoIndex(string column) => "+" + column;
}
