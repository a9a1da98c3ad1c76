namespace LlmOps.Processors.Tests.Drift;

/// <summary>Injected changes the drift measurement covers; each names the dimension its RCA must find.</summary>
internal enum DriftScenario
{
    Stable = 0,
    ScoreShiftDataSource = 1,
    ScoreShiftUserSegment = 2,
    ModelSwap = 3,
    PromptChange = 4,
    RetrievalDegradation = 5,
    ProviderChange = 6,
}
