using System.Globalization;
using System.Text;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using LlmOps.Sdk;
using Microsoft.Extensions.Logging;

namespace LlmOps.Processors.Guardrails;

/// <summary>
/// Checks every GenAI span before it is stored: personal data (detected in all content, redacted in the configured
/// fields), toxicity of the prompt and the answer, and the size of prompt plus retrieved context. A span that trips a
/// rule gets a <see cref="GuardrailFlag"/> naming the rule, the reason, a severity (critical at or above the
/// auto-escalation threshold) and the annotation queue it is routed to. Feedback comments are redacted too.
/// </summary>
internal sealed class GuardrailsProcessor : ITelemetryProcessor
{
    private readonly GuardrailsProcessorOptions _options;
    private readonly GuardrailSettings _settings;
    private readonly IPiiDetector _pii;
    private readonly IToxicityClassifier _toxicity;
    private readonly ILogger _logger;
    private readonly HashSet<string> _redactFields;

    public GuardrailsProcessor(string id, GuardrailsProcessorOptions options, GuardrailSettings settings, IPiiDetector pii, IToxicityClassifier toxicity, ILogger logger)
    {
        Id = id;
        _options = options;
        _settings = settings;
        _pii = pii;
        _toxicity = toxicity;
        _logger = logger;
        _redactFields = new HashSet<string>(options.RedactFields, StringComparer.Ordinal);
    }

    public string Id { get; }

