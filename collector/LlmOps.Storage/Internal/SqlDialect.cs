namespace LlmOps.Storage.Internal;

/// <summary>The few places where the SQLite and PostgreSQL trace searches differ.</summary>
internal abstract class SqlDialect
{
    /// <summary>A condition that the encoded model set column contains the parameter (a <c>|model|</c> needle).</summary>
    public abstract string ModelContains(string column, string parameter);

    /// <summary>A condition that the trace's input or output text contains all <paramref name="words"/>.</summary>
    public abstract string TextMatches(SqlBuilder builder, IReadOnlyList<string> words);

    /// <summary>The first <paramref name="chars"/> characters of a text column.</summary>
    public abstract string Prefix(string column, int chars);

    /// <summary>
    /// A condition on <c>spans</c> (alias <paramref name="alias"/>) selecting the spans of the trace whose id is
    /// <paramref name="traceId"/> (a parameter or column): the stores key spans differently.
    /// </summary>
    public abstract string SpansOfTrace(string alias, string traceId);

    /// <summary>An expression the planner should not use an index for (a filter, when another index gives the order).</summary>
    public virtual string NoIndex(string column) => column;
}
