using LlmOps.Processors.Evaluation.Adapters;
using LlmOps.Processors.Evaluation.Scorers;
using LlmOps.Processors.Feedback;

namespace LlmOps.Processors.Tests.Evaluation;

/// <summary>
/// Short, informal feedback comments of the kind users leave on assistant answers: emoticons, emoji, slang,
/// stretched words, shouting, "!!!", questions, contrast, negation and hedges. Each sentence was written for
/// these tests; most carry no other sentiment cue, so the feature under test decides the label.
/// </summary>
public sealed class SentimentFeedbackStyleTests
{
    private static string Label(string text) => new SentimentScorer().Score(text).Label;

    [Theory]
    [InlineData("The export finished :)", "positive")]
    [InlineData("The export finished :-)", "positive")]
    [InlineData("Got my answer :D", "positive")]
    [InlineData("see you tomorrow ;)", "positive")]
    [InlineData("<3 the new search", "positive")]
    [InlineData("that reply xD", "positive")]
    [InlineData("The export finished :(", "negative")]
    [InlineData("It logged me out again :-(", "negative")]
    [InlineData("The answer came back empty :/", "negative")]
    [InlineData("The answer came back empty :-/", "negative")]
    [InlineData("It cut off halfway :'(", "negative")]
    [InlineData("My heart </3", "negative")]
    public void Emoticons_DecideOtherwiseNeutralComments(string text, string label)
    {
        Assert.Equal(label, Label(text));
    }

    [Theory]
    [InlineData("Docs are at https://example.com/guide")]
    [InlineData("Shift starts at 10:30 in hall B")]
    [InlineData("See section 3:2 of the manual")]
    [InlineData("Run it with -x D:/tools")]
    public void Emoticons_UrlsTimesAndPaths_StayNeutral(string text)
    {
        Assert.Equal("neutral", Label(text));
    }

    [Theory]
    [InlineData("Answer for line 3 👍", "positive")]
    [InlineData("Fixed my query 😀", "positive")]
    [InlineData("the new summary view ❤️", "positive")]
    [InlineData("Deploy went through 🎉", "positive")]
    [InlineData("reply 👏👏", "positive")]
    [InlineData("Answer for line 3 👍🏽", "positive")]
    [InlineData("Answer for line 3 👎", "negative")]
    [InlineData("😡 it ignored my question", "negative")]
    [InlineData("It logged me out again 😢", "negative")]
    [InlineData("Sure, another outage 🙄", "negative")]
    [InlineData("this reply 🤮", "negative")]
    public void Emoji_DecideOtherwiseNeutralComments(string text, string label)
    {
        Assert.Equal(label, Label(text));
    }

    [Fact]
    public void Emoji_AddToTheWords()
    {
        Assert.True(SentimentScorer.Compound("good answer 👍") > SentimentScorer.Compound("good answer"));
        Assert.True(SentimentScorer.Compound("bad answer 😡") < SentimentScorer.Compound("bad answer"));
    }

    [Theory]
    [InlineData("meh", "negative")]
    [InlineData("ugh, the bot again", "negative")]
    [InlineData("wtf is this answer", "negative")]
    [InlineData("nope", "negative")]
    [InlineData("this sucks", "negative")]
    [InlineData("lame reply", "negative")]
    [InlineData("epic fail", "negative")]
    [InlineData("yuck", "negative")]
    [InlineData("what a bummer", "negative")]
    [InlineData("thx", "positive")]
    [InlineData("kudos to the team", "positive")]
    [InlineData("yay", "positive")]
    [InlineData("lol nice one", "positive")]
    [InlineData("haha", "positive")]
    [InlineData("awesome", "positive")]
    [InlineData("epic answer", "positive")]
    public void Slang_CarriesGeneralValence(string text, string label)
    {
        Assert.Equal(label, Label(text));
    }

    [Theory]
    [InlineData("sooo good", "so good")]
    [InlineData("goooood answer", "good answer")]
    [InlineData("loooove it", "love it")]
    [InlineData("awesomeeee", "awesome")]
    [InlineData("baaaad answer", "bad answer")]
    [InlineData("sloooow", "slow")]
    public void Elongation_NormalisedAndAtLeastAsStrong(string stretched, string plain)
    {
        var s = SentimentScorer.Compound(stretched);
        var p = SentimentScorer.Compound(plain);
        Assert.NotEqual(0, p);
        Assert.Equal(Math.Sign(p), Math.Sign(s));
        Assert.True(Math.Abs(s) >= Math.Abs(p), $"{stretched}: {s} weaker than {plain}: {p}");
    }

    [Fact]
    public void Elongation_NegatorStretched_StillNegates()
    {
        Assert.Equal("negative", Label("nooo, not helpful"));
        Assert.Equal("positive", Label("not baaad at all"));
    }

    [Fact]
    public void AllCaps_InMixedCaseText_Emphasises()
    {
        Assert.True(SentimentScorer.Compound("The answer was GOOD") > SentimentScorer.Compound("The answer was good"));
        Assert.True(SentimentScorer.Compound("The answer was USELESS") < SentimentScorer.Compound("The answer was useless"));
    }

    [Fact]
    public void AllCaps_WholeTextShouted_NotEmphasisedWordByWord()
    {
        Assert.Equal(SentimentScorer.Compound("the answer was good"), SentimentScorer.Compound("THE ANSWER WAS GOOD"), 9);
    }

