using LlmOps.Protos.Collector.Trace.V1;

namespace LlmOps.LoadGen.Tests;

/// <summary>
/// What the load generator sends looks like live traffic: each send carries new random trace ids (one per trace, so a
/// RAG trace's two spans stay one trace) and spans that ended just before the send, with their generated durations.
/// </summary>
public sealed class RequestTemplateTests
{
    [Fact]
    public void Stamp_GivesFreshRandomTraceIds_AndShiftsEverySpanToEndByNow_KeepingDurations()
    {
        var original = new GenAiSpanFactory(seed: 3).CreateRequest(10, rag: true);
        var template = new RequestTemplate(original);
        const ulong now = 1_800_000_000_000_000_000UL;

        var first = Spans(ExportTraceServiceRequest.Parser.ParseFrom(template.Stamp(now)));
        var second = Spans(ExportTraceServiceRequest.Parser.ParseFrom(template.Stamp(now + 5_000_000UL)));
        var source = Spans(original);

        Assert.Equal(source.Count, first.Count);
        Assert.Equal(now, first.Max(s => s.EndTimeUnixNano));
        Assert.Equal(now + 5_000_000UL, second.Max(s => s.EndTimeUnixNano));
        for (var i = 0; i < source.Count; i++)
        {
            Assert.Equal(source[i].EndTimeUnixNano - source[i].StartTimeUnixNano, first[i].EndTimeUnixNano - first[i].StartTimeUnixNano);
            Assert.Equal(source[i].SpanId, first[i].SpanId);
            Assert.Equal(source[i].Name, first[i].Name);
        }

        // Same trace structure as the template (a retrieval span and its chat span share one id), new ids every send.
        Assert.Equal(source.Select(s => s.TraceId).Distinct().Count(), first.Select(s => s.TraceId).Distinct().Count());
        for (var i = 0; i < source.Count; i++)
        {
            for (var j = 0; j < source.Count; j++)
            {
                Assert.Equal(source[i].TraceId == source[j].TraceId, first[i].TraceId == first[j].TraceId);
            }
        }

        var ids = first.Concat(second).Concat(source).Select(s => s.TraceId).Distinct().Count();
        Assert.Equal(3 * source.Select(s => s.TraceId).Distinct().Count(), ids);

        // Random, not a counter: the leading bytes (the ones a B-tree orders by) vary across traces.
        Assert.True(first.Select(s => s.TraceId[0]).Distinct().Count() > 1);
    }

    private static List<Protos.Trace.V1.Span> Spans(ExportTraceServiceRequest r) =>
        [.. r.ResourceSpans.SelectMany(x => x.ScopeSpans).SelectMany(x => x.Spans)];
}
