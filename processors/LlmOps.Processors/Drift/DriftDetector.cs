using System.Globalization;

namespace LlmOps.Processors.Drift;

/// <summary>
/// Compares the current window with the baseline: each score's distribution overall and per (model × prompt version)
/// with PSI, Kolmogorov-Smirnov, Jensen-Shannon and Wasserstein-1 (a drift when <see cref="DriftOptions.MinMethodsAgreeing"/>
/// agree), the hallucination rate (two-proportion z-test), mean context relevance (drop and Welch's t), retrieval
/// overlap (coverage of current documents by the baseline's, and the Jaccard index of the two sets), and provider
/// behaviour (unseen response model / system fingerprint for a fixed request model). Every detected finding gets a
/// deterministic root cause. Pure computation: no I/O, no clock.
/// </summary>
internal sealed class DriftDetector
{
    private const string All = "*";

    /// <summary>How many times its no-change expectation a distribution distance must reach.</summary>
    private const double NullFactor = 3.5;
    private readonly DriftOptions _options;

    public DriftDetector(DriftOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Splits <paramref name="samples"/> into the configured windows ending at <paramref name="now"/> and compares them.</summary>
    public DriftReport Evaluate(IReadOnlyList<ScoreSample> samples, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var currentStart = now - _options.CurrentWindow;
        var baselineStart = currentStart - _options.BaselineWindow;
        var baseline = new List<ScoreSample>();
        var current = new List<ScoreSample>();
        foreach (var s in samples)
        {
            if (s.Time > now || s.Time < baselineStart)
            {
                continue;
            }

            (s.Time >= currentStart ? current : baseline).Add(s);
        }

        return Evaluate(baseline, current, now);
    }

    public DriftReport Evaluate(IReadOnlyList<ScoreSample> baseline, IReadOnlyList<ScoreSample> current, DateTimeOffset evaluatedAt)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var report = new DriftReport { EvaluatedAt = evaluatedAt, BaselineSamples = baseline.Count, CurrentSamples = current.Count };
        var b = ByScore(baseline);
        var c = ByScore(current);
        foreach (var score in c.Keys.Where(b.ContainsKey).Order(StringComparer.Ordinal))
        {
            var bs = b[score];
            var cs = c[score];
            AddScoreFinding(report, score, All, All, bs, cs);
            if (_options.PerSlice)
            {
                var bSlices = BySlice(bs);
                var cSlices = BySlice(cs);
                foreach (var key in cSlices.Keys.Where(bSlices.ContainsKey).Order())
                {
                    AddScoreFinding(report, score, key.Model, key.Prompt, bSlices[key], cSlices[key]);
                }
            }

            if (string.Equals(score, _options.HallucinationScoreName, StringComparison.Ordinal))
            {
                AddHallucinationFinding(report, bs, cs);
            }

            if (string.Equals(score, _options.ContextRelevanceScoreName, StringComparison.Ordinal))
            {
                AddContextRelevanceFinding(report, bs, cs);
            }
        }

        AddRetrievalFinding(report, baseline, current);
        AddProviderFindings(report, baseline, current);
        return report;
    }

