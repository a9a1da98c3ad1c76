namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>
/// Evaluators from the config file plus an optional live registry (the management store); the built-in defaults
/// apply when neither defines any.
/// </summary>
internal sealed class ConfiguredEvaluatorSource : IEvaluatorSource
{
    private readonly EvaluationOptions _options;
    private readonly IEvaluatorSource? _registry;
    private readonly IReadOnlyList<EvaluatorDefinition> _defaults = BuiltInEvaluators.Defaults();

    public ConfiguredEvaluatorSource(EvaluationOptions options, IEvaluatorSource? registry)
    {
        _options = options;
        _registry = registry;
    }

    public IReadOnlyList<EvaluatorDefinition> Current
    {
        get
        {
            var fromRegistry = _registry?.Current ?? [];
            if (fromRegistry.Count == 0 && _options.Evaluators.Count == 0)
            {
                return _options.DefaultEvaluators ? _defaults : [];
            }

            return _options.Evaluators.Count == 0 ? fromRegistry : [.. _options.Evaluators, .. fromRegistry];
        }
    }
}
