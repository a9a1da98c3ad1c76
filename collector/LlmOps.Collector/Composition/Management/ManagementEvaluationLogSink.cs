using LlmOps.Storage;
using ProcessorLog = LlmOps.Processors.Evaluation.Engine.EvaluationLogEntry;
using ProcessorSink = LlmOps.Processors.Evaluation.Engine.IEvaluationLogSink;

namespace LlmOps.Collector.Composition.Management;

/// <summary>
/// The evaluation engine's log lines into the management store's evaluation log: through the telemetry store's own
/// writer when it can take them (the embedded SQLite file holds both schemas), else through the management store.
/// </summary>
internal sealed class ManagementEvaluationLogSink : ProcessorSink
{
    private readonly LlmOps.Management.Evaluators.IEvaluationLogSink _sink;
    private readonly IEvaluationLogWriter? _writer;

    public ManagementEvaluationLogSink(LlmOps.Management.Evaluators.IEvaluationLogSink sink, ITelemetryStore? store = null)
    {
        _sink = sink;
        _writer = store as IEvaluationLogWriter;
    }

    public Task AppendAsync(IReadOnlyList<ProcessorLog> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (_writer is not null)
        {
            var rows = new List<EvaluationLogRow>(entries.Count);
            foreach (var e in entries)
            {
                var status = LlmOps.Management.Evaluators.EvaluationLogEntry.Statuses.Contains(e.Status, StringComparer.Ordinal) ? e.Status : "error";
                rows.Add(new EvaluationLogRow(e.Timestamp.ToUnixTimeMilliseconds(), e.EvaluatorName, e.TraceId, e.SpanId, e.Score, e.DurationMs, status, e.Message, e.SpanRow));
            }

            return _writer.AppendEvaluationLogsAsync(rows, cancellationToken);
        }

        var mapped = new List<LlmOps.Management.Evaluators.EvaluationLogEntry>(entries.Count);
        foreach (var e in entries)
        {
            mapped.Add(new LlmOps.Management.Evaluators.EvaluationLogEntry(0, e.Timestamp, e.EvaluatorName, e.TraceId, e.SpanId, e.Score, e.DurationMs, e.Status, e.Message));
        }

        return _sink.AppendAsync(mapped, cancellationToken);
    }
}
