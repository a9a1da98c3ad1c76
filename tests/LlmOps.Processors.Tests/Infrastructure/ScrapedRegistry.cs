using System.Globalization;
using System.Text.Json;
using LlmOps.Processors.Metrics;

namespace LlmOps.Processors.Tests.Infrastructure;

/// <summary>
/// A registry served on a Kestrel <c>/metrics</c> and scraped by a real Prometheus every 250 ms, so a test can update
/// it, wait for scrapes and ask Prometheus what it stored.
/// </summary>
internal sealed class ScrapedRegistry : IAsyncDisposable
{
    private readonly TestServer _server;
    private readonly RunningProcess _prometheus;
    private readonly string _workDir;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    private ScrapedRegistry(TestServer server, RunningProcess prometheus, Uri address, string workDir)
    {
        _server = server;
        _prometheus = prometheus;
        Address = address;
        _workDir = workDir;
    }

    public Uri Address { get; }

    public static async Task<ScrapedRegistry> StartAsync(MetricRegistry registry)
    {
        var server = await TestServer.StartAsync(e => e.MapPrometheus(registry: registry)).ConfigureAwait(false);
        var work = PrometheusServers.TempDir("llmops-scraped");
        try
        {
            var (prometheus, address) = await PrometheusServers.StartPrometheusAsync(work, $"""
                global:
                  scrape_interval: 250ms
                  scrape_timeout: 250ms
                scrape_configs:
                  - job_name: llmops
                    static_configs:
                      - targets: ['{server.BaseAddress.Authority}']
                """).ConfigureAwait(false);
            var scraped = new ScrapedRegistry(server, prometheus, address, work);
            await scraped.WaitForScrapesAsync(1).ConfigureAwait(false);
            return scraped;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            Directory.Delete(work, recursive: true);
            throw;
        }
    }

    /// <summary>Waits until <paramref name="count"/> more scrapes have been stored than when called.</summary>
    public async Task WaitForScrapesAsync(int count)
    {
        const string scrapes = "sum(count_over_time(up[1h]))";
        var before = (await QueryAsync(scrapes).ConfigureAwait(false)).FirstOrDefault();
        await Eventually.UntilAsync(
            async () => (await QueryAsync(scrapes).ConfigureAwait(false)).FirstOrDefault() >= before + count,
            TimeSpan.FromSeconds(30),
            () => $"{count} scrapes after {before}\n{_prometheus.Output}",
            TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
    }

    /// <summary>The instant query's sample values (empty when it returns no series); throws when Prometheus rejects it.</summary>
    public async Task<List<double>> QueryAsync(string expr)
    {
        var uri = new Uri(Address, "api/v1/query?query=" + Uri.EscapeDataString(expr));
        using var response = await _http.GetAsync(uri).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"query failed ({(int)response.StatusCode}): {expr}: {body}");
        }

        using var doc = JsonDocument.Parse(body);
        var data = doc.RootElement.GetProperty("data");
        return data.GetProperty("resultType").GetString() == "scalar"
            ? [Parse(data.GetProperty("result")[1].GetString())]
            : [.. data.GetProperty("result").EnumerateArray().Select(s => Parse(s.GetProperty("value")[1].GetString()))];
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _prometheus.DisposeAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // The TSDB may still be closing; the temp directory is cleaned by the OS eventually.
        }
    }

    private static double Parse(string? text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text!, CultureInfo.InvariantCulture),
    };
}
