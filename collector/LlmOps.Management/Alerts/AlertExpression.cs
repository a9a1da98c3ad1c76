using System.Globalization;
using LlmOps.Processors.Alerts;

namespace LlmOps.Management.Alerts;

/// <summary>
/// The expression of a management API alert rule: the KPI the collector's alert engine measures, with an optional
/// measurement window in brackets — <c>error_rate[5m]</c>, <c>latency_p95</c> (window 5m), <c>cost_usd[24h]</c>. The
/// rule's <c>operator</c>, <c>threshold</c> and <c>forSeconds</c> complete the condition ("error_rate over the last
/// 5 minutes &gt; 0.05 for 300 s"). Windows are whole minutes from 1m to 2d, written with s, m, h or d (the engine keeps
/// per-minute aggregates for 49 hours, so a window of 90s could not be measured as written). Stored in its canonical form (<see cref="Canonical"/>).
/// </summary>
internal sealed record AlertExpression(string Name, AlertSignal Signal, TimeSpan Window)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(2);

    /// <summary>The signal names, what they measure, and whether they are ratios (0..1).</summary>
    public static IReadOnlyList<(string Name, AlertSignal Signal, string Meaning, bool Ratio, string Kind)> Signals { get; } =
    [
        ("error_rate", AlertSignal.ErrorRate, "failed GenAI requests / GenAI requests", true, "error_rate"),
        ("latency_p95", AlertSignal.LatencyP95, "95th percentile of GenAI request duration, seconds", false, "latency"),
        ("cost_usd", AlertSignal.CostUsd, "LLM cost summed over the window, USD", false, "cost"),
        ("context_relevance", AlertSignal.ContextRelevance, "mean context-relevance score (0..1)", true, "evaluation_score"),
        ("hallucination_rate", AlertSignal.HallucinationRate, "answers scored as hallucinated / answers scored", true, "evaluation_score"),
    ];

    public static string SignalNames => string.Join(", ", Signals.Select(s => s.Name));

    /// <summary><c>name[window]</c>, e.g. <c>error_rate[5m]</c>.</summary>
    public string Canonical => Name + "[" + AlertExpressions.Duration(Window) + "]";

    /// <summary>Whether the signal is a ratio between 0 and 1.</summary>
    public bool IsRatio => Signals.First(s => s.Signal == Signal).Ratio;

    /// <summary>The rule kind that fits the signal (used when a request names none).</summary>
    public string DefaultKind => Signals.First(s => s.Signal == Signal).Kind;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong and what is expected.</summary>
    public static bool TryParse(string? text, out AlertExpression? expression, out string error)
    {
        expression = null;
        error = string.Empty;
        var s = (text ?? string.Empty).Trim();
        var open = s.IndexOf('[', StringComparison.Ordinal);
        var name = (open < 0 ? s : s[..open]).Trim().ToLowerInvariant();
        var signal = Signals.FirstOrDefault(x => x.Name == name);
        if (signal.Name is null)
        {
            error = $"'{Shorten(s)}' is not a signal the alert engine measures; use one of {SignalNames}, optionally with a window such as error_rate[5m]";
            return false;
        }

        var window = DefaultWindow;
        if (open >= 0)
        {
            if (!s.EndsWith(']') || !TryParseDuration(s[(open + 1)..^1].Trim(), out window))
            {
                error = $"'{Shorten(s)}' has a malformed window; write a whole number with s, m, h or d in brackets, e.g. {name}[5m]";
                return false;
            }

            if (window < MinWindow || window > MaxWindow)
            {
                error = $"window {AlertExpressions.Duration(window)} of '{Shorten(s)}' is out of range; use 1m to 2d";
                return false;
            }

            if (window.Ticks % TimeSpan.TicksPerMinute != 0)
            {
                error = $"window {AlertExpressions.Duration(window)} of '{Shorten(s)}' is not a whole number of minutes; the alert engine measures in one-minute steps";
                return false;
            }
        }

        expression = new AlertExpression(signal.Name, signal.Signal, window);
        return true;
    }

    private static bool TryParseDuration(string text, out TimeSpan window)
    {
        window = TimeSpan.Zero;
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1_000_000)
        {
            return false;
        }

        switch (text[^1])
        {
            case 's':
                window = TimeSpan.FromSeconds(n);
                return true;
            case 'm':
                window = TimeSpan.FromMinutes(n);
                return true;
            case 'h':
                window = TimeSpan.FromHours(n);
                return true;
            case 'd':
                window = TimeSpan.FromDays(n);
                return true;
            default:
                return false;
        }
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
