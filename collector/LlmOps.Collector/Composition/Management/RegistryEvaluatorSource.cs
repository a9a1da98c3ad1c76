using LlmOps.Management.Evaluators;
using LlmOps.Processors.Evaluation.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using EngineDefinition = LlmOps.Processors.Evaluation.Engine.EvaluatorDefinition;
using EngineTarget = LlmOps.Processors.Evaluation.Engine.EvaluatorTarget;

namespace LlmOps.Collector.Composition.Management;

/// <summary>
/// The evaluator registry of the management store as the engine reads it: refreshed every few seconds in the
/// background so <see cref="Current"/> costs nothing on the scoring path. Built-in evaluators name their scorer by
/// score name; risk scores (hallucination, toxicity, PII) flag the span for review above 0.5.
/// </summary>
internal sealed partial class RegistryEvaluatorSource : BackgroundService, IEvaluatorSource
{
    private static readonly string[] RiskScores = ["hallucination", "toxicity", "pii", "pii_risk"];
    private readonly IEvaluatorRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ILogger<RegistryEvaluatorSource> _logger;
    private volatile IReadOnlyList<EngineDefinition> _current = [];

    public RegistryEvaluatorSource(IEvaluatorRegistry registry, TimeProvider time, ILogger<RegistryEvaluatorSource> logger)
    {
        _registry = registry;
        _time = time;
        _logger = logger;
    }

    public IReadOnlyList<EngineDefinition> Current => _current;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var active = await _registry.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        _current = [.. active.Select(Map)];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), _time);
        try
        {
            do
            {
                try
                {
                    await RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Keep the last known evaluators when the registry cannot be read.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogRefreshFailed(_logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal static EngineDefinition Map(LlmOps.Management.Evaluators.EvaluatorDefinition d)
    {
        var risk = RiskScores.Contains(d.ScoreName, StringComparer.Ordinal);
        var scorer = d.Kind == "builtin" ? BuiltInScorerName.Resolve(d.ScoreName, d.Name) ?? d.ScoreName : string.Empty;
        return new EngineDefinition
        {
            Id = d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Name = d.Name,
            Enabled = d.Status == "active",
            Kind = d.Kind == "builtin" ? "builtin" : "llm_judge",
            Scorer = scorer,
            ScoreName = d.ScoreName,
            Template = d.Template,
            Target = new EngineTarget { SpanName = d.Target.SpanName, Model = d.Target.Model, Operation = d.Target.Operation, AttributeKey = d.Target.AttributeKey, AttributeValue = d.Target.AttributeValue },
            SamplingRate = d.SamplingRate,
            HigherIsBetter = !risk,
            PassThreshold = risk ? 0.5 : null,
            FlagQueue = risk ? BuiltInEvaluators.HighRiskQueue : null,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the evaluator registry failed; the last known evaluators stay active")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
