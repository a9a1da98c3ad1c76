using System.Globalization;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Context;

/// <summary>
/// An ambient (AsyncLocal) scope carrying the session, user, prompt and retrieval context that every chat span started
/// inside it records. Create one with <see cref="LlmOpsContext.BeginScope"/>; dispose it to restore the outer scope.
/// </summary>
public sealed class LlmOpsScope : IDisposable
{
    private readonly LlmOpsScope? _parent;
    private LlmOpsRetrieval? _recorded;
    private bool _disposed;

    internal LlmOpsScope(LlmOpsScope? parent)
    {
        _parent = parent;
        if (parent is not null)
        {
            SessionId = parent.SessionId;
            UserId = parent.UserId;
            PromptName = parent.PromptName;
            PromptVersion = parent.PromptVersion;
            PromptLabel = parent.PromptLabel;
            Retrieval = parent.Retrieval;
        }
    }

    /// <summary>Gets or sets the session id (<c>session.id</c>, and <c>gen_ai.conversation.id</c> unless the
    /// chat options carry a conversation id).</summary>
    public string? SessionId { get; set; }

    /// <summary>Gets or sets the end-user id (<c>user.id</c>).</summary>
    public string? UserId { get; set; }

    /// <summary>Gets or sets the prompt name (<c>gen_ai.prompt.name</c>).</summary>
    public string? PromptName { get; set; }

    /// <summary>Gets or sets the prompt version (<c>gen_ai.prompt.version</c>).</summary>
    public string? PromptVersion { get; set; }

    /// <summary>Gets or sets the prompt label the version was resolved from (<c>llmops.prompt.label</c>).</summary>
    public string? PromptLabel { get; set; }

    /// <summary>Gets or sets the retrieval whose document ids and scores the next chat spans record.</summary>
    public LlmOpsRetrieval? Retrieval { get; set; }

    /// <summary>Gets the reference of the last response completed inside this scope, for feedback.</summary>
    public LlmOpsResponseReference? LastResponse { get; internal set; }

    /// <summary>Records that chat calls in this scope use the given registry prompt.</summary>
    /// <param name="prompt">The prompt fetched from the registry (or its default).</param>
    /// <returns>This scope.</returns>
    public LlmOpsScope UsePrompt(LlmOpsPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        PromptName = prompt.Name;
        PromptVersion = prompt.Version.ToString(CultureInfo.InvariantCulture);
        PromptLabel = prompt.Label;
        return this;
    }

    /// <summary>
    /// Records a retrieval step and attaches its document ids and scores to the chat spans of this scope. Its
    /// <c>retrieval</c> span (child of the current activity, so a sibling of the chat span that follows) keeps this
    /// moment as its end, and is emitted by the next chat call of the scope with that chat client's content capture
    /// and redaction settings. A retrieval no chat call used is emitted when it is replaced or the scope ends, with
    /// <see cref="LlmOpsInstrumentation.CaptureMessageContentByDefault"/> and the default redactor.
    /// </summary>
    /// <param name="query">The retrieval query (exported only when content capture is on).</param>
    /// <param name="documents">The retrieved documents, best first.</param>
    /// <param name="dataSource">The data source id, e.g. an index name.</param>
    /// <param name="duration">How long the retrieval took; the span ends now and starts this long ago.</param>
    /// <returns>The recorded retrieval.</returns>
    public LlmOpsRetrieval RecordRetrieval(string? query, IEnumerable<LlmOpsDocument> documents, string? dataSource = null, TimeSpan? duration = null)
    {
        var retrieval = new LlmOpsRetrieval(query, documents, dataSource).Recorded(this, duration);
        var previous = Interlocked.Exchange(ref _recorded, retrieval);
        if (previous is not null)
        {
            RetrievalSpan.EmitUnused(previous);
        }

        Retrieval = retrieval;
        return retrieval;
    }

    /// <summary>Ends the scope and restores the enclosing one.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (Interlocked.Exchange(ref _recorded, null) is { } unused)
        {
            RetrievalSpan.EmitUnused(unused);
        }

        if (ReferenceEquals(LlmOpsContext.CurrentSlot.Value, this))
        {
            LlmOpsContext.CurrentSlot.Value = _parent;
        }
    }
}
