namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>Routes flagged spans to annotation queues (each span lands in a queue once).</summary>
internal interface IFlaggedSpanSink
{
    Task FlagAsync(IReadOnlyList<FlaggedSpan> spans, CancellationToken cancellationToken);
}
