using LlmOps.Storage.Internal;

namespace LlmOps.Storage.Postgres;

internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override string ModelContains(string column, string parameter) => $"strpos({column}, {parameter}) > 0";

    // The GIN-indexed tsvector uses the 'simple' configuration (no stemming, case-folded words), like SQLite's FTS5
    // unicode61 tokenizer, so both stores find the same traces.
    public override string TextMatches(SqlBuilder builder, IReadOnlyList<string> words) =>
        $"t.search @@ plainto_tsquery('simple'::regconfig, {builder.Param(string.Join(' ', words))})";

    // Spans are unique on (trace_id, span_id).
    public override string SpansOfTrace(string alias, string traceId) => $"{alias}.trace_id = {traceId}";

    public override string Prefix(string column, int chars) => $"left({column}, {chars})";
}
