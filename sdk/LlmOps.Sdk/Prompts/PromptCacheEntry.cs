using System.Net.Http.Headers;

namespace LlmOps.Sdk.Prompts;

/// <summary>The last good copy of a resolved prompt, its ETag and when it was last confirmed.</summary>
internal sealed record PromptCacheEntry(LlmOpsPrompt Prompt, EntityTagHeaderValue? ETag, DateTimeOffset FetchedAt);
