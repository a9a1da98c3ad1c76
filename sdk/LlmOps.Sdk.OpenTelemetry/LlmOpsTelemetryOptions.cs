using System.Reflection;

namespace LlmOps.Sdk.OpenTelemetry;

/// <summary>Options of <see cref="LlmOpsTelemetry.Start"/>. Defaults follow the standard <c>OTEL_*</c> variables.</summary>
public sealed class LlmOpsTelemetryOptions
{
    private Uri? _endpoint = Uri.TryCreate(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"), UriKind.Absolute, out var uri)
        ? uri
        : null;

    /// <summary>Gets or sets the collector's OTLP endpoint (base address, no signal path). Default:
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else the OTLP default for <see cref="Protocol"/>:
    /// <c>http://localhost:4317</c> for gRPC, <c>http://localhost:4318</c> for HTTP/protobuf.</summary>
    public Uri Endpoint
    {
        get => _endpoint ?? new Uri(Protocol == LlmOpsOtlpProtocol.HttpProtobuf ? "http://localhost:4318" : "http://localhost:4317");
        set => _endpoint = value;
    }

    /// <summary>Gets or sets the protocol. Default: <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (<c>http/protobuf</c>), else gRPC.</summary>
    public LlmOpsOtlpProtocol Protocol { get; set; } =
        string.Equals(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL"), "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? LlmOpsOtlpProtocol.HttpProtobuf
            : LlmOpsOtlpProtocol.Grpc;

    /// <summary>Gets or sets <c>service.name</c>. Default: <c>OTEL_SERVICE_NAME</c>, else the entry assembly name.</summary>
    public string ServiceName { get; set; } = Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")
        ?? Assembly.GetEntryAssembly()?.GetName().Name
        ?? "unknown_service";

    /// <summary>Gets or sets <c>service.version</c>.</summary>
    public string? ServiceVersion { get; set; }

    /// <summary>Gets or sets extra headers for every export, in OTLP form <c>key=value,key2=value2</c>.</summary>
    public string? Headers { get; set; }

    /// <summary>Gets or sets the process-wide content capture default (see
    /// <see cref="LlmOpsInstrumentation.CaptureMessageContentByDefault"/>); unchanged when null.</summary>
    public bool? CaptureMessageContent { get; set; }

    /// <summary>Gets or sets the OTLP/HTTP base address feedback is posted to. Default: the endpoint itself for
    /// HTTP; for gRPC the same host with port 4318 when the endpoint uses 4317.</summary>
    public Uri? FeedbackEndpoint { get; set; }

    /// <summary>Gets or sets how often metrics are exported (default 10 s).</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the fraction of root traces sampled, 0 to 1 (default 1).</summary>
    public double TraceSamplingRatio { get; set; } = 1.0;

    /// <summary>Gets or sets extra ActivitySource names to export besides the SDK's own.</summary>
    public IList<string> AdditionalSources { get; } = [];

    /// <summary>Gets or sets extra Meter names to export besides the SDK's own.</summary>
    public IList<string> AdditionalMeters { get; } = [];
}
