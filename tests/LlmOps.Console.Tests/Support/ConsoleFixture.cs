using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace LlmOps.Console.Tests.Support;

/// <summary>One collector fed by the simulator and one browser, shared by the console flow tests.</summary>
public class ConsoleFixture : IAsyncLifetime
{
    private ConsoleCollector? _collector;
    private BrowserFixture? _browser;

    internal ConsoleCollector Collector => _collector ?? throw new InvalidOperationException("not started");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public IBrowser Browser => _browser?.Browser ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        if (BrowserFixture.MissingReason() is not null)
        {
            return;
        }

        _collector = await ConsoleCollector.StartAsync(yaml: ConfigYaml);
        Http.BaseAddress = _collector.BaseAddress;
        if (ApiKey is { } key)
        {
            Http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        await WaitForApiAsync(Http);
        await FeedAsync();
        _browser = await BrowserFixture.LaunchAsync();
    }

    /// <summary>The collector's whole configuration file, or null for the built-in one.</summary>
    protected virtual string? ConfigYaml => null;

    /// <summary>The key <see cref="Http"/> sends, when <see cref="ConfigYaml"/> requires one.</summary>
    protected virtual string? ApiKey => null;

    /// <summary>What the collector holds before the tests start: the simulator's traffic.</summary>
    protected virtual async Task FeedAsync()
    {
        // 8 s at 15 calls/s: 120 calls nominally. A loaded machine coalesces the simulator's timer ticks (39 calls in 4 s
        // were seen in CI right after the 100,000-trace render test), and the wait below needs 40 traces.
        await FactorySimulator.RunAsync(Collector.OtlpGrpc, Collector.OtlpHttp, Collector.BaseAddress, TimeSpan.FromSeconds(8), rate: 15);

        // Everything sent is stored once the API shows the traces and the scores have arrived.
        await WaitForAsync(async () => (await GetJsonAsync("/api/v1/dashboard/summary"))!["total_traces"]!.GetValue<long>() >= 40, TimeSpan.FromSeconds(30));
    }

    public async Task<JsonNode?> GetJsonAsync(string path) =>
        JsonNode.Parse(await Http.GetStringAsync(new Uri(path, UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(30)));

    public async Task<IPage> NewPageAsync(int width = 1366)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Collector.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = 900 } }).WaitAsync(TimeSpan.FromSeconds(30));
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory(), name + ".png"), FullPage = true }).WaitAsync(TimeSpan.FromSeconds(30));

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }

        Http.Dispose();
    }

    /// <summary>Waits (at most 30 s) until the collector's management API answers.</summary>
    public static Task WaitForApiAsync(HttpClient http) =>
        WaitForAsync(async () => (await http.GetAsync(new Uri("/api/v1/prompts", UriKind.Relative))).IsSuccessStatusCode, TimeSpan.FromSeconds(30));

    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not up yet
            }

            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                Assert.Fail($"condition not met within {timeout}");
            }

            await Task.Delay(100);
        }
    }
}
