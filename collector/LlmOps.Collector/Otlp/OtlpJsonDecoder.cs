using System.Text.Json;
using LlmOps.Processors.Model;

namespace LlmOps.Collector.Otlp;

/// <summary>
/// Decodes OTLP/JSON (the protobuf JSON mapping with OTLP's exceptions): lowerCamelCase field names (snake_case
/// accepted too), trace and span ids as hex strings, 64-bit integers as strings or numbers, enums as integers (names
/// accepted), unknown fields ignored. The OTLP spec forbids senders enum names and original field names but does not
/// ask receivers to refuse them; the OpenTelemetry Collector's JSON unmarshaller accepts both, and so does this one. A structurally wrong document throws <see cref="FormatException"/> (or
/// <see cref="JsonException"/>); items with invalid ids are rejected one by one.
/// </summary>
internal static class OtlpJsonDecoder
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    public static DecodeResult Decode(OtlpSignal signal, ReadOnlyMemory<byte> json)
    {
        using var doc = JsonDocument.Parse(json, DocumentOptions);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the request body must be a JSON object");
        }

        var result = new DecodeResult();
        switch (signal)
        {
            case OtlpSignal.Traces:
                DecodeTraces(root, result);
                break;
            case OtlpSignal.Logs:
                DecodeLogs(root, result);
                break;
            case OtlpSignal.Metrics:
                DecodeMetrics(root, result);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(signal));
        }

        return result;
    }

    private static void DecodeTraces(JsonElement root, DecodeResult result)
    {
        var r = 0;
        foreach (var rs in Array(root, "resourceSpans", "resource_spans"))
        {
            var resource = Resource(rs);
            var s = 0;
            foreach (var ss in Array(rs, "scopeSpans", "scope_spans"))
            {
                var scope = Scope(ss);
                var i = 0;
                foreach (var span in Array(ss, "spans", "spans"))
                {
                    result.Received++;
                    var record = Span(span, resource, scope, out var error);
                    if (record is null)
                    {
                        result.Rejections.AddSpan(String(span, "name", "name"), r, s, i, error!);
                    }
                    else
                    {
                        result.Batch.Spans.Add(record);
                    }

                    i++;
                }

                s++;
            }

            r++;
        }
    }

    private static SpanRecord? Span(JsonElement span, ResourceInfo resource, ScopeInfo scope, out string? error)
    {
        Object(span, "span");
        var traceId = TelemetryIds.FromHex(String(span, "traceId", "trace_id"), OtlpIds.TraceIdBytes);
        if (traceId is null)
        {
            error = "traceId must be 32 hex digits, not all zero";
            return null;
        }

        var spanId = TelemetryIds.FromHex(String(span, "spanId", "span_id"), OtlpIds.SpanIdBytes);
        if (spanId is null)
        {
            error = "spanId must be 16 hex digits, not all zero";
            return null;
        }

        var parentHex = String(span, "parentSpanId", "parent_span_id");
        string? parent = null;
        if (!string.IsNullOrEmpty(parentHex))
        {
            parent = TelemetryIds.FromHex(parentHex, OtlpIds.SpanIdBytes);
            if (parent is null && !IsZeroHex(parentHex, OtlpIds.SpanIdBytes))
            {
                error = "parentSpanId must be empty or 16 hex digits";
                return null;
            }
        }

        error = null;
        var record = new SpanRecord
        {
            TraceId = traceId,
            SpanId = spanId,
            ParentSpanId = parent,
            TraceState = String(span, "traceState", "trace_state"),
            Flags = UInt32(span, "flags", "flags"),
            Name = String(span, "name", "name"),
            Kind = (SpanKindCode)Enum(span, "kind", "kind", "SPAN_KIND_"),
            StartTimeUnixNano = Fixed64(span, "startTimeUnixNano", "start_time_unix_nano"),
            EndTimeUnixNano = Fixed64(span, "endTimeUnixNano", "end_time_unix_nano"),
            Attributes = Attributes(span),
            DroppedAttributesCount = UInt32(span, "droppedAttributesCount", "dropped_attributes_count"),
            DroppedEventsCount = UInt32(span, "droppedEventsCount", "dropped_events_count"),
            DroppedLinksCount = UInt32(span, "droppedLinksCount", "dropped_links_count"),
            Resource = resource,
            Scope = scope,
        };

        if (TryProperty(span, "status", "status", out var status) && status.ValueKind == JsonValueKind.Object)
        {
            record.StatusCode = (StatusCodeValue)Enum(status, "code", "code", "STATUS_CODE_");
            record.StatusMessage = String(status, "message", "message");
        }

        foreach (var e in Array(span, "events", "events"))
        {
            Object(e, "event");
            record.Events.Add(new SpanEvent
            {
                TimeUnixNano = Fixed64(e, "timeUnixNano", "time_unix_nano"),
                Name = String(e, "name", "name"),
                Attributes = Attributes(e),
                DroppedAttributesCount = UInt32(e, "droppedAttributesCount", "dropped_attributes_count"),
            });
        }

        foreach (var l in Array(span, "links", "links"))
        {
            Object(l, "link");
            record.Links.Add(new SpanLink
            {
                TraceId = String(l, "traceId", "trace_id") ?? string.Empty,
                SpanId = String(l, "spanId", "span_id") ?? string.Empty,
                TraceState = String(l, "traceState", "trace_state"),
                Flags = UInt32(l, "flags", "flags"),
                Attributes = Attributes(l),
                DroppedAttributesCount = UInt32(l, "droppedAttributesCount", "dropped_attributes_count"),
            });
        }

        error = SpanChecks.Error(record);
        if (error is not null)
        {
            return null;
        }

        record.GenAi = GenAiNormalizer.Normalize(record);
        return record;
    }

    private static void DecodeLogs(JsonElement root, DecodeResult result)
    {
        var r = 0;
        foreach (var rl in Array(root, "resourceLogs", "resource_logs"))
        {
            var resource = Resource(rl);
            var s = 0;
            foreach (var sl in Array(rl, "scopeLogs", "scope_logs"))
            {
                var scope = Scope(sl);
                var i = 0;
                foreach (var lr in Array(sl, "logRecords", "log_records"))
                {
                    result.Received++;
                    Object(lr, "log record");
                    var traceHex = String(lr, "traceId", "trace_id");
                    var spanHex = String(lr, "spanId", "span_id");
                    // Trace context is optional on a log record: empty or all-zero ids mean none (kept, not linked).
                    var noTrace = string.IsNullOrEmpty(traceHex) || IsZeroHex(traceHex, OtlpIds.TraceIdBytes);
                    var noSpan = string.IsNullOrEmpty(spanHex) || IsZeroHex(spanHex, OtlpIds.SpanIdBytes);
                    var traceId = noTrace ? null : TelemetryIds.FromHex(traceHex, OtlpIds.TraceIdBytes);
                    var spanId = noSpan ? null : TelemetryIds.FromHex(spanHex, OtlpIds.SpanIdBytes);
                    if (!noTrace && traceId is null)
                    {
                        result.Rejections.AddLog(r, s, i, "traceId must be empty or 32 hex digits");
                    }
                    else if (!noSpan && spanId is null)
                    {
                        result.Rejections.AddLog(r, s, i, "spanId must be empty or 16 hex digits");
                    }
                    else
                    {
                        var log = new LogRecordModel
                        {
                            TimeUnixNano = Fixed64(lr, "timeUnixNano", "time_unix_nano"),
                            ObservedTimeUnixNano = Fixed64(lr, "observedTimeUnixNano", "observed_time_unix_nano"),
                            SeverityNumber = Enum(lr, "severityNumber", "severity_number", "SEVERITY_NUMBER_"),
                            SeverityText = String(lr, "severityText", "severity_text"),
                            Body = TryProperty(lr, "body", "body", out var body) ? AttrJson.ParseTyped(body) : AttrValue.Empty,
                            Attributes = Attributes(lr),
                            TraceId = traceId,
                            SpanId = spanId,
                            Flags = UInt32(lr, "flags", "flags"),
                            EventName = String(lr, "eventName", "event_name"),
                            Resource = resource,
                            Scope = scope,
                        };
                        if (LogChecks.Error(log) is { } error)
                        {
                            result.Rejections.AddLog(r, s, i, error);
                        }
                        else
                        {
                            log.Evaluation = GenAiNormalizer.NormalizeEvaluation(log);
                            result.Batch.Logs.Add(log);
                        }
                    }

                    i++;
                }

                s++;
            }

            r++;
        }
    }

    private static void DecodeMetrics(JsonElement root, DecodeResult result)
    {
        foreach (var rm in Array(root, "resourceMetrics", "resource_metrics"))
        {
            var resource = Resource(rm);
            foreach (var sm in Array(rm, "scopeMetrics", "scope_metrics"))
            {
                foreach (var metric in Array(sm, "metrics", "metrics"))
                {
                    Object(metric, "metric");
                    Metric(metric, resource, result);
                }
            }
        }
    }

    private static void Metric(JsonElement metric, ResourceInfo resource, DecodeResult result)
    {
        var name = String(metric, "name", "name");
        if (TryProperty(metric, "gauge", "gauge", out var data))
        {
            Points(metric, name, resource, MetricKind.Gauge, data, result);
        }
        else if (TryProperty(metric, "sum", "sum", out data))
        {
            Points(metric, name, resource, MetricKind.Sum, data, result);
        }
        else if (TryProperty(metric, "histogram", "histogram", out data))
        {
            Points(metric, name, resource, MetricKind.Histogram, data, result);
        }
        else if (TryProperty(metric, "exponentialHistogram", "exponential_histogram", out data))
        {
            Points(metric, name, resource, MetricKind.ExponentialHistogram, data, result);
        }
        else if (TryProperty(metric, "summary", "summary", out data))
        {
            Points(metric, name, resource, MetricKind.Summary, data, result);
        }
    }

    private static void Points(JsonElement metric, string name, ResourceInfo resource, MetricKind kind, JsonElement data, DecodeResult result)
    {
        Object(data, "metric data");
        var temporality = Enum(data, "aggregationTemporality", "aggregation_temporality", "AGGREGATION_TEMPORALITY_");
        var monotonic = TryProperty(data, "isMonotonic", "is_monotonic", out var mono) && mono.ValueKind == JsonValueKind.True;
        foreach (var p in Array(data, "dataPoints", "data_points"))
        {
            Object(p, "data point");
            result.Received++;
            var record = new MetricPointRecord
            {
                Name = name,
                Description = String(metric, "description", "description"),
                Unit = String(metric, "unit", "unit"),
                Kind = kind,
                Temporality = kind is MetricKind.Gauge or MetricKind.Summary ? 0 : temporality,
                IsMonotonic = monotonic,
                Attributes = Attributes(p),
                Resource = resource,
                StartTimeUnixNano = Fixed64(p, "startTimeUnixNano", "start_time_unix_nano"),
                TimeUnixNano = Fixed64(p, "timeUnixNano", "time_unix_nano"),
                Flags = UInt32(p, "flags", "flags"),
            };

            if (kind is MetricKind.Gauge or MetricKind.Sum)
            {
                record.Value = TryProperty(p, "asInt", "as_int", out var asInt) ? AttrJson.ReadInt64(asInt, "asInt")
                    : TryProperty(p, "asDouble", "as_double", out var asDouble) ? AttrJson.ReadDouble(asDouble, "asDouble")
                    : 0;
            }
            else
            {
                record.Value = TryProperty(p, "sum", "sum", out var sum) ? AttrJson.ReadDouble(sum, "sum") : 0;
                record.Count = TryProperty(p, "count", "count", out var count) ? AttrJson.ReadUInt64(count, "count") : 0;
                if (kind == MetricKind.Histogram)
                {
                    var bounds = new List<double>();
                    foreach (var b in Array(p, "explicitBounds", "explicit_bounds"))
                    {
                        bounds.Add(AttrJson.ReadDouble(b, "explicitBounds"));
                    }

                    var counts = new List<ulong>();
                    foreach (var c in Array(p, "bucketCounts", "bucket_counts"))
                    {
                        counts.Add(AttrJson.ReadUInt64(c, "bucketCounts"));
                    }

                    record.ExplicitBounds = bounds;
                    record.BucketCounts = counts;
                }
            }

            if (name.Length == 0)
            {
                result.Rejections.Add("metric point: the metric has no name");
            }
            else if (record.TimeUnixNano == 0)
            {
                result.Rejections.Add($"metric point of '{name}': timeUnixNano is required");
            }
            else if (MetricChecks.Error(record) is { } error)
            {
                result.Rejections.Add($"metric point of '{name}': {error}");
            }
            else
            {
                result.Batch.Metrics.Add(record);
            }
        }
    }

    private static ResourceInfo Resource(JsonElement parent)
    {
        Object(parent, "resource entry");
        var attributes = TryProperty(parent, "resource", "resource", out var resource) && resource.ValueKind == JsonValueKind.Object
            ? Attributes(resource)
            : [];
        return new ResourceInfo { Attributes = attributes, SchemaUrl = String(parent, "schemaUrl", "schema_url") };
    }

    private static ScopeInfo Scope(JsonElement parent)
    {
        Object(parent, "scope entry");
        if (!TryProperty(parent, "scope", "scope", out var scope) || scope.ValueKind != JsonValueKind.Object)
        {
            return ScopeInfo.Unknown;
        }

        return new ScopeInfo { Name = String(scope, "name", "name"), Version = String(scope, "version", "version"), Attributes = Attributes(scope) };
    }

    private static AttributeList Attributes(JsonElement obj) =>
        TryProperty(obj, "attributes", "attributes", out var attributes) ? AttrJson.ParseTypedList(attributes) : [];

    private static bool TryProperty(JsonElement obj, string camel, string snake, out JsonElement value)
    {
        if (obj.TryGetProperty(camel, out value) || (!ReferenceEquals(camel, snake) && obj.TryGetProperty(snake, out value)))
        {
            return value.ValueKind != JsonValueKind.Null;
        }

        return false;
    }

    private static void Object(JsonElement e, string what)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"each {what} must be a JSON object");
        }
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement obj, string camel, string snake)
    {
        if (!TryProperty(obj, camel, snake, out var value))
        {
            return default;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'{camel}' must be an array");
        }

        return value.EnumerateArray();
    }

    private static string String(JsonElement obj, string camel, string snake)
    {
        if (!TryProperty(obj, camel, snake, out var value))
        {
            return string.Empty;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"'{camel}' must be a string");
    }

    private static long Fixed64(JsonElement obj, string camel, string snake) =>
        TryProperty(obj, camel, snake, out var value) ? (long)AttrJson.ReadUInt64(value, camel) : 0;

    private static uint UInt32(JsonElement obj, string camel, string snake)
    {
        if (!TryProperty(obj, camel, snake, out var value))
        {
            return 0;
        }

        var v = AttrJson.ReadUInt64(value, camel);
        return v <= uint.MaxValue ? (uint)v : throw new FormatException($"'{camel}' must be a 32-bit unsigned integer");
    }

    /// <summary>An enum as its number (the OTLP/JSON form) or, tolerated, its proto name such as <c>SPAN_KIND_SERVER</c>.</summary>
    private static int Enum(JsonElement obj, string camel, string snake, string prefix)
    {
        if (!TryProperty(obj, camel, snake, out var value))
        {
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n))
        {
            return n;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var name = value.GetString()!;
            var index = EnumNames.IndexOf(prefix, name);
            if (index >= 0)
            {
                return index;
            }
        }

        throw new FormatException($"'{camel}' must be an enum number");
    }

    private static bool IsZeroHex(string hex, int length) => hex.Length == length * 2 && hex.AsSpan().IndexOfAnyExcept('0') < 0;
}
