using LlmOps.Processors.Drift;
using Xunit;

namespace LlmOps.Processors.Tests.Drift;

public sealed class RootCauseAnalyzerTests
{
    [Fact]
    public void Analyze_ShiftInOneDataSource_NamesIt()
    {
        SliceStats[] slices =
        [
            new(RcaDimensions.DataSource, "manuals", 500, 400, 100, 80),
            new(RcaDimensions.DataSource, "tickets", 500, 400, 100, 50),
            new(RcaDimensions.Model, "a", 500, 400, 100, 65),
            new(RcaDimensions.Model, "b", 500, 400, 100, 65),
        ];
        var cause = RootCauseAnalyzer.Analyze(slices, additive: false);
        Assert.NotNull(cause);
        Assert.Equal(RcaDimensions.DataSource, cause.Dimension);
        Assert.Equal("tickets", cause.Value);
        Assert.Equal(1, cause.ExplainedShare, 2);
    }

    [Fact]
    public void Analyze_NewTrafficWithoutPromptVersion_NamesTheFailingModelNotPromptNone()
    {
        // Errors (sum) per requests (count): spans without a prompt version ("none") arrive on a good and a bad model.
        SliceStats[] slices =
        [
            new(RcaDimensions.PromptVersion, "0", 1000, 25, 100, 2),
            new(RcaDimensions.PromptVersion, "none", 0, 0, 60, 30),
            new(RcaDimensions.Model, "sim-model", 1000, 25, 100, 2),
            new(RcaDimensions.Model, "good-model", 0, 0, 30, 0),
            new(RcaDimensions.Model, "bad-model", 0, 0, 30, 30),
        ];
        var cause = RootCauseAnalyzer.Analyze(slices, additive: false);
        Assert.NotNull(cause);
        Assert.Equal((RcaDimensions.Model, "bad-model"), (cause.Dimension, cause.Value));
        var within = RootCauseAnalyzer.AnalyzeWithinWindow([.. slices.Select(s => s with { BaselineCount = 0, BaselineSum = 0 })], 1, additive: false);
        Assert.NotNull(within);
        Assert.Equal("bad-model", within.Value);
    }

    [Fact]
    public void Analyze_NewModel_NamedAsNew()
    {
        SliceStats[] slices =
        [
            new(RcaDimensions.Model, "gpt-4o", 1000, 800, 50, 40),
            new(RcaDimensions.Model, "llama", 0, 0, 50, 25),
        ];
        var cause = RootCauseAnalyzer.Analyze(slices, additive: false);
        Assert.NotNull(cause);
        Assert.Equal("llama", cause.Value);
        Assert.True(cause.NewValue);
    }

    [Fact]
    public void Analyze_EvenChange_NoCause()
    {
        SliceStats[] slices =
        [
            new(RcaDimensions.Model, "a", 500, 400, 100, 70),
            new(RcaDimensions.Model, "b", 500, 400, 100, 70),
        ];
        Assert.Null(RootCauseAnalyzer.Analyze(slices, additive: false));
    }

    [Fact]
    public void Analyze_AdditiveCost_NamesTheModelThatGrew()
    {
        SliceStats[] slices =
        [
            new(RcaDimensions.Model, "small", 1000, 10, 1000, 11),
            new(RcaDimensions.Model, "large", 100, 50, 400, 200),
        ];
        var cause = RootCauseAnalyzer.Analyze(slices, additive: true);
        Assert.Equal("large", cause!.Value);
    }

    [Theory]
    [InlineData(RcaDimensions.Model)]
    [InlineData(RcaDimensions.PromptVersion)]
    [InlineData(RcaDimensions.Retrieval)]
    [InlineData(RcaDimensions.DataSource)]
    [InlineData(RcaDimensions.UserSegment)]
    public void Write_EveryDimension_TwoSentencesWithAction(string dimension)
    {
        var text = RcaText.Write("Mean correctness score", 0.8, 0.7, false, new RcaCandidate(dimension, "x", 0.6, 0.9, false));
        Assert.Equal(2, text.Split(". ", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.EndsWith(".", text, StringComparison.Ordinal);
        Assert.Contains("'x'", text, StringComparison.Ordinal);
        Assert.Contains("0.8 to 0.7", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PromptChangeScenario_ReportNamesPromptAndRollBack()
    {
        var (b, c) = DriftScenarioGenerator.Generate(DriftScenario.PromptChange, 0.15, 7);
        var report = new DriftDetector(new DriftOptions()).Evaluate(b, c, DriftScenarioGenerator.Now);
        var rc = report.Primary!.RootCause!;
        Assert.Equal(RcaDimensions.PromptVersion, rc.Dimension);
        Assert.Equal("v3", rc.Value);
        Assert.Contains("Roll the prompt label back", rc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RetrievalScenario_RetrievalOverlapFindingWithJaccard()
    {
        var (b, c) = DriftScenarioGenerator.Generate(DriftScenario.RetrievalDegradation, 0.6, 3);
        var report = new DriftDetector(new DriftOptions()).Evaluate(b, c, DriftScenarioGenerator.Now);
        var f = Assert.Single(report.Findings, f => f.Kind == DriftKind.RetrievalOverlap);
        Assert.True(f.Detected);
        Assert.InRange(f.Statistics["coverage"], 0.3, 0.5);
        Assert.True(f.Statistics["jaccard"] < 0.5);
        Assert.Equal(RcaDimensions.Retrieval, f.RootCause!.Dimension);
        Assert.Contains("re-index the embeddings", f.RootCause.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ProviderChange_FlagsRequestModel()
    {
        var (b, c) = DriftScenarioGenerator.Generate(DriftScenario.ProviderChange, 0.5, 3);
        var report = new DriftDetector(new DriftOptions()).Evaluate(b, c, DriftScenarioGenerator.Now);
        var f = Assert.Single(report.Findings, f => f.Kind == DriftKind.ProviderBehaviour && f.Detected);
        Assert.Equal("gpt-4o", f.Model);
        Assert.Equal("gpt-4o-2026-02-15", f.RootCause!.Value);
    }

    [Fact]
    public void Evaluate_TimeWindows_SplitByConfiguredWindows()
    {
        var (b, c) = DriftScenarioGenerator.Generate(DriftScenario.ModelSwap, 1.0, 1);
        var report = new DriftDetector(new DriftOptions()).Evaluate([.. b, .. c], DriftScenarioGenerator.Now);
        Assert.Equal(b.Count, report.BaselineSamples);
        Assert.Equal(c.Count, report.CurrentSamples);
        Assert.True(report.Detected);
    }
}
