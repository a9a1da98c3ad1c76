using System.Globalization;

namespace FactoryAssistant;

/// <summary>
/// The sample's knobs, from command-line arguments or <c>FACTORY_*</c> environment variables (arguments win):
/// <c>--endpoint</c>, <c>--protocol grpc|http</c>, <c>--duration</c> seconds (0 = forever), <c>--rate</c> calls per
/// second, <c>--spike-every</c> seconds (0 = never), <c>--spike-length</c> seconds, <c>--noise</c> 0..1,
/// <c>--users</c>, <c>--seed</c>, <c>--capture-content</c>, <c>--prompt-registry</c> base URL, <c>--feedback-endpoint</c> OTLP/HTTP base URL.
/// </summary>
internal sealed class SimulatorOptions
{
    public Uri Endpoint { get; set; } = new("http://localhost:4317");

    public bool HttpProtocol { get; set; }

    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(30);

    public double Rate { get; set; } = 2;

    public TimeSpan SpikeEvery { get; set; } = TimeSpan.FromSeconds(120);

    public TimeSpan SpikeLength { get; set; } = TimeSpan.FromSeconds(15);

    public double Noise { get; set; } = 0.1;

    public int Users { get; set; } = 6;

    public int Seed { get; set; } = 42;

    public bool CaptureContent { get; set; }

    public Uri? PromptRegistry { get; set; }

    /// <summary>OTLP/HTTP base address for feedback (<c>--feedback-endpoint</c>); default: the endpoint's host on 4318.</summary>
    public Uri? FeedbackEndpoint { get; set; }

    public static SimulatorOptions Parse(string[] args, Func<string, string?> environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in new[] { "endpoint", "protocol", "duration", "rate", "spike-every", "spike-length", "noise", "users", "seed", "capture-content", "prompt-registry", "feedback-endpoint" })
        {
            var env = environment("FACTORY_" + key.Replace('-', '_').ToUpperInvariant());
            if (env is not null)
            {
                values[key] = env;
            }
        }

        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            var key = args[i][2..];
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[key] = hasValue ? args[++i] : "true";
        }

        var options = new SimulatorOptions();
        foreach (var (key, value) in values)
        {
            var text = value ?? string.Empty;
            switch (key.ToLowerInvariant())
            {
                case "endpoint": options.Endpoint = new Uri(text); break;
                case "feedback-endpoint": options.FeedbackEndpoint = new Uri(text); break;
                case "protocol": options.HttpProtocol = text.StartsWith("http", StringComparison.OrdinalIgnoreCase); break;
                case "duration": options.Duration = TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)); break;
                case "rate": options.Rate = double.Parse(text, CultureInfo.InvariantCulture); break;
                case "spike-every": options.SpikeEvery = TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)); break;
                case "spike-length": options.SpikeLength = TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)); break;
                case "noise": options.Noise = Math.Clamp(double.Parse(text, CultureInfo.InvariantCulture), 0, 1); break;
                case "users": options.Users = int.Parse(text, CultureInfo.InvariantCulture); break;
                case "seed": options.Seed = int.Parse(text, CultureInfo.InvariantCulture); break;
                case "capture-content": options.CaptureContent = !text.Equals("false", StringComparison.OrdinalIgnoreCase); break;
                case "prompt-registry": options.PromptRegistry = new Uri(text); break;
                default: throw new ArgumentException($"Unknown option '--{key}'.");
            }
        }

        if (options.Rate <= 0)
        {
            throw new ArgumentException("--rate must be positive.");
        }

        return options;
    }
}
