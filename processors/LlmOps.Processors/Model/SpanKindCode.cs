namespace LlmOps.Processors.Model;

/// <summary>Span kind, with OTLP's numbering.</summary>
internal enum SpanKindCode
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}
