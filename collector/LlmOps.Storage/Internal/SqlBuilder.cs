using System.Text;

namespace LlmOps.Storage.Internal;

/// <summary>A SQL text with its named parameters (<c>@p0</c>, <c>@p1</c>, ...), which both databases accept.</summary>
internal sealed class SqlBuilder
{
    private readonly List<KeyValuePair<string, object?>> _parameters = [];
    private readonly List<string> _conditions = [];

    public IReadOnlyList<KeyValuePair<string, object?>> Parameters => _parameters;

    public string Param(object? value)
    {
        var name = "@p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add(new(name, value));
        return name;
    }

    public void Where(string condition) => _conditions.Add(condition);

    public string WhereClause()
    {
        if (_conditions.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder(" WHERE ");
        for (var i = 0; i < _conditions.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(" AND ");
            }

            sb.Append('(').Append(_conditions[i]).Append(')');
        }

        return sb.ToString();
    }
}
