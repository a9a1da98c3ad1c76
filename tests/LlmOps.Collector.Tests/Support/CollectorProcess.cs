using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LlmOps.Collector.Tests.Support;

/// <summary>The built collector (LlmOps.Collector.dll next to the tests) run as a child process on free ports.</summary>
internal sealed class CollectorProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private CollectorProcess(Process process, int grpcPort, int httpPort, int managementPort)
    {
        _process = process;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        ManagementPort = managementPort;
    }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public int ManagementPort { get; }

    public int ProcessId => _process.Id;

    /// <summary>The lines the collector has written so far to standard output and error (at most the last 2,000).</summary>
    public IReadOnlyCollection<string> Output => _output.ToArray();

    public static async Task<CollectorProcess> StartAsync(string dataDirectory, int[]? ports = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        ports ??= Processes.FreePorts(3);
        var dll = Path.Combine(AppContext.BaseDirectory, "LlmOps.Collector.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "exec", dll,
                $"--Collector:GrpcEndpoint=127.0.0.1:{ports[0]}",
                $"--Collector:HttpEndpoint=127.0.0.1:{ports[1]}",
                $"--Collector:ManagementEndpoint=127.0.0.1:{ports[2]}",
                $"--Collector:DataDirectory={dataDirectory}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the collector");
        var child = new CollectorProcess(process, ports[0], ports[1], ports[2]);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = await TestCollector.EventuallyAsync(() => child.IsReady(http), TimeSpan.FromSeconds(30));
        if (!ready)
        {
            child.Dispose();
            throw new InvalidOperationException("the collector did not become ready");
        }

        return child;
    }

    public int[] Ports => [GrpcPort, HttpPort, ManagementPort];

    /// <summary>SIGKILL: no drain, no flush.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM: the collector stops accepting, drains its queue, and exits.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public int ExitCode => _process.ExitCode;

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }

    private bool IsReady(HttpClient http)
    {
        try
        {
            using var response = http.GetAsync(new Uri($"http://127.0.0.1:{ManagementPort}/readyz")).WaitAsync(TimeSpan.FromSeconds(3)).GetAwaiter().GetResult();
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException)
        {
            return false;
        }
    }
}
