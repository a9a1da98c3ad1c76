namespace LlmOps.Management.Evaluation;

internal sealed record ChatModelResponse(string Text, long InputTokens, long OutputTokens, double LatencyMs);
