namespace LlmOps.Processors.Tests.Infrastructure;

internal sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);
