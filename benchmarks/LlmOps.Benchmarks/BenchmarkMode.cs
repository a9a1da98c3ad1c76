namespace LlmOps.Benchmarks;

/// <summary>
/// CI's dry run sets <c>LLMOPS_BENCH_DRY=1</c> (with <c>--job Dry</c>): classes whose own config adds a measuring job
/// then add nothing, so every benchmark runs exactly once.
/// </summary>
internal static class BenchmarkMode
{
    public static bool IsDry => Environment.GetEnvironmentVariable("LLMOPS_BENCH_DRY") == "1";
}
