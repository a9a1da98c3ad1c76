using System.Text;

namespace LlmOps.Management.Datasets;

/// <summary>
/// RFC 4180 CSV: comma separated, fields quoted with <c>"</c> (doubled inside), line breaks allowed in quotes. Written
/// cells that a spreadsheet would run as a formula (after any leading apostrophes, starting with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, a tab or a carriage return) get one more leading apostrophe, which spreadsheets show as text;
/// <see cref="RestoreFormulaCell"/> removes it again on import, so export then import gives back the same text.
/// </summary>
internal static class CsvCodec
{
    public static List<List<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case '"':
                    throw new FormatException($"row {rows.Count + 1}: a quote inside an unquoted field");
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    fieldStarted = false;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException($"row {rows.Count + 1}: a quoted field is not closed");
        }

        if (fieldStarted || field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        rows.RemoveAll(r => r.Count == 1 && r[0].Length == 0);
        return rows;
    }

    public static void AppendRow(StringBuilder sb, IEnumerable<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(fields);
        var first = true;
        foreach (var f in fields)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            var v = NeutralizeFormulaCell(f ?? string.Empty);
            if (v.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                sb.Append('"').Append(v.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                sb.Append(v);
            }
        }

        sb.Append("\r\n");
    }

    /// <summary>Prefixes an apostrophe when a spreadsheet would read the cell as a formula.</summary>
    public static string NeutralizeFormulaCell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return StartsLikeFormula(value) ? "'" + value : value;
    }

    /// <summary>Undoes <see cref="NeutralizeFormulaCell"/>: one leading apostrophe before a formula-like start is removed.</summary>
    public static string RestoreFormulaCell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.StartsWith('\'') && StartsLikeFormula(value) ? value[1..] : value;
    }

    private static bool StartsLikeFormula(string value)
    {
        var rest = value.AsSpan().TrimStart('\'');
        return rest.Length > 0 && rest[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }
}
