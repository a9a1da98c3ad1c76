using System.Diagnostics;
using System.Globalization;
using LlmOps.Sdk.Context;
using Microsoft.Extensions.AI;

namespace LlmOps.Sdk;

/// <summary>
/// The telemetry of one chat call: its span, timing, streaming state and metric recording. Every method swallows and
/// counts its own failures, so telemetry can never fail the call it observes.
/// </summary>
internal sealed class ChatCall
{
    private readonly ClientConfig _config;
    private readonly Activity? _activity;
    private readonly long _startTimestamp;
    private readonly string? _requestModel;
    private readonly string? _sessionId;
    private readonly string? _userId;
    private readonly string? _promptName;
    private readonly string? _promptVersion;
    private readonly LlmOpsScope? _scope;
    private readonly bool _captureContent;

    private long _lastChunkTimestamp;
    private double? _timeToFirstChunk;
    private string? _responseId;
    private string? _responseModel;
    private ChatFinishReason? _finishReason;
    private UsageDetails? _usage;
    private List<ChatResponseUpdate>? _updates;
    private bool _ended;
    private LlmOpsResponseReference? _reference;

    private ChatCall(ClientConfig config, Activity? activity, long startTimestamp, string? requestModel, LlmOpsScope? scope, LlmOpsCallContext? call, bool captureContent)
    {
        _config = config;
        _activity = activity;
        _startTimestamp = startTimestamp;
        _requestModel = requestModel;
        _scope = scope;
        _sessionId = call?.SessionId ?? scope?.SessionId;
        _userId = call?.UserId ?? scope?.UserId;
        _promptName = call?.PromptName ?? scope?.PromptName;
        _promptVersion = call is { PromptName: not null } ? call.PromptVersion : scope?.PromptVersion;
        _captureContent = captureContent;
    }

    public Activity? Activity => _activity;

    public static ChatCall? Start(ClientConfig config, IEnumerable<ChatMessage> messages, ChatOptions? options, LlmOpsCallContext? call, bool streaming)
    {
        Activity? activity = null;
        try
        {
            var scope = LlmOpsContext.CurrentSlot.Value;
            var retrieval = call?.Retrieval ?? scope?.Retrieval;
            var captureContent = config.ShouldCaptureContent;
            var retrievalSpan = default(ActivityContext);
            if (retrieval is not null)
            {
                // The retrieval span follows this client's capture switch and redactor; emitted once, by its first call.
                retrievalSpan = RetrievalSpan.Emit(retrieval, captureContent, config.Redactor, config.Time);
            }

            var requestModel = options?.ModelId ?? config.DefaultModel;
            if (Instruments.Source.HasListeners())
            {
                var name = options?.ModelId is null || options.ModelId == config.DefaultModel
                    ? config.DefaultSpanName
                    : SemanticConventions.GenAiOperationChat + " " + options.ModelId;
                // The chat span's parent is the ambient span, as for the retrieval span: they are siblings. Without an
                // ambient span, the call that emits a retrieval becomes its child, so that the retrieval and the answer
                // it grounds share a trace (the collector scores context relevance and groundedness per trace); later
                // calls of the scope start traces of their own.
                activity = Activity.Current is null && retrievalSpan != default
                    ? Instruments.Source.StartActivity(name, ActivityKind.Client, retrievalSpan)
                    : Instruments.Source.StartActivity(name, ActivityKind.Client);
            }

            var state = new ChatCall(config, activity, config.Time.GetTimestamp(), requestModel, scope, call, captureContent);
            if (activity is { IsAllDataRequested: true })
            {
                try
                {
                    state.TagRequest(activity, messages, options, call, scope, retrieval, streaming);
                }
                catch (Exception)
                {
                    // A failing redactor or formatter loses some attributes, never the span or its metrics.
                    LlmOpsInstrumentation.CountFailure(SemanticConventions.GenAiOperationChat);
                }
            }

            return state;
        }
        catch (Exception)
        {
            LlmOpsInstrumentation.CountFailure(SemanticConventions.GenAiOperationChat);
            StopQuietly(activity);
            return null;
        }
    }

    public void Complete(ChatResponse response)
    {
        try
        {
            _responseId = response.ResponseId;
            _responseModel = response.ModelId;
            _finishReason = response.FinishReason;
            _usage = response.Usage;
            var activity = _activity;
            if (activity is not null)
            {
                if (_config.AttachResponseReference || _scope is not null)
                {
                    var reference = new LlmOpsResponseReference(activity.TraceId, activity.SpanId, _responseId);
                    _scope?.LastResponse = reference;
                    if (_config.AttachResponseReference)
                    {
                        (response.AdditionalProperties ??= [])[SemanticConventions.LlmOpsResponseReferenceKey] = reference;
                    }
                }

                if (activity.IsAllDataRequested)
                {
                    TagResponse(activity);
                    if (_captureContent)
                    {
                        TagOutput(activity, response.Messages);
                    }
                }
            }

            End(errorType: null);
        }
        catch (Exception)
        {
            Abandon();
        }
    }

