namespace LlmOps.Management.Evaluators;

/// <summary>
/// What the scoring processors read: the active evaluators. Cached for a few seconds; a change made through the API
/// in this process is visible at once, one made on another replica within the cache period.
/// </summary>
internal interface IEvaluatorRegistry
{
    Task<IReadOnlyList<EvaluatorDefinition>> GetActiveAsync(CancellationToken cancellationToken);
}
