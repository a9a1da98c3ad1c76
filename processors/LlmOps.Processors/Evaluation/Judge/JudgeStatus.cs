namespace LlmOps.Processors.Evaluation.Judge;

internal enum JudgeStatus
{
    Ok = 0,
    Timeout = 1,
    Malformed = 2,
    RateLimited = 3,
    Error = 4,
}
