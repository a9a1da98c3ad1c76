namespace LlmOps.Management.Evaluation;

/// <summary>
/// Scores one answer of an evaluation run. Register more in DI (<c>services.AddSingleton&lt;IDatasetEvaluator, X&gt;()</c>);
/// runs pick them by <see cref="Name"/>. Must be thread-safe and must not throw for any text.
/// </summary>
internal interface IDatasetEvaluator
{
    string Name { get; }

    DatasetScore Score(string input, string output, string? expected, string? context);
}