    private void AddScoreFinding(DriftReport report, string score, string model, string prompt, List<ScoreSample> b, List<ScoreSample> c)
    {
        if (b.Count < _options.MinSamples || c.Count < _options.MinSamples)
        {
            return;
        }

        var bv = Values(b);
        var cv = Values(c);
        Array.Sort(bv);
        Array.Sort(cv);
        var cuts = DriftStatistics.QuantileCuts(bv, _options.Bins);
        var p = DriftStatistics.Proportions(bv, cuts);
        var q = DriftStatistics.Proportions(cv, cuts);
        var psi = DriftStatistics.Psi(p, q);
        var js = DriftStatistics.JensenShannon(p, q);
        var ks = DriftStatistics.KolmogorovSmirnov(bv, cv);
        var w = DriftStatistics.Wasserstein1(bv, cv);
        var ksRatio = ks.PValue <= _options.KsPValue ? ks.Statistic / _options.KsMinStatistic : 0;

        // Small windows: PSI, JS and W have a positive expectation even without change (≈ (bins − 1)(1/n_b + 1/n_c) for
        // PSI, that ÷ 8 ln 2 for JS in bits, ≈ σ·sqrt(1/n_b + 1/n_c) for W). A threshold is raised to 3.5 times that.
        var inverseN = (1.0 / bv.Length) + (1.0 / cv.Length);
        var nullPsi = cuts.Length * inverseN;
        var psiT = Math.Max(_options.PsiThreshold, NullFactor * nullPsi);
        var jsT = Math.Max(_options.JensenShannonThreshold, NullFactor * nullPsi / (8 * Math.Log(2)));
        var wT = Math.Max(_options.WassersteinThreshold, NullFactor * StdDev(bv) * Math.Sqrt(inverseN));
        double[] ratios = [psi / psiT, js / jsT, ksRatio, w / wT];
        var votes = ratios.Count(r => r >= 1);
        var detected = votes >= _options.MinMethodsAgreeing;
        var finding = new DriftFinding
        {
            Kind = DriftKind.ScoreDistribution,
            ScoreName = score,
            Model = model,
            PromptVersion = prompt,
            BaselineCount = b.Count,
            CurrentCount = c.Count,
            BaselineValue = Mean(bv),
            CurrentValue = Mean(cv),
            Detected = detected,
            Severity = ratios.Order().ElementAt(4 - _options.MinMethodsAgreeing),
        };
        finding.Statistics["psi"] = psi;
        finding.Statistics["ks"] = ks.Statistic;
        finding.Statistics["ks_p_value"] = ks.PValue;
        finding.Statistics["jensen_shannon"] = js;
        finding.Statistics["wasserstein"] = w;
        if (detected)
        {
            var dims = model == All ? RcaDimensions.All : RcaDimensions.All.Where(d => d is not RcaDimensions.Model and not RcaDimensions.PromptVersion).ToList();
            var cause = RootCauseAnalyzer.Analyze(RootCauseAnalyzer.Slices(b, c, s => s.Value, dims), additive: false, _options.RcaMinSlice);
            var scope = model == All ? string.Empty : $" for model '{model}' with prompt version '{prompt}'";
            finding.RootCause = Cause($"Mean {score} score{scope}", finding, percent: false, cause);
        }

        report.Findings.Add(finding);
    }

    private void AddHallucinationFinding(DriftReport report, List<ScoreSample> b, List<ScoreSample> c)
    {
        if (b.Count < _options.MinSamples || c.Count < _options.MinSamples)
        {
            return;
        }

        double bh = b.Count(s => s.Value >= _options.HallucinationThreshold);
        double ch = c.Count(s => s.Value >= _options.HallucinationThreshold);
        var z = DriftStatistics.TwoProportionZ(bh, b.Count, ch, c.Count);
        var change = (ch / c.Count) - (bh / b.Count);
        var detected = Math.Abs(z) >= _options.HallucinationZ && Math.Abs(change) >= _options.HallucinationMinChange;
        var finding = new DriftFinding
        {
            Kind = DriftKind.HallucinationRate,
            ScoreName = _options.HallucinationScoreName,
            BaselineCount = b.Count,
            CurrentCount = c.Count,
            BaselineValue = bh / b.Count,
            CurrentValue = ch / c.Count,
            Detected = detected,
            Severity = Math.Min(Math.Abs(z) / _options.HallucinationZ, Math.Abs(change) / _options.HallucinationMinChange),
        };
        finding.Statistics["z"] = z;
        finding.Statistics["rate_change"] = change;
        if (detected)
        {
            var threshold = _options.HallucinationThreshold;
            var cause = RootCauseAnalyzer.Analyze(RootCauseAnalyzer.Slices(b, c, s => s.Value >= threshold ? 1 : 0), additive: false, _options.RcaMinSlice);
            finding.RootCause = Cause("Hallucination rate", finding, percent: true, cause);
        }

        report.Findings.Add(finding);
    }

