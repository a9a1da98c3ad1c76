namespace LlmOps.Sdk.Context;

/// <summary>The ambient LlmOps context: session, user, prompt and retrieval for the chat calls of the current flow.</summary>
public static class LlmOpsContext
{
    internal static readonly AsyncLocal<LlmOpsScope?> CurrentSlot = new();

    /// <summary>Gets the innermost active scope, or null.</summary>
    public static LlmOpsScope? Current => CurrentSlot.Value;

    /// <summary>Starts a scope that inherits the current one and overrides the given values.</summary>
    /// <param name="sessionId">The session id, or null to inherit.</param>
    /// <param name="userId">The user id, or null to inherit.</param>
    /// <returns>The scope; dispose it to restore the enclosing scope.</returns>
    public static LlmOpsScope BeginScope(string? sessionId = null, string? userId = null)
    {
        var scope = new LlmOpsScope(CurrentSlot.Value);
        if (sessionId is not null)
        {
            scope.SessionId = sessionId;
        }

        if (userId is not null)
        {
            scope.UserId = userId;
        }

        CurrentSlot.Value = scope;
        return scope;
    }

    /// <summary>
    /// Records a retrieval step in the current scope (see <see cref="LlmOpsScope.RecordRetrieval"/>). Without a scope,
    /// attach the result to the chat call with <see cref="LlmOpsChatOptionsExtensions.WithLlmOpsRetrieval"/>: that call
    /// emits the retrieval span (timed and parented as recorded here) with its client's capture and redaction settings.
    /// </summary>
    /// <param name="query">The retrieval query (exported only when content capture is on).</param>
    /// <param name="documents">The retrieved documents, best first.</param>
    /// <param name="dataSource">The data source id.</param>
    /// <param name="duration">How long the retrieval took.</param>
    /// <returns>The recorded retrieval.</returns>
    public static LlmOpsRetrieval RecordRetrieval(string? query, IEnumerable<LlmOpsDocument> documents, string? dataSource = null, TimeSpan? duration = null)
    {
        var scope = CurrentSlot.Value;
        if (scope is not null)
        {
            return scope.RecordRetrieval(query, documents, dataSource, duration);
        }

        return new LlmOpsRetrieval(query, documents, dataSource).Recorded(null, duration);
    }
}
