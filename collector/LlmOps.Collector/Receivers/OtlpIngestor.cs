using System.Text.Json;
using Google.Protobuf;
using LlmOps.Collector.Diagnostics;
using LlmOps.Collector.Otlp;
using LlmOps.Processors.Pipeline;

namespace LlmOps.Collector.Receivers;

/// <summary>What both receivers share: decode a payload, count it, hand the valid items to the ingest sink.</summary>
internal sealed class OtlpIngestor(IIngestSink sink, CollectorMetrics metrics)
{
    public CollectorMetrics Metrics => metrics;

    /// <summary>Decodes a protobuf or JSON payload; null with <paramref name="error"/> set when it is malformed.</summary>
    public static DecodeResult? TryDecode(OtlpSignal signal, bool json, ReadOnlyMemory<byte> payload, out string error)
    {
        try
        {
            error = string.Empty;
            if (json)
            {
                return OtlpJsonDecoder.Decode(signal, payload);
            }

            return signal switch
            {
                OtlpSignal.Traces => OtlpTraceWireDecoder.DecodeTraces(payload.Span),
                OtlpSignal.Logs => OtlpProtoDecoder.DecodeLogs(payload.Span),
                _ => OtlpProtoDecoder.DecodeMetrics(payload.Span),
            };
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or MalformedProtobufException)
        {
            // The generated parser (logs, metrics) and the trace wire decoder.
            error = "malformed protobuf: " + ex.Message;
        }
        catch (JsonException ex)
        {
            error = "malformed JSON: " + ex.Message;
        }
        catch (FormatException ex)
        {
            error = "invalid OTLP/JSON: " + ex.Message;
        }
        catch (InvalidOperationException ex)
        {
            error = "invalid OTLP/JSON: " + ex.Message;
        }

        return null;
    }

    public ValueTask<IngestOutcome> SubmitAsync(OtlpSignal signal, string protocol, DecodeResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = SignalName(signal);
        metrics.Received(name, protocol, result.Received);
        metrics.Rejected(name, protocol, result.Rejections.Count);
        if (result.Batch.IsEmpty)
        {
            return ValueTask.FromResult(IngestOutcome.Accepted);
        }

        var pending = sink.SubmitAsync(result.Batch, cancellationToken);
        return pending.IsCompletedSuccessfully ? ValueTask.FromResult(Refusals(pending.Result)) : AwaitAsync(pending);

        async ValueTask<IngestOutcome> AwaitAsync(ValueTask<IngestOutcome> submitted) => Refusals(await submitted.ConfigureAwait(false));

        // Items the store refused join the request's partial success, after those the decoder rejected.
        IngestOutcome Refusals(IngestOutcome outcome)
        {
            if (outcome.Rejected > 0)
            {
                metrics.Rejected(name, protocol, outcome.Rejected);
                result.Rejections.Add(outcome.Rejected, outcome.Message ?? "refused by the store");
            }

            return outcome;
        }
    }

    public static string SignalName(OtlpSignal signal) => signal switch
    {
        OtlpSignal.Traces => MetricNames.Traces,
        OtlpSignal.Logs => MetricNames.Logs,
        _ => MetricNames.Metrics,
    };
}
