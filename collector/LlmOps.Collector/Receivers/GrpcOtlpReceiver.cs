using System.Buffers.Binary;
using System.Globalization;
using LlmOps.Collector.Diagnostics;
using LlmOps.Collector.Hosting;
using LlmOps.Collector.Otlp;
using LlmOps.Processors.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Receivers;

/// <summary>
/// OTLP/gRPC on plain Kestrel (HTTP/2 cleartext): the unary <c>Export</c> of the trace, metrics and logs services.
/// One length-prefixed message in (flag byte + 4-byte big-endian length, gzip when <c>grpc-encoding: gzip</c>), one
/// out, <c>grpc-status</c> in trailers. Errors are trailers-only responses (HTTP 200, status in the headers), except
/// the retryable ones that carry a <c>RetryInfo</c>: those send empty headers and the status in real trailers,
/// because the OpenTelemetry .NET exporter reads <c>grpc-status-details-bin</c> only from trailers.
/// </summary>
internal sealed partial class GrpcOtlpReceiver(OtlpIngestor ingestor, CollectorOptions options, IngestKeyCheck keyCheck, ILogger<GrpcOtlpReceiver> logger)
{
    public const string TracePath = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    public const string MetricsPath = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";
    public const string LogsPath = "/opentelemetry.proto.collector.logs.v1.LogsService/Export";
    private const string GrpcContentType = "application/grpc";
    private const string AcceptEncoding = "identity,gzip";
    private const int FrameHeader = 5;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var response = context.Response;
        OtlpSignal signal;
        switch (request.Path.Value)
        {
            case TracePath:
                signal = OtlpSignal.Traces;
                break;
            case MetricsPath:
                signal = OtlpSignal.Metrics;
                break;
            case LogsPath:
                signal = OtlpSignal.Logs;
                break;
            default:
                TrailersOnly(response, GrpcStatusCode.Unimplemented, $"unknown method '{request.Path.Value}': this server implements the OTLP trace, metrics and logs Export methods");
                return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "POST";
            return;
        }

        if (await keyCheck.CheckAsync(request, context.RequestAborted).ConfigureAwait(false) is { } refused)
        {
            // Refused before the message is read: nothing of it reaches the pipeline.
            ingestor.Metrics.InvalidRequest(MetricNames.Grpc, refused.Reason);
            TrailersOnly(response, refused.GrpcCode, refused.Message);
            return;
        }

