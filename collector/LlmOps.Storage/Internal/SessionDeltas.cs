namespace LlmOps.Storage.Internal;

/// <summary>
/// What the traces a batch creates add to their sessions: per session, the count, error count, sums, first start,
/// last end and least user id of those traces. The writer applies them with one UPSERT per session instead of one per
/// trace. Sums, minima and maxima do not depend on grouping, so the sessions table ends the same as when each trace was
/// added on its own (a cost sum may differ in its last bits, floating-point addition being done in another order).
/// </summary>
internal sealed class SessionDeltas
{
    private readonly Dictionary<string, Delta> _bySession = new(StringComparer.Ordinal);

    public IEnumerable<Delta> Values => _bySession.Values;

    /// <summary>Adds a new trace (its whole rollup: the row it inserts) to its session; traces without one are skipped.</summary>
    public void AddNewTrace(TraceRollup t)
    {
        if (t.SessionId is not { } session)
        {
            return;
        }

        if (!_bySession.TryGetValue(session, out var d))
        {
            d = new Delta(session);
            _bySession.Add(session, d);
        }

        d.Add(t);
    }

    public void Clear() => _bySession.Clear();

    internal sealed class Delta(string sessionId)
    {
        public string SessionId { get; } = sessionId;

        /// <summary>The least non-null user id of the traces (the sessions table keeps the least it has seen).</summary>
        public string? UserId { get; private set; }

        public long FirstSeenNs { get; private set; } = long.MaxValue;

        public long LastSeenNs { get; private set; } = long.MinValue;

        public long TraceCount { get; private set; }

        public long ErrorTraceCount { get; private set; }

        public long InputTokens { get; private set; }

        public long OutputTokens { get; private set; }

        public double CostUsd { get; private set; }

        public long PricedSpans { get; private set; }

        public void Add(TraceRollup t)
        {
            if (t.UserId is { } user && (UserId is null || CompareCodePoints(user, UserId) < 0))
            {
                UserId = user;
            }

            FirstSeenNs = Math.Min(FirstSeenNs, t.StartNs);
            LastSeenNs = Math.Max(LastSeenNs, t.EndNs);
            TraceCount++;
            ErrorTraceCount += t.ErrorCount > 0 ? 1 : 0;
            InputTokens += t.InputTokens;
            OutputTokens += t.OutputTokens;
            CostUsd += t.CostUsd;
            PricedSpans += t.PricedSpans;
        }

        /// <summary>
        /// Orders strings by code point, as SQLite's <c>min</c> does over their UTF-8 bytes; UTF-16 ordinal order differs
        /// only between surrogates and U+E000–U+FFFF.
        /// </summary>
        internal static int CompareCodePoints(string a, string b)
        {
            var n = Math.Min(a.Length, b.Length);
            for (var i = 0; i < n; i++)
            {
                int x = a[i], y = b[i];
                if (x != y)
                {
                    return Fix(x) - Fix(y);
                }
            }

            return a.Length - b.Length;

            static int Fix(int c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
        }
    }
}
