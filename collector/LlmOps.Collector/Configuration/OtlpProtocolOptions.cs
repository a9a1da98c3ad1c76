namespace LlmOps.Collector.Configuration;

/// <summary>One OTLP transport's listener.</summary>
internal sealed class OtlpProtocolOptions
{
    public string Endpoint { get; set; } = string.Empty;
}