    [Fact]
    public void Exclamations_StrengthenInTheTextsDirection()
    {
        Assert.True(SentimentScorer.Compound("Great answer!!!") > SentimentScorer.Compound("Great answer!"));
        Assert.True(SentimentScorer.Compound("Great answer!") > SentimentScorer.Compound("Great answer"));
        Assert.True(SentimentScorer.Compound("Useless answer!!!") < SentimentScorer.Compound("Useless answer"));
        Assert.True(SentimentScorer.Compound("Useless answer!!!!!!!!") >= SentimentScorer.Compound("Useless answer!!!!"), "emphasis is capped");
    }

    [Fact]
    public void Questions_DampedButComplaintsStillCount()
    {
        Assert.Equal("neutral", Label("Is the new model any good?"));
        Assert.Equal("negative", Label("Why is it so slow?"));
        Assert.Equal("negative", Label("Why does it keep giving wrong answers?"));
        Assert.True(SentimentScorer.Compound("Why is it so slow?") > SentimentScorer.Compound("It is so slow."));
    }

    [Theory]
    [InlineData("The docs are great but the answer was wrong", "negative")]
    [InlineData("The answer was slow, but it was correct and helpful", "positive")]
    [InlineData("Nice layout. However, the answers are useless.", "negative")]
    [InlineData("Although the layout is nice, the answers are useless", "negative")]
    [InlineData("Although it took a while, the answer was spot on and very helpful", "positive")]
    public void Contrast_LaterClauseWins(string text, string label)
    {
        Assert.Equal(label, Label(text));
    }

    [Theory]
    [InlineData("not helpful", "negative")]
    [InlineData("The answer isn't great", "negative")]
    [InlineData("it never works", "negative")]
    [InlineData("hardly useful", "negative")]
    [InlineData("no help at all", "negative")]
    [InlineData("would not recommend", "negative")]
    [InlineData("wouldn't recommend it to anyone", "negative")]
    [InlineData("not bad at all", "positive")]
    [InlineData("not bad", "positive")]
    [InlineData("ran without a single error", "positive")]
    [InlineData("no complaints", "positive")]
    [InlineData("not only fast but accurate", "positive")]
    [InlineData("never disappoints", "positive")]
    public void Negation_FlipsOrDamps(string text, string label)
    {
        Assert.Equal(label, Label(text));
    }

    [Fact]
    public void Negation_OfNegativeIsWeakerThanPlainPositive()
    {
        Assert.True(SentimentScorer.Compound("not bad") < SentimentScorer.Compound("very good"));
        Assert.True(SentimentScorer.Compound("wasn't terrible") > SentimentScorer.Compound("terrible"));
    }

    [Theory]
    [InlineData("kind of helpful", "helpful")]
    [InlineData("sort of useful", "useful")]
    [InlineData("kinda good", "good")]
    [InlineData("kind of slow", "slow")]
    public void Hedges_DampWithoutFlipping(string hedged, string plain)
    {
        var h = SentimentScorer.Compound(hedged);
        var p = SentimentScorer.Compound(plain);
        Assert.Equal(Math.Sign(p), Math.Sign(h));
        Assert.True(Math.Abs(h) < Math.Abs(p), $"{hedged}: {h} not weaker than {plain}: {p}");
    }

    [Fact]
    public void Least_NegatesWhatFollows()
    {
        Assert.Equal("negative", Label("the least helpful answer so far"));
        Assert.Equal("negative", Label("not the least bit useful"));
    }

    [Theory]
    [InlineData("scarily accurate")]
    [InlineData("disgustingly fast")]
    [InlineData("stupidly simple fix")]
    [InlineData("frighteningly good answer")]
    public void DegreeAdverbs_NegativeAdverbBeforePraise_Intensifies(string text)
    {
        Assert.Equal("positive", Label(text));
        Assert.True(SentimentScorer.Compound("terribly slow") < SentimentScorer.Compound("slow"), "a negative adverb before a fault still makes it worse");
    }

    [Theory]
    [InlineData("I'm scared to run it after that answer", "negative")]
    [InlineData("feeling lonely on the night shift", "negative")]
    [InlineData("the tone of the reply was cruel", "negative")]
    [InlineData("the answer just stressed me out", "negative")]
    [InlineData("finally some peace after the fix", "positive")]
    [InlineData("it helped a lot", "positive")]
    [InlineData("Run this command on the PLC", "neutral")]
    public void EverydayWords_FeelingsAndEvents(string text, string label)
    {
        Assert.Equal(label, Label(text));
    }

    [Theory]
    [InlineData("sooo good!!! 👍", "positive")]
    [InlineData("thx, spot on :)", "positive")]
    [InlineData("meh. wrong torque again :/", "negative")]
    [InlineData("NOT what I asked 🙄", "negative")]
    [InlineData("ugh... still broken", "negative")]
    public void FeedbackAnalyzer_WithTheLexiconScorer_ClassifiesInformalComments(string comment, string expected)
    {
        var analyzer = new FeedbackAnalyzer(new SentimentAdapter(), new FeedbackProcessorOptions());
        Assert.Equal(expected, analyzer.Classify(null, null, comment));
    }
}
