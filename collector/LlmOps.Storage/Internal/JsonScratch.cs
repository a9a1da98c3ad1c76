using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LlmOps.Storage.Internal;

/// <summary>A reusable buffer and writer for the JSON columns of one batch (one instance per writer, not thread-safe).</summary>
internal sealed class JsonScratch : IDisposable
{
    // Quotes and non-ASCII text are written as they are ("\"", not "\u0022"): the JSON is stored, never embedded in
    // HTML, and captured messages are themselves JSON, so the default escaping made rows a third larger.
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    public JsonScratch() => _writer = new Utf8JsonWriter(_buffer, Options);

    public string Write<T>(T state, Action<Utf8JsonWriter, T> write) => Encoding.UTF8.GetString(WriteUtf8(state, write));

    /// <summary>Writes the JSON and returns its UTF-8 bytes, valid until the next write.</summary>
    public ReadOnlySpan<byte> WriteUtf8<T>(T state, Action<Utf8JsonWriter, T> write)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        write(_writer, state);
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    /// <summary>The bytes of the last <see cref="Write{T}"/> (valid until the next call).</summary>
    public ReadOnlySpan<byte> LastWritten => _buffer.WrittenSpan;

    public void Dispose() => _writer.Dispose();
}
