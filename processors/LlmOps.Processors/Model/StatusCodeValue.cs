namespace LlmOps.Processors.Model;

/// <summary>Span status code, with OTLP's numbering.</summary>
internal enum StatusCodeValue
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}
