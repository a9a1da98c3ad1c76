using System.Text.RegularExpressions;
using LlmOps.Processors.Guardrails;
using LlmOps.Processors.Model;
using LlmOps.Sdk;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOps.Processors.Tests.Guardrails;

public sealed partial class GuardrailsProcessorTests
{
    /// <summary>Finds e-mail addresses only; enough to test the processor's routing and redaction.</summary>
    private sealed partial class EmailOnly : IPiiDetector
    {
        public IReadOnlyList<PiiFinding> Find(string text) =>
            [.. Email().Matches(text).Select(m => new PiiFinding(m.Index, m.Index + m.Length, "EMAIL", 0.9))];

        [GeneratedRegex(@"[a-z.]+@[a-z]+\.[a-z]+")]
        private static partial Regex Email();
    }

    private sealed class WordToxicity(string word) : IToxicityClassifier
    {
        public double Toxicity(string text) => text.Contains(word, StringComparison.OrdinalIgnoreCase) ? 0.95 : 0.05;
    }

    private static GuardrailsProcessor Create(GuardrailsProcessorOptions? options = null, GuardrailSettings? settings = null)
    {
        options ??= new GuardrailsProcessorOptions();
        settings ??= new GuardrailSettings();
        settings.Update(options.ToSnapshot());
        return new GuardrailsProcessor("guardrails", options, settings, new EmailOnly(), new WordToxicity("idiot"), NullLogger.Instance);
    }

    private static SpanRecord Chat(string question, string answer)
    {
        var span = new SpanRecord { TraceId = new string('a', 32), SpanId = new string('b', 16), Name = "chat m" };
        span.Attributes.Add(SemanticConventions.GenAiOperationName, AttrValue.Of("chat"));
        span.Attributes.Add(SemanticConventions.GenAiInputMessages, AttrValue.Of($"[{{\"role\":\"user\",\"parts\":[{{\"type\":\"text\",\"content\":\"{question}\"}}]}}]"));
        span.Attributes.Add(SemanticConventions.GenAiOutputMessages, AttrValue.Of($"[{{\"role\":\"assistant\",\"parts\":[{{\"type\":\"text\",\"content\":\"{answer}\"}}]}}]"));
        span.GenAi = GenAiNormalizer.Normalize(span);
        return span;
    }

    private static async Task RunAsync(GuardrailsProcessor p, TelemetryBatch batch) =>
        await p.ProcessAsync(batch, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task ProcessAsync_EmailInAnswer_FlaggedAndRedactedBeforeStorage()
    {
        using var p = Create();
        var span = Chat("Who owns line 3?", "Ask jane.doe@factory.com about line 3.");
        var batch = new TelemetryBatch();
        batch.Spans.Add(span);

        await RunAsync(p, batch);

        var flag = Assert.Single(span.GuardrailFlags);
        Assert.Equal("pii", flag.Rule);
        Assert.Equal("High-Risk Responses", flag.Queue);
        Assert.Contains("EMAIL", flag.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe@factory.com", span.Attributes.GetString(SemanticConventions.GenAiOutputMessages), StringComparison.Ordinal);
        Assert.Contains("[REDACTED:EMAIL]", span.Attributes.GetString(SemanticConventions.GenAiOutputMessages), StringComparison.Ordinal);
        Assert.Equal("Ask [REDACTED:EMAIL] about line 3.", span.GenAi.OutputText);
    }

    [Fact]
    public async Task ProcessAsync_FieldNotConfiguredForRedaction_FlaggedButKept()
    {
        using var p = Create(new GuardrailsProcessorOptions { RedactFields = [SemanticConventions.GenAiInputMessages] });
        var span = Chat("Who owns line 3?", "Ask jane.doe@factory.com.");
        var batch = new TelemetryBatch();
        batch.Spans.Add(span);

        await RunAsync(p, batch);

        Assert.Equal("pii", Assert.Single(span.GuardrailFlags).Rule);
        Assert.Contains("jane.doe@factory.com", span.Attributes.GetString(SemanticConventions.GenAiOutputMessages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_ToxicAnswerAboveEscalation_CriticalFlag()
    {
        using var p = Create();
        var span = Chat("Why is the press stuck?", "Only an idiot would ask that.");
        var batch = new TelemetryBatch();
        batch.Spans.Add(span);

        await RunAsync(p, batch);

        var flag = Assert.Single(span.GuardrailFlags);
        Assert.Equal("toxicity", flag.Rule);
        Assert.Equal("critical", flag.Severity);
        Assert.Contains("answer", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_SettingsChangedLive_NextBatchUsesThem()
    {
        var settings = new GuardrailSettings();
        using var p = Create(settings: settings);
        settings.Update(settings.Current with { PiiDetection = false, ToxicityFilter = false });
        var span = Chat("q", "jane.doe@factory.com is an idiot");
        var batch = new TelemetryBatch();
        batch.Spans.Add(span);

        await RunAsync(p, batch);

        Assert.Empty(span.GuardrailFlags);
    }

    [Fact]
    public async Task ProcessAsync_ContextOverLimit_Flagged()
    {
        using var p = Create(new GuardrailsProcessorOptions { MaxContextLength = 20 });
        var span = Chat("A question that is clearly longer than twenty characters", "ok");
        var batch = new TelemetryBatch();
        batch.Spans.Add(span);

        await RunAsync(p, batch);

        Assert.Equal("context_length", Assert.Single(span.GuardrailFlags).Rule);
    }

    [Fact]
    public async Task ProcessAsync_FeedbackComment_Redacted()
    {
        using var p = Create();
        var log = new LogRecordModel { Evaluation = new EvaluationResultRecord { Name = "user_feedback", Explanation = "mail me at bob.smith@corp.com" } };
        log.Attributes.Add(SemanticConventions.GenAiEvaluationExplanation, AttrValue.Of("mail me at bob.smith@corp.com"));
        var batch = new TelemetryBatch();
        batch.Logs.Add(log);

        await RunAsync(p, batch);

        Assert.Equal("mail me at [REDACTED:EMAIL]", log.Evaluation.Explanation);
        Assert.Equal("mail me at [REDACTED:EMAIL]", log.Attributes.GetString(SemanticConventions.GenAiEvaluationExplanation));
    }

    [Fact]
    public async Task ProcessAsync_NonGenAiSpan_Untouched()
    {
        using var p = Create();
        var span = new SpanRecord { TraceId = new string('a', 32), SpanId = new string('c', 16), Name = "GET /users/jane.doe@factory.com" };
        var batch = new TelemetryBatch();
        batch.Spans.Add(span);

        await RunAsync(p, batch);

        Assert.Empty(span.GuardrailFlags);
    }
}