    private void AddContextRelevanceFinding(DriftReport report, List<ScoreSample> b, List<ScoreSample> c)
    {
        if (b.Count < _options.MinSamples || c.Count < _options.MinSamples)
        {
            return;
        }

        var (mb, vb) = MeanVar(b);
        var (mc, vc) = MeanVar(c);
        var t = DriftStatistics.WelchT(mb, vb, b.Count, mc, vc, c.Count);
        var drop = mb - mc;
        var detected = drop >= _options.ContextRelevanceMaxDrop && t <= -_options.ContextRelevanceT;
        var finding = new DriftFinding
        {
            Kind = DriftKind.ContextRelevance,
            ScoreName = _options.ContextRelevanceScoreName,
            BaselineCount = b.Count,
            CurrentCount = c.Count,
            BaselineValue = mb,
            CurrentValue = mc,
            Detected = detected,
            Severity = Math.Min(drop / _options.ContextRelevanceMaxDrop, -t / _options.ContextRelevanceT),
        };
        finding.Statistics["drop"] = drop;
        finding.Statistics["t"] = t;
        if (detected)
        {
            var cause = RootCauseAnalyzer.Analyze(RootCauseAnalyzer.Slices(b, c, s => s.Value), additive: false, _options.RcaMinSlice);
            finding.RootCause = Cause("Mean context relevance", finding, percent: false, cause);
        }

        report.Findings.Add(finding);
    }

    private void AddRetrievalFinding(DriftReport report, IReadOnlyList<ScoreSample> baseline, IReadOnlyList<ScoreSample> current)
    {
        var baselineDocs = new HashSet<string>(StringComparer.Ordinal);
        var baselineItems = 0;
        foreach (var s in baseline)
        {
            if (s.DocIds is { Count: > 0 } ids)
            {
                baselineItems++;
                baselineDocs.UnionWith(ids);
            }
        }

        var currentDocs = new HashSet<string>(StringComparer.Ordinal);
        long seen = 0, total = 0;
        var currentItems = 0;
        foreach (var s in current)
        {
            if (s.DocIds is { Count: > 0 } ids)
            {
                currentItems++;
                foreach (var id in ids)
                {
                    total++;
                    seen += baselineDocs.Contains(id) ? 1 : 0;
                    currentDocs.Add(id);
                }
            }
        }

        if (baselineItems < _options.MinSamples || currentItems < _options.MinSamples || total == 0)
        {
            return;
        }

        var coverage = (double)seen / total;
        var detected = coverage < _options.RetrievalMinCoverage;
        var finding = new DriftFinding
        {
            Kind = DriftKind.RetrievalOverlap,
            BaselineCount = baselineItems,
            CurrentCount = currentItems,
            BaselineValue = 1,
            CurrentValue = coverage,
            Detected = detected,
            Severity = (1 - coverage) / Math.Max(1e-9, 1 - _options.RetrievalMinCoverage),
        };
        finding.Statistics["coverage"] = coverage;
        finding.Statistics["jaccard"] = DriftStatistics.Jaccard(baselineDocs, currentDocs);
        if (detected)
        {
            double? Overlap(ScoreSample s) => s.DocIds is { Count: > 0 } ids ? ids.Count(baselineDocs.Contains) / (double)ids.Count : null;
            var cause = RootCauseAnalyzer.Analyze(RootCauseAnalyzer.Slices(baseline, current, Overlap), additive: false, _options.RcaMinSlice);
            finding.RootCause = Cause("Share of retrieved documents also retrieved in the baseline", finding, percent: true, cause);
        }

        report.Findings.Add(finding);
    }

    private void AddProviderFindings(DriftReport report, IReadOnlyList<ScoreSample> baseline, IReadOnlyList<ScoreSample> current)
    {
        var seen = new Dictionary<string, HashSet<(string, string)>>(StringComparer.Ordinal);
        var baselineCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in baseline)
        {
            if (s.RequestModel is { } rm)
            {
                if (!seen.TryGetValue(rm, out var set))
                {
                    set = [];
                    seen.Add(rm, set);
                }

                set.Add(Combo(s));
                baselineCounts[rm] = baselineCounts.GetValueOrDefault(rm) + 1;
            }
        }

