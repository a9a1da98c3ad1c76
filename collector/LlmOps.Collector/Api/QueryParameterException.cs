namespace LlmOps.Collector.Api;

/// <summary>A query parameter that cannot be used; becomes a 400 problem naming it.</summary>
internal sealed class QueryParameterException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}
