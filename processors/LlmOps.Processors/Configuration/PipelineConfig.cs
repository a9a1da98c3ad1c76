namespace LlmOps.Processors.Configuration;

/// <summary>A <c>service.pipelines</c> entry: signal (<c>traces</c>, <c>metrics</c>, <c>logs</c>) and its components in order.</summary>
internal sealed record PipelineConfig(string Id, string Signal, IReadOnlyList<string> Receivers, IReadOnlyList<string> Processors, IReadOnlyList<string> Exporters);