        var byModel = new Dictionary<string, List<ScoreSample>>(StringComparer.Ordinal);
        foreach (var s in current)
        {
            if (s.RequestModel is { } rm && seen.ContainsKey(rm))
            {
                if (!byModel.TryGetValue(rm, out var list))
                {
                    list = [];
                    byModel.Add(rm, list);
                }

                list.Add(s);
            }
        }

        foreach (var (requestModel, samples) in byModel.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (samples.Count < _options.MinSamples || baselineCounts[requestModel] < _options.MinSamples)
            {
                continue;
            }

            var combos = seen[requestModel];
            var unseen = samples.Count(s => !combos.Contains(Combo(s)));
            var share = (double)unseen / samples.Count;
            var detected = share >= _options.ProviderChangeMinShare;
            var finding = new DriftFinding
            {
                Kind = DriftKind.ProviderBehaviour,
                Model = requestModel,
                BaselineCount = baselineCounts[requestModel],
                CurrentCount = samples.Count,
                BaselineValue = 0,
                CurrentValue = share,
                Detected = detected,
                Severity = share / _options.ProviderChangeMinShare,
            };
            finding.Statistics["unseen_share"] = share;
            if (detected)
            {
                var b = baseline.Where(s => string.Equals(s.RequestModel, requestModel, StringComparison.Ordinal)).ToList();
                var cause = RootCauseAnalyzer.Analyze(RootCauseAnalyzer.Slices(b, samples, s => combos.Contains(Combo(s)) ? 0 : 1), additive: false, _options.RcaMinSlice);
                finding.RootCause = Cause($"Share of '{requestModel}' responses from an unseen response model or system fingerprint", finding, percent: true, cause);
            }

            report.Findings.Add(finding);
        }
    }

    private static RootCause Cause(string subject, DriftFinding finding, bool percent, RcaCandidate? cause) =>
        new(cause?.Dimension ?? "none", cause?.Value ?? string.Empty, cause?.ExplainedShare ?? 0, cause?.NewValue ?? false,
            RcaText.Write(subject, finding.BaselineValue, finding.CurrentValue, percent, cause));

    private static (string, string) Combo(ScoreSample s) => (s.ResponseModel ?? s.Model ?? string.Empty, s.Fingerprint ?? string.Empty);

    private static Dictionary<string, List<ScoreSample>> ByScore(IReadOnlyList<ScoreSample> samples)
    {
        var result = new Dictionary<string, List<ScoreSample>>(StringComparer.Ordinal);
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            if (!double.IsFinite(s.Value))
            {
                continue;
            }

            if (!result.TryGetValue(s.ScoreName, out var list))
            {
                list = [];
                result.Add(s.ScoreName, list);
            }

            list.Add(s);
        }

        return result;
    }

    private static Dictionary<(string Model, string Prompt), List<ScoreSample>> BySlice(List<ScoreSample> samples)
    {
        var result = new Dictionary<(string, string), List<ScoreSample>>();
        foreach (var s in samples)
        {
            var key = (s.Model ?? "unknown", s.PromptVersion ?? "none");
            if (!result.TryGetValue(key, out var list))
            {
                list = [];
                result.Add(key, list);
            }

            list.Add(s);
        }

        return result;
    }

    private static double[] Values(List<ScoreSample> samples)
    {
        var v = new double[samples.Count];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = samples[i].Value;
        }

        return v;
    }

    private static double Mean(double[] v)
    {
        double sum = 0;
        foreach (var x in v)
        {
            sum += x;
        }

        return v.Length == 0 ? 0 : sum / v.Length;
    }

    private static double StdDev(double[] v)
    {
        var mean = Mean(v);
        double ss = 0;
        foreach (var x in v)
        {
            ss += (x - mean) * (x - mean);
        }

        return v.Length > 1 ? Math.Sqrt(ss / (v.Length - 1)) : 0;
    }

    private static (double Mean, double Variance) MeanVar(List<ScoreSample> samples)
    {
        double mean = 0, m2 = 0;
        var n = 0;
        foreach (var s in samples)
        {
            n++;
            var d = s.Value - mean;
            mean += d / n;
            m2 += d * (s.Value - mean);
        }

        return (mean, n > 1 ? m2 / (n - 1) : 0);
    }

    internal static string Format(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
