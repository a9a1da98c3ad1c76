using System.Buffers;
using System.Text;
using System.Text.Json;

namespace LlmOps.Storage.Internal;

/// <summary>A reusable buffer and writer for the JSON columns of one batch (one instance per writer, not thread-safe).</summary>
internal sealed class JsonScratch : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    public JsonScratch() => _writer = new Utf8JsonWriter(_buffer, Options);

    public string Write<T>(T state, Action<Utf8JsonWriter, T> write)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        write(_writer, state);
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    /// <summary>The bytes of the last <see cref="Write{T}"/> (valid until the next call).</summary>
    public ReadOnlySpan<byte> LastWritten => _buffer.WrittenSpan;

    public void Dispose() => _writer.Dispose();
}
