namespace LlmOps.Sdk.Prompts;

/// <summary>Where a prompt returned by <see cref="LlmOpsPromptClient"/> came from.</summary>
public enum LlmOpsPromptSource
{
    /// <summary>Fetched or revalidated (304) from the collector just now.</summary>
    Registry,

    /// <summary>Served from the local cache without a request (still fresh).</summary>
    Cache,

    /// <summary>The collector was unreachable or failing; the last good copy was served.</summary>
    LastKnownGood,

    /// <summary>Nothing could be fetched or cached; the embedded default was served.</summary>
    EmbeddedDefault,
}
