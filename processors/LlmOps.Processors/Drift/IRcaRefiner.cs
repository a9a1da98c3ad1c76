namespace LlmOps.Processors.Drift;

/// <summary>Rewrites a deterministic root-cause text; returns null to keep the deterministic text.</summary>
internal interface IRcaRefiner
{
    Task<string?> RefineAsync(string deterministicText, IReadOnlyDictionary<string, string> facts, CancellationToken cancellationToken);
}
