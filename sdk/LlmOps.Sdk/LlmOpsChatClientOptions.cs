using LlmOps.Sdk.Redaction;

namespace LlmOps.Sdk;

/// <summary>Options of <see cref="LlmOpsChatClient"/>.</summary>
public sealed class LlmOpsChatClientOptions
{
    /// <summary>
    /// Gets or sets whether prompts, answers and system instructions are captured (<c>gen_ai.input.messages</c>,
    /// <c>gen_ai.output.messages</c>, <c>gen_ai.system_instructions</c>). Null (the default) follows
    /// <see cref="LlmOpsInstrumentation.CaptureMessageContentByDefault"/>, itself initialised from
    /// <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c>.
    /// </summary>
    public bool? CaptureMessageContent { get; set; }

    /// <summary>Gets or sets whether captured content is redacted in process. On by default.</summary>
    public bool RedactPii { get; set; } = true;

    /// <summary>Gets or sets the redactor used when <see cref="RedactPii"/> is on; <see cref="PiiRedactor.Default"/>
    /// when null.</summary>
    public IPiiRedactor? Redactor { get; set; }

    /// <summary>Gets or sets the context added to the GenAI metrics as dimensions (opt-in).</summary>
    public LlmOpsMetricDimensions MetricDimensions { get; set; }

    /// <summary>
    /// Gets or sets whether each traced response carries the reference (trace id, span id, response id) of its chat
    /// span in <c>AdditionalProperties</c>, read by <c>GetLlmOpsReference()</c> (for streaming: on the first update).
    /// Off by default because it costs an extra dictionary per call (about 300 bytes); without it,
    /// <c>GetLlmOpsReference()</c> returns the provider's response id, which the collector correlates too, and the
    /// ambient <c>LlmOpsScope.LastResponse</c> always carries the full reference.
    /// </summary>
    public bool AttachResponseReference { get; set; }

    /// <summary>Gets or sets the <c>gen_ai.provider.name</c>; the inner client's metadata when null.</summary>
    public string? ProviderName { get; set; }

    /// <summary>Gets or sets the clock used to time calls.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
