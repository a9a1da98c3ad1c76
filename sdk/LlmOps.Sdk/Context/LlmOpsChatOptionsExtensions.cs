using System.Globalization;
using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.AI;

namespace LlmOps.Sdk.Context;

/// <summary>
/// Per-call LlmOps context on <see cref="ChatOptions"/>. Values set here win over the ambient
/// <see cref="LlmOpsScope"/>; the LlmOps client removes them before calling the inner client.
/// </summary>
public static class LlmOpsChatOptionsExtensions
{
    /// <summary>Sets the session id of this call.</summary>
    /// <param name="options">The chat options.</param>
    /// <param name="sessionId">The session id.</param>
    /// <returns>The same options.</returns>
    public static ChatOptions WithLlmOpsSession(this ChatOptions options, string sessionId)
    {
        GetOrAdd(options).SessionId = sessionId;
        return options;
    }

    /// <summary>Sets the end-user id of this call.</summary>
    /// <param name="options">The chat options.</param>
    /// <param name="userId">The user id.</param>
    /// <returns>The same options.</returns>
    public static ChatOptions WithLlmOpsUser(this ChatOptions options, string userId)
    {
        GetOrAdd(options).UserId = userId;
        return options;
    }

    /// <summary>Records that this call uses the given registry prompt.</summary>
    /// <param name="options">The chat options.</param>
    /// <param name="prompt">The prompt.</param>
    /// <returns>The same options.</returns>
    public static ChatOptions WithLlmOpsPrompt(this ChatOptions options, LlmOpsPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return options.WithLlmOpsPrompt(prompt.Name, prompt.Version.ToString(CultureInfo.InvariantCulture), prompt.Label);
    }

    /// <summary>Records the prompt name, version and label this call uses.</summary>
    /// <param name="options">The chat options.</param>
    /// <param name="name">The prompt name.</param>
    /// <param name="version">The prompt version.</param>
    /// <param name="label">The label the version was resolved from.</param>
    /// <returns>The same options.</returns>
    public static ChatOptions WithLlmOpsPrompt(this ChatOptions options, string name, string? version = null, string? label = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var context = GetOrAdd(options);
        context.PromptName = name;
        context.PromptVersion = version;
        context.PromptLabel = label;
        return options;
    }

    /// <summary>Attaches retrieval context (document ids and scores) to this call; emits its retrieval span if
    /// that was not done yet.</summary>
    /// <param name="options">The chat options.</param>
    /// <param name="retrieval">The retrieval.</param>
    /// <returns>The same options.</returns>
    public static ChatOptions WithLlmOpsRetrieval(this ChatOptions options, LlmOpsRetrieval retrieval)
    {
        ArgumentNullException.ThrowIfNull(retrieval);
        GetOrAdd(options).Retrieval = retrieval;
        return options;
    }

    private static LlmOpsCallContext GetOrAdd(ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AdditionalProperties ??= [];
        if (options.AdditionalProperties.TryGetValue(SemanticConventions.LlmOpsChatOptionsContextKey, out var existing)
            && existing is LlmOpsCallContext context)
        {
            return context;
        }

        context = new LlmOpsCallContext();
        options.AdditionalProperties[SemanticConventions.LlmOpsChatOptionsContextKey] = context;
        return context;
    }
}
