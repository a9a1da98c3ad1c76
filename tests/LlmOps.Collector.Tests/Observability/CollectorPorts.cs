namespace LlmOps.Collector.Tests.Observability;

/// <summary>Free loopback ports for the collector's three listeners, chosen before its YAML is written.</summary>
internal sealed record CollectorPorts(int Grpc, int Http, int Management)
{
    public static CollectorPorts Free() => new(Processes.FreePort(), Processes.FreePort(), Processes.FreePort());
}
