using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace LlmOps.Collector.Hosting;

/// <summary>
/// The three Kestrel listeners. Kestrel writes the bound endpoint back into each <see cref="ListenOptions"/> when it
/// binds (so port 0 resolves to the real port before the first connection is accepted); requests are routed to a
/// receiver by the local port they arrived on.
/// </summary>
internal sealed class ListenerPorts
{
    public ListenOptions? Grpc { get; set; }

    public ListenOptions? Http { get; set; }

    public ListenOptions? Management { get; set; }

    public int GrpcPort => PortOf(Grpc);

    public int HttpPort => PortOf(Http);

    public int ManagementPort => PortOf(Management);

    private static int PortOf(ListenOptions? listen) => listen?.EndPoint is IPEndPoint ip ? ip.Port : -1;
}
