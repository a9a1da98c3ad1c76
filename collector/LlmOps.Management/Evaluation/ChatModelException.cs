namespace LlmOps.Management.Evaluation;

/// <summary>The model endpoint failed (HTTP error, timeout, malformed answer); the message is safe to store.</summary>
internal sealed class ChatModelException : Exception
{
    public ChatModelException()
    {
    }

    public ChatModelException(string message)
        : base(message)
    {
    }

    public ChatModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
