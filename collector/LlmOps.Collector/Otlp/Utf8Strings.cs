using System.Text;

namespace LlmOps.Collector.Otlp;

/// <summary>
/// UTF-8 for the trace wire decoder's strings: invalid bytes become U+FFFD, one per invalid sequence, exactly as with
/// <see cref="Encoding.UTF8"/> (and the generated parser), and the decoder notes that it replaced something. The note
/// is taken in the decoder's fallback, which .NET calls only for invalid bytes, so a valid string is decoded as fast as
/// before and nothing reads it twice. The note is per thread: one request is decoded on one thread.
/// </summary>
internal static class Utf8Strings
{
    [ThreadStatic]
    private static bool _replaced;

    /// <summary>UTF-8 with replacement characters that sets the current thread's note when it replaces.</summary>
    public static readonly Encoding Encoding = Encoding.GetEncoding(Encoding.UTF8.CodePage, EncoderFallback.ReplacementFallback, new NotingFallback());

    /// <summary>True when a string decoded on this thread since the last call had invalid UTF-8; clears the note.</summary>
    public static bool TakeReplaced()
    {
        var replaced = _replaced;
        _replaced = false;
        return replaced;
    }

    private sealed class NotingFallback : DecoderFallback
    {
        public override int MaxCharCount => 1;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new NotingFallbackBuffer();
    }

    /// <summary>Gives one U+FFFD per invalid sequence, as the default replacement fallback does.</summary>
    private sealed class NotingFallbackBuffer : DecoderFallbackBuffer
    {
        private bool _active;
        private int _left;

        public override int Remaining => _left;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            _replaced = true;
            _active = true;
            _left = 1;
            return true;
        }

        public override char GetNextChar()
        {
            if (_left == 0)
            {
                return '\0';
            }

            _left = 0;
            return '\uFFFD';
        }

        public override bool MovePrevious()
        {
            if (!_active || _left != 0)
            {
                return false;
            }

            _left = 1;
            return true;
        }

        public override void Reset()
        {
            _active = false;
            _left = 0;
        }
    }
}
