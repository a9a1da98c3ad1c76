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
    [InlineData("bytes.sent_total", "By", true, "llmops_otlp_bytes_sent_bytes_total")]
    public void Translate_OtlpNames_PrometheusConventions(string name, string unit, bool counter, string expected) =>
        Assert.Equal(expected, MetricNameTranslator.Translate(MetricNames.OtlpPrefix, name, unit, counter));

    [Fact]
    public void Translate_GenAiMetrics_MatchMetricNamesConstants()
    {
        Assert.Equal(MetricNames.OtlpGenAiClientOperationDurationSeconds, MetricNameTranslator.Translate(MetricNames.OtlpPrefix, LlmOps.Sdk.SemanticConventions.GenAiClientOperationDuration, "s", false));
        Assert.Equal(MetricNames.OtlpGenAiClientTokenUsage, MetricNameTranslator.Translate(MetricNames.OtlpPrefix, LlmOps.Sdk.SemanticConventions.GenAiClientTokenUsage, "{token}", false));
    }
}
