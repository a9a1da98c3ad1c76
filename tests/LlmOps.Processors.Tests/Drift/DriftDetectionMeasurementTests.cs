using System.Globalization;
using System.Text;
using LlmOps.Processors.Drift;
using Xunit;
using Xunit.Abstractions;

namespace LlmOps.Processors.Tests.Drift;

/// <summary>
/// The drift figures: detection rate over injected scenarios × magnitudes × seeds, false-flag rate over stable
/// windows, and how often the RCA names the injected dimension. Printed for the README, asserted against the targets.
/// </summary>
public sealed class DriftDetectionMeasurementTests(ITestOutputHelper output)
{
    private const int SeedsPerCell = 8;
    private const int StableWindows = 200;

    [Fact]
    public void Evaluate_InjectedAndStableScenarios_MeetsDetectionTargets()
    {
        var detector = new DriftDetector(new DriftOptions());
        var table = new StringBuilder("| scenario | magnitude | detected | RCA right |\n|---|---|---|---|\n");
        int injected = 0, detected = 0, rcaRight = 0;
        foreach (var (scenario, magnitudes) in DriftScenarioGenerator.Magnitudes)
        {
            foreach (var m in magnitudes)
            {
                int cellDetected = 0, cellRight = 0;
                for (var seed = 0; seed < SeedsPerCell; seed++)
                {
                    var (b, c) = DriftScenarioGenerator.Generate(scenario, m, (((int)scenario * 1000) + (int)(m * 100) * 10) + seed);
                    var report = detector.Evaluate(b, c, DriftScenarioGenerator.Now);
                    injected++;
                    if (!report.Detected)
                    {
                        continue;
                    }

                    detected++;
                    cellDetected++;
                    if (report.Primary?.RootCause?.Dimension == DriftScenarioGenerator.ExpectedDimension(scenario))
                    {
                        rcaRight++;
                        cellRight++;
                    }
                }

                table.Append(CultureInfo.InvariantCulture, $"| {scenario} | {m} | {cellDetected}/{SeedsPerCell} | {cellRight}/{cellDetected} |\n");
            }
        }

        var flagged = 0;
        for (var seed = 0; seed < StableWindows; seed++)
        {
            var (b, c) = DriftScenarioGenerator.Generate(DriftScenario.Stable, 0, 900_000 + seed);
            var report = detector.Evaluate(b, c, DriftScenarioGenerator.Now);
            if (report.Detected)
            {
                flagged++;
                output.WriteLine($"stable seed {seed} flagged: {string.Join("; ", report.Findings.Where(f => f.Detected).Select(f => $"{f.Kind} {f.ScoreName} {f.Model}/{f.PromptVersion} sev={f.Severity:0.00}"))}");
            }
        }

        var detectionRate = (double)detected / injected;
        var rcaRate = detected == 0 ? 0 : (double)rcaRight / detected;
        var falseRate = (double)flagged / StableWindows;
        output.WriteLine(table.ToString());
        output.WriteLine($"detected {detected}/{injected} = {detectionRate:P1}; RCA right {rcaRight}/{detected} = {rcaRate:P1}; stable flagged {flagged}/{StableWindows} = {falseRate:P1}");
        Assert.True(detectionRate >= 0.85, $"detection rate {detectionRate:P1} < 85%");
        Assert.True(falseRate <= 0.05, $"stable windows flagged {falseRate:P1} > 5%");
        Assert.True(rcaRate >= 0.85, $"RCA right {rcaRate:P1} < 85%");
    }
}
