namespace LlmOps.Management.Evaluation;

/// <summary>Start an evaluation run of a dataset: prompt by label (default <c>production</c>) or version, a model, evaluators.</summary>
internal sealed class RunRequest
{
    public string? Name { get; set; }

    public string? PromptName { get; set; }

    public string? PromptLabel { get; set; }

    public long? PromptVersion { get; set; }

    /// <summary><c>fake</c> (offline, default) or a model name served by the configured endpoint.</summary>
    public string? Model { get; set; }

    public List<string>? Evaluators { get; set; }

    /// <summary>Pass threshold per evaluator (0..1, default 0.5); an item passes when every metric reaches its threshold.</summary>
    public Dictionary<string, double>? Thresholds { get; set; }

    /// <summary>Fake model only: fraction of items answered wrongly (0..1).</summary>
    public double? Noise { get; set; }
}
