namespace LlmOps.Collector.Diagnostics;

/// <summary>Values of the <c>signal</c>, <c>protocol</c> and <c>reason</c> attributes of the collector's metrics.</summary>
internal static class MetricNames
{
    public const string Traces = "traces";
    public const string Logs = "logs";
    public const string Metrics = "metrics";

    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";
    public const string HttpJson = "http/json";

    /// <summary>An OTLP/HTTP request whose content type is neither protobuf nor JSON (refused before it is either).</summary>
    public const string Http = "http";

    public const string QueueFull = "queue_full";
    public const string ShuttingDown = "shutting_down";
    public const string ExportFailed = "export_failed";

    public const string Malformed = "malformed";
    public const string TooLarge = "too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string Unauthenticated = "unauthenticated";
    public const string PermissionDenied = "permission_denied";
}
