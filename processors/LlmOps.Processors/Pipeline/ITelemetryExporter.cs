using LlmOps.Processors.Model;

namespace LlmOps.Processors.Pipeline;

/// <summary>
/// The end of a pipeline: the store, the Prometheus view, an OTLP forwarder. An export request is acknowledged to
/// the client only after every <see cref="IsDurable"/> exporter has completed for the batch that carried it.
/// </summary>
internal interface ITelemetryExporter : IAsyncDisposable
{
    string Id { get; }

    /// <summary>True when completion means the data survives a crash (e.g. a committed database transaction).</summary>
    bool IsDurable { get; }

    Task ExportAsync(TelemetryBatch batch, CancellationToken cancellationToken);
}
