namespace LlmOps.Management.Evaluators;

/// <summary>
/// One registered evaluator. <see cref="Kind"/> is <c>builtin</c> (scored in-process by the evaluator named
/// <see cref="Name"/>) or <c>llm_judge</c> (the <see cref="Template"/> with <c>{{input}} {{output}} {{context}}
/// {{expected}}</c> is sent to the judge model). <see cref="SamplingRate"/> is the fraction of matching spans scored.
/// </summary>
internal sealed record EvaluatorDefinition(
    long Id,
    string Name,
    string Kind,
    string Template,
    string ScoreName,
    EvaluatorTarget Target,
    double SamplingRate,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
