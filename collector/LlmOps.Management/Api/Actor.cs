using Microsoft.AspNetCore.Http;

namespace LlmOps.Management.Api;

/// <summary>Who performs a request: the API key's name, or <c>anonymous</c> when the API is open.</summary>
internal static class Actor
{
    public const string ItemKey = "llmops.actor";
    public const string Anonymous = "anonymous";
    public const string System = "system";

    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var v) && v is string s ? s : Anonymous;
    }
}
