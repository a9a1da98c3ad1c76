using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LlmOps.Collector.Receivers;

/// <summary>
/// Reads request bodies into pooled buffers with a hard limit (Content-Length is checked first but not trusted: the
/// bytes are counted as they arrive), and inflates gzip with the same limit on the decompressed size.
/// </summary>
internal static class RequestBody
{
    public static async Task<(BodyReadStatus Status, PooledBuffer? Buffer)> ReadAsync(HttpContext context, int limit, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return (BodyReadStatus.TooLarge, null);
        }

        // Our own limit governs; Kestrel's default (30 MB) would otherwise throw for larger configured limits.
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        var buffer = new PooledBuffer((int)Math.Min(request.ContentLength ?? 64 * 1024, limit + 1L));
        try
        {
            while (true)
            {
                buffer.Grow(limit + 1);
                var read = await request.Body.ReadAsync(buffer.Free, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                buffer.Length += read;
                if (buffer.Length > limit)
                {
                    buffer.Dispose();
                    return (BodyReadStatus.TooLarge, null);
                }
            }

            return (BodyReadStatus.Ok, buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Inflates gzip data; <see cref="BodyReadStatus.Malformed"/> when it is not valid gzip. <see cref="GZipStream"/>
    /// reports the end of data when its input ends early, so the trailer is checked here: the last 8 bytes must be the
    /// CRC32 and size (ISIZE) of the last member's output, which a cut body fails (the output of the last member is the
    /// final ISIZE bytes, so concatenated members are checked too).
    /// </summary>
    public static (BodyReadStatus Status, PooledBuffer? Buffer) Gunzip(ReadOnlyMemory<byte> compressed, int limit)
    {
        var output = new PooledBuffer((int)Math.Min(compressed.Length * 4L, limit + 1L));
        try
        {
            using var source = MemoryMarshal.TryGetArray(compressed, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(compressed.ToArray(), writable: false);
            using var gzip = new GZipStream(source, CompressionMode.Decompress);
            while (true)
            {
                output.Grow(limit + 1);
                var read = gzip.Read(output.Free.Span);
                if (read == 0)
                {
                    break;
                }

                output.Length += read;
                if (output.Length > limit)
                {
                    output.Dispose();
                    return (BodyReadStatus.TooLarge, null);
                }
            }

            if (!TrailerMatches(compressed.Span, output.Span))
            {
                output.Dispose();
                return (BodyReadStatus.Malformed, null);
            }

            return (BodyReadStatus.Ok, output);
        }
        catch (InvalidDataException)
        {
            output.Dispose();
            return (BodyReadStatus.Malformed, null);
        }
    }

    private static bool TrailerMatches(ReadOnlySpan<byte> compressed, ReadOnlySpan<byte> output)
    {
        // 10-byte header + at least an empty deflate block (2 bytes) + 8-byte trailer.
        if (compressed.Length < 20)
        {
            return false;
        }

        var crc = BinaryPrimitives.ReadUInt32LittleEndian(compressed[^8..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(compressed[^4..]);
        return size <= (uint)output.Length && System.IO.Hashing.Crc32.HashToUInt32(output[(output.Length - (int)size)..]) == crc;
    }
}
