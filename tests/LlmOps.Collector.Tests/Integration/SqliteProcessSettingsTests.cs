using LlmOps.Collector.Tests.Support;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// The collector's process turns SQLite's memory statistics off before its first connection opens (a mutex shared by
/// every SQLite allocation otherwise); it says so in its log, and a collector that came too late would warn instead.
/// </summary>
public sealed class SqliteProcessSettingsTests
{
    [Fact]
    public async Task CollectorProcess_TurnsSqliteMemoryStatisticsOffBeforeTheStoreOpens()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "llmops-process-settings", Guid.NewGuid().ToString("N"));
        try
        {
            using var collector = await CollectorProcess.StartAsync(dataDir);

            // The store logs this as it becomes ready; the console logger writes asynchronously, so wait for the line.
            var logged = await TestCollector.EventuallyAsync(
                () => collector.Output.Any(l => l.Contains("SQLite memory statistics are off", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(15));

            Assert.True(logged, "expected the collector to log that SQLite memory statistics are off; it wrote:\n" + string.Join('\n', collector.Output));
            Assert.DoesNotContain(collector.Output, l => l.Contains("SQLite memory statistics are on", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }
}
