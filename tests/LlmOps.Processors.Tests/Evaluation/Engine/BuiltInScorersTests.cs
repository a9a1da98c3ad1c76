using LlmOps.Processors.Evaluation.Adapters;
using LlmOps.Processors.Evaluation.Engine;

namespace LlmOps.Processors.Tests.Evaluation.Engine;

public sealed class BuiltInScorersTests
{
    private static readonly IReadOnlyDictionary<string, IScorer> Scorers = BuiltInScorers.Create().ToDictionary(s => s.Name);

    private static EvaluationInput Input(string? answer, string? question = "What torque do M8 bolts on the conveyor need?", string? expected = null, params string[] context) =>
        new(question, answer, context, expected, null);

    [Fact]
    public void Create_EveryKnownScorerName_Present()
    {
        Assert.Equal(EvaluationOptionsValidator.KnownScorers.Order(StringComparer.Ordinal), Scorers.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Groundedness_SupportedAnswerScoresAboveInvented()
    {
        var context = new[] { "Conveyor C-12 uses M8 bolts tightened to 25 Nm with a calibrated torque wrench." };

        var grounded = Scorers["groundedness"].Score(Input("Tighten the M8 bolts to 25 Nm.", context: context))!;
        var invented = Scorers["groundedness"].Score(Input("Tighten the M8 bolts to 90 Nm using an impact driver from Bosch.", context: context))!;

        Assert.True(grounded.Score > invented.Score, $"{grounded.Score} vs {invented.Score}");
    }

    [Theory]
    [InlineData("groundedness")]
    [InlineData("context_relevance")]
    [InlineData("correctness")]
    [InlineData("bleu")]
    [InlineData("rouge_l")]
    public void Score_MissingContextOrExpected_ReturnsNull(string scorer)
    {
        Assert.Null(Scorers[scorer].Score(Input("Tighten to 25 Nm.")));
    }

    [Fact]
    public void Score_EveryScorer_StaysWithinUnitRange()
    {
        var input = Input("Tighten to 25 Nm. Contact bob@factory.com.", expected: "Tighten the M8 bolts to 25 Nm.", context: ["M8 bolts: 25 Nm."]);

        foreach (var (name, scorer) in Scorers)
        {
            var outcome = scorer.Score(input);
            Assert.NotNull(outcome);
            Assert.InRange(outcome.Score, 0, 1);
            Assert.False(string.IsNullOrEmpty(outcome.Label), name);
        }
    }

    [Fact]
    public void PiiRisk_AnswerWithEmail_ScoresHigh()
    {
        Assert.True(Scorers["pii_risk"].Score(Input("Write to jane.doe@factory.com"))!.Score >= 0.9);
        Assert.Equal(0, Scorers["pii_risk"].Score(Input("Write to the shift lead"))!.Score);
    }
}
