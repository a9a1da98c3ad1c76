using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmOps.Sdk.Context;
using LlmOps.Sdk.Redaction;
using Microsoft.Extensions.AI;

namespace LlmOps.Sdk;

/// <summary>Formats captured content as the GenAI spec's JSON (messages with typed parts).</summary>
internal static class MessageJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions ValueOptions = new(AIJsonUtilities.DefaultOptions)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string FormatInput(IEnumerable<ChatMessage> messages, IPiiRedactor? redactor) =>
        Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var message in messages)
            {
                WriteMessage(writer, message, null, redactor);
            }

            writer.WriteEndArray();
        });

    public static string FormatOutput(IEnumerable<ChatMessage> messages, string? finishReason, IPiiRedactor? redactor) =>
        Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var message in messages)
            {
                WriteMessage(writer, message, finishReason, redactor);
            }

            writer.WriteEndArray();
        });

    public static string FormatInstructions(string instructions, IPiiRedactor? redactor) =>
        Write(writer =>
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString(SemanticConventions.PartType, SemanticConventions.PartTypeText);
            writer.WriteString(SemanticConventions.PartContent, Redact(instructions, redactor));
            writer.WriteEndObject();
            writer.WriteEndArray();
        });

    public static string FormatDocuments(IReadOnlyList<LlmOpsDocument> documents, bool includeContent, IPiiRedactor? redactor) =>
        Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var document in documents)
            {
                writer.WriteStartObject();
                writer.WriteString(SemanticConventions.RetrievalDocumentId, document.Id);
                writer.WriteNumber(SemanticConventions.RetrievalDocumentScore, document.Score);
                if (includeContent && document.Content is not null)
                {
                    writer.WriteString(SemanticConventions.RetrievalDocumentContent, Redact(document.Content, redactor));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message, string? finishReason, IPiiRedactor? redactor)
    {
        writer.WriteStartObject();
        writer.WriteString(SemanticConventions.MessageRole, message.Role.Value);
        if (!string.IsNullOrEmpty(message.AuthorName))
        {
            writer.WriteString(SemanticConventions.MessageName, message.AuthorName);
        }

        writer.WriteStartArray(SemanticConventions.MessageParts);
        foreach (var content in message.Contents)
        {
            WritePart(writer, content, redactor);
        }

        writer.WriteEndArray();
        if (finishReason is not null)
        {
            writer.WriteString(SemanticConventions.MessageFinishReason, finishReason);
        }

        writer.WriteEndObject();
    }

    private static void WritePart(Utf8JsonWriter writer, AIContent content, IPiiRedactor? redactor)
    {
        switch (content)
        {
            case TextContent text:
                writer.WriteStartObject();
                writer.WriteString(SemanticConventions.PartType, SemanticConventions.PartTypeText);
                writer.WriteString(SemanticConventions.PartContent, Redact(text.Text, redactor));
                writer.WriteEndObject();
                break;
            case TextReasoningContent reasoning:
                writer.WriteStartObject();
                writer.WriteString(SemanticConventions.PartType, SemanticConventions.PartTypeReasoning);
                writer.WriteString(SemanticConventions.PartContent, Redact(reasoning.Text, redactor));
                writer.WriteEndObject();
                break;
            case FunctionCallContent call:
                writer.WriteStartObject();
                writer.WriteString(SemanticConventions.PartType, SemanticConventions.PartTypeToolCall);
                writer.WriteString(SemanticConventions.PartId, call.CallId);
                writer.WriteString(SemanticConventions.PartName, call.Name);
                writer.WritePropertyName(SemanticConventions.PartArguments);
                WriteValue(writer, call.Arguments, redactor);
                writer.WriteEndObject();
                break;
            case FunctionResultContent result:
                writer.WriteStartObject();
                writer.WriteString(SemanticConventions.PartType, SemanticConventions.PartTypeToolCallResponse);
                writer.WriteString(SemanticConventions.PartId, result.CallId);
                writer.WritePropertyName(SemanticConventions.PartResponse);
                WriteValue(writer, result.Result, redactor);
                writer.WriteEndObject();
                break;
            case UriContent uri:
                writer.WriteStartObject();
                writer.WriteString(SemanticConventions.PartType, SemanticConventions.PartTypeUri);
                writer.WriteString(SemanticConventions.PartMimeType, uri.MediaType);
                writer.WriteString(SemanticConventions.PartUri, uri.Uri.ToString());
                writer.WriteEndObject();
                break;
            case DataContent data:
                // Binary payloads are never exported; the part records only that one was sent.
                writer.WriteStartObject();
                writer.WriteString(SemanticConventions.PartType, SemanticConventions.PartTypeBlob);
                writer.WriteString(SemanticConventions.PartMimeType, data.MediaType);
                writer.WriteEndObject();
                break;
            case UsageContent:
                break;
            default:
                writer.WriteStartObject();
                writer.WriteString(SemanticConventions.PartType, content.GetType().Name);
                writer.WriteEndObject();
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, IPiiRedactor? redactor)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        string json;
        try
        {
            json = JsonSerializer.Serialize(value, ValueOptions.GetTypeInfo(value.GetType()));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            writer.WriteStringValue(Redact(value.ToString() ?? string.Empty, redactor));
            return;
        }

        var redacted = Redact(json, redactor);
        try
        {
            writer.WriteRawValue(redacted, skipInputValidation: false);
        }
        catch (JsonException)
        {
            // Redaction may have cut through JSON syntax; fall back to the redacted text as a string.
            writer.WriteStringValue(redacted);
        }
    }

    private static string Redact(string text, IPiiRedactor? redactor) => redactor is null ? text : redactor.Redact(text);

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
