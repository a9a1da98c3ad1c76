using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Tests.Evaluation;

public sealed class PorterStemmerTests
{
    // Examples from Porter (1980).
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("hopping", "hop")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("relational", "relat")]
    [InlineData("generalization", "gener")]
    [InlineData("hopefulness", "hope")]
    [InlineData("electrical", "electr")]
    [InlineData("adoption", "adopt")]
    [InlineData("controlling", "control")]
    [InlineData("rate", "rate")]
    public void Stem_PublishedExamples_MatchPaper(string word, string stem)
    {
        Assert.Equal(stem, PorterStemmer.Stem(word));
    }
}
