namespace LlmOps.Processors.Drift;

/// <summary>The dimensions root-cause analysis splits by (also the <c>dimension</c> label of the RCA metric).</summary>
internal static class RcaDimensions
{
    public const string Model = "model";
    public const string PromptVersion = "prompt_version";
    public const string Retrieval = "retrieval";
    public const string DataSource = "data_source";
    public const string UserSegment = "user_segment";

    public static readonly IReadOnlyList<string> All = [Model, PromptVersion, Retrieval, DataSource, UserSegment];

    public static string? ValueOf(ScoreSample s, string dimension)
    {
        ArgumentNullException.ThrowIfNull(s);
        return dimension switch
        {
            Model => s.Model,
            PromptVersion => s.PromptVersion,
            Retrieval => s.RetrievalSettings,
            DataSource => s.DataSource,
            UserSegment => s.UserSegment,
            _ => null,
        };
    }
}