    public ValueTask ProcessAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var s = _settings.Current;
        foreach (var span in batch.Spans)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (span.GenAi.IsGenAi)
            {
                Check(span, s);
            }
        }

        if (s.PiiDetection && s.Redact && _redactFields.Contains("feedback.comment"))
        {
            foreach (var log in batch.Logs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RedactFeedback(log, s);
            }
        }

        return ValueTask.CompletedTask;
    }

    internal void Check(SpanRecord span, GuardrailSnapshot s)
    {
        var g = span.GenAi;
        var maxRisk = 0.0;
        if (s.PiiDetection)
        {
            var types = new SortedSet<string>(StringComparer.Ordinal);
            var places = new SortedSet<string>(StringComparer.Ordinal);
            var confidence = 0.0;

            // Attributes first (the stored content), then the derived text fields. Each distinct text is scanned once:
            // the message JSON fields are the attribute strings themselves, and a derived text found verbatim in a
            // content attribute that had no findings has none either (see CleanSource).
            var scanned = new List<ScannedText>(4);
            for (var i = 0; i < span.Attributes.Count; i++)
            {
                var (key, value) = (span.Attributes[i].Key, span.Attributes[i].Value);
                if (value.Kind != AttrKind.String || string.IsNullOrEmpty(value.StringValue) || !IsContentKey(key))
                {
                    continue;
                }

                var redact = _redactFields.Contains(key);
                var redacted = Scan(value.StringValue, s, types, ref confidence, redact, out var found);
                scanned.Add(new ScannedText(value.StringValue, redacted, redact && s.Redact, found));
                if (found)
                {
                    places.Add(key);
                    if (!ReferenceEquals(redacted, value.StringValue))
                    {
                        span.Attributes[i] = new(key, AttrValue.Of(redacted));
                    }
                }
            }

            var redactMessages = _redactFields.Contains(SemanticConventions.GenAiInputMessages) || _redactFields.Contains(SemanticConventions.GenAiOutputMessages);
            g.InputText = ScanDerived(g.InputText, "input", redactMessages, scanned, s, types, places, ref confidence);
            g.OutputText = ScanDerived(g.OutputText, "output", redactMessages, scanned, s, types, places, ref confidence);
            g.InputMessagesJson = ScanField(g.InputMessagesJson, null, _redactFields.Contains(SemanticConventions.GenAiInputMessages), scanned, s, types, places, ref confidence);
            g.OutputMessagesJson = ScanField(g.OutputMessagesJson, null, _redactFields.Contains(SemanticConventions.GenAiOutputMessages), scanned, s, types, places, ref confidence);
            g.SystemInstructionsJson = ScanField(g.SystemInstructionsJson, null, _redactFields.Contains(SemanticConventions.GenAiSystemInstructions), scanned, s, types, places, ref confidence);
            g.RetrievalQuery = ScanField(g.RetrievalQuery, "retrieval query", _redactFields.Contains(SemanticConventions.GenAiRetrievalQueryText), scanned, s, types, places, ref confidence);
            if (g.RetrievalDocuments.Count > 0)
            {
                var redactDocs = _redactFields.Contains(SemanticConventions.GenAiRetrievalDocuments);
                var docs = new List<RetrievedDocument>(g.RetrievalDocuments.Count);
                foreach (var d in g.RetrievalDocuments)
                {
                    docs.Add(d.Content is null ? d : d with { Content = ScanField(d.Content, "retrieved documents", redactDocs, scanned, s, types, places, ref confidence) });
                }

                g.RetrievalDocuments = docs;
            }

            if (types.Count > 0)
            {
                maxRisk = Math.Max(maxRisk, confidence);
                Flag(span, "pii", $"personal data ({string.Join(", ", types)}) in {string.Join(", ", places)}{(s.Redact ? "; redacted where configured" : string.Empty)}", confidence, s);
            }
        }

        if (s.ToxicityFilter)
        {
            var outputTox = g.OutputText is { Length: > 0 } o ? _toxicity.Toxicity(o) : 0;
            var inputTox = g.InputText is { Length: > 0 } i ? _toxicity.Toxicity(i) : 0;
            var tox = Math.Max(outputTox, inputTox);
            if (tox >= s.ToxicityThreshold)
            {
                maxRisk = Math.Max(maxRisk, tox);
                var where = outputTox >= inputTox ? "answer" : "prompt";
                Flag(span, "toxicity", string.Create(CultureInfo.InvariantCulture, $"toxic {where} (score {tox:0.00} ≥ {s.ToxicityThreshold:0.00})"), tox, s);
            }
        }

        if (s.MaxContextLength > 0)
        {
            long length = (g.InputText?.Length ?? 0) + (g.SystemInstructionsJson?.Length ?? 0);
            foreach (var d in g.RetrievalDocuments)
            {
                length += d.Content?.Length ?? 0;
            }

            if (length > s.MaxContextLength)
            {
                Flag(span, "context_length", string.Create(CultureInfo.InvariantCulture, $"prompt and context are {length} characters, over the limit of {s.MaxContextLength}"), 0.5, s);
            }
        }
    }

    private static bool IsContentKey(string key) =>
        key.StartsWith("gen_ai.input", StringComparison.Ordinal)
        || key.StartsWith("gen_ai.output", StringComparison.Ordinal)
        || key.StartsWith("gen_ai.system_instructions", StringComparison.Ordinal)
        || key.StartsWith("gen_ai.retrieval", StringComparison.Ordinal)
        || key is "input.value" or "output.value"
        || key.StartsWith("llm.input_messages", StringComparison.Ordinal)
        || key.StartsWith("llm.output_messages", StringComparison.Ordinal);

    /// <summary>A derived text (last user message, answer): skipped when a clean content attribute holds it verbatim.</summary>
    private string? ScanDerived(string? text, string place, bool redact, List<ScannedText> scanned, GuardrailSnapshot s, SortedSet<string> types, SortedSet<string> places, ref double confidence)
    {
        if (string.IsNullOrEmpty(text) || CleanSource(text, scanned))
        {
            return text;
        }

        return ScanField(text, place, redact, scanned, s, types, places, ref confidence);
    }

    /// <summary>
    /// True when <paramref name="text"/> occurs verbatim in a content attribute that was scanned without findings. The
    /// detectors match on the characters of a finding and its immediate surroundings; inside the attribute the text is
    /// delimited by JSON quotes, which the detectors treat like the start and end of a string.
    /// </summary>
    private static bool CleanSource(string text, List<ScannedText> scanned)
    {
        foreach (var t in scanned)
        {
            if (!t.Found && (ReferenceEquals(t.Original, text) || t.Original.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private string? ScanField(string? text, string? place, bool redact, List<ScannedText> scanned, GuardrailSnapshot s, SortedSet<string> types, SortedSet<string> places, ref double confidence)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        // The same string already scanned as an attribute (the message JSON fields are the attribute values).
        foreach (var t in scanned)
        {
            if (ReferenceEquals(t.Original, text) && t.Redacted == (redact && s.Redact))
            {
                if (t.Found && place is not null)
                {
                    places.Add(place);
                }

                return t.Result;
            }
        }

        var result = Scan(text, s, types, ref confidence, redact && s.Redact, out var found);
        if (found && place is not null)
        {
            places.Add(place);
        }

        return result;
    }

    /// <summary>Finds personal data; returns the text with findings replaced when <paramref name="redact"/>, else the same instance.</summary>
    private string Scan(string text, GuardrailSnapshot s, SortedSet<string> types, ref double confidence, bool redact, out bool found)
    {
        found = false;
        IReadOnlyList<PiiFinding> findings;
        try
        {
            findings = _pii.Find(text);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "PII detection failed on a field; it was left unchecked");
            return text;
        }

        if (findings.Count == 0)
        {
            return text;
        }

        StringBuilder? sb = null;
        var last = 0;
        foreach (var f in findings.OrderBy(f => f.Start))
        {
            if (f.Confidence < s.MinConfidence || f.Start < last || f.End > text.Length || f.End <= f.Start)
            {
                continue;
            }

            found = true;
            types.Add(f.Type);
            confidence = Math.Max(confidence, f.Confidence);
            if (redact && s.Redact)
            {
                sb ??= new StringBuilder(text.Length);
                sb.Append(text, last, f.Start - last).Append("[REDACTED:").Append(f.Type).Append(']');
                last = f.End;
            }
        }

        if (sb is null)
        {
            return text;
        }

        sb.Append(text, last, text.Length - last);
        return sb.ToString();
    }

    private void RedactFeedback(LogRecordModel log, GuardrailSnapshot s)
    {
        var types = new SortedSet<string>(StringComparer.Ordinal);
        var confidence = 0.0;
        if (log.Evaluation?.Explanation is { Length: > 0 } text)
        {
            log.Evaluation.Explanation = Scan(text, s, types, ref confidence, redact: true, out _);
        }

        for (var i = 0; i < log.Attributes.Count; i++)
        {
            var (key, value) = (log.Attributes[i].Key, log.Attributes[i].Value);
            if (value.Kind == AttrKind.String && (key == SemanticConventions.GenAiEvaluationExplanation || key == SemanticConventions.LlmOpsFeedbackComment) && value.StringValue is { Length: > 0 } v)
            {
                var redacted = Scan(v, s, types, ref confidence, redact: true, out _);
                if (!ReferenceEquals(redacted, v))
                {
                    log.Attributes[i] = new(key, AttrValue.Of(redacted));
                }
            }
        }

        if (log.Body.Kind == AttrKind.String && log.Body.StringValue is { Length: > 0 } body)
        {
            var redacted = Scan(body, s, types, ref confidence, redact: true, out _);
            if (!ReferenceEquals(redacted, body))
            {
                log.Body = AttrValue.Of(redacted);
            }
        }
    }

    private void Flag(SpanRecord span, string rule, string reason, double risk, GuardrailSnapshot s)
    {
        var severity = risk >= s.AutoEscalationThreshold ? "critical" : risk >= 0.5 ? "high" : "medium";
        _options.Queues.TryGetValue(rule, out var queue);
        span.GuardrailFlags.Add(new GuardrailFlag(rule, reason, severity, queue));
    }

    public void Dispose()
    {
    }
}
