namespace LlmOps.Management.Evaluators;

/// <summary>CRUD of the evaluator registry and the evaluation log queries.</summary>
internal interface IEvaluatorRepository
{
    Task<IReadOnlyList<EvaluatorDefinition>> ListAsync(string? status, CancellationToken cancellationToken);

    Task<EvaluatorDefinition> GetAsync(long id, CancellationToken cancellationToken);

    Task<EvaluatorDefinition> CreateAsync(EvaluatorRequest request, string actor, CancellationToken cancellationToken);

    /// <summary>Replaces the fields given in <paramref name="request"/> (others keep their values).</summary>
    Task<EvaluatorDefinition> UpdateAsync(long id, EvaluatorRequest request, string actor, CancellationToken cancellationToken);

    Task<EvaluatorDefinition> SetStatusAsync(long id, string status, string actor, CancellationToken cancellationToken);

    Task DeleteAsync(long id, string actor, CancellationToken cancellationToken);

    Task<IReadOnlyList<EvaluationLogEntry>> QueryLogsAsync(EvaluationLogQuery query, CancellationToken cancellationToken);
}
