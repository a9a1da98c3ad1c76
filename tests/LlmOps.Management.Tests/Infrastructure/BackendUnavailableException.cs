namespace LlmOps.Management.Tests.Infrastructure;

/// <summary>Thrown when a backend (PostgreSQL) cannot be provided outside CI: the test is reported as skipped.</summary>
public sealed class BackendUnavailableException : Exception
{
    public BackendUnavailableException()
    {
    }

    public BackendUnavailableException(string message)
        : base(message)
    {
    }

    public BackendUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
