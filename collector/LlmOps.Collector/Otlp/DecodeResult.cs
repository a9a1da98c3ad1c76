using LlmOps.Processors.Model;

namespace LlmOps.Collector.Otlp;

/// <summary>A decoded export request: the valid items and what was rejected.</summary>
internal sealed class DecodeResult
{
    public TelemetryBatch Batch { get; } = new();

    public Rejections Rejections { get; } = new();

    /// <summary>Items in the request, valid or not.</summary>
    public long Received { get; set; }
}
