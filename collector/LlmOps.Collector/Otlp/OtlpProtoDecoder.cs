using Google.Protobuf;
using Google.Protobuf.Collections;
using LlmOps.Processors.Model;
using LlmOps.Protos.Collector.Logs.V1;
using LlmOps.Protos.Collector.Metrics.V1;
using LlmOps.Protos.Collector.Trace.V1;
using PbCommon = LlmOps.Protos.Common.V1;
using PbLogs = LlmOps.Protos.Logs.V1;
using PbMetrics = LlmOps.Protos.Metrics.V1;
using PbResource = LlmOps.Protos.Resource.V1;
using PbTrace = LlmOps.Protos.Trace.V1;

namespace LlmOps.Collector.Otlp;

/// <summary>
/// Maps parsed OTLP protobuf requests onto the internal model: ids as lowercase hex, every attribute with its type,
/// events, links, resource and scope (shared by the items of one resource/scope), GenAI normalisation. Invalid items
/// (bad ids, metric points without a name or time) are counted in <see cref="DecodeResult.Rejections"/> and left out.
/// Hot path: indexed loops, no LINQ.
/// </summary>
internal static class OtlpProtoDecoder
{
    private static readonly AttrValue True = AttrValue.Of(true);
    private static readonly AttrValue False = AttrValue.Of(false);

    /// <summary>
    /// Parses an <c>ExportTraceServiceRequest</c> with the generated parser and maps it; throws
    /// <see cref="InvalidProtocolBufferException"/> when malformed. The receivers use <see cref="OtlpTraceWireDecoder"/>,
    /// which reads the wire bytes straight into the model; this path is its reference (tests and benchmarks compare them).
    /// </summary>
    public static DecodeResult DecodeTraces(ReadOnlySpan<byte> payload)
    {
        var request = ExportTraceServiceRequest.Parser.ParseFrom(payload);
        var result = new DecodeResult();
        MapTraces(request, result);
        return result;
    }

    public static DecodeResult DecodeLogs(ReadOnlySpan<byte> payload)
    {
        var request = ExportLogsServiceRequest.Parser.ParseFrom(payload);
        var result = new DecodeResult();
        MapLogs(request, result);
        OtlpUtf8Check.CheckLogs(payload, result.Rejections);
        return result;
    }

    public static DecodeResult DecodeMetrics(ReadOnlySpan<byte> payload)
    {
        var request = ExportMetricsServiceRequest.Parser.ParseFrom(payload);
        var result = new DecodeResult();
        MapMetrics(request, result);
        OtlpUtf8Check.CheckMetrics(payload, request, result.Rejections);
        return result;
    }

    /// <param name="request">The parsed request.</param>
    /// <param name="result">Where valid spans and rejections go.</param>
    /// <param name="normalizeGenAi">Run <see cref="GenAiNormalizer.Normalize"/> per span (always, except to measure it apart).</param>
    public static void MapTraces(ExportTraceServiceRequest request, DecodeResult result, bool normalizeGenAi = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        var spans = result.Batch.Spans;
        var resourceSpans = request.ResourceSpans;
        for (var r = 0; r < resourceSpans.Count; r++)
        {
            var rs = resourceSpans[r];
            var resource = MapResource(rs.Resource, rs.SchemaUrl);
            var scopeSpans = rs.ScopeSpans;
            for (var s = 0; s < scopeSpans.Count; s++)
            {
                var ss = scopeSpans[s];
                var scope = MapScope(ss.Scope);
                var list = ss.Spans;
                result.Received += list.Count;
                if (spans.Capacity - spans.Count < list.Count)
                {
                    spans.Capacity = spans.Count + list.Count;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    var span = list[i];
                    var error = OtlpIds.SpanIdsError(span.TraceId.Span, span.SpanId.Span, span.ParentSpanId.Span);
                    if (error is not null)
                    {
                        result.Rejections.AddSpan(span.Name, r, s, i, error);
                        continue;
                    }

                    var record = MapSpan(span, resource, scope);
                    error = SpanChecks.Error(record);
                    if (error is not null)
                    {
                        result.Rejections.AddSpan(span.Name, r, s, i, error);
                        continue;
                    }

                    if (normalizeGenAi)
                    {
                        record.GenAi = GenAiNormalizer.Normalize(record);
                    }

                    spans.Add(record);
                }
            }
        }
    }

