namespace LlmOps.Processors.Feedback;

/// <summary>A recurring-issue category and the phrases that indicate it in feedback comments.</summary>
internal sealed class IssueCategory
{
    public string Name { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public List<string> Phrases { get; set; } = [];
}
