using System.Buffers;

namespace LlmOps.Collector.Receivers;

/// <summary>A growable byte buffer rented from the shared pool; return it with <see cref="Dispose"/>.</summary>
internal sealed class PooledBuffer : IDisposable
{
    private byte[] _array;

    public PooledBuffer(int initialSize) => _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialSize, 256));

    public int Length { get; set; }

    public Memory<byte> Free => _array.AsMemory(Length);

    public ReadOnlySpan<byte> Span => _array.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    /// <summary>Makes room for at least one more byte, doubling up to <paramref name="max"/> bytes in all.</summary>
    public void Grow(int max)
    {
        if (Length < _array.Length)
        {
            return;
        }

        var next = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_array.Length * 2, Math.Max(max, _array.Length + 1)));
        _array.AsSpan(0, Length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_array);
        _array = next;
    }

    public void Dispose()
    {
        var array = _array;
        _array = [];
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
