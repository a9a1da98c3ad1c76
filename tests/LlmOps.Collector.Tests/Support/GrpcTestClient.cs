using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace LlmOps.Collector.Tests.Support;

/// <summary>A hand-written OTLP/gRPC client (HTTP/2 cleartext, length-prefixed frames) for poking at the receiver.</summary>
internal sealed class GrpcTestClient : IDisposable
{
    public const string TracePath = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    public const string LogsPath = "/opentelemetry.proto.collector.logs.v1.LogsService/Export";
    public const string MetricsPath = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";

    private readonly HttpClient _http = new(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(30) };

    public static byte[] Frame(byte[] message, bool gzip)
    {
        var payload = message;
        if (gzip)
        {
            using var ms = new MemoryStream();
            using (var z = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(message);
            }

            payload = ms.ToArray();
        }

        var frame = new byte[5 + payload.Length];
        frame[0] = gzip ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public Task<GrpcResult> ExportAsync(int port, string path, byte[] message, bool gzip = false, IReadOnlyDictionary<string, string>? metadata = null) =>
        SendAsync(port, path, Frame(message, gzip), gzip ? "gzip" : null, metadata: metadata);

    public async Task<GrpcResult> SendAsync(int port, string path, byte[] body, string? grpcEncoding = null, string contentType = "application/grpc", IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}{path}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (grpcEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-encoding", grpcEncoding);
        }

        using var response = await _http.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));
        var bytes = await response.Content.ReadAsByteArrayAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var trailersOnly = !response.TrailingHeaders.Contains("grpc-status");
        var source = trailersOnly ? (HttpHeaders)response.Headers : response.TrailingHeaders;
        int? status = source.TryGetValues("grpc-status", out var s) ? int.Parse(s.First(), System.Globalization.CultureInfo.InvariantCulture) : null;
        var message = source.TryGetValues("grpc-message", out var m) ? Uri.UnescapeDataString(m.First()) : null;
        var details = source.TryGetValues("grpc-status-details-bin", out var d) ? d.First() : null;
        var payload = bytes.Length >= 5 ? bytes[5..] : [];
        return new GrpcResult((int)response.StatusCode, status, message, details, payload, trailersOnly);
    }

    public void Dispose() => _http.Dispose();
}
