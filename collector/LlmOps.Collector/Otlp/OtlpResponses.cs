using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using LlmOps.Protos.Collector.Logs.V1;
using LlmOps.Protos.Collector.Metrics.V1;
using LlmOps.Protos.Collector.Trace.V1;

namespace LlmOps.Collector.Otlp;

/// <summary>Encodes export responses (with <c>partial_success</c> when something was rejected) and error statuses.</summary>
internal static class OtlpResponses
{
    private static readonly byte[] EmptyJson = "{}"u8.ToArray();

    public static byte[] Protobuf(OtlpSignal signal, Rejections rejections)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        if (rejections.IsEmpty)
        {
            return [];
        }

        IMessage message = signal switch
        {
            OtlpSignal.Traces => new ExportTraceServiceResponse
            {
                PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = rejections.Count, ErrorMessage = rejections.ResponseMessage("spans") },
            },
            OtlpSignal.Logs => new ExportLogsServiceResponse
            {
                PartialSuccess = new ExportLogsPartialSuccess { RejectedLogRecords = rejections.Count, ErrorMessage = rejections.ResponseMessage("log records") },
            },
            _ => new ExportMetricsServiceResponse
            {
                PartialSuccess = new ExportMetricsPartialSuccess { RejectedDataPoints = rejections.Count, ErrorMessage = rejections.ResponseMessage("data points") },
            },
        };
        return message.ToByteArray();
    }

    public static byte[] Json(OtlpSignal signal, Rejections rejections)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        if (rejections.IsEmpty)
        {
            return EmptyJson;
        }

        var (field, item) = signal switch
        {
            OtlpSignal.Traces => ("rejectedSpans", "spans"),
            OtlpSignal.Logs => ("rejectedLogRecords", "log records"),
            _ => ("rejectedDataPoints", "data points"),
        };
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("partialSuccess");
            w.WriteString(field, rejections.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteString("errorMessage", rejections.ResponseMessage(item));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>google.rpc.Status</c> in the protobuf JSON mapping (<c>{"code":3,"message":"..."}</c>).</summary>
    public static byte[] StatusJson(GrpcStatusCode code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("code", (int)code);
            w.WriteString("message", message);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
