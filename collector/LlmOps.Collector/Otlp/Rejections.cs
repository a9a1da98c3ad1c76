using System.Globalization;
using System.Text;

namespace LlmOps.Collector.Otlp;

/// <summary>
/// Counts items rejected while decoding one request and keeps the first few reasons for
/// <c>partial_success.error_message</c>.
/// </summary>
internal sealed class Rejections
{
    private const int MaxReasons = 3;
    private readonly List<string> _reasons = new(MaxReasons);

    public long Count { get; private set; }

    /// <summary>The first few reasons, joined.</summary>
    public string Reasons => string.Join("; ", _reasons);

    public void Add(string reason)
    {
        Count++;
        if (_reasons.Count < MaxReasons)
        {
            _reasons.Add(reason);
        }
    }

    /// <summary>
    /// <paramref name="count"/> items refused after decoding (by the store), <paramref name="reasons"/> saying which and
    /// why.
    /// </summary>
    public void Add(long count, string reasons)
    {
        Count += count - 1;
        Add(reasons);
    }

    /// <summary>A rejected span: its name and place in the request (resource, scope and span index), and why.</summary>
    public void AddSpan(string name, int resource, int scope, int index, string reason) =>
        Add(string.Create(CultureInfo.InvariantCulture, $"span '{name}' (resource {resource}, scope {scope}, index {index}): {reason}"));

    /// <summary>A rejected log record: its place in the request (resource, scope and record index), and why.</summary>
    public void AddLog(int resource, int scope, int index, string reason) =>
        Add(string.Create(CultureInfo.InvariantCulture, $"log record (resource {resource}, scope {scope}, index {index}): {reason}"));

    public string ErrorMessage(string itemName)
    {
        if (Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Count} {itemName} rejected: ");
        sb.Append(Reasons);
        if (Count > _reasons.Count)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; and {Count - _reasons.Count} more");
        }

        return sb.ToString();
    }
}
