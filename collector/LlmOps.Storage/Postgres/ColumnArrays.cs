using Npgsql;
using NpgsqlTypes;

namespace LlmOps.Storage.Postgres;

/// <summary>
/// Column-wise arrays for one multi-row statement (<c>INSERT ... SELECT * FROM unnest(@c0, @c1, ...)</c>): a whole
/// batch travels in one round trip.
/// </summary>
internal sealed class ColumnArrays
{
    private readonly char[] _types;
    private readonly object[] _arrays;

    /// <param name="types">Per column: <c>t</c> text, <c>b</c> bigint, <c>d</c> double precision.</param>
    public ColumnArrays(string types, int rows)
    {
        _types = types.ToCharArray();
        _arrays = new object[_types.Length];
        for (var i = 0; i < _types.Length; i++)
        {
            _arrays[i] = _types[i] switch
            {
                'b' => new long?[rows],
                'd' => new double?[rows],
                _ => new string?[rows],
            };
        }
    }

    public void Text(int column, int row, string? value) => ((string?[])_arrays[column])[row] = PgValues.Text(value);

    public void Long(int column, int row, long? value) => ((long?[])_arrays[column])[row] = value;

    public void Double(int column, int row, double? value) => ((double?[])_arrays[column])[row] = value;

    /// <summary><c>unnest(@c0::text[], @c1::bigint[], ...)</c></summary>
    public string Unnest()
    {
        var parts = new string[_types.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = $"@c{i}::{SqlType(_types[i])}[]";
        }

        return "unnest(" + string.Join(", ", parts) + ")";
    }

    public void AddParameters(NpgsqlCommand cmd)
    {
        for (var i = 0; i < _types.Length; i++)
        {
            var type = _types[i] switch
            {
                'b' => NpgsqlDbType.Bigint,
                'd' => NpgsqlDbType.Double,
                _ => NpgsqlDbType.Text,
            };
            cmd.Parameters.Add(new NpgsqlParameter($"c{i}", NpgsqlDbType.Array | type) { Value = _arrays[i] });
        }
    }

    private static string SqlType(char t) => t switch
    {
        'b' => "bigint",
        'd' => "double precision",
        _ => "text",
    };
}
