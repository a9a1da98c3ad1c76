using LlmOps.Processors.Configuration;

namespace LlmOps.Processors.Feedback;

internal sealed class FeedbackProcessorOptionsValidator : IOptionsValidator<FeedbackProcessorOptions>
{
    public void Validate(FeedbackProcessorOptions options, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (options.NeutralBand is < 0 or >= 1 || double.IsNaN(options.NeutralBand))
        {
            errors.Add("neutral_band", "must be at least 0 and below 1");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Categories.Count; i++)
        {
            var c = options.Categories[i];
            if (string.IsNullOrWhiteSpace(c.Name))
            {
                errors.Add($"categories[{i}].name", "is required");
            }
            else if (!names.Add(c.Name))
            {
                errors.Add($"categories[{i}].name", $"'{c.Name}' is used twice");
            }

            if (c.Phrases.Count == 0 || c.Phrases.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"categories[{i}].phrases", "needs at least one non-empty phrase");
            }
        }
    }
}
