using LlmOps.Processors.Alerts;
using LlmOps.Processors.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Processors.Tests.Grafana;

public sealed class RuleFileTests
{
    private static string RulesPath => Path.Combine(RepoPaths.Grafana, "prometheus", "llmops-rules.yml");

    [Fact]
    public void Write_DefaultRules_MatchesCommittedRuleFile()
    {
        var generated = PrometheusRuleFileWriter.Write(AlertDefaults.Rules());
        if (RepoPaths.Regenerate)
        {
            File.WriteAllText(RulesPath, generated);
        }

        Assert.Equal(generated, File.ReadAllText(RulesPath));
    }

    [ToolFact(ExternalTools.Promtool)]
    public async Task CheckRules_CommittedFile_Valid()
    {
        var result = await Processes.RunAsync(ExternalTools.Require(ExternalTools.Promtool), ["check", "rules", RulesPath], timeout: TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Contains("SUCCESS: 6 rules found", result.StdOut, StringComparison.Ordinal);
    }

    [ToolFact(ExternalTools.Promtool)]
    public async Task TestRules_CommittedTestFile_Passes()
    {
        var testFile = Path.Combine(RepoPaths.Grafana, "prometheus", "llmops-rules.test.yml");
        var result = await Processes.RunAsync(ExternalTools.Require(ExternalTools.Promtool), ["test", "rules", testFile], timeout: TimeSpan.FromSeconds(120));
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Contains("SUCCESS", result.StdOut, StringComparison.Ordinal);
    }
}
