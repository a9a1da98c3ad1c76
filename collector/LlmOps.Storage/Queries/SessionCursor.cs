using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace LlmOps.Storage.Queries;

/// <summary>A position in the session list (last seen time, session id), opaque URL-safe base64 for clients.</summary>
internal sealed record SessionCursor(long LastSeenUnixNano, string SessionId)
{
    private const string Version = "s1";

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}|{LastSeenUnixNano}|{SessionId}")));

    public static bool TryDecode(string? value, out SessionCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value) || value.Length > 2048)
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = text.Split('|', 3);
        if (parts.Length != 3 || parts[0] != Version
            || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var lastSeen))
        {
            return false;
        }

        cursor = new SessionCursor(lastSeen, parts[2]);
        return true;
    }
}
