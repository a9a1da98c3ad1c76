using Google.Protobuf;

namespace LlmOps.Collector.Otlp;

/// <summary>
/// Writes <c>google.rpc.Status { code = 1; message = 2; repeated Any details = 3 }</c> by hand, optionally with one
/// <c>google.rpc.RetryInfo { Duration retry_delay = 1 }</c> detail, as OTLP asks for throttled responses. Used for
/// <c>grpc-status-details-bin</c> and for the body of OTLP/HTTP error responses.
/// </summary>
internal static class RpcStatusEncoder
{
    public const string RetryInfoTypeUrl = "type.googleapis.com/google.rpc.RetryInfo";

    public static byte[] Encode(GrpcStatusCode code, string message, TimeSpan? retryDelay)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream(64 + (message.Length * 3));
        var output = new CodedOutputStream(buffer, leaveOpen: true);
        if (code != GrpcStatusCode.Ok)
        {
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteInt32((int)code);
        }

        if (message.Length > 0)
        {
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteString(message);
        }

        if (retryDelay is { } delay)
        {
            output.WriteTag(3, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(EncodeAny(RetryInfoTypeUrl, EncodeRetryInfo(delay))));
        }

        output.Flush();
        return buffer.ToArray();
    }

    private static byte[] EncodeRetryInfo(TimeSpan delay)
    {
        var seconds = (long)Math.Floor(delay.TotalSeconds);
        var nanos = (int)((delay.Ticks - (seconds * TimeSpan.TicksPerSecond)) * 100);
        using var duration = new MemoryStream(16);
        var d = new CodedOutputStream(duration, leaveOpen: true);
        if (seconds != 0)
        {
            d.WriteTag(1, WireFormat.WireType.Varint);
            d.WriteInt64(seconds);
        }

        if (nanos != 0)
        {
            d.WriteTag(2, WireFormat.WireType.Varint);
            d.WriteInt32(nanos);
        }

        d.Flush();

        using var retryInfo = new MemoryStream(24);
        var r = new CodedOutputStream(retryInfo, leaveOpen: true);
        r.WriteTag(1, WireFormat.WireType.LengthDelimited);
        r.WriteBytes(ByteString.CopyFrom(duration.ToArray()));
        r.Flush();
        return retryInfo.ToArray();
    }

    private static byte[] EncodeAny(string typeUrl, byte[] value)
    {
        using var any = new MemoryStream(typeUrl.Length + value.Length + 8);
        var a = new CodedOutputStream(any, leaveOpen: true);
        a.WriteTag(1, WireFormat.WireType.LengthDelimited);
        a.WriteString(typeUrl);
        a.WriteTag(2, WireFormat.WireType.LengthDelimited);
        a.WriteBytes(ByteString.CopyFrom(value));
        a.Flush();
        return any.ToArray();
    }
}
