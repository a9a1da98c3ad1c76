using System.Globalization;

namespace LlmOps.Collector.Tests.Observability;

/// <summary>
/// The FactoryAssistant sample (SDK-instrumented fake model) run as a child process against a collector: traces and
/// metrics over OTLP/gRPC, feedback over OTLP/HTTP, prompt and answer content captured so the evaluators score.
/// </summary>
internal static class Simulator
{
    public static RunningProcess Start(ObservedCollector collector, double rate, double noise, double spikeEvery, double spikeLength, int seed = 42)
    {
        var dll = SimulatorDll();
        return Processes.Start("dotnet",
        [
            "exec", dll,
            "--endpoint", collector.Grpc.ToString(),
            "--feedback-endpoint", collector.Http.ToString(),
            "--capture-content",
            "--duration", "0",
            "--rate", Invariant(rate),
            "--noise", Invariant(noise),
            "--spike-every", Invariant(spikeEvery),
            "--spike-length", Invariant(spikeLength),
            "--seed", seed.ToString(CultureInfo.InvariantCulture),
        ], Path.GetDirectoryName(dll)!);
    }

    /// <summary>The sample's own build output, in the configuration these tests were built in.</summary>
    private static string SimulatorDll()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "samples", "FactoryAssistant", "bin", configuration, framework.Name, "FactoryAssistant.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"the simulator is not built: {dll} (dotnet build samples/FactoryAssistant -c {configuration})");
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
