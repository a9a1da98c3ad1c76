using System.Globalization;
using System.Text;

namespace LlmOps.LoadGen.Tests;

/// <summary>
/// The A/B analysis behind the scoring-vs-ingest reading: the order of phases, which requests count for which side,
/// the samples file read back, and the bootstrap interval for one run and for runs pooled.
/// </summary>
public sealed class AbAnalysisTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("llmops-loadgen-");

    [Fact]
    public void AbSides_WithoutSeed_Alternates_WithSeed_OneOfEachPerPairInARepeatableOrder()
    {
        Assert.Equal([0, 1, 0, 1, 0], Program.AbSides(5, null));

        var seeded = Program.AbSides(40, 7);
        Assert.Equal(seeded, Program.AbSides(40, 7));
        for (var j = 0; j < 40; j += 2)
        {
            Assert.Equal(1, seeded[j] + seeded[j + 1]);
        }

        Assert.Contains(1, seeded.Where((_, k) => k % 2 == 0));
        Assert.Contains(0, seeded.Where((_, k) => k % 2 == 0));
        Assert.NotEqual(seeded, Program.AbSides(40, 8));
    }

    [Fact]
    public void ClassifyAb_SettledRequestsByPhase_SwitchingOnesBySideSwitchedTo()
    {
        var options = Layout(phases: 4);
        var sides = new[] { 1, 0, 0, 1 };
        var samples = new (double Sent, double Ms)[]
        {
            (100 + 15, 10), // phase 0, settled
            (100 + 35, 20), // phase 1, within its first 10 s: switching to side 0
            (100 + 45, 30), // phase 1, settled
            (100 + 29.99, 50), // phase 0, still running into phase 1: switching to side 0
            (100 + 119.99, 60), // last phase, running past the end: counted nowhere
            (50, 70), // before the measured time
        };

        var (byPhase, switching) = Program.ClassifyAb(options, samples, sides, options.Warmup);

        Assert.Equal([10.0], byPhase[0]);
        Assert.Equal([30.0], byPhase[1]);
        Assert.Empty(byPhase[2]);
        Assert.Empty(byPhase[3]);
        Assert.Equal([20.0, 50.0], switching[0].Order());
        Assert.Empty(switching[1]);
    }

    [Fact]
    public void PairBootstrap_OneRunPooled_EqualsTheRunAlone()
    {
        var (byPhase, sides) = SyntheticRun(pairs: 20, onFactor: 1.1, seed: 1);
        var alone = Program.PairBootstrap(byPhase, sides);
        var pooled = Program.PairBootstrap([(byPhase, sides)]);
        Assert.Equal(alone, pooled);
        Assert.Equal(20, alone.Pairs);
        Assert.True(alone.Low < alone.High);
    }

    [Fact]
    public void PairBootstrap_PooledRuns_NarrowerInterval_AroundTheTrueRatio()
    {
        var runs = Enumerable.Range(1, 3).Select(i => SyntheticRun(pairs: 20, onFactor: 1.2, seed: i)).ToList();
        var single = Program.PairBootstrap(runs[0].ByPhase, runs[0].Sides);
        var pooled = Program.PairBootstrap([.. runs.Select(r => ((IReadOnlyList<List<double>>)r.ByPhase, (IReadOnlyList<int>)r.Sides))]);

        Assert.Equal(60, pooled.Pairs);
        Assert.InRange(1.2, pooled.Low, pooled.High);
        Assert.True(pooled.High - pooled.Low < single.High - single.Low, $"pooled {pooled.Low:F3}–{pooled.High:F3}, single {single.Low:F3}–{single.High:F3}");
    }

    [Fact]
    public void PairBootstrap_TooFewPairs_NoInterval()
    {
        var (low, high, pairs) = Program.PairBootstrap([[1.0], [2.0]], [0, 1]);
        Assert.Equal(1, pairs);
        Assert.True(double.IsNaN(low) && double.IsNaN(high));
    }

    [Fact]
    public async Task ReadSamples_ReadsWhatSamplesOutWrites_AndRejectsOtherFiles()
    {
        var good = Write("good.csv", "sent_s,latency_ms\n120.0025,21.85\n150.5,3\n");
        Assert.Equal([(120.0025, 21.85), (150.5, 3.0)], await Program.ReadSamplesAsync(good));

        var noHeader = Write("noheader.csv", "120.0,21.8\n");
        Assert.Contains("sent_s,latency_ms", (await Assert.ThrowsAsync<FormatException>(() => Program.ReadSamplesAsync(noHeader))).Message, StringComparison.Ordinal);
        var badLine = Write("bad.csv", "sent_s,latency_ms\n120.0,21.8\nabc\n");
        Assert.Contains("line 3", (await Assert.ThrowsAsync<FormatException>(() => Program.ReadSamplesAsync(badLine))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbPool_MissingFile_ExitCode2_ValidFiles_ExitCode0()
    {
        Assert.Equal(2, await Program.Main(["--warmup", "100", "--duration", "120", "--ab-pool", Path.Combine(_dir.FullName, "missing.csv") + "@1"]));

        // Two runs of 4 phases written as --samples-out would; the pool reads them back.
        var files = new List<string>();
        for (var run = 1; run <= 2; run++)
        {
            var sides = Program.AbSides(4, run);
            var text = new StringBuilder("sent_s,latency_ms\n");
            for (var k = 0; k < 4; k++)
            {
                for (var t = 11.0; t < 29; t += 0.5)
                {
                    var ms = sides[k] == 0 ? 12.0 : 10.0;
                    text.Append(CultureInfo.InvariantCulture, $"{100 + (30 * k) + t:F4},{ms + ((t % 3) * 0.1):F2}\n");
                }
            }

            files.Add(Write($"run{run}.csv", text.ToString()) + "@" + run.ToString(CultureInfo.InvariantCulture));
        }

        Assert.Equal(0, await Program.Main(["--warmup", "100", "--duration", "120", "--ab-pool", files[0], "--ab-pool", files[1]]));
    }

    [Fact]
    public void Parse_AbPool_PathAndOptionalSeed()
    {
        var o = LoadOptions.Parse(["--ab-pool", "a.csv@3", "--ab-pool", "dir@x/b.csv", "--ab-pool", "c.csv"]);
        Assert.Equal([("a.csv", (int?)3), ("dir@x/b.csv", null), ("c.csv", null)], o.AbPool);
        Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--ab-pool", "a.csv@1", "--ab-settle", "30"]));
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private static LoadOptions Layout(int phases) => new()
    {
        Warmup = TimeSpan.FromSeconds(100),
        Duration = TimeSpan.FromSeconds(30 * phases),
        AbPeriod = TimeSpan.FromSeconds(30),
        AbSettle = TimeSpan.FromSeconds(10),
    };

    /// <summary>Pairs of phases of 100 requests each; scoring-on phases are <paramref name="onFactor"/> slower throughout.</summary>
    private static (List<double>[] ByPhase, int[] Sides) SyntheticRun(int pairs, double onFactor, int seed)
    {
        var sides = Program.AbSides(2 * pairs, seed);
#pragma warning disable CA5394 // Test data.
        var random = new Random(seed);
        var byPhase = sides.Select(side => Enumerable.Range(0, 100).Select(_ => (10 + (random.NextDouble() * 40)) * (side == 0 ? onFactor : 1)).ToList()).ToArray();
#pragma warning restore CA5394
        return (byPhase, sides);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
