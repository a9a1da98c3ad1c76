namespace LlmOps.Management.Evaluators;

/// <summary>Which spans an evaluator scores; every field given must match (null = any).</summary>
internal sealed record EvaluatorTarget(
    string? SpanName = null,
    string? Model = null,
    string? Operation = null,
    string? AttributeKey = null,
    string? AttributeValue = null)
{
    /// <summary>True when a span with these properties is in scope; <paramref name="attribute"/> looks up an attribute as a string.</summary>
    public bool Matches(string? spanName, string? model, string? operation, Func<string, string?> attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return (SpanName is null || string.Equals(SpanName, spanName, StringComparison.Ordinal))
            && (Model is null || string.Equals(Model, model, StringComparison.Ordinal))
            && (Operation is null || string.Equals(Operation, operation, StringComparison.Ordinal))
            && (AttributeKey is null || string.Equals(attribute(AttributeKey), AttributeValue, StringComparison.Ordinal));
    }
}
