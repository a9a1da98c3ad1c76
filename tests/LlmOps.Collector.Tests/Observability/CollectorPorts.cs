namespace LlmOps.Collector.Tests.Observability;

/// <summary>Free loopback ports for the collector's three listeners, chosen before its YAML is written.</summary>
internal sealed record CollectorPorts(int Grpc, int Http, int Management)
{
    /// <summary>
    /// Three distinct free ports. Each is free when picked, but a port just released can be handed out again, so two
    /// picks may coincide (seen once in CI: the collector refused to start with the same port for gRPC and HTTP).
    /// </summary>
    public static CollectorPorts Free()
    {
        var ports = new List<int>(3);
        while (ports.Count < 3)
        {
            var port = Processes.FreePort();
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }

        return new(ports[0], ports[1], ports[2]);
    }
}
