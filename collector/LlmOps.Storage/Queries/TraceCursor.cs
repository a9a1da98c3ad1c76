using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace LlmOps.Storage.Queries;

/// <summary>
/// A position in a sorted trace list: the sort key of the last row returned and its trace id. Travels to clients as
/// an opaque URL-safe base64 string.
/// </summary>
internal sealed record TraceCursor(TraceSort Sort, bool Descending, string SortValue, string TraceId)
{
    private const string Version = "t1";

    public string Encode()
    {
        var text = string.Join('|', Version, ((int)Sort).ToString(CultureInfo.InvariantCulture), Descending ? "d" : "a", SortValue, TraceId);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    public static bool TryDecode(string? value, out TraceCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value) || value.Length > 512)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(bytes).Split('|');
        if (parts.Length != 5 || parts[0] != Version
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sort) || !Enum.IsDefined((TraceSort)sort)
            || parts[2] is not ("d" or "a") || !StoreIds.IsTraceId(parts[4]))
        {
            return false;
        }

        var s = (TraceSort)sort;
        var valid = s is TraceSort.StartTime or TraceSort.Tokens
            ? long.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            : double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d);
        if (!valid)
        {
            return false;
        }

        cursor = new TraceCursor(s, parts[2] == "d", parts[3], parts[4]);
        return true;
    }
}
