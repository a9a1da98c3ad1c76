namespace LlmOps.Storage.Internal;

/// <summary>
/// The models of a trace as one text column, <c>|model-a|model-b|</c> (sorted, distinct), so that "uses model m" is a
/// substring test for <c>|m|</c> in both databases. Model names containing <c>|</c> are stored with it replaced by
/// <c>/</c>.
/// </summary>
internal static class ModelSet
{
    public const char Separator = '|';

    public static string Needle(string model) => string.Concat("|", Clean(model), "|");

    public static string Clean(string model) => model.Replace(Separator, '/');

    public static string? Format(SortedSet<string>? models)
    {
        if (models is null || models.Count == 0)
        {
            return null;
        }

        return string.Concat("|", string.Join(Separator, models), "|");
    }

    public static IReadOnlyList<string> Parse(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split(Separator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Union of two encoded sets (either may be null).</summary>
    public static string? Merge(string? a, string? b)
    {
        if (string.IsNullOrEmpty(a))
        {
            return string.IsNullOrEmpty(b) ? null : b;
        }

        if (string.IsNullOrEmpty(b) || string.Equals(a, b, StringComparison.Ordinal))
        {
            return a;
        }

        var set = new SortedSet<string>(Parse(a), StringComparer.Ordinal);
        set.UnionWith(Parse(b));
        return Format(set);
    }
}
