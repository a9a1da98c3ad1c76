namespace LlmOps.Processors.Configuration;

internal enum ComponentKind
{
    Receiver = 0,
    Processor = 1,
    Exporter = 2,
}
