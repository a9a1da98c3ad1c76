using Google.Protobuf;

namespace LlmOps.Collector.Tests.Support;

/// <summary>A minimal reader of <c>google.rpc.Status</c> (code, message, RetryInfo delay) for assertions.</summary>
internal sealed record RpcStatus(int Code, string Message, TimeSpan? RetryDelay, string? DetailType)
{
    public static RpcStatus Parse(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        int code = 0;
        var message = string.Empty;
        TimeSpan? delay = null;
        string? type = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    code = input.ReadInt32();
                    break;
                case 2:
                    message = input.ReadString();
                    break;
                case 3:
                    (type, delay) = ParseAny(input.ReadBytes());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new RpcStatus(code, message, delay, type);
    }

    private static (string? Type, TimeSpan? Delay) ParseAny(ByteString any)
    {
        var input = new CodedInputStream(any.ToByteArray());
        string? type = null;
        TimeSpan? delay = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1)
            {
                type = input.ReadString();
            }
            else if (WireFormat.GetTagFieldNumber(tag) == 2)
            {
                var retryInfo = new CodedInputStream(input.ReadBytes().ToByteArray());
                if (retryInfo.ReadTag() != 0)
                {
                    var duration = new CodedInputStream(retryInfo.ReadBytes().ToByteArray());
                    long seconds = 0;
                    int nanos = 0;
                    uint t;
                    while ((t = duration.ReadTag()) != 0)
                    {
                        if (WireFormat.GetTagFieldNumber(t) == 1)
                        {
                            seconds = duration.ReadInt64();
                        }
                        else
                        {
                            nanos = duration.ReadInt32();
                        }
                    }

                    delay = TimeSpan.FromSeconds(seconds) + TimeSpan.FromTicks(nanos / 100);
                }
            }
            else
            {
                input.SkipLastField();
            }
        }

        return (type, delay);
    }
}
