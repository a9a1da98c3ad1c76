using LlmOps.Processors.Evaluation.Engine;

namespace LlmOps.Processors.Tests.Evaluation.Engine;

public sealed class DeterministicFallbackTests
{
    [Theory]
    [InlineData("answer_faithfulness", "", "groundedness")]
    [InlineData("", "Is the reply brief?", "conciseness")]
    [InlineData("tone", "Does it contain personal data?", "pii_risk")]
    [InlineData("helpfulness", "Rate how helpful it is.", "semantic_similarity")]
    public void ScorerFor_ReadsScoreNameThenTemplate(string scoreName, string template, string expected)
    {
        var definition = new EvaluatorDefinition { Kind = "llm_judge", Name = "custom", ScoreName = scoreName, Template = template };

        Assert.Equal(expected, DeterministicFallback.ScorerFor(definition));
    }

    [Fact]
    public void ScorerFor_AskedAgain_SameChoiceAndRecomputedWhenATextChanges()
    {
        var definition = new EvaluatorDefinition { Kind = "llm_judge", Name = "custom", ScoreName = "tone", Template = "Is the answer toxic?" };

        var first = DeterministicFallback.ScorerFor(definition);
        var again = DeterministicFallback.ScorerFor(definition);
        definition.Template = "Is the answer correct?";
        var afterEdit = DeterministicFallback.ScorerFor(definition);
        definition.Guidelines = "Judge whether it is hallucinated.";
        definition.Template = string.Empty;
        var afterGuidelines = DeterministicFallback.ScorerFor(definition);

        Assert.Equal("toxicity", first);
        Assert.Same(first, again);
        Assert.Equal("correctness", afterEdit);
        Assert.Equal("hallucination", afterGuidelines);
    }
}
