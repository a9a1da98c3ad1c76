using LlmOps.Processors.Configuration;
using LlmOps.Processors.Metrics;
using LlmOps.Processors.Model;
using LlmOps.Processors.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Processors.Tests.Metrics;

public sealed class KpiMetricsExporterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ExportAsync_SyntheticBatch_UpdatesEveryKpiFamily()
    {
        var registry = new MetricRegistry();
        var exporter = new KpiMetricsExporter("prometheus", new KpiMetricsExporterOptions(), registry, new ManualTimeProvider(Start));
        await exporter.ExportAsync(new SyntheticTelemetry(1).Next(200), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var text = registry.RenderAfterFirstScrape();
        foreach (var name in new[]
        {
            MetricNames.SpansTotal, MetricNames.TracesTotal, MetricNames.GenAiRequestsTotal, MetricNames.CostUsdTotal,
            MetricNames.TokensTotal, MetricNames.RequestDurationSeconds + "_bucket", MetricNames.ErrorsTotal, MetricNames.FeedbackTotal,
            MetricNames.UserSatisfactionRatio, MetricNames.TaskCompletionRatio, MetricNames.FirstResponseAccuracyRatio,
            MetricNames.DailyActiveUsers, MetricNames.IssuesReportedTotal, MetricNames.EscalationsTotal, MetricNames.GuardrailViolationsTotal,
            MetricNames.EvaluationScore + "_bucket", MetricNames.HallucinationsTotal, MetricNames.ResponseQuality + "_count",
            MetricNames.OtlpGenAiClientOperationDurationSeconds + "_bucket", MetricNames.OtlpGenAiClientTokenUsage + "_count", MetricNames.KpiBatchesTotal,
        })
        {
            Assert.Contains("\n" + name, text, StringComparison.Ordinal);
        }

        Assert.Contains(MetricNames.TracesTotal + "{trace_name=\"assistant.answer\",service=\"factory-assistant\"} 200\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(MetricNames.UserCostUsdTotal, text, StringComparison.Ordinal);
        Assert.DoesNotContain("u1\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_NewSeries_ServedAtZeroOnceThenWithTheirValue()
    {
        // Prometheus takes a series' first sample as its start: a new series served at 1 hides the error that made
        // it from rate() and increase(). Known label sets exist at 0 from the start.
        var registry = new MetricRegistry();
        var exporter = new KpiMetricsExporter("prometheus", new KpiMetricsExporterOptions(), registry, new ManualTimeProvider(Start));
        var text = registry.Render();
        foreach (var series in new[] { MetricNames.IssuesReportedTotal, MetricNames.HallucinationsTotal, MetricNames.FeedbackTotal + "{label=\"positive\"}", MetricNames.FeedbackTotal + "{label=\"negative\"}", MetricNames.KpiBatchesTotal })
        {
            Assert.Contains("\n" + series + " 0\n", text, StringComparison.Ordinal);
        }

        var batch = new TelemetryBatch();
        var failed = Chat("t1", "s1", 1);
        failed.GenAi.ErrorType = "timeout";
        batch.Spans.Add(failed);
        await exporter.ExportAsync(batch, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var first = registry.Render();
        Assert.Contains(MetricNames.ErrorsTotal + "{error_type=\"timeout\",model=\"m\"} 0\n", first, StringComparison.Ordinal);
        Assert.Contains(MetricNames.RequestDurationSeconds + "_count{model=\"m\"} 0\n", first, StringComparison.Ordinal);
        Assert.Contains(MetricNames.RequestDurationSeconds + "_bucket{model=\"m\",le=\"+Inf\"} 0\n", first, StringComparison.Ordinal);
        Assert.Contains(MetricNames.KpiBatchesTotal + " 1\n", first, StringComparison.Ordinal);
        var second = registry.Render();
        Assert.Contains(MetricNames.ErrorsTotal + "{error_type=\"timeout\",model=\"m\"} 1\n", second, StringComparison.Ordinal);
        Assert.Contains(MetricNames.RequestDurationSeconds + "_count{model=\"m\"} 1\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_CostByUserConfigured_CappedPerUserSeries()
    {
        var registry = new MetricRegistry();
        var options = new KpiMetricsExporterOptions { CostByUser = true, MaxUserSeries = 5 };
        var exporter = new KpiMetricsExporter("prometheus", options, registry, new ManualTimeProvider(Start));
        await exporter.ExportAsync(new SyntheticTelemetry(2).Next(300), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var family = (CounterFamily)registry.Find(MetricNames.UserCostUsdTotal)!;
        Assert.Equal(6, family.SeriesCount);
        Assert.Contains(family.Snapshot(), s => s.LabelValues[0] == MetricNames.OverflowValue && s.Value > 0);
    }

    [Fact]
    public async Task ExportAsync_FeedbackPerSession_TaskCompletionAndFirstResponseAccuracy()
    {
        var registry = new MetricRegistry();
        var exporter = new KpiMetricsExporter("prometheus", new KpiMetricsExporterOptions(), registry, new ManualTimeProvider(Start));
        var batch = new TelemetryBatch();
        // Session A: first answer bad, last answer good. Session B: first answer good, last bad.
        batch.Spans.Add(Chat("t1", "A", 1));
        batch.Spans.Add(Chat("t2", "A", 2));
        batch.Spans.Add(Chat("t3", "B", 1));
        batch.Spans.Add(Chat("t4", "B", 2));
        batch.Logs.Add(Feedback("t1", "negative", 10));
        batch.Logs.Add(Feedback("t2", "positive", 11));
        batch.Logs.Add(Feedback("t3", "thumbs_up", 10));
        batch.Logs.Add(Feedback("t4", "thumbs_down", 11));
        await exporter.ExportAsync(batch, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var text = registry.RenderAfterFirstScrape();
        Assert.Contains(MetricNames.TaskCompletionRatio + " 0.5\n", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.FirstResponseAccuracyRatio + " 0.5\n", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.UserSatisfactionRatio + " 0.5\n", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.IssuesReportedTotal + " 2\n", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.FeedbackTotal + "{label=\"positive\"} 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_DailyActiveUsers_ResetsAtUtcMidnight()
    {
        var registry = new MetricRegistry();
        var clock = new ManualTimeProvider(Start);
        var exporter = new KpiMetricsExporter("prometheus", new KpiMetricsExporterOptions(), registry, clock);
        var batch = new TelemetryBatch();
        for (var i = 0; i < 1000; i++)
        {
            var span = Chat("t" + i, "s" + i, i);
            span.GenAi.UserId = "user-" + (i % 400);
            batch.Spans.Add(span);
        }

        await exporter.ExportAsync(batch, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var dau = Gauge(registry, MetricNames.DailyActiveUsers);
        Assert.InRange(dau, 390, 410);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, Gauge(registry, MetricNames.DailyActiveUsers));
    }

    [Fact]
    public async Task ExportAsync_EmptyModelProviderOperation_LabelledUnknown()
    {
        // An empty label value is no label in Prometheus: the cost dashboard's {{model}} legends would be blank.
        var registry = new MetricRegistry();
        var exporter = new KpiMetricsExporter("prometheus", new KpiMetricsExporterOptions(), registry, new ManualTimeProvider(Start));
        var batch = new TelemetryBatch();
        var span = Chat("t1", "s1", 1);
        span.GenAi = new GenAiInfo { IsGenAi = true, Operation = "", Provider = "", RequestModel = "", ResponseModel = "", ErrorType = "", InputTokens = 5 };
        span.CostUsd = 0.5;
        batch.Spans.Add(span);
        var answered = Chat("t2", "s1", 2);
        answered.GenAi.ResponseModel = "";
        batch.Spans.Add(answered);
        await exporter.ExportAsync(batch, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var text = registry.Render();
        Assert.DoesNotContain("=\"\"", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.GenAiRequestsTotal + "{model=\"unknown\",provider=\"unknown\",operation=\"unknown\"}", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.TokensTotal + "{type=\"input\",model=\"unknown\"}", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.CostUsdTotal + "{model=\"unknown\",provider=\"unknown\"}", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.ErrorsTotal + "{error_type=\"_OTHER\",model=\"unknown\"}", text, StringComparison.Ordinal);
        // An empty response model falls back to the request model.
        Assert.Contains(MetricNames.GenAiRequestsTotal + "{model=\"m\",provider=\"unknown\",operation=\"chat\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_OtlpCumulativeSum_SetAndLabelledWithResource()
    {
        var registry = new MetricRegistry();
        var exporter = new KpiMetricsExporter("prometheus", new KpiMetricsExporterOptions(), registry, new ManualTimeProvider(Start));
        var resource = new ResourceInfo { Attributes = new AttributeList { { "service.name", AttrValue.Of("app") }, { "host.name", AttrValue.Of("h1") }, { "process.pid", AttrValue.Of(4242L) } } };
        var started = ((Start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100) + 1;
        for (var v = 1; v <= 3; v++)
        {
            var batch = new TelemetryBatch();
            batch.Metrics.Add(new MetricPointRecord { Name = "app.requests", Unit = "{request}", Kind = MetricKind.Sum, IsMonotonic = true, Temporality = 2, Value = v * 10, StartTimeUnixNano = started, Resource = resource, Attributes = new AttributeList { { "route", AttrValue.Of("/a") } } });
            batch.Metrics.Add(new MetricPointRecord { Name = "app.summary", Kind = MetricKind.Summary, Resource = resource });
            await exporter.ExportAsync(batch, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }

        var text = registry.RenderAfterFirstScrape();
        Assert.Contains("llmops_otlp_app_requests_total{host_name=\"h1\",route=\"/a\",service_name=\"app\"} 30\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4242", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.OtlpPointsRefusedTotal + "{reason=\"unsupported_kind\"} 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_OtlpPointWithoutRecordedValue_RemovesItsSeriesUntilTheNextValue()
    {
        var registry = new MetricRegistry();
        var exporter = new KpiMetricsExporter("prometheus", new KpiMetricsExporterOptions(), registry, new ManualTimeProvider(Start));
        MetricPointRecord Gauge(string k, double v, uint flags = 0) => new() { Name = "app.queue", Kind = MetricKind.Gauge, Value = v, Flags = flags, Attributes = new AttributeList { { "k", AttrValue.Of(k) } } };
        var started = ((Start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100) + 1;
        MetricPointRecord Counter(double v, uint flags = 0) => new() { Name = "app.requests", Kind = MetricKind.Sum, IsMonotonic = true, Temporality = 2, Value = v, StartTimeUnixNano = started, Flags = flags };
        MetricPointRecord Histogram(uint flags = 0) => new() { Name = "app.latency", Unit = "s", Kind = MetricKind.Histogram, Temporality = 2, Flags = flags, Count = 1, Value = 0.5, ExplicitBounds = flags == 0 ? [1.0] : [], BucketCounts = flags == 0 ? [1UL, 0] : [] };
        async Task Export(params MetricPointRecord[] points)
        {
            var batch = new TelemetryBatch();
            batch.Metrics.AddRange(points);
            await exporter.ExportAsync(batch, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }

        await Export(Gauge("a", 3.5), Gauge("b", 1), Counter(10), Histogram());
        var before = registry.RenderAfterFirstScrape();
        Assert.Contains("llmops_otlp_app_queue{k=\"a\"} 3.5\n", before, StringComparison.Ordinal);
        Assert.Contains("llmops_otlp_app_requests_total 10\n", before, StringComparison.Ordinal);
        Assert.Contains("llmops_otlp_app_latency", before, StringComparison.Ordinal);
        await Export(Gauge("a", 0, MetricPointRecord.NoRecordedValueFlag), Counter(0, MetricPointRecord.NoRecordedValueFlag), Histogram(MetricPointRecord.NoRecordedValueFlag));

        var text = registry.Render();
        Assert.DoesNotContain("llmops_otlp_app_queue{k=\"a\"}", text, StringComparison.Ordinal);
        Assert.Contains("llmops_otlp_app_queue{k=\"b\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("llmops_otlp_app_requests_total", text, StringComparison.Ordinal);
        Assert.DoesNotContain("llmops_otlp_app_latency", text, StringComparison.Ordinal);
        Assert.DoesNotContain(MetricNames.OtlpPointsRefusedTotal + "{", text, StringComparison.Ordinal);

        await Export(Gauge("a", 4), Gauge("never_seen", 0, MetricPointRecord.NoRecordedValueFlag));
        text = registry.Render();
        Assert.Contains("llmops_otlp_app_queue{k=\"a\"} 4\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("never_seen", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_OtlpMetricCap_RefusesNewMetrics()
    {
        var registry = new MetricRegistry();
        var exporter = new KpiMetricsExporter("prometheus", new KpiMetricsExporterOptions { MaxOtlpMetrics = 2 }, registry, new ManualTimeProvider(Start));
        var batch = new TelemetryBatch();
        for (var i = 0; i < 5; i++)
        {
            batch.Metrics.Add(new MetricPointRecord { Name = "m" + i, Kind = MetricKind.Gauge, Value = i });
        }

        await exporter.ExportAsync(batch, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var text = registry.Render();
        Assert.Contains(MetricNames.OtlpPointsRefusedTotal + "{reason=\"metric_cap\"} 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Factory_TypeAndValidator_ReportEveryError()
    {
        Assert.Equal("prometheus", KpiMetricsComponents.Factory.Type);
        Assert.Equal(ComponentKind.Exporter, KpiMetricsComponents.Factory.Kind);
        var errors = new ValidationErrors();
        KpiMetricsComponents.Factory.Validate(new KpiMetricsExporterOptions { MaxSeriesPerMetric = 0, LatencyBuckets = [1, 0.5], FeedbackName = "" }, errors);
        Assert.Equal(3, errors.All.Count);
        var ok = new ValidationErrors();
        KpiMetricsComponents.Factory.Validate(KpiMetricsComponents.Factory.CreateDefaultOptions(), ok);
        Assert.False(ok.HasErrors);
    }

    [Fact]
    public void OptionsBinder_SnakeCaseYaml_BindsOptions()
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader("cost_by_user: true\nmax_user_series: 7\nlatency_buckets: [0.1, 1]\n"));
        var options = new KpiMetricsExporterOptions();
        var errors = new ValidationErrors();
        OptionsBinder.Bind(yaml.Documents[0].RootNode, options, errors);
        Assert.False(errors.HasErrors, string.Join("; ", errors.All));
        Assert.True(options.CostByUser);
        Assert.Equal(7, options.MaxUserSeries);
        Assert.Equal([0.1, 1], options.LatencyBuckets);
    }

    [Fact]
    public async Task ExportAsync_RenamedScoresAndThreshold_ReachTheSharedAlertWindow()
    {
        // The window as the collector registers it for the alert engine: default score names.
        var clock = new ManualTimeProvider(Start);
        var window = new KpiWindow(clock, KpiMetricsExporterOptions.GenAiDurationBuckets, TimeSpan.FromHours(49));
        var options = new KpiMetricsExporterOptions { ContextRelevanceScoreName = "retrieval_fit", HallucinationScoreName = "ungrounded", HallucinationThreshold = 0.8 };
        var exporter = new KpiMetricsExporter("prometheus", options, new MetricRegistry(), clock, window);
        var batch = new TelemetryBatch();
        var now = (Start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        batch.Spans.Add(Chat("0000000000000000000000000000000a", "s1", now));
        foreach (var (name, value) in new[] { ("retrieval_fit", 0.4), ("retrieval_fit", 0.6), ("ungrounded", 0.7), ("ungrounded", 0.9), ("context_relevance", 0.0), ("hallucination", 1.0) })
        {
            batch.Logs.Add(new LogRecordModel
            {
                TraceId = "0000000000000000000000000000000a",
                Evaluation = new EvaluationResultRecord { Name = name, ScoreValue = value, TraceId = "0000000000000000000000000000000a", Source = "evaluator", TimeUnixNano = now },
            });
        }

        await exporter.ExportAsync(batch, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0.5, window.Value(LlmOps.Processors.Alerts.AlertSignal.ContextRelevance, TimeSpan.FromMinutes(5), Start)!.Value, 9);
        Assert.Equal(0.5, window.Value(LlmOps.Processors.Alerts.AlertSignal.HallucinationRate, TimeSpan.FromMinutes(5), Start)!.Value, 9);
    }

    private static double Gauge(MetricRegistry registry, string name)
    {
        var line = registry.Render().Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static SpanRecord Chat(string traceId, string session, long start) => new()
    {
        TraceId = traceId,
        SpanId = "0000000000000001",
        Name = "chat",
        StartTimeUnixNano = start,
        EndTimeUnixNano = start + 1000,
        GenAi = new GenAiInfo { IsGenAi = true, Operation = "chat", RequestModel = "m", SessionId = session },
    };

    private static LogRecordModel Feedback(string traceId, string label, long time) => new()
    {
        TraceId = traceId,
        Evaluation = new EvaluationResultRecord { Name = "user_feedback", ScoreLabel = label, TraceId = traceId, TimeUnixNano = time },
    };
}
