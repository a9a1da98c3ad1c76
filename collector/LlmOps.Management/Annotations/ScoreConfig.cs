namespace LlmOps.Management.Annotations;

/// <summary>
/// What reviewers score: <c>numeric</c> (between <see cref="Min"/> and <see cref="Max"/>), <c>categorical</c>
/// (one of <see cref="Categories"/>) or <c>boolean</c>.
/// </summary>
internal sealed record ScoreConfig(
    string Name,
    string Type,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? Categories = null,
    bool Required = true,
    string? Description = null)
{
    public static IReadOnlyList<string> Types { get; } = ["numeric", "categorical", "boolean"];
}
