using System.Globalization;
using LlmOps.Storage.Queries;

namespace LlmOps.Collector.Api;

/// <summary>Parses and checks the query string of the query API; every failure names its parameter.</summary>
internal static class QueryParameters
{
    public static TraceQuery ParseTraceQuery(IQueryCollection q)
    {
        var query = new TraceQuery
        {
            FromUnixNano = Time(q, "from"),
            ToUnixNano = Time(q, "to"),
            Name = Text(q, "name"),
            Model = Text(q, "model"),
            UserId = Text(q, "user"),
            SessionId = Text(q, "session"),
            MinDurationMs = Number(q, "min_latency_ms"),
            MaxDurationMs = Number(q, "max_latency_ms"),
            MinCostUsd = Number(q, "min_cost"),
            MaxCostUsd = Number(q, "max_cost"),
            Text = Text(q, "q"),
            Limit = Limit(q, "limit", TraceQuery.DefaultLimit, TraceQuery.MaxLimit),
        };

        query.Status = Text(q, "status") switch
        {
            null => null,
            "ok" => TraceStatus.Ok,
            "error" => TraceStatus.Error,
            "unset" => TraceStatus.Unset,
            var s => throw new QueryParameterException("status", $"status must be ok, error or unset (got '{s}')"),
        };
        query.Sort = Text(q, "sort") switch
        {
            null or "start_time" => TraceSort.StartTime,
            "duration" => TraceSort.Duration,
            "cost" => TraceSort.Cost,
            "tokens" => TraceSort.Tokens,
            var s => throw new QueryParameterException("sort", $"sort must be start_time, duration, cost or tokens (got '{s}')"),
        };
        query.Descending = Text(q, "order") switch
        {
            null or "desc" => true,
            "asc" => false,
            var s => throw new QueryParameterException("order", $"order must be asc or desc (got '{s}')"),
        };

        CheckRange("from", query.FromUnixNano, query.ToUnixNano);
        CheckRange("min_latency_ms", query.MinDurationMs, query.MaxDurationMs);
        CheckRange("min_cost", query.MinCostUsd, query.MaxCostUsd);
        if (query.Text is not null && !query.Text.Any(char.IsLetterOrDigit))
        {
            throw new QueryParameterException("q", "q must contain at least one word (letters or digits)");
        }

        if (query.Text is not null && Storage.Internal.SearchText.Words(query.Text).Count is var words and > Storage.Internal.SearchText.MaxWords)
        {
            throw new QueryParameterException("q", $"q has {words} words; a search takes at most {Storage.Internal.SearchText.MaxWords}");
        }

        if (Text(q, "cursor", MaxCursorLength) is { } cursor)
        {
            if (!TraceCursor.TryDecode(cursor, out var after))
            {
                throw new QueryParameterException("cursor", "cursor is not a cursor returned by this API");
            }

            if (after!.Sort != query.Sort || after.Descending != query.Descending)
            {
                throw new QueryParameterException("cursor", "cursor was returned for another sort or order; repeat the same sort and order");
            }

            query.After = after;
        }

        return query;
    }

    public static SessionQuery ParseSessionQuery(IQueryCollection q)
    {
        var query = new SessionQuery
        {
            UserId = Text(q, "user"),
            FromUnixNano = Time(q, "from"),
            ToUnixNano = Time(q, "to"),
            Limit = Limit(q, "limit", SessionQuery.DefaultLimit, SessionQuery.MaxLimit),
        };
        CheckRange("from", query.FromUnixNano, query.ToUnixNano);
        if (Text(q, "cursor", MaxCursorLength) is { } cursor)
        {
            if (!SessionCursor.TryDecode(cursor, out var after))
            {
                throw new QueryParameterException("cursor", "cursor is not a cursor returned by this API");
            }

            query.After = after;
        }

        return query;
    }

    /// <summary>
    /// Longest cursor accepted: a session cursor carries the session id (up to 256 characters, 3 UTF-8 bytes each) in
    /// base64; longer than the other parameters' 1,024.
    /// </summary>
    private const int MaxCursorLength = 2048;

    public static string? Text(IQueryCollection q, string name, int maxLength = 1024)
    {
        if (!q.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw new QueryParameterException(name, $"{name} must be given once");
        }

        var value = values[0];
        if (string.IsNullOrEmpty(value))
        {
            throw new QueryParameterException(name, $"{name} must not be empty");
        }

        if (value.Length > maxLength)
        {
            throw new QueryParameterException(name, $"{name} is longer than {maxLength.ToString(CultureInfo.InvariantCulture)} characters");
        }

        return value;
    }

    public static int Limit(IQueryCollection q, string name, int defaultValue, int max)
    {
        var s = Text(q, name);
        if (s is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > max)
        {
            throw new QueryParameterException(name, $"{name} must be an integer from 1 to {max} (got '{s}')");
        }

        return n;
    }

    private static double? Number(IQueryCollection q, string name)
    {
        var s = Text(q, name);
        if (s is null)
        {
            return null;
        }

        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d) || d < 0)
        {
            throw new QueryParameterException(name, $"{name} must be a non-negative number (got '{s}')");
        }

        return d;
    }

    /// <summary>RFC 3339 (with offset or Z) or Unix milliseconds, as Unix nanoseconds.</summary>
    private static long? Time(IQueryCollection q, string name)
    {
        var s = Text(q, name);
        if (s is null)
        {
            return null;
        }

        if (s.All(char.IsAsciiDigit))
        {
            if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                return Processors.Model.UnixNanos.FromMilliseconds(ms);
            }
        }
        else if (s.Contains('T', StringComparison.OrdinalIgnoreCase)
            && (s.EndsWith('Z') || s.EndsWith('z') || s.LastIndexOfAny(['+', '-']) > s.IndexOf('T', StringComparison.OrdinalIgnoreCase))
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            && t >= DateTimeOffset.UnixEpoch)
        {
            return Processors.Model.UnixNanos.From(t);
        }

        throw new QueryParameterException(name, $"{name} must be an RFC 3339 time with offset (2026-01-31T12:00:00Z) or Unix milliseconds (got '{s}')");
    }

    private static void CheckRange<T>(string name, T? min, T? max)
        where T : struct, IComparable<T>
    {
        if (min is { } a && max is { } b && a.CompareTo(b) > 0)
        {
            throw new QueryParameterException(name, $"{name} must not be greater than its upper bound");
        }
    }
}
