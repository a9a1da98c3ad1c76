using LlmOps.Processors.Drift;
using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Model;
using LlmOps.Sdk;

namespace LlmOps.Collector.Composition;

/// <summary>Keeps each evaluator score as a drift sample with the dimensions of its span.</summary>
internal sealed class DriftScoreObserver : IScoreObserver
{
    private readonly DriftSampleBuffer _buffer;
    private readonly TimeProvider _time;

    public DriftScoreObserver(DriftSampleBuffer buffer, TimeProvider time)
    {
        _buffer = buffer;
        _time = time;
    }

    public void Observe(EvaluationResultRecord result, SpanRecord span)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(span);
        if (result.ScoreValue is not { } value)
        {
            return;
        }

        var time = span.EndTimeUnixNano > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(span.EndTimeUnixNano / 1_000_000) : _time.GetUtcNow();
        _buffer.Add(result.Name, time, (Result: result, Value: value, Span: span, Time: time), static s => Sample(s.Result, s.Value, s.Span, s.Time));
    }

    private static ScoreSample Sample(EvaluationResultRecord result, double value, SpanRecord span, DateTimeOffset time)
    {
        var g = span.GenAi;
        var topK = span.Attributes.GetString(SemanticConventions.LlmOpsRetrievalTopK);
        var embedding = span.Attributes.GetString(SemanticConventions.LlmOpsEmbeddingModel);
        var retrieval = topK is null && embedding is null ? null : $"top_k={topK ?? "?"},embedding={embedding ?? "?"}";
        return new ScoreSample(
            time,
            result.Name,
            value,
            g.EffectiveModel,
            g.PromptVersion,
            g.DataSourceId,
            span.Attributes.GetString(SemanticConventions.LlmOpsUserSegment) ?? span.Resource.Attributes.GetString(SemanticConventions.LlmOpsUserSegment),
            retrieval,
            g.RetrievalDocuments.Count == 0 ? null : [.. g.RetrievalDocuments.Select(d => d.Id ?? string.Empty)],
            g.ResponseModel,
            g.SystemFingerprint,
            g.RequestModel);
    }
}
