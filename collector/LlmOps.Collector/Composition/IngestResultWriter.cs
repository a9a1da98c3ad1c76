using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using LlmOps.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Collector.Composition;

/// <summary>
/// Feeds evaluator scores back through the collector's own logs pipeline as <c>gen_ai.evaluation.result</c>
/// records, so they are stored, counted in metrics and exported like scores from any client.
/// </summary>
internal sealed class IngestResultWriter : IEvaluationResultWriter
{
    private readonly Lazy<IIngestSink> _sink;

    /// <summary>
    /// The ingest sink is resolved on first use: the sink's pipeline runner builds the evaluation exporter, which needs
    /// this writer, so resolving the sink in the constructor is a dependency cycle that hangs start-up.
    /// </summary>
    public IngestResultWriter(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _sink = new Lazy<IIngestSink>(services.GetRequiredService<IIngestSink>, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public async Task<bool> WriteAsync(IReadOnlyList<EvaluationResultRecord> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var batch = new TelemetryBatch { Background = true };
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

        var outcome = await _sink.Value.SubmitAsync(batch, cancellationToken).ConfigureAwait(false);
        return outcome.Status == IngestStatus.Accepted;
    }

    private static readonly ScopeInfo EvaluatorScope = new() { Name = "LlmOps.Collector.Evaluation" };
}
