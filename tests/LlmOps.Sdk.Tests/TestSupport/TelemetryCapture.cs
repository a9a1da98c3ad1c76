using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LlmOps.Sdk.Tests.TestSupport;

/// <summary>A real TracerProvider and MeterProvider on the SDK's source and meter, with in-memory exporters.</summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityCollector _activities = new();
    private readonly MetricCollector _metrics = new();
    private readonly TracerProvider _tracerProvider;
    private readonly MeterProvider _meterProvider;

    public TelemetryCapture(bool traces = true, bool metrics = true)
    {
        var tracing = global::OpenTelemetry.Sdk.CreateTracerProviderBuilder().SetSampler(new AlwaysOnSampler());
        if (traces)
        {
            tracing.AddSource(LlmOpsInstrumentation.ActivitySourceName);
        }

        _tracerProvider = tracing.AddProcessor(new SimpleActivityExportProcessor(_activities)).Build()!;
        var metering = global::OpenTelemetry.Sdk.CreateMeterProviderBuilder();
        if (metrics)
        {
            metering.AddMeter(LlmOpsInstrumentation.MeterName);
        }

        _meterProvider = metering.AddReader(new BaseExportingMetricReader(_metrics)).Build()!;
    }

    public IReadOnlyList<Activity> Activities => [.. _activities.Items];

    public Activity Single(string operation) =>
        Assert.Single(Activities, a => (string?)a.GetTagItem("gen_ai.operation.name") == operation);

    public IReadOnlyList<MetricPointSnapshot> CollectMetrics()
    {
        _metrics.Points.Clear();
        Assert.True(_meterProvider.ForceFlush(10_000));
        return [.. _metrics.Points];
    }

    public void Dispose()
    {
        _tracerProvider.Dispose();
        _meterProvider.Dispose();
    }
}
