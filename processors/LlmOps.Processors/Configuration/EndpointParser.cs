using System.Globalization;

namespace LlmOps.Processors.Configuration;

/// <summary>Parses <c>host:port</c> endpoints such as <c>0.0.0.0:4317</c>, <c>localhost:0</c> or <c>[::1]:8080</c>.</summary>
internal static class EndpointParser
{
    public static bool TryParse(string? endpoint, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return false;
        }

        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || colon == endpoint.Length - 1)
        {
            return false;
        }

        host = endpoint[..colon].Trim('[', ']');
        return int.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 0 and <= 65535 && host.Length > 0;
    }
}
