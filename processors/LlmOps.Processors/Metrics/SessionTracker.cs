namespace LlmOps.Processors.Metrics;

/// <summary>
/// Bounded memory of recent traces (trace id → session, model, prompt version) and sessions (first answer, last
/// feedback). Oldest entries are evicted first. Definitions:
/// <list type="bullet">
/// <item>task completion = sessions whose latest user feedback is positive ÷ sessions with any user feedback;</item>
/// <item>first-response accuracy = sessions whose first answer (earliest trace) got positive feedback or a correctness
/// score at or above the threshold ÷ sessions whose first answer got either signal.</item>
/// </list>
/// </summary>
internal sealed class SessionTracker(int maxTraces, int maxSessions)
{
    private readonly Dictionary<string, TraceInfo> _traces = new(StringComparer.Ordinal);
    private readonly Queue<string> _traceOrder = new();
    private readonly Dictionary<string, SessionState> _sessions = new(StringComparer.Ordinal);
    private readonly Queue<string> _sessionOrder = new();
    private readonly Lock _lock = new();

    public int SessionCount
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    public void ObserveSpan(string traceId, string? sessionId, string? model, string? promptVersion, long startUnixNano)
    {
        if (string.IsNullOrEmpty(traceId))
        {
            return;
        }

        lock (_lock)
        {
            if (!_traces.TryGetValue(traceId, out var info))
            {
                info = new TraceInfo { StartUnixNano = startUnixNano };
                _traces.Add(traceId, info);
                _traceOrder.Enqueue(traceId);
                while (_traces.Count > maxTraces && _traceOrder.TryDequeue(out var old))
                {
                    _traces.Remove(old);
                }
            }

            info.SessionId ??= sessionId;
            info.Model ??= model;
            info.PromptVersion ??= promptVersion;
            info.StartUnixNano = Math.Min(info.StartUnixNano, startUnixNano);
            if (info.SessionId is null)
            {
                return;
            }

            if (!_sessions.TryGetValue(info.SessionId, out var session))
            {
                session = new SessionState();
                _sessions.Add(info.SessionId, session);
                _sessionOrder.Enqueue(info.SessionId);
                while (_sessions.Count > maxSessions && _sessionOrder.TryDequeue(out var old))
                {
                    _sessions.Remove(old);
                }
            }

            if (!session.FirstJudged && info.StartUnixNano < session.FirstStartUnixNano)
            {
                session.FirstStartUnixNano = info.StartUnixNano;
                session.FirstTraceId = traceId;
            }
        }
    }

    public TraceInfo? Find(string? traceId)
    {
        if (traceId is null)
        {
            return null;
        }

        lock (_lock)
        {
            return _traces.GetValueOrDefault(traceId);
        }
    }

    /// <summary>User feedback on a trace's answer.</summary>
    public void RecordFeedback(string? traceId, bool positive, long timeUnixNano)
    {
        lock (_lock)
        {
            var session = SessionOf(traceId);
            if (session is null)
            {
                return;
            }

            if (timeUnixNano >= session.LastFeedbackUnixNano)
            {
                session.LastFeedbackUnixNano = timeUnixNano;
                session.LastFeedbackPositive = positive;
            }

            session.HasFeedback = true;
            Judge(session, traceId!, positive);
        }
    }

    /// <summary>A correctness score on a trace's answer, already compared with its threshold.</summary>
    public void RecordCorrectness(string? traceId, bool passed)
    {
        lock (_lock)
        {
            var session = SessionOf(traceId);
            if (session is not null)
            {
                Judge(session, traceId!, passed);
            }
        }
    }

    /// <summary>(task completion, first-response accuracy); null when no session has the needed signal.</summary>
    public (double? TaskCompletion, double? FirstResponseAccuracy) Compute()
    {
        lock (_lock)
        {
            int withFeedback = 0, completed = 0, judged = 0, accurate = 0;
            foreach (var s in _sessions.Values)
            {
                if (s.HasFeedback)
                {
                    withFeedback++;
                    completed += s.LastFeedbackPositive ? 1 : 0;
                }

                if (s.FirstJudged)
                {
                    judged++;
                    accurate += s.FirstPositive ? 1 : 0;
                }
            }

            return (withFeedback == 0 ? null : (double)completed / withFeedback, judged == 0 ? null : (double)accurate / judged);
        }
    }

    private SessionState? SessionOf(string? traceId)
    {
        if (traceId is null || !_traces.TryGetValue(traceId, out var info) || info.SessionId is null)
        {
            return null;
        }

        return _sessions.GetValueOrDefault(info.SessionId);
    }

    private static void Judge(SessionState session, string traceId, bool positive)
    {
        if (string.Equals(session.FirstTraceId, traceId, StringComparison.Ordinal))
        {
            session.FirstJudged = true;
            session.FirstPositive |= positive;
        }
    }
}
