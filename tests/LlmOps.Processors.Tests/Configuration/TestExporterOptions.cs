namespace LlmOps.Processors.Tests.Configuration;

public sealed class TestExporterOptions
{
    public string Path { get; set; } = "./data/llmops.db";
}
