using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LlmOps.Management.Audit;

/// <summary>
/// The chain rule: <c>hash = SHA-256(prev_hash || canonical JSON of the entry)</c>, hex lower-case. The canonical JSON
/// is <c>{"seq":..,"ts":..,"type":..,"action":..,"actor":..,"details":..}</c> in that order, <c>ts</c> in Unix
/// milliseconds and <c>details</c> the stored JSON text as a string, so any edit of any column changes the hash.
/// </summary>
internal static class AuditHasher
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Hash(string prevHash, long seq, long tsMillis, string type, string action, string actor, string details)
    {
        ArgumentNullException.ThrowIfNull(prevHash);
        var buffer = new ArrayBufferWriter<byte>(256 + details.Length);
        buffer.Write(Encoding.UTF8.GetBytes(prevHash));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", seq);
            writer.WriteNumber("ts", tsMillis);
            writer.WriteString("type", type);
            writer.WriteString("action", action);
            writer.WriteString("actor", actor);
            writer.WriteString("details", details);
            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
