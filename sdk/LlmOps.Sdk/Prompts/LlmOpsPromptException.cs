namespace LlmOps.Sdk.Prompts;

/// <summary>Thrown when a prompt can be neither fetched, nor served from cache, nor replaced by a default.</summary>
public sealed class LlmOpsPromptException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LlmOpsPromptException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public LlmOpsPromptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LlmOpsPromptException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
