namespace LlmOps.Collector.Tests.Observability;

/// <summary>Free loopback ports for the collector's three listeners, chosen before its YAML is written.</summary>
internal sealed record CollectorPorts(int Grpc, int Http, int Management)
{
    /// <summary>Three distinct free ports (separate picks coincided once in CI, and the collector refused to start).</summary>
    public static CollectorPorts Free()
    {
        var ports = Processes.FreePorts(3);
        return new(ports[0], ports[1], ports[2]);
    }
}
