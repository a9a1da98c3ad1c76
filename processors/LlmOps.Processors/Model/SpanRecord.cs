namespace LlmOps.Processors.Model;

/// <summary>
/// A received span in LlmOps' own model: ids as lowercase hex, times in Unix nanoseconds, typed attributes kept whole,
/// and the GenAI fields normalised into <see cref="GenAi"/>. Processors read and annotate it; they never see protobuf.
/// </summary>
internal sealed class SpanRecord
{
    public string TraceId { get; set; } = string.Empty;

    public string SpanId { get; set; } = string.Empty;

    public string? ParentSpanId { get; set; }

    public string TraceState { get; set; } = string.Empty;

    public uint Flags { get; set; }

    public string Name { get; set; } = string.Empty;

    public SpanKindCode Kind { get; set; }

    public long StartTimeUnixNano { get; set; }

    public long EndTimeUnixNano { get; set; }

    public StatusCodeValue StatusCode { get; set; }

    public string StatusMessage { get; set; } = string.Empty;

    public AttributeList Attributes { get; set; } = [];

    public uint DroppedAttributesCount { get; set; }

    public List<SpanEvent> Events { get; set; } = [];

    public uint DroppedEventsCount { get; set; }

    public List<SpanLink> Links { get; set; } = [];

    public uint DroppedLinksCount { get; set; }

    public ResourceInfo Resource { get; set; } = new();

    public ScopeInfo Scope { get; set; } = ScopeInfo.Unknown;

    public GenAiInfo GenAi { get; set; } = GenAiInfo.None;

    /// <summary>Cost in US dollars computed by the cost processor; null when unknown (never guessed).</summary>
    public double? CostUsd { get; set; }

    /// <summary>Guardrails this span tripped.</summary>
    public List<GuardrailFlag> GuardrailFlags { get; } = [];

    /// <summary>
    /// Set by a durable exporter when the store already held this span (a retried export, or the same span sent to
    /// another replica): the exporters after it (scoring, metrics, annotation routing) skip it, so nothing is counted
    /// or scored twice.
    /// </summary>
    public bool AlreadyStored { get; set; }

    /// <summary>
    /// Set by a durable exporter that commits a batch in several transactions (the PostgreSQL store's parallel parts)
    /// once the transaction that inserted this span, new to the store, has committed. When the pass fails after that
    /// (another part failed, or was refused), the pipeline still hands these spans to the exporters after the durable
    /// ones, and clears the flag: the retry finds them <see cref="AlreadyStored"/> and passes them over, so they would
    /// otherwise never be scored or counted. A store that commits a batch in one transaction need not set it.
    /// </summary>
    public bool NewlyStored { get; set; }

    /// <summary>
    /// Set by the embedded store when it inserts the span: its row id there, increasing with arrival. Scores written back
    /// for the span are keyed by it, so their index grows at its end instead of at random trace ids.
    /// </summary>
    public long? StoreRowId { get; set; }

    public double DurationMs => (EndTimeUnixNano - StartTimeUnixNano) / 1_000_000.0;

    public bool IsRoot => ParentSpanId is null;
}
