using LlmOps.Processors.Evaluation.Scorers;
using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Tests.Evaluation;

public sealed class ScorerTests
{
    private const string Context = "The Model X-200 conveyor runs at 2.5 metres per second. It was installed in Plant 7 in 2021 by Siemens engineers.";

    [Fact]
    public void Groundedness_SupportedAnswer_ScoresAboveUnsupported()
    {
        var scorer = new GroundednessScorer();
        var supported = scorer.Score("The conveyor runs at 2.5 metres per second.", [Context], "How fast does the conveyor run?");
        var invented = scorer.Score("The conveyor runs at 4.8 metres per second and was built by Bosch.", [Context], "How fast does the conveyor run?");
        Assert.Equal("grounded", supported.Label);
        Assert.True(supported.Score > invented.Score);
        Assert.Contains("bosch", invented.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Groundedness_NoContext_Hallucinated()
    {
        var result = new GroundednessScorer().Score("Paris is the capital of France.", []);
        Assert.Equal("hallucinated", result.Label);
        Assert.Equal(0, result.Score);
    }

    [Fact]
    public void ContextRelevance_OnTopicChunk_RelevantAndOffTopicIrrelevant()
    {
        var scorer = new ContextRelevanceScorer();
        var relevant = scorer.Score("When was the conveyor in Plant 7 installed?", [Context, "Lunch is served at noon."]);
        var irrelevant = scorer.Score("When was the conveyor in Plant 7 installed?", ["Lunch is served at noon.", "Parking is free."]);
        Assert.Equal("relevant", relevant.Label);
        Assert.Equal("irrelevant", irrelevant.Label);
    }

    [Fact]
    public void Conciseness_DirectAnswer_BeatsRepetitiveHedgedAnswer()
    {
        var scorer = new ConcisenessScorer();
        var direct = scorer.Score("It runs at 2.5 metres per second.", "How fast does the conveyor run?");
        var padded = string.Concat(Enumerable.Repeat("Basically, I think it is important to note that the conveyor runs fast. ", 12));
        var verbose = scorer.Score(padded, "How fast does the conveyor run?");
        Assert.Equal("concise", direct.Label);
        Assert.Equal("verbose", verbose.Label);
        Assert.True(direct.Score > verbose.Score);
    }

    [Theory]
    [InlineData("It was installed in 2021.", "2021", "correct")]
    [InlineData("It was installed in 2019.", "2021", "incorrect")]
    [InlineData("Siemens engineers installed it.", "Siemens", "correct")]
    [InlineData("Nobody knows.", "Siemens engineers in 2021", "incorrect")]
    public void Correctness_AnswerVersusExpected_Labelled(string answer, string expected, string label)
    {
        Assert.Equal(label, new CorrectnessScorer().Score(answer, expected).Label);
    }

    [Theory]
    [InlineData("This assistant is great, it saved me hours!", "positive")]
    [InlineData("Terrible answer, completely useless.", "negative")]
    [InlineData("The answer was not helpful at all.", "negative")]
    [InlineData("Not bad at all.", "positive")]
    [InlineData("The setup was confusing but the answer was excellent.", "positive")]
    [InlineData("The conveyor is in Plant 7.", "neutral")]
    public void Sentiment_Feedback_Labelled(string text, string label)
    {
        Assert.Equal(label, new SentimentScorer().Score(text).Label);
    }

    [Fact]
    public void Sentiment_CapsAndExclamations_StrongerThanPlain()
    {
        Assert.True(SentimentScorer.Compound("This is GREAT!!!") > SentimentScorer.Compound("This is great"));
    }

    [Fact]
    public void PerSpanScorers_AnalysisOverloads_MatchStringOverloads()
    {
        const string question = "Why did conveyor line 3 in Plant 7 stop, and how do we restart it?";
        const string answer = "Line 3 stopped because the overload relay on M3-2 tripped. Reset relay K12 and restart at 50% speed. Reset relay K12 and restart at 50% speed. You idiot, don't do that.";
        string[] chunks = ["Conveyor line 3 in Plant 7 stopped after the overload relay tripped on motor M3-2.", "Restart: reset relay K12, restart the line at 50% speed.", "Unrelated maintenance notes."];
        var a = TextAnalysis.Of(answer);
        var q = TextAnalysis.Of(question);
        var c = TextAnalysis.Of(chunks);
        Assert.Equal(new GroundednessScorer().Score(answer, chunks, question), new GroundednessScorer().Score(a, c, q));
        Assert.Equal(new ContextRelevanceScorer().Score(question, chunks), new ContextRelevanceScorer().Score(q, c));
        Assert.Equal(new ConcisenessScorer().Score(answer, question), new ConcisenessScorer().Score(a, q));
        Assert.Equal(new ToxicityScorer().Score(answer), new ToxicityScorer().Score(a));
        Assert.Equal("toxic", new ToxicityScorer().Score(TextAnalysis.Of("what a f*cking moron")).Label);
    }

    [Theory]
    [InlineData("Not disappointed, great camera.", 1)]
    [InlineData("Canon never fails to amaze.", 1)]
    [InlineData("Disappointingly, the remote stopped working after a week.", -1)]
    [InlineData("It should have been a sharper, cleaner script.", -1)]
    [InlineData("A good premise, terribly wasted.", -1)]
    [InlineData("It's sweet, but just a little too precious.", -1)]
    [InlineData("What a dvd player!", 1)]
    [InlineData("Why does it only play audio?", -1)]
    [InlineData("I didn't like the menus.", -1)]
    [InlineData("I really like the menus.", 1)]
    public void Polarity_Feedback_NeverAbstains(string text, int expected)
    {
        Assert.Equal(expected, SentimentScorer.Polarity(text));
    }

    [Fact]
    public void Polarity_NoEvidence_StillDecides()
    {
        Assert.Contains(SentimentScorer.Polarity("The conveyor is in Plant 7."), new[] { -1, 1 });
        Assert.Equal("neutral", new SentimentScorer().Score("The conveyor is in Plant 7.").Label);
    }

    [Theory]
    [InlineData("You are a stupid idiot", "toxic")]
    [InlineData("what a f*cking moron", "toxic")]
    [InlineData("Please restart the conveyor after maintenance.", "non_toxic")]
    [InlineData("kill yourself", "toxic")]
    [InlineData("honestly, kys", "toxic")]
    [InlineData("Go to hell.", "toxic")]
    [InlineData("oh just shut up", "toxic")]
    [InlineData("Restart the process yourself after the update.", "non_toxic")]
    [InlineData("We will go to the hall, then go", "non_toxic")]
    [InlineData("Shut the valve before you go to", "non_toxic")]
    public void Toxicity_Text_Labelled(string text, string label)
    {
        Assert.Equal(label, new ToxicityScorer().Score(text).Label);
    }

    [Fact]
    public void Similarity_Paraphrase_HigherThanUnrelated()
    {
        var paraphrase = SemanticSimilarityScorer.Similarity("A man is talking on the phone.", "A guy is speaking on the phone.");
        var unrelated = SemanticSimilarityScorer.Similarity("A man is talking on the phone.", "Stocks fell sharply in Tokyo.");
        Assert.True(paraphrase > 0.6, $"paraphrase {paraphrase}");
        Assert.True(unrelated < 0.2, $"unrelated {unrelated}");
    }

    [Fact]
    public void BleuEvaluate_IdenticalAnswer_ScoresOne()
    {
        var result = new BleuScorer(effectiveOrder: true).Evaluate("The conveyor runs at 2.5 metres per second.", "The conveyor runs at 2.5 metres per second.");
        Assert.Equal(1.0, result.Score, 9);
    }

    [Fact]
    public void RougeEvaluate_PartialOverlap_BetweenZeroAndOne()
    {
        var result = new RougeScorer(useStemmer: true).Evaluate("the conveyor runs quickly", "the conveyor is running slowly");
        Assert.InRange(result.Score, 0.2, 0.8);
    }
}
