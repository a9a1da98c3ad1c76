namespace LlmOps.Collector.Tests.Observability;

internal sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);
