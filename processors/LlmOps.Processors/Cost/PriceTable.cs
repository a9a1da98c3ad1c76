using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using LlmOps.Processors.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Processors.Cost;

/// <summary>
/// Prices by model and date. Exact (normalised) names win over patterns, longer patterns over shorter ones; among
/// entries for the same match, the newest <see cref="PriceEntry.EffectiveFrom"/> not after the span's start applies.
/// </summary>
internal sealed class PriceTable
{
    private readonly List<(PriceEntry Entry, Regex? Pattern)> _entries;
    private readonly ConcurrentDictionary<string, PriceEntry[]> _byModel = new(StringComparer.Ordinal);

    public PriceTable(IEnumerable<PriceEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [];
        foreach (var e in entries)
        {
            var match = ModelNameNormalizer.Normalize(e.Match);
            Regex? pattern = match.Contains('*', StringComparison.Ordinal)
                ? new Regex("^" + Regex.Escape(match).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant)
                : null;
            _entries.Add((e, pattern));
        }
    }

    public int Count => _entries.Count;

    /// <summary>The price for <paramref name="model"/> at <paramref name="at"/>, or null when the model is unknown.</summary>
    public PriceEntry? Find(string model, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(model);
        var candidates = _byModel.GetOrAdd(ModelNameNormalizer.Normalize(model), Candidates);
        foreach (var c in candidates)
        {
            if (c.EffectiveFrom <= at)
            {
                return c;
            }
        }

        // A span older than every known price still gets the oldest price rather than none.
        return candidates.Length > 0 ? candidates[^1] : null;
    }

    private PriceEntry[] Candidates(string normalized)
    {
        var exact = _entries.Where(e => e.Pattern is null && ModelNameNormalizer.Normalize(e.Entry.Match) == normalized).Select(e => e.Entry).ToList();
        if (exact.Count == 0)
        {
            var best = _entries
                .Where(e => e.Pattern is not null && e.Pattern.IsMatch(normalized))
                .GroupBy(e => e.Entry.Match.Length)
                .OrderByDescending(g => g.Key)
                .FirstOrDefault();
            exact = best?.Select(e => e.Entry).ToList() ?? [];
        }

        return [.. exact.OrderByDescending(e => e.EffectiveFrom)];
    }

    /// <summary>Parses a price table YAML document, reporting problems with their key paths.</summary>
    public static List<PriceEntry> Parse(string yaml, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(errors);
        var file = new PriceTableFile();
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0)
            {
                OptionsBinder.Bind(stream.Documents[0].RootNode, file, errors);
            }
        }
        catch (YamlException ex)
        {
            errors.Add($"line {ex.Start.Line}: {ex.Message}");
        }

        for (var i = 0; i < file.Prices.Count; i++)
        {
            Validate(file.Prices[i], errors.At($"prices[{i}]"));
        }

        return file.Prices;
    }

    public static void Validate(PriceEntry e, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(e.Match))
        {
            errors.Add("match", "a model name or pattern is required");
        }

        if (e.Input < 0 || e.Output < 0 || e.CachedInput < 0 || e.Reasoning < 0)
        {
            errors.Add("prices must not be negative");
        }
    }

    /// <summary>The price table shipped with the collector.</summary>
    public static string DefaultYaml()
    {
        using var s = typeof(PriceTable).Assembly.GetManifestResourceStream("LlmOps.Processors.Cost.prices.yaml")
            ?? throw new InvalidOperationException("the embedded price table is missing from the build");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
