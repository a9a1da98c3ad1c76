using System.Globalization;
using LlmOps.Collector.Diagnostics;
using LlmOps.Collector.Hosting;
using LlmOps.Collector.Otlp;
using LlmOps.Processors.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Receivers;

/// <summary>
/// OTLP/HTTP on its own port: <c>POST /v1/traces|metrics|logs</c>, <c>application/x-protobuf</c> or
/// <c>application/json</c>, optionally gzip. Answers in the request's encoding: 200 with partial_success, 400 with a
/// Status for malformed payloads, 401/403 without a valid ingest key when the key check is on, 413 over the size limit, 415 for other media types or encodings, 503 with Retry-After when the
/// pipeline is full or storing failed (retryable, nothing acknowledged), 404 for other paths and 405 for other methods;
/// every error body is a google.rpc.Status (JSON for JSON requests, else protobuf).
/// </summary>
internal sealed partial class HttpOtlpReceiver(OtlpIngestor ingestor, CollectorOptions options, IngestKeyCheck keyCheck, ILogger<HttpOtlpReceiver> logger)
{
    private const string ProtobufType = "application/x-protobuf";
    private const string JsonType = "application/json";

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var response = context.Response;

        // Error bodies are a google.rpc.Status in the request's encoding: JSON for JSON requests, else protobuf.
        var asJson = string.Equals(MediaType(request.ContentType), JsonType, StringComparison.OrdinalIgnoreCase);
        OtlpSignal signal;
        switch (request.Path.Value)
        {
            case "/v1/traces":
                signal = OtlpSignal.Traces;
                break;
            case "/v1/metrics":
                signal = OtlpSignal.Metrics;
                break;
            case "/v1/logs":
                signal = OtlpSignal.Logs;
                break;
            default:
                await WriteStatusAsync(response, asJson, StatusCodes.Status404NotFound, GrpcStatusCode.Unimplemented, "not found: OTLP/HTTP serves POST /v1/traces, /v1/metrics and /v1/logs", null).ConfigureAwait(false);
                return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            response.Headers.Allow = "POST";
            await WriteStatusAsync(response, asJson, StatusCodes.Status405MethodNotAllowed, GrpcStatusCode.Unimplemented, "method not allowed: use POST", null).ConfigureAwait(false);
            return;
        }

        if (await keyCheck.CheckAsync(request, context.RequestAborted).ConfigureAwait(false) is { } refused)
        {
            // Refused before the body is read: nothing of it reaches the pipeline.
            ingestor.Metrics.InvalidRequest(asJson ? MetricNames.HttpJson : MetricNames.HttpProtobuf, refused.Reason);
            if (refused.HttpStatus == StatusCodes.Status401Unauthorized)
            {
                response.Headers.WWWAuthenticate = "Bearer";
            }

            await WriteStatusAsync(response, asJson, refused.HttpStatus, refused.GrpcCode, refused.Message, null).ConfigureAwait(false);
            return;
        }

        bool json;
        string protocol;
        if (string.Equals(MediaType(request.ContentType), ProtobufType, StringComparison.OrdinalIgnoreCase))
        {
            json = false;
            protocol = MetricNames.HttpProtobuf;
        }
        else if (asJson)
        {
            json = true;
            protocol = MetricNames.HttpJson;
        }
        else
        {
            ingestor.Metrics.InvalidRequest(MetricNames.Http, MetricNames.UnsupportedMediaType);
            await WriteStatusAsync(response, false, StatusCodes.Status415UnsupportedMediaType, GrpcStatusCode.Unimplemented, $"unsupported content type '{request.ContentType}': use {ProtobufType} or {JsonType}", null).ConfigureAwait(false);
            return;
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        var gzip = string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !string.Equals(encoding, "identity", StringComparison.OrdinalIgnoreCase))
        {
            ingestor.Metrics.InvalidRequest(protocol, MetricNames.UnsupportedMediaType);
            await WriteStatusAsync(response, json, StatusCodes.Status415UnsupportedMediaType, GrpcStatusCode.Unimplemented, $"unsupported content encoding '{encoding}': use gzip or none", null).ConfigureAwait(false);
            return;
        }

