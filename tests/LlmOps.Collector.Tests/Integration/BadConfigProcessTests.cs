using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// The built collector started as in production (<c>dotnet exec LlmOps.Collector.dll --config file</c>) on a file with
/// several mistakes: it exits with code 2 before listening and names every bad key with its path.
/// </summary>
public sealed class BadConfigProcessTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("llmops-badconfig-");

    [Fact]
    public async Task Start_ConfigWithSeveralMistakes_ExitsNonZeroNamingEveryBadKey()
    {
        var config = Path.Combine(_dir.FullName, "collector.yaml");
        await File.WriteAllTextAsync(config, """
            receivers: {otlp: {protocols: {grpc: {endpoint: 127.0.0.1:0}}}}
            processors: {nosuch: , guardrails: {redact: maybe}}
            exporters: {storage: {driver: sqlite, wal_limit_mb: 0}}
            service:
              pipelines: {traces: {receivers: [otlp], processors: [nosuch, guardrails], exporters: [storage, missing]}}
            """);
        var dll = Path.Combine(AppContext.BaseDirectory, "LlmOps.Collector.dll");

        var result = await Processes.RunAsync("dotnet", ["exec", dll, "--config", config, "--Collector:DataDirectory=" + Path.Combine(_dir.FullName, "data")]);

        Assert.Equal(2, result.ExitCode);
        var output = result.StdOut + result.StdErr;
        Assert.Contains("5 error(s)", output, StringComparison.Ordinal);
        foreach (var key in new[]
        {
            "processors.nosuch:",
            "processors.guardrails.redact:",
            "exporters.storage.wal_limit_mb:",
            "service.pipelines.traces.processors: 'nosuch'",
            "service.pipelines.traces.exporters: 'missing'",
        })
        {
            Assert.Contains(key, output, StringComparison.Ordinal);
        }

        // Refused before opening anything: no database was created.
        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "data")) && Directory.EnumerateFiles(Path.Combine(_dir.FullName, "data")).Any());
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
