using Microsoft.AspNetCore.Http.Features;

namespace LlmOps.Collector.Hosting;

/// <summary>
/// <c>HEAD</c> on the query and management APIs (<c>/api/</c>): the request is routed and answered as the
/// <c>GET</c> it asks about (same status and headers: a GET endpoint changes nothing, and a path without one answers
/// as its GET would), with the body counted and dropped, then sent with <c>Content-Length</c> set to the GET body's
/// length when the endpoint did not set it. Runs before routing, which then matches the <c>GET</c> endpoint.
/// </summary>
internal static class HeadAsGet
{
    public static bool Applies(HttpContext context) =>
        HttpMethods.IsHead(context.Request.Method) && context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal);

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var features = context.Features;
        var original = features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var counter = new CountingStream();
        var body = new StreamResponseBodyFeature(counter, original);
        features.Set<IHttpResponseBodyFeature>(body);
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next().ConfigureAwait(false);
            await body.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            features.Set(original);
        }

        var response = context.Response;
        if (!response.HasStarted
            && response.ContentLength is null
            && response.Headers.TransferEncoding.Count == 0
            && response.StatusCode is not (StatusCodes.Status204NoContent or StatusCodes.Status304NotModified))
        {
            response.ContentLength = counter.Length;
        }
    }

    /// <summary>Counts what is written and keeps none of it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
