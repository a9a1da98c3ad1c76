using System.Globalization;

namespace LlmOps.LoadGen;

/// <summary>Command-line settings of the load generator.</summary>
internal sealed class LoadOptions
{
    public Uri Endpoint { get; set; } = new("http://127.0.0.1:4317");

    /// <summary>Target spans per second; 0 sends as fast as the collector answers.</summary>
    public int Rate { get; set; } = 10_000;

    public int Concurrency { get; set; } = 8;

    public int SpansPerRequest { get; set; } = 100;

    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan Warmup { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Collector process to sample CPU% and RSS from (/proc), or 0.</summary>
    public int Pid { get; set; }

    public bool Gzip { get; set; }

    /// <summary>RAG traces: every other span is a retrieval span (three ~300-character chunks) whose chat span follows in the same request.</summary>
    public bool Rag { get; set; }

    /// <summary>
    /// Management API of the collector for an A/B run: the measured time is cut into phases of <see cref="AbPeriod"/>
    /// that alternate scoring on and off (through an evaluator that targets no span), and latency is reported per side.
    /// </summary>
    public Uri? AbManagement { get; set; }

    public TimeSpan AbPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Start of each phase left out of the figures while the collector switches over.</summary>
    public TimeSpan AbSettle { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Order within each pair of A/B phases: null alternates (on, off, on, off…); a seed draws each pair's order at
    /// random, so that something bound to the amount written (it comes at the same second in every run at one rate)
    /// does not always land on the same side.
    /// </summary>
    public int? AbSeed { get; set; }

    /// <summary>CSV file to write every measured request to (seconds since start when sent, latency in ms), or null.</summary>
    public string? SamplesOut { get; set; }

    /// <summary>
    /// Samples files of earlier A/B runs (each with the seed it ran with, or null for alternating phases) to pool into one
    /// reading instead of sending load; their layout is this run's --warmup, --duration, --ab-period and --ab-settle.
    /// </summary>
    public List<(string Path, int? Seed)> AbPool { get; } = [];

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : string.Empty;
            switch (args[i])
            {
                case "--endpoint":
                    o.Endpoint = new Uri(value);
                    i++;
                    break;
                case "--rate":
                    o.Rate = int.Parse(value, CultureInfo.InvariantCulture);
                    i++;
                    break;
                case "--concurrency":
                    o.Concurrency = int.Parse(value, CultureInfo.InvariantCulture);
                    i++;
                    break;
                case "--batch":
                    o.SpansPerRequest = int.Parse(value, CultureInfo.InvariantCulture);
                    i++;
                    break;
                case "--duration":
                    o.Duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
                    i++;
                    break;
                case "--warmup":
                    o.Warmup = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
                    i++;
                    break;
                case "--pid":
                    o.Pid = int.Parse(value, CultureInfo.InvariantCulture);
                    i++;
                    break;
                case "--rag":
                    o.Rag = true;
                    break;
                case "--gzip":
                    o.Gzip = true;
                    break;
                case "--ab-management":
                    o.AbManagement = new Uri(value);
                    i++;
                    break;
                case "--ab-period":
                    o.AbPeriod = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
                    i++;
                    break;
                case "--samples-out":
                    o.SamplesOut = value;
                    i++;
                    break;
                case "--ab-seed":
                    o.AbSeed = int.Parse(value, CultureInfo.InvariantCulture);
                    i++;
                    break;
                case "--ab-pool":
                    // FILE@SEED; an '@' not followed by a number is part of the file name.
                    var at = value.LastIndexOf('@');
                    o.AbPool.Add(at > 0 && int.TryParse(value.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var poolSeed)
                        ? (value[..at], poolSeed)
                        : (value, null));
                    i++;
                    break;
                case "--ab-settle":
                    o.AbSettle = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
                    i++;
                    break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'. Options: --endpoint URL --rate SPANS_PER_S (0 = max) --concurrency N --batch SPANS --duration S --warmup S --pid PID --gzip --rag --ab-management URL --ab-period S --ab-settle S --ab-seed N --samples-out FILE.csv --ab-pool FILE.csv[@SEED] (repeatable)");
            }
        }

        if ((o.AbManagement is not null || o.AbPool.Count > 0) && o.AbSettle >= o.AbPeriod)
        {
            throw new ArgumentException("--ab-settle must be shorter than --ab-period");
        }

        return o;
    }
}
