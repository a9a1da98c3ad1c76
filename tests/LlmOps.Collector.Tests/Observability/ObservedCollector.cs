using System.Globalization;
using System.Net;

namespace LlmOps.Collector.Tests.Observability;

/// <summary>
/// The built collector started exactly as in production (<c>dotnet exec LlmOps.Collector.dll --config file</c>, the
/// path Program.cs takes) from a YAML written by the test, on free loopback ports, with its data under a temp
/// directory. Disposing kills it (by its own process id) and removes the directory.
/// </summary>
internal sealed class ObservedCollector : IAsyncDisposable
{
    private readonly RunningProcess _process;
    private readonly string _workDir;

    private ObservedCollector(RunningProcess process, string workDir, CollectorPorts ports)
    {
        _process = process;
        _workDir = workDir;
        Ports = ports;
    }

    public CollectorPorts Ports { get; }

    public Uri Management => new($"http://127.0.0.1:{Ports.Management.ToString(CultureInfo.InvariantCulture)}/");

    public Uri Grpc => new($"http://127.0.0.1:{Ports.Grpc.ToString(CultureInfo.InvariantCulture)}");

    public Uri Http => new($"http://127.0.0.1:{Ports.Http.ToString(CultureInfo.InvariantCulture)}");

    public string Output => _process.Output;

    /// <summary>Writes <paramref name="yaml"/> (given the chosen ports and data directory) and starts the collector on it.</summary>
    public static async Task<ObservedCollector> StartAsync(Func<CollectorPorts, string, string> yaml)
    {
        var work = PrometheusServers.TempDir("llmops-obs-collector");
        var ports = CollectorPorts.Free();
        var data = Path.Combine(work, "data");
        var config = Path.Combine(work, "collector.yaml");
        await File.WriteAllTextAsync(config, yaml(ports, data)).ConfigureAwait(false);
        var dll = Path.Combine(AppContext.BaseDirectory, "LlmOps.Collector.dll");
        var process = Processes.Start("dotnet", ["exec", dll, "--config", config, "--Collector:DataDirectory=" + data], work);
        var collector = new ObservedCollector(process, work, ports);
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
                        using var r = await http.GetAsync(new Uri(collector.Management, "readyz")).ConfigureAwait(false);
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
            await collector.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
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
