using System.Buffers.Binary;
using System.Globalization;

namespace LlmOps.Collector.Otlp;

/// <summary>Reads protobuf fields off a span of bytes; every misread throws <see cref="MalformedProtobufException"/>.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    /// <summary>Reads the next tag; false at the end of the message.</summary>
    public bool Next(out int field, out int wireType)
    {
        if (_position >= _buffer.Length)
        {
            field = wireType = 0;
            return false;
        }

        // A tag is 32 bits: a longer varint keeps its low 32, as the generated parser reads it.
        var tag = (uint)Varint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field == 0)
        {
            throw new MalformedProtobufException("a field has the invalid number 0");
        }

        return true;
    }

    public ulong Varint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _buffer.Length)
            {
                throw Truncated();
            }

            var b = _buffer[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new MalformedProtobufException("a varint is longer than 10 bytes");
    }

    public ulong Fixed64()
    {
        if (_buffer.Length - _position < 8)
        {
            throw Truncated();
        }

        var value = BinaryPrimitives.ReadUInt64LittleEndian(_buffer[_position..]);
        _position += 8;
        return value;
    }

    public uint Fixed32()
    {
        if (_buffer.Length - _position < 4)
        {
            throw Truncated();
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(_buffer[_position..]);
        _position += 4;
        return value;
    }

    public ReadOnlySpan<byte> Bytes()
    {
        var length = Varint();
        if (length > (ulong)(_buffer.Length - _position))
        {
            throw Truncated();
        }

        var bytes = _buffer.Slice(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    public string String()
    {
        var bytes = Bytes();
        return bytes.Length == 0 ? string.Empty : Utf8Strings.Encoding.GetString(bytes);
    }

    /// <summary>Skips a field this decoder does not read (an end-group tag here has no start, so it is malformed).</summary>
    public void Skip(int wireType, int field, int depth)
    {
        switch (wireType)
        {
            case OtlpTraceWireDecoder.Varint:
                Varint();
                break;
            case OtlpTraceWireDecoder.Fixed64:
                Fixed64();
                break;
            case OtlpTraceWireDecoder.Len:
                Bytes();
                break;
            case OtlpTraceWireDecoder.Fixed32:
                Fixed32();
                break;
            case OtlpTraceWireDecoder.StartGroup:
                OtlpTraceWireDecoder.Depth(depth);
                while (true)
                {
                    if (!Next(out var f, out var w))
                    {
                        throw Truncated();
                    }

                    if (w == OtlpTraceWireDecoder.EndGroup)
                    {
                        if (f != field)
                        {
                            throw new MalformedProtobufException("a group ends with another field's number");
                        }

                        return;
                    }

                    Skip(w, f, depth + 1);
                }

            default:
                throw new MalformedProtobufException(string.Create(CultureInfo.InvariantCulture, $"field {field} has an invalid wire type {wireType}"));
        }
    }

    private static MalformedProtobufException Truncated() =>
        new("the message was truncated, or a length inside it is wrong");
}
