using LlmOps.Sdk.Feedback;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LlmOps.Sdk.OpenTelemetry;

/// <summary>
/// The OTLP set-up: one call that exports the SDK's traces, metrics and logs to the LlmOps collector and provides a
/// feedback client. Dispose it at shutdown to flush.
/// <code>
/// using var telemetry = LlmOpsTelemetry.Start(o => o.Endpoint = new Uri("http://localhost:4317"));
/// IChatClient chat = new MyModelClient().UseLlmOps();
/// </code>
/// </summary>
public sealed class LlmOpsTelemetry : IDisposable, IAsyncDisposable
{
    private int _disposed;

    private LlmOpsTelemetry(TracerProvider tracerProvider, MeterProvider meterProvider, ILoggerFactory loggerFactory, LlmOpsFeedbackClient feedback)
    {
        TracerProvider = tracerProvider;
        MeterProvider = meterProvider;
        LoggerFactory = loggerFactory;
        Feedback = feedback;
    }

    /// <summary>Gets the tracer provider exporting the SDK's spans.</summary>
    public TracerProvider TracerProvider { get; }

    /// <summary>Gets the meter provider exporting the GenAI metrics.</summary>
    public MeterProvider MeterProvider { get; }

    /// <summary>Gets a logger factory whose logs go to the collector over OTLP.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Gets the feedback client posting to the collector's OTLP/HTTP endpoint.</summary>
    public LlmOpsFeedbackClient Feedback { get; }

    /// <summary>Starts exporting to the collector.</summary>
    /// <param name="configure">Optional configuration.</param>
    /// <returns>The running set-up; dispose it at shutdown.</returns>
    public static LlmOpsTelemetry Start(Action<LlmOpsTelemetryOptions>? configure = null)
    {
        var options = new LlmOpsTelemetryOptions();
        configure?.Invoke(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TraceSamplingRatio, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.TraceSamplingRatio, 1.0);
        if (options.CaptureMessageContent is { } capture)
        {
            LlmOpsInstrumentation.CaptureMessageContentByDefault = capture;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(options.ServiceName, serviceVersion: options.ServiceVersion);

        var tracing = global::OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSamplingRatio)))
            .AddSource(LlmOpsInstrumentation.ActivitySourceName)
            .AddOtlpExporter(o => ConfigureExporter(o, options, "v1/traces"));
        foreach (var source in options.AdditionalSources)
        {
            tracing.AddSource(source);
        }

        var metrics = global::OpenTelemetry.Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(LlmOpsInstrumentation.MeterName)
            .AddOtlpExporter((o, reader) =>
            {
                ConfigureExporter(o, options, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.MetricExportInterval.TotalMilliseconds;
            });
        foreach (var meter in options.AdditionalMeters)
        {
            metrics.AddMeter(meter);
        }

        var loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(resource);
            o.IncludeFormattedMessage = true;
            o.AddOtlpExporter(e => ConfigureExporter(e, options, "v1/logs"));
        }));

        var feedbackOptions = new LlmOpsFeedbackClientOptions
        {
            Endpoint = options.FeedbackEndpoint ?? FeedbackEndpointFor(options),
            ServiceName = options.ServiceName,
        };
        foreach (var (key, value) in ParseHeaders(options.Headers))
        {
            feedbackOptions.Headers[key] = value;
        }

        return new LlmOpsTelemetry(tracing.Build(), metrics.Build(), loggerFactory, new LlmOpsFeedbackClient(feedbackOptions));
    }

    /// <summary>
    /// Flushes and stops every exporter and the feedback client. Like the OpenTelemetry providers' own Dispose, this
    /// blocks while queued data is flushed (bounded by the feedback shutdown timeout and the exporters' timeouts);
    /// prefer <see cref="DisposeAsync"/> in async code.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Flushes and stops the feedback client, then every exporter.</summary>
    /// <returns>A task that completes when everything is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Shutdown order: feedback first (it waits for its queue), then spans, metrics and logs.
        await Feedback.DisposeAsync().ConfigureAwait(false);
        TracerProvider.Dispose();
        MeterProvider.Dispose();
        LoggerFactory.Dispose();
    }

    internal static Uri FeedbackEndpointFor(LlmOpsTelemetryOptions options)
    {
        if (options.Protocol == LlmOpsOtlpProtocol.HttpProtobuf)
        {
            return options.Endpoint;
        }

        var builder = new UriBuilder(options.Endpoint);
        if (builder.Port == 4317)
        {
            builder.Port = 4318;
        }

        return builder.Uri;
    }

    internal static IEnumerable<(string Key, string Value)> ParseHeaders(string? headers)
    {
        if (string.IsNullOrWhiteSpace(headers))
        {
            yield break;
        }

        foreach (var pair in headers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                yield return (Uri.UnescapeDataString(pair[..equals].Trim()), Uri.UnescapeDataString(pair[(equals + 1)..].Trim()));
            }
        }
    }

    private static void ConfigureExporter(OtlpExporterOptions exporter, LlmOpsTelemetryOptions options, string signalPath)
    {
        if (options.Protocol == LlmOpsOtlpProtocol.HttpProtobuf)
        {
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = new Uri(options.Endpoint.ToString().TrimEnd('/') + "/" + signalPath);
        }
        else
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = options.Endpoint;
        }

        if (options.Headers is not null)
        {
            exporter.Headers = options.Headers;
        }
    }
}