        var contentType = request.ContentType ?? string.Empty;
        if (!(string.Equals(contentType, GrpcContentType, StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/grpc+proto", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/grpc;", StringComparison.OrdinalIgnoreCase)))
        {
            ingestor.Metrics.InvalidRequest(MetricNames.Grpc, MetricNames.UnsupportedMediaType);
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            response.Headers["grpc-status"] = ((int)GrpcStatusCode.Internal).ToString(CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = GrpcMessageEncoding.Encode($"unsupported content type '{contentType}': use application/grpc");
            return;
        }

        var aborted = context.RequestAborted;
        var (status, body) = await RequestBody.ReadAsync(context, options.MaxRequestBodyBytes + FrameHeader, aborted).ConfigureAwait(false);
        using (body)
        {
            if (status == BodyReadStatus.TooLarge)
            {
                ingestor.Metrics.InvalidRequest(MetricNames.Grpc, MetricNames.TooLarge);
                TrailersOnly(response, GrpcStatusCode.ResourceExhausted, TooLargeMessage());
                return;
            }

            var frame = body!.Memory;
            if (frame.Length < FrameHeader)
            {
                Malformed(response, "the request has no gRPC message (5-byte length prefix expected)");
                return;
            }

            var compressed = frame.Span[0];
            var length = BinaryPrimitives.ReadUInt32BigEndian(frame.Span[1..FrameHeader]);
            if (compressed > 1)
            {
                Malformed(response, "invalid gRPC compressed flag");
                return;
            }

            if (length != frame.Length - FrameHeader)
            {
                Malformed(response, string.Create(CultureInfo.InvariantCulture, $"the gRPC frame declares {length} bytes but {frame.Length - FrameHeader} follow (a unary call carries exactly one message)"));
                return;
            }

            var payload = frame[FrameHeader..];
            PooledBuffer? inflated = null;
            if (compressed == 1)
            {
                var encoding = request.Headers["grpc-encoding"].ToString();
                if (!string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase))
                {
                    response.Headers["grpc-accept-encoding"] = AcceptEncoding;
                    TrailersOnly(response, encoding.Length == 0 ? GrpcStatusCode.Internal : GrpcStatusCode.Unimplemented, $"unsupported grpc-encoding '{encoding}' for a compressed message: use gzip");
                    return;
                }

                (status, inflated) = RequestBody.Gunzip(payload, options.MaxRequestBodyBytes);
                if (status == BodyReadStatus.TooLarge)
                {
                    ingestor.Metrics.InvalidRequest(MetricNames.Grpc, MetricNames.TooLarge);
                    TrailersOnly(response, GrpcStatusCode.ResourceExhausted, TooLargeMessage());
                    return;
                }

                if (status == BodyReadStatus.Malformed)
                {
                    Malformed(response, "the message is not valid gzip: corrupt or truncated (the CRC32 and size trailer is missing or does not match)");
                    return;
                }

                payload = inflated!.Memory;
            }

            DecodeResult? result;
            string error;
            using (inflated)
            {
                result = OtlpIngestor.TryDecode(signal, json: false, payload, out error);
            }

            if (result is null)
            {
                Malformed(response, error);
                return;
            }

            IngestOutcome outcome;
            try
            {
                outcome = await ingestor.SubmitAsync(signal, MetricNames.Grpc, result, aborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                return;
            }

            if (outcome.Status != IngestStatus.Accepted)
            {
                var delay = outcome.RetryAfter > TimeSpan.Zero ? outcome.RetryAfter : options.RetryAfter;
                await RetryableAsync(response, outcome.Message ?? "temporarily unavailable; retry", delay).ConfigureAwait(false);
                return;
            }

            var message = OtlpResponses.Protobuf(signal, result.Rejections);
            var output = new byte[FrameHeader + message.Length];
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1, 4), (uint)message.Length);
            message.CopyTo(output.AsSpan(FrameHeader));
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = GrpcContentType;
            response.Headers["grpc-accept-encoding"] = AcceptEncoding;
            response.DeclareTrailer("grpc-status");
            await response.Body.WriteAsync(output, aborted).ConfigureAwait(false);
            response.AppendTrailer("grpc-status", "0");
        }
    }

    private string TooLargeMessage() =>
        string.Create(CultureInfo.InvariantCulture, $"the request message exceeds the limit of {options.MaxRequestBodyBytes} bytes");

    private void Malformed(HttpResponse response, string message)
    {
        ingestor.Metrics.InvalidRequest(MetricNames.Grpc, MetricNames.Malformed);
        LogMalformed(logger, message);
        TrailersOnly(response, GrpcStatusCode.InvalidArgument, message);
    }

    /// <summary>A trailers-only error: HTTP 200 with the gRPC status in the only HEADERS frame, no body.</summary>
    private static void TrailersOnly(HttpResponse response, GrpcStatusCode code, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcContentType;
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = GrpcMessageEncoding.Encode(message);
    }

    /// <summary>UNAVAILABLE with a <c>google.rpc.RetryInfo</c>, the status in trailers after empty headers.</summary>
    private static async Task RetryableAsync(HttpResponse response, string message, TimeSpan delay)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcContentType;
        response.Headers["grpc-accept-encoding"] = AcceptEncoding;
        response.DeclareTrailer("grpc-status");
        await response.StartAsync().ConfigureAwait(false);
        response.AppendTrailer("grpc-status", ((int)GrpcStatusCode.Unavailable).ToString(CultureInfo.InvariantCulture));
        response.AppendTrailer("grpc-message", GrpcMessageEncoding.Encode(message));
        response.AppendTrailer("grpc-status-details-bin", Convert.ToBase64String(RpcStatusEncoder.Encode(GrpcStatusCode.Unavailable, message, delay)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a malformed gRPC request: {Error}")]
    private static partial void LogMalformed(ILogger logger, string error);
}
