using Microsoft.Extensions.AI;

namespace LlmOps.Sdk.Context;

/// <summary>Reads the LlmOps reference the instrumented client attaches to responses.</summary>
public static class LlmOpsChatResponseExtensions
{
    /// <summary>
    /// Gets the reference (trace id, span id, response id) of the chat span that produced this response, for feedback,
    /// when the client attaches it (<see cref="LlmOpsChatClientOptions.AttachResponseReference"/>); otherwise a
    /// reference by the provider's response id. Inside a scope, <see cref="LlmOpsScope.LastResponse"/> always has both.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <returns>The reference, or null when neither a span nor a response id is known.</returns>
    public static LlmOpsResponseReference? GetLlmOpsReference(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.AdditionalProperties?.TryGetValue(SemanticConventions.LlmOpsResponseReferenceKey, out var value) == true
            && value is LlmOpsResponseReference reference)
        {
            return reference;
        }

        return string.IsNullOrEmpty(response.ResponseId) ? null : LlmOpsResponseReference.FromResponseId(response.ResponseId);
    }
}
