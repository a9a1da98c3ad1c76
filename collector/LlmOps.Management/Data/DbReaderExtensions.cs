using System.Data.Common;
using System.Globalization;

namespace LlmOps.Management.Data;

/// <summary>Column readers that behave the same on SQLite and PostgreSQL (integers always read as <see cref="long"/>).</summary>
internal static class DbReaderExtensions
{
    public static long Long(this DbDataReader reader, int ordinal) =>
        Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static long? LongOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.Long(ordinal);

    public static double Dbl(this DbDataReader reader, int ordinal) =>
        Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static double? DblOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.Dbl(ordinal);

    public static string Str(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? string.Empty : reader.GetString(ordinal);

    public static string? StrOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static bool Bool(this DbDataReader reader, int ordinal) => reader.Long(ordinal) != 0;

    public static DateTimeOffset Time(this DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.Long(ordinal));

    public static DateTimeOffset? TimeOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.Time(ordinal);
}
