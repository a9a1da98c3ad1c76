using LlmOps.Processors.Model;
using Xunit;

namespace LlmOps.Collector.Tests.Support;

/// <summary>Checks a decoded span against what <see cref="OtlpSamples.GenAiSpan"/> sent, field by field.</summary>
internal static class SpanAssert
{
    public static void IsGenAiSpan(SpanRecord s, int n)
    {
        Assert.Equal(OtlpSamples.Hex(OtlpSamples.TraceId(n)), s.TraceId);
        Assert.Equal(OtlpSamples.Hex(OtlpSamples.SpanId(n)), s.SpanId);
        Assert.Equal(n % 2 == 0 ? null : OtlpSamples.Hex(OtlpSamples.SpanId(n + 1000)), s.ParentSpanId);
        Assert.Equal("chat gpt-4o", s.Name);
        Assert.Equal(SpanKindCode.Client, s.Kind);
        Assert.Equal(1_700_000_000_000_000_000L + n, s.StartTimeUnixNano);
        Assert.Equal(1_700_000_000_250_000_000L + n, s.EndTimeUnixNano);
        Assert.Equal(StatusCodeValue.Error, s.StatusCode);
        Assert.Equal("rate limited", s.StatusMessage);
        Assert.Equal(0x101u, s.Flags);
        Assert.Equal("vendor=x", s.TraceState);
        Assert.Equal("factory-assistant", s.Resource.ServiceName);
        Assert.Equal("test.scope", s.Scope.Name);
        Assert.Equal("1.2.3", s.Scope.Version);

        Assert.Equal(AttrKind.Int, s.Attributes.Get("gen_ai.usage.input_tokens")!.Kind);
        Assert.Equal(1200L + n, s.Attributes.Get("gen_ai.usage.input_tokens")!.IntValue);
        Assert.Equal(AttrKind.Double, s.Attributes.Get("gen_ai.request.temperature")!.Kind);
        Assert.Equal(0.25, s.Attributes.Get("gen_ai.request.temperature")!.DoubleValue);
        Assert.Equal(AttrKind.Bool, s.Attributes.Get("gen_ai.request.stream")!.Kind);
        Assert.True(s.Attributes.Get("gen_ai.request.stream")!.BoolValue);
        Assert.Equal(["stop", "length"], s.Attributes.Get("gen_ai.response.finish_reasons")!.AsStringList());
        var meta = s.Attributes.Get("llmops.meta")!;
        Assert.Equal(AttrKind.KvList, meta.Kind);
        Assert.Equal("gold", meta.KvListValue![0].Value.StringValue);
        Assert.Equal(2L, meta.KvListValue[1].Value.IntValue);
        Assert.Equal([1, 2, 3], s.Attributes.Get("llmops.blob")!.BytesValue);

        var e = Assert.Single(s.Events);
        Assert.Equal("gen_ai.content.prompt", e.Name);
        Assert.Equal(1_700_000_000_100_000_000L, e.TimeUnixNano);
        Assert.Equal(1L, e.Attributes.Get("index")!.IntValue);
        var l = Assert.Single(s.Links);
        Assert.Equal(OtlpSamples.Hex(OtlpSamples.TraceId(n + 500)), l.TraceId);
        Assert.Equal(OtlpSamples.Hex(OtlpSamples.SpanId(n + 500)), l.SpanId);
        Assert.Equal("retry-of", l.Attributes.GetString("link.kind"));

        Assert.True(s.GenAi.IsGenAi);
        Assert.Equal("chat", s.GenAi.Operation);
        Assert.Equal("openai", s.GenAi.Provider);
        Assert.Equal(1200L + n, s.GenAi.InputTokens);
    }
}
