namespace LlmOps.Collector.Hosting;

/// <summary>The configuration is invalid; <see cref="Errors"/> lists every problem found.</summary>
internal sealed class CollectorConfigurationException : Exception
{
    public CollectorConfigurationException(IReadOnlyList<string> errors)
        : base("invalid collector configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors ?? []))
    {
        Errors = errors ?? [];
    }

    public CollectorConfigurationException()
        : this([])
    {
    }

    public CollectorConfigurationException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public CollectorConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; }
}
