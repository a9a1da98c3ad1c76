using System.Text.RegularExpressions;

namespace LlmOps.Processors.Configuration;

/// <summary>A component id in the OpenTelemetry Collector's form <c>type[/name]</c>.</summary>
internal readonly partial record struct ComponentId(string Type, string? Name)
{
    public override string ToString() => Name is null ? Type : $"{Type}/{Name}";

    public static bool TryParse(string text, out ComponentId id)
    {
        var m = IdPattern().Match(text ?? string.Empty);
        if (!m.Success)
        {
            id = default;
            return false;
        }

        id = new ComponentId(m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : null);
        return true;
    }

    [GeneratedRegex("^([a-z][a-z0-9_]*)(?:/([A-Za-z0-9_.\\-]+))?$")]
    private static partial Regex IdPattern();
}
