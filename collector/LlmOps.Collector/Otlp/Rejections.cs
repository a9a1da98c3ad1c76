using System.Globalization;
using System.Text;

namespace LlmOps.Collector.Otlp;

/// <summary>
/// Counts items rejected while decoding one request and keeps the first few reasons for
/// <c>partial_success.error_message</c>; also the places where invalid UTF-8 was kept as U+FFFD, which the message
/// reports as a warning (with nothing rejected, <c>rejected_*</c> stays 0, as the OTLP spec allows for warnings).
/// </summary>
internal sealed class Rejections
{
    private const int MaxReasons = 3;
    private readonly List<string> _reasons = new(MaxReasons);
    private List<string>? _invalidUtf8;
    private long _describedBeyondOnePerReason;

    public long Count { get; private set; }

    /// <summary>The first few reasons, joined.</summary>
    public string Reasons => string.Join("; ", _reasons);

    /// <summary>Places (span, scope, resource) where invalid UTF-8 was replaced and the item kept.</summary>
    public long InvalidUtf8Count { get; private set; }

    /// <summary>True when there is nothing to report: no rejection and no warning.</summary>
    public bool IsEmpty => Count == 0 && InvalidUtf8Count == 0;

    public void Add(string reason)
    {
        Count++;
        if (_reasons.Count < MaxReasons)
        {
            _reasons.Add(reason);
        }
    }

    /// <summary>
    /// <paramref name="count"/> items refused after decoding (by the store), <paramref name="reasons"/> naming the first
    /// (at most three) and why.
    /// </summary>
    public void Add(long count, string reasons)
    {
        Count += count - 1;
        _describedBeyondOnePerReason += Math.Min(count, MaxReasons) - 1;
        Add(reasons);
    }

    /// <summary>A rejected span: its name and place in the request (resource, scope and span index), and why.</summary>
    public void AddSpan(string name, int resource, int scope, int index, string reason) =>
        Add(string.Create(CultureInfo.InvariantCulture, $"{SpanPlace(name, resource, scope, index)}: {reason}"));

    /// <summary>A kept item with invalid UTF-8 in a string, replaced by U+FFFD; <paramref name="place"/> names it.</summary>
    public void AddInvalidUtf8(string place)
    {
        InvalidUtf8Count++;
        _invalidUtf8 ??= new(MaxReasons);
        if (_invalidUtf8.Count < MaxReasons)
        {
            _invalidUtf8.Add(place);
        }
    }

    /// <summary>A span's name and place in the request, as messages name it.</summary>
    public static string SpanPlace(string name, int resource, int scope, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"span '{name}' (resource {resource}, scope {scope}, index {index})");

    /// <summary>A rejected log record: its place in the request (resource, scope and record index), and why.</summary>
    public void AddLog(int resource, int scope, int index, string reason) =>
        Add(string.Create(CultureInfo.InvariantCulture, $"log record (resource {resource}, scope {scope}, index {index}): {reason}"));

    /// <summary><c>partial_success.error_message</c>: the rejections, then the invalid UTF-8 warning.</summary>
    public string ResponseMessage(string itemName)
    {
        var rejected = ErrorMessage(itemName);
        if (_invalidUtf8 is null)
        {
            return rejected;
        }

        var sb = new StringBuilder(rejected);
        if (sb.Length > 0)
        {
            sb.Append("; ");
        }

        sb.Append(CultureInfo.InvariantCulture, $"invalid UTF-8 kept as U+FFFD replacement characters in {InvalidUtf8Count} {(InvalidUtf8Count == 1 ? "place" : "places")}: ");
        sb.AppendJoin("; ", _invalidUtf8);
        if (InvalidUtf8Count > _invalidUtf8.Count)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; and {InvalidUtf8Count - _invalidUtf8.Count} more");
        }

        return sb.ToString();
    }

    /// <summary>The rejections alone (count and first reasons), empty when nothing was rejected.</summary>
    public string ErrorMessage(string itemName)
    {
        if (Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Count} {itemName} rejected: ");
        sb.Append(Reasons);
        var described = _reasons.Count + _describedBeyondOnePerReason;
        if (Count > described)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; and {Count - described} more");
        }

        return sb.ToString();
    }
}
