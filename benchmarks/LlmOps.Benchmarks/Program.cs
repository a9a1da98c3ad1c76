using BenchmarkDotNet.Running;

namespace LlmOps.Benchmarks;

internal static class Program
{
    // Run all: dotnet run -c Release --project benchmarks/LlmOps.Benchmarks -- --filter '*'
    // Dry run (CI): add --job Dry
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
