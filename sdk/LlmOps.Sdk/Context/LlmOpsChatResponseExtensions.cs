using Microsoft.Extensions.AI;

namespace LlmOps.Sdk.Context;

/// <summary>Reads the LlmOps reference the instrumented client attaches to responses.</summary>
public static class LlmOpsChatResponseExtensions
{
    /// <summary>
    /// Gets the reference (trace id, span id, response id) of the chat span that produced this response, for feedback.
    /// Falls back to the response id when the call was not traced.
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
