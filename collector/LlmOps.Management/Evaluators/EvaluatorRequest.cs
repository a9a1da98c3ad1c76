namespace LlmOps.Management.Evaluators;

internal sealed class EvaluatorRequest
{
    public string? Name { get; set; }

    public string? Kind { get; set; }

    public string? Template { get; set; }

    public string? ScoreName { get; set; }

    public EvaluatorTarget? Target { get; set; }

    public double? SamplingRate { get; set; }

    public string? Status { get; set; }
}
