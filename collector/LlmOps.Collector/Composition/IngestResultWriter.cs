using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using LlmOps.Sdk;

namespace LlmOps.Collector.Composition;

/// <summary>
/// Feeds evaluator scores back through the collector's own logs pipeline as <c>gen_ai.evaluation.result</c>
/// records, so they are stored, counted in metrics and exported like scores from any client.
/// </summary>
internal sealed class IngestResultWriter : IEvaluationResultWriter
{
    private readonly IServiceProvider _services;

    // The ingest queue depends on the pipeline, which holds the evaluation exporter that uses this writer: resolve
    // the queue when the first scores are written, not at construction, to keep the object graph acyclic.
    public IngestResultWriter(IServiceProvider services) => _services = services;

    public async Task<bool> WriteAsync(IReadOnlyList<EvaluationResultRecord> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var batch = new TelemetryBatch();
        foreach (var r in results)
        {
            var log = new LogRecordModel
            {
                TimeUnixNano = r.TimeUnixNano,
                ObservedTimeUnixNano = r.TimeUnixNano,
                EventName = SemanticConventions.GenAiEvaluationResultEvent,
                TraceId = r.TraceId,
                SpanId = r.SpanId,
                Evaluation = r,
                Scope = EvaluatorScope,
            };
            log.Attributes.Add(SemanticConventions.GenAiEvaluationName, AttrValue.Of(r.Name));
            if (r.ScoreValue is { } v)
            {
                log.Attributes.Add(SemanticConventions.GenAiEvaluationScoreValue, AttrValue.Of(v));
            }

            if (r.ScoreLabel is { } l)
            {
                log.Attributes.Add(SemanticConventions.GenAiEvaluationScoreLabel, AttrValue.Of(l));
            }

            if (r.Explanation is { } e)
            {
                log.Attributes.Add(SemanticConventions.GenAiEvaluationExplanation, AttrValue.Of(e));
            }

            batch.Logs.Add(log);
        }

        var sink = (IIngestSink?)_services.GetService(typeof(IIngestSink)) ?? throw new InvalidOperationException("no ingest queue is registered");
        var outcome = await sink.SubmitAsync(batch, cancellationToken).ConfigureAwait(false);
        return outcome.Status == IngestStatus.Accepted;
    }

    private static readonly ScopeInfo EvaluatorScope = new() { Name = "LlmOps.Collector.Evaluation" };
}
