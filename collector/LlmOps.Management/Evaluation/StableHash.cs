using System.Security.Cryptography;
using System.Text;

namespace LlmOps.Management.Evaluation;

/// <summary>A process-independent hash of a string into [0, 1) (string.GetHashCode is randomized per process).</summary>
internal static class StableHash
{
    public static double Unit(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), hash);
        var n = BitConverter.ToUInt64(hash[..8]);
        return (n >> 11) * (1.0 / (1UL << 53));
    }
}
