using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;

namespace LlmOps.LoadGen;

/// <summary>
/// Sends GenAI-shaped OTLP/gRPC trace exports at a target rate and reports achieved spans/s, export latency
/// percentiles, errors, and (with --pid) the collector's CPU% and RSS.
/// Example: dotnet run -c Release --project benchmarks/LlmOps.LoadGen -- --rate 10000 --duration 30 --pid 1234
/// </summary>
internal static class Program
{
    private const int Templates = 64;

    public static async Task<int> Main(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        if (options.AbPool.Count > 0)
        {
            return await PoolAbAsync(options).ConfigureAwait(false);
        }

        var factory = new GenAiSpanFactory();
        var templates = Enumerable.Range(0, Templates).Select(_ => new RequestTemplate(factory.CreateRequest(options.SpansPerRequest, options.Rag))).ToArray();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"endpoint {options.Endpoint}, rate {(options.Rate == 0 ? "max" : options.Rate.ToString(CultureInfo.InvariantCulture))} spans/s, {options.Concurrency} concurrent, {options.SpansPerRequest} spans/request ({templates[0].Length / options.SpansPerRequest} B/span), warmup {options.Warmup.TotalSeconds}s, duration {options.Duration.TotalSeconds}s{(options.Rag ? ", RAG traces (retrieval + chat span)" : string.Empty)}"));

        using var client = new GrpcExportClient(options.Endpoint, options.Gzip);
        var sampler = new ProcessSampler(options.Pid);
        var latencies = new ConcurrentBag<List<(double Sent, double Ms)>>();
        var errors = new ConcurrentDictionary<int, long>();
        long okSpans = 0;
        long sequence = 0;
        var epochNs = (ulong)TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000UL;
        var clock = Stopwatch.StartNew();
        var measureFrom = options.Warmup;
        var stopAt = options.Warmup + options.Duration;
        var interval = options.Rate > 0 ? TimeSpan.FromSeconds((double)options.SpansPerRequest / options.Rate) : TimeSpan.Zero;

        double cpuStart = 0;
        var samplerTask = Task.CompletedTask;
        var rssMax = 0L;
        var rssSamples = new List<long>();
        if (sampler.Available)
        {
            samplerTask = Task.Run(async () =>
            {
                await Task.Delay(measureFrom).ConfigureAwait(false);
                cpuStart = sampler.CpuSeconds();
                while (clock.Elapsed < stopAt)
                {
                    var rss = sampler.RssBytes();
                    rssSamples.Add(rss);
                    rssMax = Math.Max(rssMax, rss);
                    await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                }
            });
        }

        using var scoringSwitch = options.AbManagement is null ? null : new ScoringSwitch(options.AbManagement);
        var phases = (int)Math.Ceiling(options.Duration / options.AbPeriod);
        var phaseCpu = new double[phases, 2];
        var sides = AbSides(phases, options.AbSeed);
        var abTask = Task.CompletedTask;
        if (scoringSwitch is not null)
        {
            await scoringSwitch.CreateAsync().ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"a/b        {phases} phases of {options.AbPeriod.TotalSeconds:F0} s, scoring on in {(options.AbSeed is { } seed ? string.Create(CultureInfo.InvariantCulture, $"one of each pair, the order drawn with seed {seed}") : "even ones, off in odd ones")} ({(scoringSwitch.Evaluators == 0 ? "built-in evaluators" : scoringSwitch.Evaluators.ToString(CultureInfo.InvariantCulture) + " registered evaluators")})"));
            abTask = Task.Run(async () =>
            {
                // Phase k starts at warm-up + k x period and scores when sides[k] is 0. Collector CPU is read over each
                // phase's settled part.
                for (var k = 0; k < phases; k++)
                {
                    var start = measureFrom + (options.AbPeriod * k);
                    await DelayUntil(clock, start).ConfigureAwait(false);
                    await scoringSwitch.SetScoringAsync(on: sides[k] == 0).ConfigureAwait(false);
                    await DelayUntil(clock, start + options.AbSettle).ConfigureAwait(false);
                    phaseCpu[k, 0] = sampler.Available ? sampler.CpuSeconds() : 0;
                    await DelayUntil(clock, Min(start + options.AbPeriod, stopAt)).ConfigureAwait(false);
                    phaseCpu[k, 1] = sampler.Available ? sampler.CpuSeconds() : 0;
                }

                await scoringSwitch.SetScoringAsync(on: true).ConfigureAwait(false);
            });
        }

        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<(double Sent, double Ms)>(4096);
            latencies.Add(mine);
            while (true)
            {
                var n = Interlocked.Increment(ref sequence) - 1;
                if (interval > TimeSpan.Zero)
                {
                    var due = interval * n;
                    // Behind schedule (the collector is slower than the rate) the run still ends on time.
                    if (due >= stopAt || clock.Elapsed >= stopAt)
                    {
                        return;
                    }

                    var wait = due - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait).ConfigureAwait(false);
                    }
                }
                else if (clock.Elapsed >= stopAt)
                {
                    return;
                }

                // Stamped as live traffic: random trace ids, and the request's last span ending now.
                var message = templates[n % Templates].Stamp(epochNs + ((ulong)clock.Elapsed.Ticks * 100UL));
                var sent = clock.Elapsed;
                var status = await client.ExportAsync(message, CancellationToken.None).ConfigureAwait(false);
                var done = clock.Elapsed;
                if (sent < measureFrom || done > stopAt)
                {
                    continue;
                }

                if (status == 0)
                {
                    Interlocked.Add(ref okSpans, options.SpansPerRequest);
                    mine.Add((sent.TotalSeconds, (done - sent).TotalMilliseconds));
                }
                else
                {
                    errors.AddOrUpdate(status, 1, (_, v) => v + 1);
                }
            }
        })).ToArray();

        await Task.WhenAll(workers).ConfigureAwait(false);
        var cpuEnd = sampler.Available ? sampler.CpuSeconds() : 0;
        await samplerTask.ConfigureAwait(false);
        await abTask.ConfigureAwait(false);
        if (scoringSwitch is not null)
        {
            await scoringSwitch.RemoveAsync().ConfigureAwait(false);
            ReportAb(options, latencies.SelectMany(l => l), phaseCpu, sides, measureFrom);
        }

        if (options.SamplesOut is not null)
        {
            await WriteSamplesAsync(options.SamplesOut, latencies.SelectMany(l => l)).ConfigureAwait(false);
        }

        var all = latencies.SelectMany(l => l).Select(l => l.Ms).Order().ToArray();
        var seconds = options.Duration.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"achieved   {okSpans / seconds:F0} spans/s ({all.Length} ok requests in {seconds:F0}s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency    p50 {Percentile(all, 0.50):F1} ms, p95 {Percentile(all, 0.95):F1} ms, p99 {Percentile(all, 0.99):F1} ms, max {(all.Length > 0 ? all[^1] : 0):F1} ms"));
        Console.WriteLine(errors.IsEmpty
            ? "errors     none"
            : "errors     " + string.Join(", ", errors.OrderBy(e => e.Key).Select(e => string.Create(CultureInfo.InvariantCulture, $"{Describe(e.Key)}: {e.Value}"))));
        if (sampler.Available)
        {
            var cpu = (cpuEnd - cpuStart) / seconds * 100;
            var avgRss = rssSamples.Count > 0 ? rssSamples.Average() : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"collector  CPU {cpu:F1}% of one core, RSS avg {avgRss / 1048576:F0} MB, max {rssMax / 1048576.0:F0} MB"));
            var cpuSeconds = cpuEnd - cpuStart;
            if (okSpans > 0 && cpuSeconds > 0)
            {
                // The contention-robust figure: collector CPU time per span, independent of what else runs on the machine.
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"efficiency {cpuSeconds * 100_000 / okSpans:F2} collector CPU-s per 100k spans = {okSpans / cpuSeconds:F0} spans/s per core of collector CPU"));
            }
        }

        return errors.IsEmpty ? 0 : 1;
    }

    /// <summary>Latency and collector CPU per side of an A/B run, over the settled part of each phase.</summary>
    private static void ReportAb(LoadOptions options, IEnumerable<(double Sent, double Ms)> samples, double[,] phaseCpu, int[] phaseSides, TimeSpan measureFrom)
    {
        var phases = phaseSides.Length;
        var (byPhase, switching) = ClassifyAb(options, samples, phaseSides, measureFrom);
        var cpu = new double[2];
        var seconds = new double[2];
        var sides = BySide(byPhase, phaseSides);
        for (var k = 0; k < phases; k++)
        {
            cpu[phaseSides[k]] += phaseCpu[k, 1] - phaseCpu[k, 0];
            seconds[phaseSides[k]] += (options.AbPeriod - options.AbSettle).TotalSeconds;
        }

        for (var side = 0; side < 2; side++)
        {
            var cpuText = cpu[side] > 0 ? string.Create(CultureInfo.InvariantCulture, $", collector CPU {cpu[side] / seconds[side] * 100:F1}% of one core") : string.Empty;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(side == 0 ? "scoring on " : "scoring off")} {Summary(sides[side])} ({sides[side].Count} requests in {phaseSides.Count(s => s == side)} phases){cpuText}"));
        }

        for (var side = 0; side < 2; side++)
        {
            var sorted = switching[side].Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(side == 0 ? "switch on " : "switch off")}  {Summary(sorted)} ({sorted.Count} requests in the first {options.AbSettle.TotalSeconds:F0} s after a switch)"));
        }

        if (Percentile(sides[1], 0.99) > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"a/b        p99 with scoring on is {P99Difference(sides)} of p99 with it off ({options.AbPeriod.TotalSeconds:F0} s phases, first {options.AbSettle.TotalSeconds:F0} s of each left out)"));
            var (low, high, pairs) = PairBootstrap(byPhase, phaseSides);
            if (pairs >= 2)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"a/b        90% interval of that difference: {(low - 1) * 100:+0.0;-0.0}% to {(high - 1) * 100:+0.0;-0.0}% (block bootstrap over {pairs} on/off pairs of phases, 2,000 resamples)"));
            }
        }
    }

    /// <summary>
    /// The settled requests of each A/B phase, and the requests sent in the first seconds after a switch (or still
    /// running across one) by the side switched to: what a registry change costs ingest while the collector picks it up.
    /// </summary>
    internal static (List<double>[] ByPhase, List<double>[] Switching) ClassifyAb(LoadOptions options, IEnumerable<(double Sent, double Ms)> samples, int[] phaseSides, TimeSpan measureFrom)
    {
        var phases = phaseSides.Length;
        var byPhase = Enumerable.Range(0, phases).Select(_ => new List<double>()).ToArray();
        var switching = new[] { new List<double>(), new List<double>() };
        foreach (var (sent, ms) in samples)
        {
            var into = (TimeSpan.FromSeconds(sent) - measureFrom) / options.AbPeriod;
            var phase = (int)Math.Floor(into);
            var offset = options.AbPeriod * (into - phase);
            var end = TimeSpan.FromSeconds(sent) + TimeSpan.FromMilliseconds(ms);
            if (phase < 0 || phase >= phases)
            {
                continue;
            }

            if (end > measureFrom + (options.AbPeriod * (phase + 1)))
            {
                if (phase + 1 < phases)
                {
                    switching[phaseSides[phase + 1]].Add(ms);
                }

                continue;
            }

            if (offset < options.AbSettle)
            {
                if (phase > 0)
                {
                    switching[phaseSides[phase]].Add(ms);
                }

                continue;
            }

            byPhase[phase].Add(ms);
        }

        return (byPhase, switching);
    }

    /// <summary>
    /// The side of each A/B phase (0: scoring on, 1: off): pairs of adjacent phases, one of each side, in alternating order
    /// or, with a seed, in an order drawn per pair.
    /// </summary>
    internal static int[] AbSides(int phases, int? seed)
    {
        var sides = new int[phases];
#pragma warning disable CA5394 // The order of an experiment's phases, not security; seeded so that a run can be repeated.
        var random = seed is { } s ? new Random(s) : null;
        for (var j = 0; j < phases; j += 2)
        {
            var first = random is null ? 0 : random.Next(2);
#pragma warning restore CA5394
            sides[j] = first;
            if (j + 1 < phases)
            {
                sides[j + 1] = 1 - first;
            }
        }

        return sides;
    }

    /// <summary>
    /// A 90% interval for the ratio of pooled p99s (scoring on / off). Slow spells last a second or two, so requests are
    /// not independent and a bootstrap over requests would claim too much; adjacent phases (one on, one off) are
    /// resampled whole instead, with a fixed seed so the same samples give the same interval.
    /// </summary>
    internal static (double Low, double High, int Pairs) PairBootstrap(IReadOnlyList<List<double>> byPhase, IReadOnlyList<int> phaseSides, int resamples = 2000) =>
        PairBootstrap([(byPhase, phaseSides)], resamples);

    /// <summary>
    /// The same interval over several runs pooled: each resample draws, from every run, as many of its pairs as it has
    /// (stratified by run, so a run weighs what its length says whatever its level of latency).
    /// </summary>
    internal static (double Low, double High, int Pairs) PairBootstrap(IReadOnlyList<(IReadOnlyList<List<double>> ByPhase, IReadOnlyList<int> Sides)> runs, int resamples = 2000)
    {
        var total = runs.Sum(r => r.ByPhase.Count / 2);
        if (runs.Any(r => r.ByPhase.Count / 2 < 2))
        {
            return (double.NaN, double.NaN, total);
        }

#pragma warning disable CA5394 // Resampling for a statistic, not security; seeded so that a report can be reproduced.
        var random = new Random(20261204);
        var ratios = new double[resamples];
        var on = new List<double>();
        var off = new List<double>();
        for (var r = 0; r < resamples; r++)
        {
            on.Clear();
            off.Clear();
            foreach (var (byPhase, phaseSides) in runs)
            {
                var pairs = byPhase.Count / 2;
                for (var i = 0; i < pairs; i++)
                {
                    var j = random.Next(pairs);
                    var first = phaseSides[2 * j] == 0 ? 0 : 1;
                    on.AddRange(byPhase[(2 * j) + first]);
                    off.AddRange(byPhase[(2 * j) + 1 - first]);
                }
            }
#pragma warning restore CA5394

            on.Sort();
            off.Sort();
            var offP99 = Percentile(off, 0.99);
            ratios[r] = offP99 > 0 ? Percentile(on, 0.99) / offP99 : double.NaN;
        }

        Array.Sort(ratios);
        return (ratios[(int)(0.05 * resamples)], ratios[(int)(0.95 * resamples) - 1], total);
    }

    /// <summary>
    /// Pools A/B runs from their samples files (--ab-pool FILE.csv@SEED …): each run's p99 on and off with its own
    /// interval, then the p99s of all runs' settled requests together with an interval stratified by run.
    /// </summary>
    private static async Task<int> PoolAbAsync(LoadOptions options)
    {
        var phases = (int)Math.Ceiling(options.Duration / options.AbPeriod);
        var runs = new List<(IReadOnlyList<List<double>> ByPhase, IReadOnlyList<int> Sides)>();
        var pooled = new[] { new List<double>(), new List<double>() };
        foreach (var (path, seed) in options.AbPool)
        {
            List<(double Sent, double Ms)> samples;
            try
            {
                samples = await ReadSamplesAsync(path).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"{path}: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            var sides = AbSides(phases, seed);
            var (byPhase, _) = ClassifyAb(options, samples, sides, options.Warmup);
            var perSide = BySide(byPhase, sides);
            pooled[0].AddRange(perSide[0]);
            pooled[1].AddRange(perSide[1]);
            runs.Add((byPhase, sides));
            var (low, high, pairs) = PairBootstrap(byPhase, sides);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run        {path}{(seed is { } s ? $" (seed {s})" : string.Empty)}: p99 on {Percentile(perSide[0], 0.99):F1} ms ({perSide[0].Count} requests), off {Percentile(perSide[1], 0.99):F1} ms ({perSide[1].Count}), {P99Difference(perSide)} (90%: {(low - 1) * 100:+0.0;-0.0}% to {(high - 1) * 100:+0.0;-0.0}%, {pairs} pairs)"));
        }

        pooled[0].Sort();
        pooled[1].Sort();
        var (poolLow, poolHigh, poolPairs) = PairBootstrap(runs);
        for (var side = 0; side < 2; side++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(side == 0 ? "pooled on " : "pooled off")} {Summary(pooled[side])} ({pooled[side].Count} requests)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"a/b        pooled p99 with scoring on is {P99Difference(pooled)} of p99 with it off; 90% interval {(poolLow - 1) * 100:+0.0;-0.0}% to {(poolHigh - 1) * 100:+0.0;-0.0}% (block bootstrap over {poolPairs} pairs of phases in {runs.Count} runs, stratified by run, 2,000 resamples)"));
        return 0;
    }

    /// <summary>The settled requests of each side (0: scoring on, 1: off), sorted.</summary>
    private static List<double>[] BySide(IReadOnlyList<List<double>> byPhase, IReadOnlyList<int> phaseSides) =>
        [.. new[] { 0, 1 }.Select(side => byPhase.Where((_, k) => phaseSides[k] == side).SelectMany(p => p).Order().ToList())];

    /// <summary>p50, p95, p99 and max of sorted latencies.</summary>
    private static string Summary(IReadOnlyList<double> sorted) => string.Create(
        CultureInfo.InvariantCulture,
        $"p50 {Percentile(sorted, 0.50):F1} ms, p95 {Percentile(sorted, 0.95):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {(sorted.Count > 0 ? sorted[^1] : 0):F1} ms");

    /// <summary>p99 of side 0 (on) against side 1 (off) of sorted latencies, as a signed percentage.</summary>
    private static string P99Difference(List<double>[] sides)
    {
        var off = Percentile(sides[1], 0.99);
        return off > 0 ? string.Create(CultureInfo.InvariantCulture, $"{(Percentile(sides[0], 0.99) / off - 1) * 100:+0.0;-0.0}%") : "n/a";
    }

    /// <summary>Reads a file written by --samples-out.</summary>
    internal static async Task<List<(double Sent, double Ms)>> ReadSamplesAsync(string path)
    {
        var lines = await File.ReadAllLinesAsync(path).ConfigureAwait(false);
        if (lines.Length == 0 || lines[0] != "sent_s,latency_ms")
        {
            throw new FormatException("not a samples file (expected the header sent_s,latency_ms)");
        }

        var samples = new List<(double Sent, double Ms)>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var comma = lines[i].IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || !double.TryParse(lines[i].AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var sent)
                || !double.TryParse(lines[i].AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {i + 1}: expected SENT_S,LATENCY_MS"));
            }

            samples.Add((sent, ms));
        }

        return samples;
    }

    /// <summary>Every measured request in the order sent: when (s since the load generator started) and how long (ms).</summary>
    private static async Task WriteSamplesAsync(string path, IEnumerable<(double Sent, double Ms)> samples)
    {
        var text = new System.Text.StringBuilder("sent_s,latency_ms\n");
        foreach (var (sent, ms) in samples.OrderBy(s => s.Sent))
        {
            text.Append(CultureInfo.InvariantCulture, $"{sent:F4},{ms:F2}\n");
        }

        await File.WriteAllTextAsync(path, text.ToString()).ConfigureAwait(false);
        Console.WriteLine($"samples    written to {path}");
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static async Task DelayUntil(Stopwatch clock, TimeSpan at)
    {
        var wait = at - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait).ConfigureAwait(false);
        }
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Max(0, Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1))];

    private static string Describe(int status) => status switch
    {
        -1 => "transport error",
        -2 => "no grpc-status",
        < 0 => string.Create(CultureInfo.InvariantCulture, $"HTTP {-status}"),
        14 => "UNAVAILABLE",
        8 => "RESOURCE_EXHAUSTED",
        3 => "INVALID_ARGUMENT",
        _ => string.Create(CultureInfo.InvariantCulture, $"gRPC {status}"),
    };
}
