namespace LlmOps.Storage.Postgres;

/// <summary>
/// What each trace of a batch adds to its session, one row per trace; the session UPSERT groups them by session, so
/// the user and the first/last times are compared with the database's own collation and arithmetic.
/// </summary>
internal sealed class SessionRows
{
    private readonly List<Row> _rows = [];

    public int Count => _rows.Count;

    public void Add(string session, string? user, long firstNs, long lastNs, long traces, long errors, long inputTokens, long outputTokens, long totalTokens, double costUsd, long pricedSpans) =>
        _rows.Add(new Row(session, user, firstNs, lastNs, traces, errors, inputTokens, outputTokens, totalTokens, costUsd, pricedSpans));

    /// <summary>The rows as <c>unnest</c> arrays, in the column order of the session UPSERT.</summary>
    public ColumnArrays ToArrays()
    {
        var a = new ColumnArrays("ttbbbbbbbdb", _rows.Count);
        for (var i = 0; i < _rows.Count; i++)
        {
            var r = _rows[i];
            a.Text(0, i, r.Session);
            a.Text(1, i, r.User);
            a.Long(2, i, r.FirstNs);
            a.Long(3, i, r.LastNs);
            a.Long(4, i, r.Traces);
            a.Long(5, i, r.Errors);
            a.Long(6, i, r.InputTokens);
            a.Long(7, i, r.OutputTokens);
            a.Long(8, i, r.TotalTokens);
            a.Double(9, i, r.CostUsd);
            a.Long(10, i, r.PricedSpans);
        }

        return a;
    }

    private readonly record struct Row(
        string Session, string? User, long FirstNs, long LastNs, long Traces, long Errors, long InputTokens, long OutputTokens, long TotalTokens, double CostUsd, long PricedSpans);
}
