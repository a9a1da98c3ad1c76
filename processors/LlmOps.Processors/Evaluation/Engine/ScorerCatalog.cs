namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>The built-in deterministic scorers by name.</summary>
internal sealed class ScorerCatalog
{
    public ScorerCatalog(IEnumerable<IScorer> scorers)
    {
        ArgumentNullException.ThrowIfNull(scorers);
        ByName = scorers.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, IScorer> ByName { get; }
}
