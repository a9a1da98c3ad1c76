namespace LlmOps.Processors.Tests.Evaluation;

/// <summary>A theory that is skipped, with a clear reason, when the shared labelled data folder is absent.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class DataTheoryAttribute : TheoryAttribute
{
    public DataTheoryAttribute()
    {
        if (!SharedData.IsAvailable)
        {
            Skip = "Labelled data not found: expected a 'shared/data' folder beside the repository root (see shared/data/README.md).";
        }
    }
}