        var aborted = context.RequestAborted;
        var (status, body) = await RequestBody.ReadAsync(context, options.MaxRequestBodyBytes, aborted).ConfigureAwait(false);
        using (body)
        {
            if (status == BodyReadStatus.TooLarge)
            {
                ingestor.Metrics.InvalidRequest(protocol, MetricNames.TooLarge);
                await WriteStatusAsync(response, json, StatusCodes.Status413PayloadTooLarge, GrpcStatusCode.ResourceExhausted, TooLargeMessage(), null).ConfigureAwait(false);
                return;
            }

            var payload = body!.Memory;
            PooledBuffer? inflated = null;
            if (gzip)
            {
                (status, inflated) = RequestBody.Gunzip(payload, options.MaxRequestBodyBytes);
                if (status != BodyReadStatus.Ok)
                {
                    ingestor.Metrics.InvalidRequest(protocol, status == BodyReadStatus.TooLarge ? MetricNames.TooLarge : MetricNames.Malformed);
                    await (status == BodyReadStatus.TooLarge
                        ? WriteStatusAsync(response, json, StatusCodes.Status413PayloadTooLarge, GrpcStatusCode.ResourceExhausted, TooLargeMessage(), null)
                        : WriteStatusAsync(response, json, StatusCodes.Status400BadRequest, GrpcStatusCode.InvalidArgument, "the body is not valid gzip: corrupt or truncated (the CRC32 and size trailer is missing or does not match)", null)).ConfigureAwait(false);
                    return;
                }

                payload = inflated!.Memory;
            }

            DecodeResult? result;
            string error;
            using (inflated)
            {
                result = OtlpIngestor.TryDecode(signal, json, payload, out error);
            }

            if (result is null)
            {
                ingestor.Metrics.InvalidRequest(protocol, MetricNames.Malformed);
                LogMalformed(logger, protocol, error);
                await WriteStatusAsync(response, json, StatusCodes.Status400BadRequest, GrpcStatusCode.InvalidArgument, error, null).ConfigureAwait(false);
                return;
            }

            IngestOutcome outcome;
            try
            {
                outcome = await ingestor.SubmitAsync(signal, protocol, result, aborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                return;
            }

            if (outcome.Status == IngestStatus.Accepted)
            {
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = json ? JsonType : ProtobufType;
                var bytes = json ? OtlpResponses.Json(signal, result.Rejections) : OtlpResponses.Protobuf(signal, result.Rejections);
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes, aborted).ConfigureAwait(false);
                return;
            }

            var delay = outcome.RetryAfter > TimeSpan.Zero ? outcome.RetryAfter : options.RetryAfter;
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await WriteStatusAsync(response, json, StatusCodes.Status503ServiceUnavailable, GrpcStatusCode.Unavailable, outcome.Message ?? "temporarily unavailable; retry", delay).ConfigureAwait(false);
        }
    }

    private string TooLargeMessage() =>
        string.Create(CultureInfo.InvariantCulture, $"the request body exceeds the limit of {options.MaxRequestBodyBytes} bytes");

    private static string MediaType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return string.Empty;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
    }

    private static async Task WriteStatusAsync(HttpResponse response, bool json, int httpStatus, GrpcStatusCode code, string message, TimeSpan? retryDelay)
    {
        response.StatusCode = httpStatus;
        response.ContentType = json ? JsonType : ProtobufType;
        var bytes = json ? OtlpResponses.StatusJson(code, message) : RpcStatusEncoder.Encode(code, message, retryDelay);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a malformed {Protocol} request: {Error}")]
    private static partial void LogMalformed(ILogger logger, string protocol, string error);
}
