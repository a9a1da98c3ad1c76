using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LlmOps.Processors.Model;

namespace LlmOps.Storage.Internal;

/// <summary>
/// The stored form of a non-evaluation log record. OTLP logs have no id, so <see cref="DedupKey"/> hashes the whole
/// record: a retried export carries the same bytes and is skipped.
/// </summary>
internal sealed record LogRow(LogRecordModel Log, string ResourceId, string? BodyJson, string? AttributesJson, string? ScopeAttributesJson, string DedupKey)
{
    public static LogRow From(JsonScratch scratch, ResourceRow resource, LogRecordModel log)
    {
        var body = log.Body.Kind == AttrKind.Empty ? null : scratch.Write(log.Body, static (w, v) => AttrJson.WriteTyped(w, v));
        var attributes = SpanJson.Attributes(scratch, log.Attributes);
        var scopeAttributes = SpanJson.Attributes(scratch, log.Scope.Attributes);
        var text = string.Join(
            '\u001f',
            log.TimeUnixNano.ToString(CultureInfo.InvariantCulture),
            log.ObservedTimeUnixNano.ToString(CultureInfo.InvariantCulture),
            log.SeverityNumber.ToString(CultureInfo.InvariantCulture),
            log.SeverityText,
            log.TraceId,
            log.SpanId,
            log.Flags.ToString(CultureInfo.InvariantCulture),
            log.EventName,
            resource.Id,
            log.Scope.Name,
            log.Scope.Version,
            scopeAttributes,
            body,
            attributes);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return new LogRow(log, resource.Id, body, attributes, scopeAttributes, Convert.ToHexStringLower(hash[..16]));
    }
}
