using System.Globalization;
using System.Net;

namespace LlmOps.Collector.Hosting;

/// <summary>A parsed <c>host:port</c> listen address (<c>0.0.0.0:4317</c>, <c>localhost:4318</c>, <c>[::]:8080</c>).</summary>
internal readonly record struct ListenEndpoint(IPAddress Address, int Port)
{
    public static ListenEndpoint Parse(string value) =>
        TryParse(value, out var endpoint, out var error) ? endpoint : throw new FormatException(error);

    public static bool TryParse(string? value, out ListenEndpoint endpoint, out string error)
    {
        endpoint = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "must be host:port";
            return false;
        }

        var colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
        {
            error = $"'{value}' must be host:port";
            return false;
        }

        var host = value[..colon].Trim('[', ']');
        if (!int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"'{value}' has no valid port (0-65535)";
            return false;
        }

        IPAddress? address;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host, out address))
        {
            error = $"'{value}' must name an IP address or localhost";
            return false;
        }

        endpoint = new ListenEndpoint(address, port);
        error = string.Empty;
        return true;
    }
}
