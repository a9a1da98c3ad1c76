using LlmOps.Processors.Model;

namespace LlmOps.Collector.Ingest;

/// <summary>
/// Runs one merged batch through the processors and exporters. The ingest queue calls it once per pass; the default
/// is <see cref="DefaultPipelineRunner"/> (every registered processor, then every exporter). The configured pipeline
/// graph plugs in here with the same contract.
/// </summary>
internal interface IPipelineRunner
{
    /// <summary>False when nothing durable is configured: acknowledgements then mean "processed", not "stored".</summary>
    bool HasDurableExporter { get; }

    /// <summary>
    /// Processes and exports <paramref name="batch"/>; calls <paramref name="onDurable"/> exactly once as soon as every
    /// durable exporter has stored it, and throws (without calling it) when a durable exporter failed. With
    /// <paramref name="processed"/> the processors are skipped: the batch is part of one they already ran over, whose
    /// export was refused (see <see cref="Processors.Pipeline.TelemetryRefusedException"/>).
    /// </summary>
    Task RunAsync(TelemetryBatch batch, Action onDurable, CancellationToken cancellationToken, bool processed = false);

    /// <summary>At shutdown, after the last client export: lets every <see cref="Processors.Pipeline.IDrainingExporter"/> finish.</summary>
    Task DrainAsync(CancellationToken cancellationToken);
}