    public static void MapLogs(ExportLogsServiceRequest request, DecodeResult result)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        var logs = result.Batch.Logs;
        var resourceLogs = request.ResourceLogs;
        for (var r = 0; r < resourceLogs.Count; r++)
        {
            var rl = resourceLogs[r];
            var resource = MapResource(rl.Resource, rl.SchemaUrl);
            for (var s = 0; s < rl.ScopeLogs.Count; s++)
            {
                var sl = rl.ScopeLogs[s];
                var scope = MapScope(sl.Scope);
                var list = sl.LogRecords;
                result.Received += list.Count;
                for (var i = 0; i < list.Count; i++)
                {
                    var record = list[i];
                    // Trace context is optional on a log record: empty or all-zero ids mean none (kept, not linked).
                    var traceId = record.TraceId.Span;
                    var spanId = record.SpanId.Span;
                    var noTrace = OtlpIds.IsAbsent(traceId, OtlpIds.TraceIdBytes);
                    var noSpan = OtlpIds.IsAbsent(spanId, OtlpIds.SpanIdBytes);
                    if (!noTrace && !OtlpIds.IsValid(traceId, OtlpIds.TraceIdBytes))
                    {
                        result.Rejections.AddLog(r, s, i, "trace_id must be empty or 16 bytes");
                        continue;
                    }

                    if (!noSpan && !OtlpIds.IsValid(spanId, OtlpIds.SpanIdBytes))
                    {
                        result.Rejections.AddLog(r, s, i, "span_id must be empty or 8 bytes");
                        continue;
                    }

                    var log = new LogRecordModel
                    {
                        TimeUnixNano = (long)record.TimeUnixNano,
                        ObservedTimeUnixNano = (long)record.ObservedTimeUnixNano,
                        SeverityNumber = (int)record.SeverityNumber,
                        SeverityText = record.SeverityText,
                        Body = record.Body is null ? AttrValue.Empty : MapValue(record.Body),
                        Attributes = MapAttributes(record.Attributes),
                        TraceId = noTrace ? null : OtlpIds.ToHex(traceId),
                        SpanId = noSpan ? null : OtlpIds.ToHex(spanId),
                        Flags = record.Flags,
                        EventName = record.EventName,
                        Resource = resource,
                        Scope = scope,
                    };
                    if (LogChecks.Error(log) is { } error)
                    {
                        result.Rejections.AddLog(r, s, i, error);
                        continue;
                    }

                    log.Evaluation = GenAiNormalizer.NormalizeEvaluation(log);
                    logs.Add(log);
                }
            }
        }
    }

    public static void MapMetrics(ExportMetricsServiceRequest request, DecodeResult result)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        var resourceMetrics = request.ResourceMetrics;
        for (var r = 0; r < resourceMetrics.Count; r++)
        {
            var rm = resourceMetrics[r];
            var resource = MapResource(rm.Resource, rm.SchemaUrl);
            for (var s = 0; s < rm.ScopeMetrics.Count; s++)
            {
                var metrics = rm.ScopeMetrics[s].Metrics;
                for (var m = 0; m < metrics.Count; m++)
                {
                    MapMetric(metrics[m], resource, result);
                }
            }
        }
    }

    private static void MapMetric(PbMetrics.Metric metric, ResourceInfo resource, DecodeResult result)
    {
        switch (metric.DataCase)
        {
            case PbMetrics.Metric.DataOneofCase.Gauge:
                foreach (var p in metric.Gauge.DataPoints)
                {
                    AddPoint(result, metric, p.TimeUnixNano, Number(metric, resource, MetricKind.Gauge, 0, false, p));
                }

                break;
            case PbMetrics.Metric.DataOneofCase.Sum:
                foreach (var p in metric.Sum.DataPoints)
                {
                    AddPoint(result, metric, p.TimeUnixNano, Number(metric, resource, MetricKind.Sum, (int)metric.Sum.AggregationTemporality, metric.Sum.IsMonotonic, p));
                }

                break;
            case PbMetrics.Metric.DataOneofCase.Histogram:
                foreach (var p in metric.Histogram.DataPoints)
                {
                    var record = Point(metric, resource, MetricKind.Histogram, (int)metric.Histogram.AggregationTemporality, p.Attributes, p.StartTimeUnixNano, p.TimeUnixNano, p.Flags);
                    record.Value = p.HasSum ? p.Sum : 0;
                    record.Count = p.Count;
                    record.ExplicitBounds = [.. p.ExplicitBounds];
                    record.BucketCounts = [.. p.BucketCounts];
                    AddPoint(result, metric, p.TimeUnixNano, record);
                }

                break;
            case PbMetrics.Metric.DataOneofCase.ExponentialHistogram:
                foreach (var p in metric.ExponentialHistogram.DataPoints)
                {
                    var record = Point(metric, resource, MetricKind.ExponentialHistogram, (int)metric.ExponentialHistogram.AggregationTemporality, p.Attributes, p.StartTimeUnixNano, p.TimeUnixNano, p.Flags);
                    record.Value = p.HasSum ? p.Sum : 0;
                    record.Count = p.Count;
                    AddPoint(result, metric, p.TimeUnixNano, record);
                }

                break;
            case PbMetrics.Metric.DataOneofCase.Summary:
                foreach (var p in metric.Summary.DataPoints)
                {
                    var record = Point(metric, resource, MetricKind.Summary, 0, p.Attributes, p.StartTimeUnixNano, p.TimeUnixNano, p.Flags);
                    record.Value = p.Sum;
                    record.Count = p.Count;
                    AddPoint(result, metric, p.TimeUnixNano, record);
                }

                break;
            default:
                break;
        }
    }

    private static void AddPoint(DecodeResult result, PbMetrics.Metric metric, ulong time, MetricPointRecord record)
    {
        result.Received++;
        if (metric.Name.Length == 0)
        {
            result.Rejections.Add("metric point: the metric has no name");
        }
        else if (time == 0)
        {
            result.Rejections.Add($"metric point of '{metric.Name}': time_unix_nano is required");
        }
        else if (MetricChecks.Error(record) is { } error)
        {
            result.Rejections.Add($"metric point of '{metric.Name}': {error}");
        }
        else
        {
            result.Batch.Metrics.Add(record);
        }
    }

    private static MetricPointRecord Number(PbMetrics.Metric metric, ResourceInfo resource, MetricKind kind, int temporality, bool monotonic, PbMetrics.NumberDataPoint p)
    {
        var record = Point(metric, resource, kind, temporality, p.Attributes, p.StartTimeUnixNano, p.TimeUnixNano, p.Flags);
        record.IsMonotonic = monotonic;
        record.Value = p.ValueCase == PbMetrics.NumberDataPoint.ValueOneofCase.AsInt ? p.AsInt : p.AsDouble;
        return record;
    }

    private static MetricPointRecord Point(PbMetrics.Metric metric, ResourceInfo resource, MetricKind kind, int temporality, RepeatedField<PbCommon.KeyValue> attributes, ulong start, ulong time, uint flags) => new()
    {
        Name = metric.Name,
        Description = metric.Description,
        Unit = metric.Unit,
        Kind = kind,
        Temporality = temporality,
        Attributes = MapAttributes(attributes),
        Resource = resource,
        StartTimeUnixNano = (long)start,
        TimeUnixNano = (long)time,
        Flags = flags,
    };

    private static SpanRecord MapSpan(PbTrace.Span span, ResourceInfo resource, ScopeInfo scope)
    {
        var parent = span.ParentSpanId.Span;
        var record = new SpanRecord
        {
            TraceId = OtlpIds.ToHex(span.TraceId.Span),
            SpanId = OtlpIds.ToHex(span.SpanId.Span),
            ParentSpanId = parent.IndexOfAnyExcept((byte)0) >= 0 ? OtlpIds.ToHex(parent) : null,
            TraceState = span.TraceState,
            Flags = span.Flags,
            Name = span.Name,
            Kind = (SpanKindCode)(int)span.Kind,
            StartTimeUnixNano = (long)span.StartTimeUnixNano,
            EndTimeUnixNano = (long)span.EndTimeUnixNano,
            Attributes = MapAttributes(span.Attributes),
            DroppedAttributesCount = span.DroppedAttributesCount,
            DroppedEventsCount = span.DroppedEventsCount,
            DroppedLinksCount = span.DroppedLinksCount,
            Resource = resource,
            Scope = scope,
        };

        if (span.Status is { } status)
        {
            record.StatusCode = (StatusCodeValue)(int)status.Code;
            record.StatusMessage = status.Message;
        }

        var events = span.Events;
        if (events.Count > 0)
        {
            var list = new List<SpanEvent>(events.Count);
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                list.Add(new SpanEvent
                {
                    TimeUnixNano = (long)e.TimeUnixNano,
                    Name = e.Name,
                    Attributes = MapAttributes(e.Attributes),
                    DroppedAttributesCount = e.DroppedAttributesCount,
                });
            }

            record.Events = list;
        }

        var links = span.Links;
        if (links.Count > 0)
        {
            var list = new List<SpanLink>(links.Count);
            for (var i = 0; i < links.Count; i++)
            {
                var l = links[i];
                list.Add(new SpanLink
                {
                    TraceId = OtlpIds.ToHex(l.TraceId.Span),
                    SpanId = OtlpIds.ToHex(l.SpanId.Span),
                    TraceState = l.TraceState,
                    Flags = l.Flags,
                    Attributes = MapAttributes(l.Attributes),
                    DroppedAttributesCount = l.DroppedAttributesCount,
                });
            }

            record.Links = list;
        }

        return record;
    }

    public static ResourceInfo MapResource(PbResource.Resource? resource, string schemaUrl) => new()
    {
        Attributes = resource is null ? [] : MapAttributes(resource.Attributes),
        SchemaUrl = schemaUrl,
    };

    public static ScopeInfo MapScope(PbCommon.InstrumentationScope? scope) => scope is null
        ? ScopeInfo.Unknown
        : new ScopeInfo { Name = scope.Name, Version = scope.Version, Attributes = MapAttributes(scope.Attributes) };

    public static AttributeList MapAttributes(RepeatedField<PbCommon.KeyValue> attributes)
    {
        var list = new AttributeList(attributes.Count);
        for (var i = 0; i < attributes.Count; i++)
        {
            var kv = attributes[i];
            list.Add(kv.Key, kv.Value is null ? AttrValue.Empty : MapValue(kv.Value));
        }

        return list;
    }

    public static AttrValue MapValue(PbCommon.AnyValue value)
    {
        switch (value.ValueCase)
        {
            case PbCommon.AnyValue.ValueOneofCase.StringValue:
                return AttrValue.Of(value.StringValue);
            case PbCommon.AnyValue.ValueOneofCase.IntValue:
                return AttrValue.Of(value.IntValue);
            case PbCommon.AnyValue.ValueOneofCase.DoubleValue:
                return AttrValue.Of(value.DoubleValue);
            case PbCommon.AnyValue.ValueOneofCase.BoolValue:
                return value.BoolValue ? True : False;
            case PbCommon.AnyValue.ValueOneofCase.BytesValue:
                return AttrValue.OfBytes(value.BytesValue.ToByteArray());
            case PbCommon.AnyValue.ValueOneofCase.ArrayValue:
                {
                    var values = value.ArrayValue.Values;
                    var items = new AttrValue[values.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = MapValue(values[i]);
                    }

                    return AttrValue.Of(items);
                }

            case PbCommon.AnyValue.ValueOneofCase.KvlistValue:
                return AttrValue.Of((IReadOnlyList<KeyValuePair<string, AttrValue>>)MapAttributes(value.KvlistValue.Values));
            default:
                return AttrValue.Empty;
        }
    }
}
