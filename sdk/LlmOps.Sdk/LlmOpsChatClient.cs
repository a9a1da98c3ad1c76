using System.Diagnostics;
using System.Runtime.CompilerServices;
using LlmOps.Sdk.Context;
using LlmOps.Sdk.Redaction;
using Microsoft.Extensions.AI;

namespace LlmOps.Sdk;

/// <summary>
/// A <see cref="DelegatingChatClient"/> that records every call as an OpenTelemetry GenAI (v1.41) client span and
/// metrics, with the LlmOps session, user, prompt and retrieval context. When nobody listens it calls the inner client
/// directly, adding no allocation. Telemetry failures are swallowed and counted
/// (<see cref="LlmOpsInstrumentation.TelemetryFailureCount"/>); exceptions of the inner client propagate unchanged.
/// </summary>
public sealed class LlmOpsChatClient : DelegatingChatClient
{
    private readonly ClientConfig _config;

    /// <summary>Creates the instrumented client.</summary>
    /// <param name="innerClient">The client to instrument.</param>
    /// <param name="options">The options; defaults when null.</param>
    public LlmOpsChatClient(IChatClient innerClient, LlmOpsChatClientOptions? options = null)
        : base(innerClient)
    {
        options ??= new LlmOpsChatClientOptions();
        ChatClientMetadata? metadata = null;
        try
        {
            metadata = innerClient.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;
        }
        catch (Exception)
        {
            LlmOpsInstrumentation.CountFailure(SemanticConventions.GenAiOperationChat);
        }

        var defaultModel = metadata?.DefaultModelId;
        var uri = metadata?.ProviderUri;
        _config = new ClientConfig
        {
            ProviderName = options.ProviderName ?? metadata?.ProviderName ?? "unknown",
            ServerAddress = uri?.Host,
            ServerPort = uri is null ? null : uri.Port,
            AttachResponseReference = options.AttachResponseReference,
            DefaultModel = defaultModel,
            DefaultSpanName = defaultModel is null
                ? SemanticConventions.GenAiOperationChat
                : SemanticConventions.GenAiOperationChat + " " + defaultModel,
            CaptureContent = options.CaptureMessageContent,
            Redactor = options.RedactPii ? options.Redactor ?? PiiRedactor.Default : null,
            Dimensions = options.MetricDimensions,
            Time = options.TimeProvider ?? TimeProvider.System,
        };
    }

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var call = TakeCallContext(ref options);
        if (!Instruments.Enabled)
        {
            return InnerClient.GetResponseAsync(messages, options, cancellationToken);
        }

        return GetResponseInstrumentedAsync(messages, options, call, cancellationToken);
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var call = TakeCallContext(ref options);
        if (!Instruments.Enabled)
        {
            return InnerClient.GetStreamingResponseAsync(messages, options, cancellationToken);
        }

        return GetStreamingResponseInstrumentedAsync(messages, options, call, cancellationToken);
    }

    private static LlmOpsCallContext? TakeCallContext(ref ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties
            || !properties.TryGetValue(SemanticConventions.LlmOpsChatOptionsContextKey, out var value))
        {
            return null;
        }

        // Never leak the LlmOps context to the provider: the inner client gets a copy without it.
        var copy = options.Clone();
        copy.AdditionalProperties = properties.Clone();
        copy.AdditionalProperties.Remove(SemanticConventions.LlmOpsChatOptionsContextKey);
        if (copy.AdditionalProperties.Count == 0)
        {
            copy.AdditionalProperties = null;
        }

        options = copy;
        return value as LlmOpsCallContext;
    }

    private async Task<ChatResponse> GetResponseInstrumentedAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, LlmOpsCallContext? call, CancellationToken cancellationToken)
    {
        var state = ChatCall.Start(_config, messages, options, call, streaming: false);
        ChatResponse response;
        try
        {
            response = await InnerClient.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            state?.Fail(ex);
            throw;
        }

        state?.Complete(response);
        return response;
    }

    private async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseInstrumentedAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options,
        LlmOpsCallContext? call,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Each MoveNextAsync runs in the consumer's context: the chat span is made current around every step of the
        // inner stream (so the provider's own spans and logs nest under it) and the consumer's span is put back before
        // each update is yielded.
        var caller = Activity.Current;
        var state = ChatCall.Start(_config, messages, options, call, streaming: true);
        var span = state?.Activity;
        IAsyncEnumerator<ChatResponseUpdate> enumerator;
        try
        {
            enumerator = InnerClient.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex)
        {
            state?.Fail(ex);
            throw;
        }

        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (span is not null)
                    {
                        Activity.Current = span;
                    }

                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    update = enumerator.Current;
                }
                catch (Exception ex)
                {
                    state?.Fail(ex);
                    throw;
                }

                state?.OnUpdate(update);
                if (span is not null)
                {
                    Activity.Current = caller;
                }

                yield return update;
            }
        }
        finally
        {
            // Also ends the span when the consumer stops enumerating early.
            state?.CompleteStreaming();
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
