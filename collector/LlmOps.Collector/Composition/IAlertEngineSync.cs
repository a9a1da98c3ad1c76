using LlmOps.Processors.Alerts;

namespace LlmOps.Collector.Composition;

/// <summary>
/// Keeps the running <see cref="AlertEngine"/> and an outside view of alerts in step: called by
/// <see cref="AlertingService"/> around each evaluation, on the replica that evaluates.
/// </summary>
internal interface IAlertEngineSync
{
    /// <summary>Applies changes made outside the engine (acknowledgements, mutes) before it evaluates.</summary>
    Task BeforeEvaluationAsync(AlertEngine engine, CancellationToken cancellationToken);

    /// <summary>Publishes the engine's states after it evaluated.</summary>
    Task AfterEvaluationAsync(AlertEngine engine, CancellationToken cancellationToken);
}
