using System.Globalization;

namespace LlmOps.Console.Tests.Support;

/// <summary>
/// Runs the factory-assistant sample (its fake model through the SDK, exporting OTLP/gRPC) in-process; its users'
/// feedback goes to the same collector's OTLP/HTTP port.
/// </summary>
internal static class FactorySimulator
{
    public static async Task RunAsync(Uri otlp, Uri otlpHttp, Uri promptRegistry, TimeSpan duration, double rate)
    {
        var entry = System.Reflection.Assembly.Load("FactoryAssistant").EntryPoint ?? throw new InvalidOperationException("the sample has no entry point");
        string[] args =
        [
            "--endpoint", otlp.ToString(), "--duration", duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            "--rate", rate.ToString(CultureInfo.InvariantCulture), "--spike-every", "0", "--noise", "0.2", "--users", "6",
            "--capture-content", "--prompt-registry", promptRegistry.ToString(), "--feedback-endpoint", otlpHttp.ToString(),
        ];
        var exit = await Task.Run(() => entry.Invoke(null, [args])).WaitAsync(duration + TimeSpan.FromSeconds(60));
        if (exit is Task<int> task)
        {
            exit = await task.WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal(0, exit);
    }
}
