using Microsoft.Playwright;

namespace LlmOps.Console.Tests.Support;

/// <summary>
/// Debian's Chromium through Playwright (browsers are not downloaded): <c>CHROMIUM_PATH</c> or /usr/bin/chromium.
/// When it is missing the tests fail under CI (<c>CI=true</c>) and are skipped elsewhere, with the reason.
/// </summary>
internal sealed class BrowserFixture : IAsyncDisposable
{
    private BrowserFixture(IPlaywright playwright, IBrowser browser)
    {
        Playwright = playwright;
        Browser = browser;
    }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the browser tests cannot run here, or null; always null under CI so that a missing browser fails.</summary>
    public static string? MissingReason() =>
        File.Exists(ExecutablePath) || IsCi ? null : $"Chromium not found at {ExecutablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)";

    public static async Task<BrowserFixture> LaunchAsync()
    {
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"],
        }).WaitAsync(TimeSpan.FromSeconds(60));
        return new BrowserFixture(playwright, browser);
    }

    public static string ScreenshotDirectory()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Playwright.Dispose();
    }
}
