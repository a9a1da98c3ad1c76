using System.Globalization;

namespace LlmOps.Collector.Tests.Observability;

/// <summary>Starts the real Debian-packaged Prometheus and Alertmanager on loopback ports in temp directories.</summary>
internal static class PrometheusServers
{
    public static async Task<(RunningProcess Process, Uri Address)> StartPrometheusAsync(string workDir, string configYaml)
    {
        var config = Path.Combine(workDir, "prometheus.yml");
        await File.WriteAllTextAsync(config, configYaml).ConfigureAwait(false);
        var port = Processes.FreePort();
        var process = Processes.Start(ExternalTools.Require(ExternalTools.Prometheus),
        [
            "--config.file=" + config,
            "--storage.tsdb.path=" + Path.Combine(workDir, "tsdb"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
            "--log.level=warn",
        ], workDir);
        var address = new Uri($"http://127.0.0.1:{port}/");
        await WaitReadyAsync(process, address, "prometheus").ConfigureAwait(false);
        return (process, address);
    }

    public static async Task<(RunningProcess Process, Uri Address)> StartAlertmanagerAsync(string workDir, string configYaml)
    {
        var config = Path.Combine(workDir, "alertmanager.yml");
        await File.WriteAllTextAsync(config, configYaml).ConfigureAwait(false);
        var port = Processes.FreePort();
        var process = Processes.Start(ExternalTools.Require(ExternalTools.Alertmanager),
        [
            "--config.file=" + config,
            "--storage.path=" + Path.Combine(workDir, "am-data"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
            "--cluster.listen-address=",
            "--log.level=warn",
        ], workDir);
        var address = new Uri($"http://127.0.0.1:{port}/");
        await WaitReadyAsync(process, address, "alertmanager").ConfigureAwait(false);
        return (process, address);
    }

    public static string TempDir(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static async Task WaitReadyAsync(RunningProcess process, Uri address, string name)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.UntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{name} exited:\n{process.Output}");
                }

                try
                {
                    using var r = await http.GetAsync(new Uri(address, "-/ready")).ConfigureAwait(false);
                    return r.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            () => $"{name} ready; output:\n{process.Output}").ConfigureAwait(false);
    }
}
