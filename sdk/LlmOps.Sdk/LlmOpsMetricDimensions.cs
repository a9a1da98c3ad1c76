namespace LlmOps.Sdk;

/// <summary>
/// Context the app opts in to as metric dimensions. Off by default: user and session ids multiply metric series,
/// so enable them only when their cardinality is bounded or your metrics backend copes.
/// </summary>
[Flags]
public enum LlmOpsMetricDimensions
{
    /// <summary>Only the GenAI spec attributes.</summary>
    None = 0,

    /// <summary>Adds <c>user.id</c>.</summary>
    UserId = 1,

    /// <summary>Adds <c>session.id</c>.</summary>
    SessionId = 2,

    /// <summary>Adds <c>gen_ai.prompt.name</c> and <c>gen_ai.prompt.version</c>.</summary>
    Prompt = 4,

    /// <summary>All of the above.</summary>
    All = UserId | SessionId | Prompt,
}
