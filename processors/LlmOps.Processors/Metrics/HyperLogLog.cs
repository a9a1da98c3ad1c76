using System.Numerics;

namespace LlmOps.Processors.Metrics;

/// <summary>
/// A HyperLogLog distinct counter (precision 14: 16 KiB, about 0.8% standard error) with linear counting for small
/// cardinalities. Memory stays bounded however many distinct values are added. Not thread-safe.
/// </summary>
internal sealed class HyperLogLog
{
    private const int Precision = 14;
    private const int RegisterCount = 1 << Precision;
    private readonly byte[] _registers = new byte[RegisterCount];

    public void Add(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var h = Hash(value);
        var index = (int)(h >> (64 - Precision));
        var w = (h << Precision) | (1UL << (Precision - 1));
        var rank = (byte)(BitOperations.LeadingZeroCount(w) + 1);
        if (rank > _registers[index])
        {
            _registers[index] = rank;
        }
    }

    public void Clear() => Array.Clear(_registers);

    public long Estimate()
    {
        double sum = 0;
        var zeros = 0;
        foreach (var r in _registers)
        {
            sum += 1.0 / (1UL << r);
            if (r == 0)
            {
                zeros++;
            }
        }

        const double m = RegisterCount;
        var alpha = 0.7213 / (1 + (1.079 / m));
        var estimate = alpha * m * m / sum;
        if (estimate <= 2.5 * m && zeros > 0)
        {
            estimate = m * Math.Log(m / zeros);
        }

        return (long)Math.Round(estimate);
    }

    /// <summary>FNV-1a over UTF-16 code units, then the MurmurHash3 64-bit finaliser for avalanche.</summary>
    internal static ulong Hash(string value)
    {
        var h = 14695981039346656037UL;
        foreach (var c in value)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
