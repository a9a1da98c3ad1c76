using System.Globalization;
using System.Net;

namespace LlmOps.Collector.Tests.Observability;

/// <summary>
/// The built collector started exactly as in production (<c>dotnet exec LlmOps.Collector.dll --config file</c>, the
/// path Program.cs takes) from a YAML written by the test, on free loopback ports, with its data under a temp
/// directory. <see cref="RestartAsync"/> kills it and starts it again on the same configuration, ports and data.
/// Disposing kills it (by its own process id) and removes the directory.
/// </summary>
internal sealed class ObservedCollector : IAsyncDisposable
{
    private readonly string _workDir;
    private readonly string _config;
    private readonly string _data;
    private RunningProcess? _process;

    private ObservedCollector(string workDir, string config, string data, CollectorPorts ports)
    {
        _workDir = workDir;
        _config = config;
        _data = data;
        Ports = ports;
    }

    public CollectorPorts Ports { get; }

    public Uri Management => new($"http://127.0.0.1:{Ports.Management.ToString(CultureInfo.InvariantCulture)}/");

    public Uri Grpc => new($"http://127.0.0.1:{Ports.Grpc.ToString(CultureInfo.InvariantCulture)}");

    public Uri Http => new($"http://127.0.0.1:{Ports.Http.ToString(CultureInfo.InvariantCulture)}");

    public string Output => _process?.Output ?? string.Empty;

    /// <summary>Writes <paramref name="yaml"/> (given the chosen ports and data directory) and starts the collector on it.</summary>
    public static async Task<ObservedCollector> StartAsync(Func<CollectorPorts, string, string> yaml)
    {
        var work = PrometheusServers.TempDir("llmops-obs-collector");
        var ports = CollectorPorts.Free();
        var data = Path.Combine(work, "data");
        var config = Path.Combine(work, "collector.yaml");
        await File.WriteAllTextAsync(config, yaml(ports, data)).ConfigureAwait(false);
        var collector = new ObservedCollector(work, config, data, ports);
        await collector.LaunchAsync().ConfigureAwait(false);
        return collector;
    }

    /// <summary>Kills the collector and starts it again, as a crash or a deploy does; returns once it is ready.</summary>
    public async Task RestartAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }

        await LaunchAsync().ConfigureAwait(false);
    }

    private async Task LaunchAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "LlmOps.Collector.dll");
        var process = Processes.Start("dotnet", ["exec", dll, "--config", _config, "--Collector:DataDirectory=" + _data], _workDir);
        _process = process;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            await Eventually.UntilAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException("the collector exited:\n" + process.Output);
                    }

                    try
                    {
                        using var r = await http.GetAsync(new Uri(Management, "readyz")).ConfigureAwait(false);
                        return r.StatusCode == HttpStatusCode.OK;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(60),
                () => "collector ready; output:\n" + process.Output).ConfigureAwait(false);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying child; the temp directory is cleaned by the OS eventually.
        }
    }
}
