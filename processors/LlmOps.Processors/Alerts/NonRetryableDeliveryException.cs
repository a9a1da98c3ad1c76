namespace LlmOps.Processors.Alerts;

/// <summary>The receiver refused the payload (4xx other than 408/429): retrying cannot help.</summary>
internal sealed class NonRetryableDeliveryException : Exception
{
    public NonRetryableDeliveryException()
    {
    }

    public NonRetryableDeliveryException(string message)
        : base(message)
    {
    }

    public NonRetryableDeliveryException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
