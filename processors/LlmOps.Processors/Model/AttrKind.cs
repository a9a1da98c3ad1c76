namespace LlmOps.Processors.Model;

/// <summary>The type of an attribute value, mirroring OTLP's <c>AnyValue</c>.</summary>
internal enum AttrKind
{
    Empty = 0,
    String = 1,
    Bool = 2,
    Int = 3,
    Double = 4,
    Array = 5,
    KvList = 6,
    Bytes = 7,
}
