using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>
/// The <c>evaluation</c> exporter: after a batch is stored, hands its GenAI calls to the evaluation engine. It only
/// queues (never scores inline), so ingest latency does not depend on scoring.
/// </summary>
internal sealed class EvaluationExporter : ITelemetryExporter, IDrainingExporter
{
    private readonly EvaluationEngine _engine;

    public EvaluationExporter(string id, EvaluationEngine engine)
    {
        Id = id;
        _engine = engine;
    }

    public string Id { get; }

    public bool IsDurable => false;

    public EvaluationEngine Engine => _engine;

    public Task ExportAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        _engine.Schedule(batch);
        return Task.CompletedTask;
    }

    public Task DrainAsync(CancellationToken cancellationToken) => _engine.DrainAsync(cancellationToken);

    public ValueTask DisposeAsync() => _engine.DisposeAsync();
}
