namespace LlmOps.Processors.Metrics;

/// <summary>The identity of a series within its family: label names and values.</summary>
internal readonly struct LabelKey : IEquatable<LabelKey>
{
    private readonly int _hash;

    public LabelKey(string[] names, string[] values)
    {
        Names = names;
        Values = values;
        var h = default(HashCode);
        for (var i = 0; i < names.Length; i++)
        {
            h.Add(names[i], StringComparer.Ordinal);
            h.Add(values[i], StringComparer.Ordinal);
        }

        _hash = h.ToHashCode();
    }

    public string[] Names { get; }

    public string[] Values { get; }

    public bool Equals(LabelKey other)
    {
        if (_hash != other._hash || Values.Length != other.Values.Length)
        {
            return false;
        }

        var sameNames = ReferenceEquals(Names, other.Names);
        for (var i = 0; i < Values.Length; i++)
        {
            if (!string.Equals(Values[i], other.Values[i], StringComparison.Ordinal)
                || (!sameNames && !string.Equals(Names[i], other.Names[i], StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is LabelKey other && Equals(other);

    public override int GetHashCode() => _hash;
}
