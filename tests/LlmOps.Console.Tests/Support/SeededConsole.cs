using LlmOps.Processors.Model;
using LlmOps.Sdk;
using LlmOps.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Console.Tests.Support;

/// <summary>
/// A collector without the simulator, whose tests write the traces they need straight into its store (what the
/// receivers accept, without the processors' pricing and scoring), and a browser.
/// </summary>
public sealed class SeededConsole : ConsoleFixture
{
    protected override Task FeedAsync() => Task.CompletedTask;

    internal Task WriteAsync(TelemetryBatch batch) =>
        Collector.Services.GetRequiredService<ITelemetryStore>().WriteAsync(batch, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>A one-second span that started a few seconds ago (plus <paramref name="startOffsetMs"/>), with a resource and scope.</summary>
    internal static SpanRecord Span(string traceId, string name, string? parent = null, int startOffsetMs = 0)
    {
        var resource = new ResourceInfo { Attributes = [] };
        resource.Attributes.Add("service.name", AttrValue.Of("console-test"));
        var start = (TimeProvider.System.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100 - 5_000_000_000L + startOffsetMs * 1_000_000L;
        return new SpanRecord
        {
            TraceId = traceId,
            SpanId = NewId()[..16],
            ParentSpanId = parent,
            Name = name,
            Kind = SpanKindCode.Internal,
            StartTimeUnixNano = start,
            EndTimeUnixNano = start + 1_000_000_000L,
            StatusCode = StatusCodeValue.Ok,
            Resource = resource,
            Scope = new ScopeInfo { Name = "console-test" },
        };
    }

    /// <summary>An evaluator's score of the span, as the evaluation processors store it.</summary>
    internal static LogRecordModel Score(SpanRecord span, string name, double value, string? label = null) => new()
    {
        TimeUnixNano = span.EndTimeUnixNano,
        ObservedTimeUnixNano = span.EndTimeUnixNano,
        TraceId = span.TraceId,
        SpanId = span.SpanId,
        EventName = SemanticConventions.GenAiEvaluationResultEvent,
        Resource = span.Resource,
        Scope = span.Scope,
        Evaluation = new EvaluationResultRecord { Name = name, ScoreValue = value, ScoreLabel = label, TraceId = span.TraceId, SpanId = span.SpanId, Source = "evaluator", TimeUnixNano = span.EndTimeUnixNano },
    };

    /// <summary>32 random hex digits: a trace id (its first 16 a span id).</summary>
    internal static string NewId() => Guid.NewGuid().ToString("N");
}
