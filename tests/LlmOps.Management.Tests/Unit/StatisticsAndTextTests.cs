using LlmOps.Management.Datasets;
using LlmOps.Management.Evaluation;
using LlmOps.Management.Prompts;
using Xunit;

namespace LlmOps.Management.Tests.Unit;

public sealed class StatisticsAndTextTests
{
    [Theory]
    [InlineData(2.0, 10, 0.07339)]
    [InlineData(2.228, 10, 0.05)]
    [InlineData(0.0, 5, 1.0)]
    [InlineData(-3.5, 29, 0.00152)]
    public void TwoSidedP_KnownTValues_MatchTables(double t, double df, double expected)
    {
        Assert.Equal(expected, StudentT.TwoSidedP(t, df), 3);
    }

    [Fact]
    public void Compare_IdenticalScores_NoWinner()
    {
        var run = new EvaluationRun(1, 1, "a", "p", "production", 1, "fake", ["token_f1"], new Dictionary<string, double>(), 0, "completed", 3, 3, "t", default, null, null, null, null);
        var results = Enumerable.Range(1, 3).Select(i => new RunItemResult(i, "x", 1, 1, 1, 0, new Dictionary<string, DatasetScore> { ["token_f1"] = new(0.5, "p", "e") }, true, null)).ToList();
        var cmp = RunComparer.Compare(run, results, run with { Id = 2 }, results, null);
        Assert.Equal("none", cmp.Winner);
        Assert.Equal(1.0, cmp.PValue);
    }

    [Fact]
    public void Csv_QuotesCommasNewlines_RoundTrip()
    {
        var sb = new System.Text.StringBuilder();
        CsvCodec.AppendRow(sb, ["a,b", "say \"x\"", "line1\nline2", string.Empty, null]);
        var rows = CsvCodec.Parse(sb.ToString());
        Assert.Single(rows);
        Assert.Equal(["a,b", "say \"x\"", "line1\nline2", string.Empty, string.Empty], rows[0]);
        Assert.Throws<FormatException>(() => CsvCodec.Parse("a,b\"c\n"));
    }

    [Theory]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+1", "'+1")]
    [InlineData("-5 degrees", "'-5 degrees")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tTAB", "'\tTAB")]
    [InlineData("'=quoted", "''=quoted")]
    [InlineData("plain", "plain")]
    [InlineData("it's = fine", "it's = fine")]
    [InlineData("'not a formula", "'not a formula")]
    public void Csv_FormulaLikeCells_NeutralizedOnWriteAndRestoredOnRead(string value, string written)
    {
        Assert.Equal(written, CsvCodec.NeutralizeFormulaCell(value));
        Assert.Equal(value, CsvCodec.RestoreFormulaCell(written));
        var sb = new System.Text.StringBuilder();
        CsvCodec.AppendRow(sb, [value, "end"]);
        Assert.Equal([written, "end"], CsvCodec.Parse(sb.ToString()).Single());
    }

    [Fact]
    public void Detect_TemplateWithRepeatsAndSpaces_OrderedDistinctNames()
    {
        Assert.Equal(["input", "context", "user.name"], PromptVariables.Detect("{{input}} {{ context }} {{input}} {{user.name}} {{ 9bad }} {single}"));
    }

    [Fact]
    public void Lines_ChangedLine_MarksRemovedAndAdded()
    {
        Assert.Equal("  a\n- b\n+ B\n  c\n", TextDiff.Lines("a\nb\nc", "a\nB\nc"));
    }

    [Theory]
    [InlineData("The pump runs at 210 bar.", "the pump runs at 210 bar", 1.0)]
    [InlineData("pump 210", "the pump runs at 210 bar", 0.571)]
    [InlineData("nothing relevant", "the pump runs at 210 bar", 0.0)]
    public void TokenF1_Answers_ScoredAgainstExpected(string output, string expected, double score)
    {
        Assert.Equal(score, new TokenF1Evaluator().Score("q", output, expected, null).Score, 3);
    }
}
