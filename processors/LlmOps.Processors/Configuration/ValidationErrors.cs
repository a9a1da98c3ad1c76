namespace LlmOps.Processors.Configuration;

/// <summary>Collects every configuration error with its key path, so start-up reports all of them at once.</summary>
internal sealed class ValidationErrors
{
    private readonly List<string> _errors = [];
    private readonly string _prefix;

    public ValidationErrors()
        : this(string.Empty, [])
    {
    }

    private ValidationErrors(string prefix, List<string> sink)
    {
        _prefix = prefix;
        _errors = sink;
    }

    public IReadOnlyList<string> All => _errors;

    public bool HasErrors => _errors.Count > 0;

    /// <summary>An error collector whose paths are relative to <paramref name="key"/>.</summary>
    public ValidationErrors At(string key) => new(Join(_prefix, key), _errors);

    public void Add(string key, string message) => _errors.Add($"{Join(_prefix, key)}: {message}");

    public void Add(string message) => _errors.Add(_prefix.Length == 0 ? message : $"{_prefix}: {message}");

    public static string Join(string prefix, string key) =>
        prefix.Length == 0 ? key : key.Length == 0 ? prefix : key.StartsWith('[') ? prefix + key : $"{prefix}.{key}";
}
