using System.Globalization;

namespace LlmOps.Processors.Model;

/// <summary>An immutable, typed attribute value (OTLP <c>AnyValue</c> without the protobuf type).</summary>
internal sealed class AttrValue : IEquatable<AttrValue>
{
    public static readonly AttrValue Empty = new(AttrKind.Empty);

    private AttrValue(AttrKind kind) => Kind = kind;

    public AttrKind Kind { get; }

    public string? StringValue { get; private init; }

    public bool BoolValue { get; private init; }

    public long IntValue { get; private init; }

    public double DoubleValue { get; private init; }

    public IReadOnlyList<AttrValue>? ArrayValue { get; private init; }

    public IReadOnlyList<KeyValuePair<string, AttrValue>>? KvListValue { get; private init; }

    public byte[]? BytesValue { get; private init; }

    public static AttrValue Of(string value) => new(AttrKind.String) { StringValue = value };

    public static AttrValue Of(bool value) => new(AttrKind.Bool) { BoolValue = value };

    public static AttrValue Of(long value) => new(AttrKind.Int) { IntValue = value };

    public static AttrValue Of(double value) => new(AttrKind.Double) { DoubleValue = value };

    public static AttrValue Of(IReadOnlyList<AttrValue> values) => new(AttrKind.Array) { ArrayValue = values };

    public static AttrValue Of(IReadOnlyList<KeyValuePair<string, AttrValue>> values) => new(AttrKind.KvList) { KvListValue = values };

    public static AttrValue OfBytes(byte[] value) => new(AttrKind.Bytes) { BytesValue = value };

    /// <summary>The value as text: strings as they are, scalars in invariant culture, null for structures.</summary>
    public string? AsString() => Kind switch
    {
        AttrKind.String => StringValue,
        AttrKind.Bool => BoolValue ? "true" : "false",
        AttrKind.Int => IntValue.ToString(CultureInfo.InvariantCulture),
        AttrKind.Double => DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The value as an integer when it is one, or a string or double holding a whole number.</summary>
    public long? AsLong() => Kind switch
    {
        AttrKind.Int => IntValue,
        AttrKind.Double when DoubleValue >= long.MinValue && DoubleValue <= long.MaxValue && Math.Floor(DoubleValue) == DoubleValue => (long)DoubleValue,
        AttrKind.String when long.TryParse(StringValue, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
        _ => null,
    };

    /// <summary>The value as a double when it is numeric or a numeric string.</summary>
    public double? AsDouble() => Kind switch
    {
        AttrKind.Double => DoubleValue,
        AttrKind.Int => IntValue,
        AttrKind.String when double.TryParse(StringValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => null,
    };

    /// <summary>The value as a list of strings: arrays element-wise, a scalar as a one-element list.</summary>
    public IReadOnlyList<string> AsStringList()
    {
        if (Kind == AttrKind.Array && ArrayValue is not null)
        {
            var list = new List<string>(ArrayValue.Count);
            foreach (var item in ArrayValue)
            {
                var s = item.AsString();
                if (s is not null)
                {
                    list.Add(s);
                }
            }

            return list;
        }

        var single = AsString();
        return single is null ? [] : [single];
    }

    public bool Equals(AttrValue? other)
    {
        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        return Kind switch
        {
            AttrKind.Empty => true,
            AttrKind.String => StringValue == other.StringValue,
            AttrKind.Bool => BoolValue == other.BoolValue,
            AttrKind.Int => IntValue == other.IntValue,
            AttrKind.Double => DoubleValue.Equals(other.DoubleValue),
            AttrKind.Bytes => BytesValue.AsSpan().SequenceEqual(other.BytesValue),
            AttrKind.Array => ArrayValue!.SequenceEqual(other.ArrayValue!),
            AttrKind.KvList => KvListValue!.Count == other.KvListValue!.Count
                && KvListValue.Zip(other.KvListValue).All(p => p.First.Key == p.Second.Key && p.First.Value.Equals(p.Second.Value)),
            _ => false,
        };
    }

    public override bool Equals(object? obj) => Equals(obj as AttrValue);

    public override int GetHashCode() => HashCode.Combine(Kind, StringValue, IntValue, DoubleValue, BoolValue);

    public override string ToString() => AsString() ?? Kind.ToString();
}
