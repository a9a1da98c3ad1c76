using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace LlmOps.Sdk.Context;

/// <summary>
/// Identifies a model response to rate later, possibly from another process: the trace and span id of its chat span
/// and/or the provider's response id. Round-trips through a W3C <c>traceparent</c> string.
/// </summary>
public sealed class LlmOpsResponseReference
{
    /// <summary>Creates a reference. Give trace and span id together, a response id, or all three.</summary>
    /// <param name="traceId">32 lower-case hex characters.</param>
    /// <param name="spanId">16 lower-case hex characters.</param>
    /// <param name="responseId">The provider's response id (<c>gen_ai.response.id</c>).</param>
    public LlmOpsResponseReference(string? traceId, string? spanId, string? responseId = null)
    {
        if ((traceId is null) != (spanId is null))
        {
            throw new ArgumentException("Trace id and span id must be given together.", nameof(spanId));
        }

        if (traceId is not null && !IsHex(traceId, 32))
        {
            throw new ArgumentException("A trace id is 32 hex characters.", nameof(traceId));
        }

        if (spanId is not null && !IsHex(spanId, 16))
        {
            throw new ArgumentException("A span id is 16 hex characters.", nameof(spanId));
        }

        if (traceId is null && string.IsNullOrEmpty(responseId))
        {
            throw new ArgumentException("Give a trace and span id or a response id.", nameof(responseId));
        }

        _traceId = traceId?.ToLowerInvariant();
        _spanId = spanId?.ToLowerInvariant();
        ResponseId = responseId;
    }

    /// <summary>Creates a reference to a span without formatting its ids until they are read.</summary>
    internal LlmOpsResponseReference(ActivityTraceId traceId, ActivitySpanId spanId, string? responseId)
    {
        _activityTraceId = traceId;
        _activitySpanId = spanId;
        _hasActivityIds = true;
        ResponseId = responseId;
    }

    private readonly ActivityTraceId _activityTraceId;
    private readonly ActivitySpanId _activitySpanId;
    private readonly bool _hasActivityIds;
    private string? _traceId;
    private string? _spanId;

    /// <summary>Gets the trace id of the rated chat span, as hex.</summary>
    public string? TraceId => _traceId ??= _hasActivityIds ? _activityTraceId.ToHexString() : null;

    /// <summary>Gets the span id of the rated chat span, as hex.</summary>
    public string? SpanId => _spanId ??= _hasActivityIds ? _activitySpanId.ToHexString() : null;

    /// <summary>Returns a copy with the given response id.</summary>
    internal LlmOpsResponseReference WithResponseId(string responseId) =>
        _hasActivityIds
            ? new LlmOpsResponseReference(_activityTraceId, _activitySpanId, responseId)
            : new LlmOpsResponseReference(TraceId, SpanId, responseId);

    /// <summary>Gets the provider's response id.</summary>
    public string? ResponseId { get; }

    /// <summary>Creates a reference to the given activity (span).</summary>
    /// <param name="activity">The span to reference.</param>
    /// <param name="responseId">The provider's response id, if known.</param>
    /// <returns>The reference.</returns>
    public static LlmOpsResponseReference FromActivity(Activity activity, string? responseId = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new LlmOpsResponseReference(activity.TraceId, activity.SpanId, responseId);
    }

    /// <summary>Creates a reference from the provider's response id only.</summary>
    /// <param name="responseId">The response id.</param>
    /// <returns>The reference.</returns>
    public static LlmOpsResponseReference FromResponseId(string responseId)
    {
        ArgumentException.ThrowIfNullOrEmpty(responseId);
        return new LlmOpsResponseReference(null, null, responseId);
    }

    /// <summary>Parses a W3C <c>traceparent</c> (<c>00-{trace}-{span}-{flags}</c>).</summary>
    /// <param name="traceParent">The traceparent string.</param>
    /// <param name="reference">The reference when the string is valid.</param>
    /// <returns>True when the string is a valid traceparent.</returns>
    public static bool TryParseTraceParent(string? traceParent, [NotNullWhen(true)] out LlmOpsResponseReference? reference)
    {
        reference = null;
        if (traceParent is null || traceParent.Length != 55)
        {
            return false;
        }

        var parts = traceParent.Split('-');
        if (parts.Length != 4 || parts[0].Length != 2 || !IsHex(parts[1], 32) || !IsHex(parts[2], 16))
        {
            return false;
        }

        reference = new LlmOpsResponseReference(parts[1], parts[2]);
        return true;
    }

    /// <summary>Formats the span part as a W3C <c>traceparent</c>, or null when only a response id is known.</summary>
    /// <returns>The traceparent string or null.</returns>
    public string? ToTraceParent() => TraceId is null ? null : $"00-{TraceId}-{SpanId}-01";

    /// <inheritdoc />
    public override string ToString() => ToTraceParent() ?? ResponseId ?? string.Empty;

    private static bool IsHex(string value, int length)
    {
        if (value.Length != length)
        {
            return false;
        }

        var nonZero = false;
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }

            nonZero |= c != '0';
        }

        return nonZero;
    }
}
