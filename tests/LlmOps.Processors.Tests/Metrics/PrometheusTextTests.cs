using System.Text;
using LlmOps.Processors.Metrics;
using Xunit;

namespace LlmOps.Processors.Tests.Metrics;

public sealed class PrometheusTextTests
{
    [Theory]
    [InlineData("llmops_x_total", true)]
    [InlineData("a:b", true)]
    [InlineData("_x", true)]
    [InlineData("1x", false)]
    [InlineData("a-b", false)]
    [InlineData("", false)]
    public void IsValidMetricName_Examples_MatchSpec(string name, bool valid) => Assert.Equal(valid, PrometheusText.IsValidMetricName(name));

    [Theory]
    [InlineData("model", true)]
    [InlineData("__name__", false)]
    [InlineData("a:b", false)]
    [InlineData("9a", false)]
    public void IsValidLabelName_Examples_MatchSpec(string name, bool valid) => Assert.Equal(valid, PrometheusText.IsValidLabelName(name));

    [Fact]
    public void AppendEscapedLabelValue_SpecialCharacters_Escaped()
    {
        var sb = new StringBuilder();
        PrometheusText.AppendEscapedLabelValue(sb, "a\\b\"c\nd");
        Assert.Equal("a\\\\b\\\"c\\nd", sb.ToString());
    }

    [Fact]
    public void EscapeHelp_BackslashAndNewline_Escaped() => Assert.Equal("x\\\\y\\nz \"q\"", PrometheusText.EscapeHelp("x\\y\nz \"q\""));

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    public void FormatDouble_Values_GoCompatible(double value, string expected) => Assert.Equal(expected, PrometheusText.FormatDouble(value));

    [Theory]
    [InlineData("gen_ai.client.operation.duration", "s", false, "llmops_otlp_gen_ai_client_operation_duration_seconds")]
    [InlineData("gen_ai.client.token.usage", "{token}", false, "llmops_otlp_gen_ai_client_token_usage")]
    [InlineData("http.requests", "{request}", true, "llmops_otlp_http_requests_total")]
    [InlineData("cpu.utilization", "1", false, "llmops_otlp_cpu_utilization_ratio")]
    [InlineData("bytes.sent_total", "By", true, "llmops_otlp_bytes_sent_total")]
    [InlineData("9lives.m\u00e9trique-x", "1/s", false, "llmops_otlp_9lives_m_trique_x_per_second")]
    [InlineData("audit.speed", "m/s", false, "llmops_otlp_audit_speed_meters_per_second")]
    [InlineData("audit.rate", "{req}/s", false, "llmops_otlp_audit_rate_per_second")]
    [InlineData("audit.jobs", "{job}/min", true, "llmops_otlp_audit_jobs_per_minute_total")]
    [InlineData("audit.weird.unit", "\u00b5s", false, "llmops_otlp_audit_weird_unit_microseconds")]
    [InlineData("audit.days", "d", false, "llmops_otlp_audit_days")]
    [InlineData("audit.kb", "KBy", false, "llmops_otlp_audit_kb_kilobytes")]
    [InlineData("audit.temp", "Cel", false, "llmops_otlp_audit_temp_celsius")]
    [InlineData("audit.dlat", "ms", false, "llmops_otlp_audit_dlat_milliseconds")]
    [InlineData("audit.mem", "MiBy", false, "llmops_otlp_audit_mem_mebibytes")]
    [InlineData("cpu.load", "%", false, "llmops_otlp_cpu_load_percent")]
    [InlineData("room.temp", "\u00b0F", false, "llmops_otlp_room_temp")]
    [InlineData("queue.size", "items", false, "llmops_otlp_queue_size_items")]
    [InlineData("db.calls.count", "{call}", false, "llmops_otlp_db_calls_count_value")]
    public void Translate_OtlpNames_PrometheusConventions(string name, string unit, bool counter, string expected) =>
        Assert.Equal(expected, MetricNameTranslator.Translate(MetricNames.OtlpPrefix, name, unit, counter));

    [Theory]
    [InlineData("9lives", "", false, "_9lives")]
    [InlineData("dotnet.gc.heap.total_allocated", "By", true, "dotnet_gc_heap_total_allocated_bytes_total")]
    [InlineData("llmops.collector.batch.duration", "s", false, "llmops_collector_batch_duration_seconds")]
    public void Translate_WithoutPrefix_ValidNames(string name, string unit, bool counter, string expected) =>
        Assert.Equal(expected, MetricNameTranslator.Translate(string.Empty, name, unit, counter));

    [Fact]
    public void Translate_GenAiMetrics_MatchMetricNamesConstants()
    {
        Assert.Equal(MetricNames.OtlpGenAiClientOperationDurationSeconds, MetricNameTranslator.Translate(MetricNames.OtlpPrefix, LlmOps.Sdk.SemanticConventions.GenAiClientOperationDuration, "s", false));
        Assert.Equal(MetricNames.OtlpGenAiClientTokenUsage, MetricNameTranslator.Translate(MetricNames.OtlpPrefix, LlmOps.Sdk.SemanticConventions.GenAiClientTokenUsage, "{token}", false));
    }
}
