using Microsoft.Extensions.AI;

namespace LlmOps.Sdk;

/// <summary>The one-line entry point: <c>chatClient.UseLlmOps()</c>.</summary>
public static class LlmOpsChatClientExtensions
{
    /// <summary>Wraps the client so every call emits GenAI spans and metrics with the LlmOps context.</summary>
    /// <param name="innerClient">The client to instrument.</param>
    /// <param name="configure">Optional configuration of the options.</param>
    /// <returns>The instrumented client.</returns>
    public static IChatClient UseLlmOps(this IChatClient innerClient, Action<LlmOpsChatClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        var options = new LlmOpsChatClientOptions();
        configure?.Invoke(options);
        return new LlmOpsChatClient(innerClient, options);
    }
}
