using System.Buffers.Binary;
using Google.Protobuf;
using LlmOps.Protos.Collector.Trace.V1;

namespace LlmOps.LoadGen;

/// <summary>
/// One pre-encoded export request whose trace ids and span times are rewritten in place for every send, so that what
/// the collector receives looks like live traffic: every trace id is new and random (as W3C trace ids are), and every
/// span ended just before it was sent, its start and end times shifted together (durations stay as generated).
/// </summary>
internal sealed class RequestTemplate
{
    private const byte StartTimeTag = (7 << 3) | 1; // Span.start_time_unix_nano, fixed64
    private const byte EndTimeTag = (8 << 3) | 1;   // Span.end_time_unix_nano, fixed64

    private readonly byte[] _bytes;
    private readonly int[][] _traceIdOffsets;
    private readonly (int Offset, ulong Value)[] _times;
    private readonly ulong _lastEnd;

    public RequestTemplate(ExportTraceServiceRequest request)
    {
        _bytes = request.ToByteArray();
        var spans = request.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans).ToList();
        _traceIdOffsets = [.. spans.Select(s => s.TraceId).Distinct().Select(id => OffsetsOf(id.Span, expectedTag: null))];
        var times = new List<(int, ulong)>();
        foreach (var span in spans)
        {
            times.Add((SingleOffset(StartTimeTag, span.StartTimeUnixNano), span.StartTimeUnixNano));
            times.Add((SingleOffset(EndTimeTag, span.EndTimeUnixNano), span.EndTimeUnixNano));
        }

        _times = [.. times];
        _lastEnd = spans.Max(s => s.EndTimeUnixNano);
    }

    public int Length => _bytes.Length;

    /// <summary>A copy with fresh random trace ids and times shifted so that the last span ends at <paramref name="nowUnixNano"/>.</summary>
    public byte[] Stamp(ulong nowUnixNano)
    {
        var message = (byte[])_bytes.Clone();
        Span<byte> id = stackalloc byte[16];
        foreach (var offsets in _traceIdOffsets)
        {
            Random.Shared.NextBytes(id);
            foreach (var offset in offsets)
            {
                id.CopyTo(message.AsSpan(offset, 16));
            }
        }

        var shift = nowUnixNano - _lastEnd;
        foreach (var (offset, value) in _times)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(message.AsSpan(offset, 8), value + shift);
        }

        return message;
    }

    private int SingleOffset(byte tag, ulong value)
    {
        Span<byte> encoded = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(encoded, value);
        var found = OffsetsOf(encoded, tag);
        return found.Length == 1
            ? found[0]
            : throw new InvalidOperationException($"Time value {value} occurs {found.Length} times in the template; expected once.");
    }

    /// <summary>Every offset of <paramref name="value"/> in the encoded request (preceded by <paramref name="expectedTag"/> if given).</summary>
    private int[] OffsetsOf(ReadOnlySpan<byte> value, byte? expectedTag)
    {
        var at = new List<int>();
        for (var from = 0; ;)
        {
            var found = _bytes.AsSpan(from).IndexOf(value);
            if (found < 0)
            {
                break;
            }

            var offset = from + found;
            if (expectedTag is not { } tag || (offset > 0 && _bytes[offset - 1] == tag))
            {
                at.Add(offset);
            }

            from = offset + value.Length;
        }

        return [.. at];
    }
}
