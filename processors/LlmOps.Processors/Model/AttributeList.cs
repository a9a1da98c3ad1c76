namespace LlmOps.Processors.Model;

/// <summary>Ordered attributes of a span, event, resource or log record, as received (duplicates kept, last wins on lookup).</summary>
internal sealed class AttributeList : List<KeyValuePair<string, AttrValue>>
{
    public AttributeList()
    {
    }

    public AttributeList(int capacity)
        : base(capacity)
    {
    }

    public AttrValue? Get(string key)
    {
        for (var i = Count - 1; i >= 0; i--)
        {
            if (string.Equals(this[i].Key, key, StringComparison.Ordinal))
            {
                return this[i].Value;
            }
        }

        return null;
    }

    public string? GetString(string key) => Get(key)?.AsString();

    public void Set(string key, AttrValue value)
    {
        for (var i = Count - 1; i >= 0; i--)
        {
            if (string.Equals(this[i].Key, key, StringComparison.Ordinal))
            {
                this[i] = new(key, value);
                return;
            }
        }

        Add(new(key, value));
    }

    public void Add(string key, AttrValue value) => Add(new KeyValuePair<string, AttrValue>(key, value));
}
