namespace LlmOps.Management.Settings;

/// <summary>Errors of one settings update: field errors (400) and cross-field rules (422).</summary>
internal sealed class SettingsValidation
{
    public List<string> FieldErrors { get; } = [];

    public List<string> RuleErrors { get; } = [];

    public void Range(double value, string field, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            FieldErrors.Add($"{field}: must be between {min} and {max}");
        }
    }

    public void NotEmpty(string? value, string field, int max = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            FieldErrors.Add($"{field}: must not be empty");
        }
        else if (value.Length > max)
        {
            FieldErrors.Add($"{field}: must be at most {max} characters");
        }
    }
}
