using LlmOps.Management.Alerts;
using LlmOps.Processors.Alerts;

namespace LlmOps.Collector.Composition.Management;

/// <summary>
/// Connects the running alert engine with the management API's alert tables through <see cref="AlertEngineBridge"/>:
/// the enabled API rules are evaluated by the engine next to the configured ones, every rule's state lands in
/// <c>alert_states</c> and history, and acknowledgements and mutes sent to any replica reach the replica that
/// evaluates (the holder of the <c>alert-evaluation</c> lease).
/// </summary>
internal sealed class ManagementAlertSync : IAlertEngineSync
{
    private readonly AlertEngineBridge _bridge;

    public ManagementAlertSync(AlertEngineBridge bridge)
    {
        _bridge = bridge;
    }

    public Task BeforeEvaluationAsync(AlertEngine engine, CancellationToken cancellationToken) =>
        _bridge.BeforeEvaluationAsync(engine, cancellationToken);

    public Task AfterEvaluationAsync(AlertEngine engine, CancellationToken cancellationToken) =>
        _bridge.AfterEvaluationAsync(engine, cancellationToken);
}
