using LlmOps.Collector.Composition;
using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Console.Tests.Support;

/// <summary>
/// Works around a dependency cycle in the composition (the evaluation exporter's result writer needs the ingest
/// sink, whose pipeline runner builds the evaluation exporter): the ingest sink is resolved on the first write
/// instead of at construction. Registered before the composition, whose TryAdd then keeps it.
/// </summary>
internal sealed class DeferredResultWriter(IServiceProvider services) : IEvaluationResultWriter
{
    private IngestResultWriter? _inner;

    public Task<bool> WriteAsync(IReadOnlyList<EvaluationResultRecord> results, CancellationToken cancellationToken)
    {
        _inner ??= new IngestResultWriter(services.GetRequiredService<IIngestSink>());
        return _inner.WriteAsync(results, cancellationToken);
    }
}
