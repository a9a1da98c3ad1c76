using System.Globalization;

namespace LlmOps.Processors.Feedback;

/// <summary>
/// Classifies one piece of feedback as positive, negative or neutral and finds the issue categories its comment
/// mentions. The explicit rating decides when there is one (thumbs up/down, a score, a label); the comment's
/// sentiment decides otherwise, and breaks near-neutral scores.
/// </summary>
internal sealed class FeedbackAnalyzer
{
    private readonly ISentimentClassifier _sentiment;
    private readonly FeedbackProcessorOptions _options;
    private readonly (string Name, string[] Phrases)[] _categories;

    public FeedbackAnalyzer(ISentimentClassifier sentiment, FeedbackProcessorOptions options)
    {
        _sentiment = sentiment;
        _options = options;
        _categories = [.. options.Categories.Select(c => (c.Name, c.Phrases.Select(p => p.ToLowerInvariant()).ToArray()))];
    }

    public string Classify(double? score, string? label, string? comment)
    {
        var fromLabel = label?.ToLowerInvariant() switch
        {
            "positive" or "thumbs_up" or "up" or "good" or "helpful" or "pass" => "positive",
            "negative" or "thumbs_down" or "down" or "bad" or "unhelpful" or "fail" => "negative",
            "neutral" => "neutral",
            _ => null,
        };
        if (fromLabel is not null)
        {
            return fromLabel;
        }

        double? text = string.IsNullOrWhiteSpace(comment) ? null : _sentiment.Sentiment(comment);
        if (score is { } s && double.IsFinite(s))
        {
            // Scores are 0..1 (or 1..5 style ratings mapped to 0..1 by the SDK); 0.5 is the neutral point.
            var centered = s > 1 ? (Math.Clamp(s, 1, 5) - 3) / 2 : (s - 0.5) * 2;
            if (Math.Abs(centered) > _options.NeutralBand)
            {
                return centered > 0 ? "positive" : "negative";
            }
        }

        if (text is { } t)
        {
            return t > _options.NeutralBand ? "positive" : t < -_options.NeutralBand ? "negative" : "neutral";
        }

        return "neutral";
    }

    public IReadOnlyList<string> Issues(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return [];
        }

        var lower = comment.ToLower(CultureInfo.InvariantCulture);
        List<string>? found = null;
        foreach (var (name, phrases) in _categories)
        {
            foreach (var p in phrases)
            {
                if (lower.Contains(p, StringComparison.Ordinal))
                {
                    (found ??= []).Add(name);
                    break;
                }
            }
        }

        return found ?? (IReadOnlyList<string>)[];
    }
}
