namespace LlmOps.Processors.Pipeline;

/// <summary>
/// An exporter that works on after <see cref="ITelemetryExporter.ExportAsync"/> returns (e.g. scoring queued spans).
/// At shutdown the ingest queue calls <see cref="DrainAsync"/> after the last client export and before it closes, so
/// what the exporter still produces (scores written back as telemetry) is stored rather than lost.
/// </summary>
internal interface IDrainingExporter
{
    /// <summary>Finishes the work queued so far and hands on its results; takes no new work afterwards.</summary>
    Task DrainAsync(CancellationToken cancellationToken);
}
