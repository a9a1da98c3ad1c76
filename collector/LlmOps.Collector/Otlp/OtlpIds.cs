using LlmOps.Processors.Model;

namespace LlmOps.Collector.Otlp;

/// <summary>Trace and span id checks and their lowercase hex form.</summary>
internal static class OtlpIds
{
    public const int TraceIdBytes = TelemetryIds.TraceIdBytes;
    public const int SpanIdBytes = TelemetryIds.SpanIdBytes;

    /// <summary>True when <paramref name="id"/> has exactly <paramref name="length"/> bytes and is not all zero.</summary>
    public static bool IsValid(ReadOnlySpan<byte> id, int length) => id.Length == length && id.IndexOfAnyExcept((byte)0) >= 0;

    /// <summary>True when an optional id (a log record's) is absent: empty, or all zero with the id's length (the "no trace context" value).</summary>
    public static bool IsAbsent(ReadOnlySpan<byte> id, int length) => id.IsEmpty || (id.Length == length && id.IndexOfAnyExcept((byte)0) < 0);

    public static string ToHex(ReadOnlySpan<byte> id) => Convert.ToHexStringLower(id);

    /// <summary>Why a protobuf span's ids are invalid, or null when they are valid.</summary>
    public static string? SpanIdsError(ReadOnlySpan<byte> traceId, ReadOnlySpan<byte> spanId, ReadOnlySpan<byte> parentSpanId) =>
        !IsValid(traceId, TraceIdBytes) ? "trace_id must be 16 bytes, not all zero"
            : !IsValid(spanId, SpanIdBytes) ? "span_id must be 8 bytes, not all zero"
            : parentSpanId.Length is not (0 or SpanIdBytes) ? "parent_span_id must be empty or 8 bytes"
            : null;
}
