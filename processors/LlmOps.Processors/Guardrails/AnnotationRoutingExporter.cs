using LlmOps.Processors.Configuration;
using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Processors.Guardrails;

/// <summary>
/// The <c>annotation</c> exporter: after a batch is stored, sends every span a guardrail flagged to the annotation
/// queue of its rule. The sink is idempotent on (queue, trace, span), so a retried export adds nothing twice.
/// </summary>
internal sealed class AnnotationRoutingExporter : ITelemetryExporter
{
    public const string Type = "annotation";

    private readonly IFlaggedSpanSink _sink;
    private readonly AnnotationRoutingOptions _options;
    private readonly TimeProvider _time;

    public AnnotationRoutingExporter(string id, AnnotationRoutingOptions options, IFlaggedSpanSink sink, TimeProvider time)
    {
        Id = id;
        _options = options;
        _sink = sink;
        _time = time;
    }

    public static IExporterFactory Factory { get; } = new ExporterFactory<AnnotationRoutingOptions>(
        Type,
        new Validator(),
        (id, options, services) => new AnnotationRoutingExporter(id, options, services.GetRequiredService<IFlaggedSpanSink>(), services.GetService<TimeProvider>() ?? TimeProvider.System));

    public string Id { get; }

    public bool IsDurable => false;

    public Task ExportAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        List<FlaggedSpan>? flagged = null;
        var now = _time.GetUtcNow();
        foreach (var span in batch.Spans)
        {
            foreach (var flag in span.GuardrailFlags)
            {
                (flagged ??= []).Add(new FlaggedSpan(span.TraceId, span.SpanId, flag.Queue ?? _options.DefaultQueue, flag.Rule, flag.Reason, flag.Severity, now));
            }
        }

        return flagged is null ? Task.CompletedTask : _sink.FlagAsync(flagged, cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Validator : IOptionsValidator<AnnotationRoutingOptions>
    {
        public void Validate(AnnotationRoutingOptions options, ValidationErrors errors)
        {
            if (string.IsNullOrWhiteSpace(options.DefaultQueue))
            {
                errors.Add("default_queue", "must not be empty");
            }
        }
    }
}
