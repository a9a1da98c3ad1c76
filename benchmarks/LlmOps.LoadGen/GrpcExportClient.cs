using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace LlmOps.LoadGen;

/// <summary>OTLP/gRPC unary Export over HttpClient (HTTP/2 cleartext, prior knowledge) with hand-written framing.</summary>
internal sealed class GrpcExportClient : IDisposable
{
    private const string TracePath = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    private static readonly MediaTypeHeaderValue GrpcType = new("application/grpc");
    private readonly HttpClient _http;
    private readonly Uri _uri;
    private readonly bool _gzip;

    public GrpcExportClient(Uri endpoint, bool gzip)
    {
        _http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        _uri = new Uri(endpoint, TracePath);
        _gzip = gzip;
    }

    /// <summary>Sends one request; returns the gRPC status (0 = OK) or -1 on a transport error.</summary>
    public async Task<int> ExportAsync(byte[] message, CancellationToken cancellationToken)
    {
        var payload = message;
        if (_gzip)
        {
            using var ms = new MemoryStream();
            using (var z = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(message);
            }

            payload = ms.ToArray();
        }

        var frame = new byte[5 + payload.Length];
        frame[0] = _gzip ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(5));

        using var request = new HttpRequestMessage(HttpMethod.Post, _uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = GrpcType;
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        if (_gzip)
        {
            request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return -(int)response.StatusCode;
            }

            _ = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var headers = response.TrailingHeaders.Contains("grpc-status") ? (HttpHeaders)response.TrailingHeaders : response.Headers;
            return headers.TryGetValues("grpc-status", out var values) && int.TryParse(values.First(), out var status) ? status : -2;
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }

    public void Dispose() => _http.Dispose();
}
