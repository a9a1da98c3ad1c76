namespace LlmOps.Management.Evaluation;

/// <summary>
/// One completion request. <see cref="ExpectedOutput"/>, <see cref="Context"/>, <see cref="Noise"/> and
/// <see cref="Seed"/> only steer the offline fake model; real endpoints never see them.
/// </summary>
internal sealed record ChatModelRequest(
    string Model,
    string SystemPrompt,
    string UserMessage,
    double Temperature,
    int MaxTokens,
    string? ExpectedOutput = null,
    string? Context = null,
    double Noise = 0,
    string Seed = "");