    public void OnUpdate(ChatResponseUpdate update)
    {
        try
        {
            var now = _config.Time.GetTimestamp();
            if (_timeToFirstChunk is null)
            {
                _timeToFirstChunk = _config.Time.GetElapsedTime(_startTimestamp, now).TotalSeconds;
                Instruments.TimeToFirstChunk.Record(_timeToFirstChunk.Value, BuildTags(null));
                _lastChunkTimestamp = now;
                if (_activity is { } activity && (_config.AttachResponseReference || _scope is not null))
                {
                    _reference = new LlmOpsResponseReference(activity.TraceId, activity.SpanId, update.ResponseId);
                    _scope?.LastResponse = _reference;
                    if (_config.AttachResponseReference)
                    {
                        (update.AdditionalProperties ??= [])[SemanticConventions.LlmOpsResponseReferenceKey] = _reference;
                    }
                }
            }
            else if (HasOutput(update))
            {
                // Only chunks that carry output count: a trailing usage-only or empty update is not an output chunk.
                Instruments.TimePerOutputChunk.Record(_config.Time.GetElapsedTime(_lastChunkTimestamp, now).TotalSeconds, BuildTags(null));
                _lastChunkTimestamp = now;
            }

            _responseId = update.ResponseId ?? _responseId;
            _responseModel = update.ModelId ?? _responseModel;
            _finishReason = update.FinishReason ?? _finishReason;
            foreach (var content in update.Contents)
            {
                if (content is UsageContent usage)
                {
                    (_usage ??= new UsageDetails()).Add(usage.Details);
                }
            }

            if (_captureContent && _activity is { IsAllDataRequested: true })
            {
                (_updates ??= []).Add(update);
            }
        }
        catch (Exception)
        {
            LlmOpsInstrumentation.CountFailure(SemanticConventions.GenAiOperationChat);
        }
    }

    public void CompleteStreaming()
    {
        try
        {
            if (_ended)
            {
                return;
            }

            if (_activity is { IsAllDataRequested: true } activity)
            {
                if (_responseId is not null && _reference is { ResponseId: null } && _scope is not null && ReferenceEquals(_scope.LastResponse, _reference))
                {
                    _scope.LastResponse = _reference.WithResponseId(_responseId);
                }

                TagResponse(activity);
                if (_timeToFirstChunk is { } ttfc)
                {
                    activity.AddTag(SemanticConventions.GenAiResponseTimeToFirstChunk, ttfc);
                }

                if (_captureContent && _updates is not null)
                {
                    TagOutput(activity, _updates.ToChatResponse().Messages);
                }
            }

            End(errorType: null);
        }
        catch (Exception)
        {
            Abandon();
        }
    }

    public void Fail(Exception exception)
    {
        try
        {
            if (_ended)
            {
                return;
            }

            var errorType = exception.GetType().FullName ?? exception.GetType().Name;
            if (_activity is { } activity)
            {
                // Provider error texts often echo the prompt: the message is content, exported only when capture is
                // on and then redacted; otherwise the status description is the exception type.
                var cancelled = exception is OperationCanceledException;
                var message = cancelled ? null : RedactedMessage(exception.Message);
                activity.SetStatus(ActivityStatusCode.Error, cancelled ? "The operation was canceled." : message ?? errorType);
                if (activity.IsAllDataRequested)
                {
                    activity.AddTag(SemanticConventions.ErrorType, errorType);
                    if (!cancelled)
                    {
                        var tags = new ActivityTagsCollection { ["exception.type"] = errorType };
                        if (message is not null)
                        {
                            tags["exception.message"] = message;
                            tags["exception.stacktrace"] = RedactedMessage(exception.ToString());
                        }
                        else if (!_captureContent && exception.StackTrace is { } frames)
                        {
                            tags["exception.stacktrace"] = frames;
                        }

                        activity.AddEvent(new ActivityEvent("exception", _config.Time.GetUtcNow(), tags));
                    }
                }
            }

            End(errorType);
        }
        catch (Exception)
        {
            Abandon();
        }
    }

    private void End(string? errorType)
    {
        _ended = true;
        try
        {
            RecordEndMetrics(errorType);
        }
        finally
        {
            _activity?.Stop();
        }
    }

    /// <summary>The text with the client's redactor applied, or null when content capture is off or redaction fails.</summary>
    private string? RedactedMessage(string text)
    {
        if (!_captureContent)
        {
            return null;
        }

        try
        {
            return _config.Redact(text);
        }
        catch (Exception)
        {
            LlmOpsInstrumentation.CountFailure(SemanticConventions.GenAiOperationChat);
            return null;
        }
    }

