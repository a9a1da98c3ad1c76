using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace LlmOps.Sdk.Feedback;

/// <summary>
/// Writes feedback as an OTLP/JSON <c>ExportLogsServiceRequest</c>: one log record per feedback with
/// <c>eventName</c> <c>gen_ai.evaluation.result</c>, hex trace/span ids and the evaluation attributes.
/// </summary>
internal static class OtlpLogsJson
{
    // OTLP/JSON field names (proto3 JSON mapping of opentelemetry-proto logs/v1).
    private const string ResourceLogs = "resourceLogs";
    private const string Resource = "resource";
    private const string ScopeLogs = "scopeLogs";
    private const string Scope = "scope";
    private const string LogRecords = "logRecords";
    private const string Attributes = "attributes";
    private const string Key = "key";
    private const string Value = "value";
    private const string StringValue = "stringValue";
    private const string DoubleValue = "doubleValue";
    private const string Name = "name";
    private const string Version = "version";
    private const string TimeUnixNano = "timeUnixNano";
    private const string ObservedTimeUnixNano = "observedTimeUnixNano";
    private const string SeverityNumber = "severityNumber";
    private const string SeverityText = "severityText";
    private const string EventName = "eventName";
    private const string TraceId = "traceId";
    private const string SpanId = "spanId";
    private const string Body = "body";
    private const int SeverityInfo = 9;

    public static byte[] Write(IReadOnlyList<QueuedFeedback> batch, string serviceName, DateTimeOffset observed)
    {
        var buffer = new ArrayBufferWriter<byte>(512 * Math.Max(1, batch.Count));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray(ResourceLogs);
            writer.WriteStartObject();
            writer.WriteStartObject(Resource);
            writer.WriteStartArray(Attributes);
            WriteAttribute(writer, SemanticConventions.ServiceName, serviceName);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartArray(ScopeLogs);
            writer.WriteStartObject();
            writer.WriteStartObject(Scope);
            writer.WriteString(Name, SemanticConventions.LlmOpsInstrumentationName);
            writer.WriteString(Version, Instruments.Version);
            writer.WriteEndObject();
            writer.WriteStartArray(LogRecords);
            foreach (var item in batch)
            {
                WriteRecord(writer, item, observed);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRecord(Utf8JsonWriter writer, QueuedFeedback item, DateTimeOffset observed)
    {
        var feedback = item.Feedback;
        writer.WriteStartObject();
        writer.WriteString(TimeUnixNano, UnixNanos(item.Timestamp));
        writer.WriteString(ObservedTimeUnixNano, UnixNanos(observed));
        writer.WriteNumber(SeverityNumber, SeverityInfo);
        writer.WriteString(SeverityText, "INFO");
        writer.WriteString(EventName, SemanticConventions.GenAiEvaluationResultEvent);
        if (feedback.Target.TraceId is { } traceId && feedback.Target.SpanId is { } spanId)
        {
            writer.WriteString(TraceId, traceId);
            writer.WriteString(SpanId, spanId);
        }

        if (feedback.Comment is not null)
        {
            writer.WriteStartObject(Body);
            writer.WriteString(StringValue, feedback.Comment);
            writer.WriteEndObject();
        }

        writer.WriteStartArray(Attributes);
        WriteAttribute(writer, SemanticConventions.EventName, SemanticConventions.GenAiEvaluationResultEvent);
        WriteAttribute(writer, SemanticConventions.GenAiEvaluationName, feedback.Name);
        if (feedback.Score is { } score)
        {
            writer.WriteStartObject();
            writer.WriteString(Key, SemanticConventions.GenAiEvaluationScoreValue);
            writer.WriteStartObject(Value);
            writer.WriteNumber(DoubleValue, score);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        WriteAttribute(writer, SemanticConventions.GenAiEvaluationScoreLabel, feedback.Label);
        WriteAttribute(writer, SemanticConventions.GenAiEvaluationExplanation, feedback.Comment);
        WriteAttribute(writer, SemanticConventions.GenAiResponseId, feedback.Target.ResponseId);
        WriteAttribute(writer, SemanticConventions.LlmOpsFeedbackKind, feedback.Kind);
        WriteAttribute(writer, SemanticConventions.UserId, feedback.UserId);
        WriteAttribute(writer, SemanticConventions.SessionId, feedback.SessionId);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteAttribute(Utf8JsonWriter writer, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(Key, key);
        writer.WriteStartObject(Value);
        writer.WriteString(StringValue, value);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string UnixNanos(DateTimeOffset time) =>
        ((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).ToString(CultureInfo.InvariantCulture);
}