    private void TagOutput(Activity activity, IList<ChatMessage> messages)
    {
        try
        {
            activity.AddTag(SemanticConventions.GenAiOutputMessages, MessageJson.FormatOutput(messages, _finishReason?.Value, _config.Redactor));
        }
        catch (Exception)
        {
            // A failing redactor or formatter loses the output attribute, never the span or its metrics.
            LlmOpsInstrumentation.CountFailure(SemanticConventions.GenAiOperationChat);
        }
    }

    private static void StopQuietly(Activity? activity)
    {
        try
        {
            activity?.Stop();
        }
        catch (Exception)
        {
            LlmOpsInstrumentation.CountFailure(SemanticConventions.GenAiOperationChat);
        }
    }

    private void RecordEndMetrics(string? errorType)
    {
        var duration = _config.Time.GetElapsedTime(_startTimestamp).TotalSeconds;
        if (Instruments.OperationDuration.Enabled)
        {
            Instruments.OperationDuration.Record(duration, BuildTags(errorType));
        }

        if (errorType is null && _usage is not null && Instruments.TokenUsage.Enabled)
        {
            if (_usage.InputTokenCount is { } input)
            {
                var tags = BuildTags(null);
                tags.Add(SemanticConventions.GenAiTokenType, SemanticConventions.GenAiTokenTypeInput);
                Instruments.TokenUsage.Record(input, tags);
            }

            if (_usage.OutputTokenCount is { } output)
            {
                var tags = BuildTags(null);
                tags.Add(SemanticConventions.GenAiTokenType, SemanticConventions.GenAiTokenTypeOutput);
                Instruments.TokenUsage.Record(output, tags);
            }
        }
    }

    private void Abandon()
    {
        LlmOpsInstrumentation.CountFailure(SemanticConventions.GenAiOperationChat);
        if (!_ended)
        {
            _ended = true;
            StopQuietly(_activity);
        }
    }

    private TagList BuildTags(string? errorType)
    {
        var tags = new TagList
        {
            { SemanticConventions.GenAiOperationName, SemanticConventions.GenAiOperationChat },
            { SemanticConventions.GenAiProviderName, _config.ProviderName },
        };
        if (_requestModel is not null)
        {
            tags.Add(SemanticConventions.GenAiRequestModel, _requestModel);
        }

        if (_responseModel is not null)
        {
            tags.Add(SemanticConventions.GenAiResponseModel, _responseModel);
        }

        if (_config.ServerAddress is not null)
        {
            tags.Add(SemanticConventions.ServerAddress, _config.ServerAddress);
            tags.Add(SemanticConventions.ServerPort, _config.ServerPort);
        }

        if (errorType is not null)
        {
            tags.Add(SemanticConventions.ErrorType, errorType);
        }

        var dimensions = _config.Dimensions;
        if (dimensions != LlmOpsMetricDimensions.None)
        {
            if ((dimensions & LlmOpsMetricDimensions.UserId) != 0 && _userId is not null)
            {
                tags.Add(SemanticConventions.UserId, _userId);
            }

            if ((dimensions & LlmOpsMetricDimensions.SessionId) != 0 && _sessionId is not null)
            {
                tags.Add(SemanticConventions.SessionId, _sessionId);
            }

            if ((dimensions & LlmOpsMetricDimensions.Prompt) != 0 && _promptName is not null)
            {
                tags.Add(SemanticConventions.GenAiPromptName, _promptName);
                if (_promptVersion is not null)
                {
                    tags.Add(SemanticConventions.GenAiPromptVersion, _promptVersion);
                }
            }
        }

        return tags;
    }

    private void TagRequest(Activity activity, IEnumerable<ChatMessage> messages, ChatOptions? options, LlmOpsCallContext? call, LlmOpsScope? scope, LlmOpsRetrieval? retrieval, bool streaming)
    {
        activity.AddTag(SemanticConventions.GenAiOperationName, SemanticConventions.GenAiOperationChat);
        activity.AddTag(SemanticConventions.GenAiProviderName, _config.ProviderName);
        if (_requestModel is not null)
        {
            activity.AddTag(SemanticConventions.GenAiRequestModel, _requestModel);
        }

        if (_config.ServerAddress is not null)
        {
            activity.AddTag(SemanticConventions.ServerAddress, _config.ServerAddress);
            activity.AddTag(SemanticConventions.ServerPort, _config.ServerPort);
        }

        if (streaming)
        {
            activity.AddTag(SemanticConventions.GenAiRequestStream, true);
        }

        if (options is not null)
        {
            TagOptions(activity, options);
        }

        var conversationId = options?.ConversationId ?? _sessionId;
        if (conversationId is not null)
        {
            activity.AddTag(SemanticConventions.GenAiConversationId, conversationId);
        }

        if (_sessionId is not null)
        {
            activity.AddTag(SemanticConventions.SessionId, _sessionId);
        }

        if (_userId is not null)
        {
            activity.AddTag(SemanticConventions.UserId, _userId);
        }

        if (_promptName is not null)
        {
            activity.AddTag(SemanticConventions.GenAiPromptName, _promptName);
            if (_promptVersion is not null)
            {
                activity.AddTag(SemanticConventions.GenAiPromptVersion, _promptVersion);
            }

            var label = call is { PromptName: not null } ? call.PromptLabel : scope?.PromptLabel;
            if (label is not null)
            {
                activity.AddTag(SemanticConventions.LlmOpsPromptLabel, label);
            }
        }

        if (retrieval is not null)
        {
            RetrievalSpan.SetDocumentArrays(activity, retrieval);
        }

        if (_captureContent)
        {
            activity.AddTag(SemanticConventions.GenAiInputMessages, MessageJson.FormatInput(messages, _config.Redactor));
            if (!string.IsNullOrEmpty(options?.Instructions))
            {
                activity.AddTag(SemanticConventions.GenAiSystemInstructions, MessageJson.FormatInstructions(options.Instructions, _config.Redactor));
            }
        }
    }

    private static void TagOptions(Activity activity, ChatOptions options)
    {
        if (options.Temperature is { } temperature)
        {
            activity.AddTag(SemanticConventions.GenAiRequestTemperature, AsDouble(temperature));
        }

        if (options.TopP is { } topP)
        {
            activity.AddTag(SemanticConventions.GenAiRequestTopP, AsDouble(topP));
        }

        if (options.TopK is { } topK)
        {
            activity.AddTag(SemanticConventions.GenAiRequestTopK, (double)topK);
        }

        if (options.MaxOutputTokens is { } maxTokens)
        {
            activity.AddTag(SemanticConventions.GenAiRequestMaxTokens, maxTokens);
        }

        if (options.FrequencyPenalty is { } frequencyPenalty)
        {
            activity.AddTag(SemanticConventions.GenAiRequestFrequencyPenalty, AsDouble(frequencyPenalty));
        }

        if (options.PresencePenalty is { } presencePenalty)
        {
            activity.AddTag(SemanticConventions.GenAiRequestPresencePenalty, AsDouble(presencePenalty));
        }

        if (options.Seed is { } seed)
        {
            activity.AddTag(SemanticConventions.GenAiRequestSeed, seed);
        }

        if (options.StopSequences is { Count: > 0 } stop)
        {
            activity.AddTag(SemanticConventions.GenAiRequestStopSequences, stop.ToArray());
        }

        switch (options.ResponseFormat)
        {
            case ChatResponseFormatText:
                activity.AddTag(SemanticConventions.GenAiOutputType, SemanticConventions.GenAiOutputTypeText);
                break;
            case ChatResponseFormatJson:
                activity.AddTag(SemanticConventions.GenAiOutputType, SemanticConventions.GenAiOutputTypeJson);
                break;
        }
    }

    private static bool HasOutput(ChatResponseUpdate update)
    {
        foreach (var content in update.Contents)
        {
            if (content is not UsageContent)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The float as the decimal number it was written as (0.2f exports 0.2, not 0.20000000298023224).</summary>
    private static double AsDouble(float value) =>
        float.IsFinite(value) ? double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value;

    private void TagResponse(Activity activity)
    {
        if (_responseId is not null)
        {
            activity.AddTag(SemanticConventions.GenAiResponseId, _responseId);
        }

        if (_responseModel is not null)
        {
            activity.AddTag(SemanticConventions.GenAiResponseModel, _responseModel);
        }

        if (_finishReason is { } finishReason)
        {
            activity.AddTag(SemanticConventions.GenAiResponseFinishReasons, new[] { finishReason.Value });
        }

        if (_usage is { } usage)
        {
            if (usage.InputTokenCount is { } input)
            {
                activity.AddTag(SemanticConventions.GenAiUsageInputTokens, input);
            }

            if (usage.OutputTokenCount is { } output)
            {
                activity.AddTag(SemanticConventions.GenAiUsageOutputTokens, output);
            }

            if (usage.CachedInputTokenCount is { } cached)
            {
                activity.AddTag(SemanticConventions.GenAiUsageCachedInputTokens, cached);
            }

            if (usage.ReasoningTokenCount is { } reasoning)
            {
                activity.AddTag(SemanticConventions.GenAiUsageReasoningTokens, reasoning);
            }
        }
    }
}
