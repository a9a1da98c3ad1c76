using System.Text;
using BenchmarkDotNet.Attributes;
using LlmOps.Processors.Evaluation.Scorers;
using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Benchmarks.Evaluators;

/// <summary>
/// All built-in deterministic evaluators on one GenAI-shaped span: a question, three ~500-byte retrieved chunks,
/// a ~1 KB answer and a ~300-byte expected answer. Baseline: tokenising the per-span texts once.
/// </summary>
[MemoryDiagnoser]
public class EvaluatorBenchmarks
{
    private readonly GroundednessScorer _groundedness = new();
    private readonly ContextRelevanceScorer _relevance = new();
    private readonly ConcisenessScorer _conciseness = new();
    private readonly CorrectnessScorer _correctness = new();
    private readonly SentimentScorer _sentiment = new();
    private readonly ToxicityScorer _toxicity = new();
    private readonly PiiDetector _pii = new();
    private readonly BleuScorer _bleu = new(effectiveOrder: true);
    private readonly RougeScorer _rouge = new(useStemmer: true);
    private readonly SemanticSimilarityScorer _similarity = new();
    private string _question = string.Empty;
    private string _answer = string.Empty;
    private string _expected = string.Empty;
    private string[] _chunks = [];

    [GlobalSetup]
    public void Setup()
    {
        _question = "Why did conveyor line 3 in Plant 7 stop during the night shift, and how do we restart it safely?";
        _chunks =
        [
            Repeat("Conveyor line 3 in Plant 7 stopped at 02:14 after the overload relay tripped on motor M3-2. The drive logged fault F0021 (overcurrent) three times in ten minutes. ", 500),
            Repeat("Restart procedure: lock out the drive cabinet, inspect the belt for jams, reset relay K12, clear fault F0021 on the HMI and start the line at 50% speed for five minutes. ", 500),
            Repeat("Maintenance history: the gearbox on M3-2 was serviced in March 2024 by Siemens technicians; bearing temperature alarms were raised twice in April. Contact jane.doe@example.org. ", 500),
        ];
        _answer = Repeat("Line 3 stopped because the overload relay on motor M3-2 tripped after repeated overcurrent faults (F0021). To restart safely, lock out the drive cabinet, check the belt for jams, reset relay K12, clear the fault on the HMI and run the line at 50% speed for five minutes before returning to full speed. I think the gearbox serviced in March 2024 may be worth inspecting too. ", 1024);
        _expected = "The overload relay on M3-2 tripped (fault F0021). Lock out, clear jams, reset relay K12, clear F0021 on the HMI and restart at 50% speed for five minutes.";
    }

    /// <summary>Baseline: tokenising the per-span texts (question, answer, three chunks) once.</summary>
    [Benchmark(Baseline = true)]
    public int TokenizePerSpanTexts()
    {
        var count = WordTokenizer.Tokenize(_question).Count + WordTokenizer.Tokenize(_answer).Count;
        foreach (var chunk in _chunks)
        {
            count += WordTokenizer.Tokenize(chunk).Count;
        }

        return count;
    }

    [Benchmark]
    public int TokenizeOnly()
    {
        var count = WordTokenizer.Tokenize(_question).Count + WordTokenizer.Tokenize(_answer).Count + WordTokenizer.Tokenize(_expected).Count;
        foreach (var chunk in _chunks)
        {
            count += WordTokenizer.Tokenize(chunk).Count;
        }

        return count;
    }

    /// <summary>
    /// Exactly what the collector runs on every GenAI span at 100% sampling: groundedness, context relevance,
    /// conciseness, toxicity and PII risk (sentiment runs on feedback, the reference-based scorers on datasets).
    /// Each text is analysed once (included in the time) and shared by the scorers.
    /// </summary>
    [Benchmark]
    public double PerSpanSet()
    {
        var answer = TextAnalysis.Of(_answer);
        var question = TextAnalysis.Of(_question);
        var chunks = TextAnalysis.Of(_chunks);
        var sum = _groundedness.Score(answer, chunks, question).Score;
        sum += _relevance.Score(question, chunks).Score;
        sum += _conciseness.Score(answer, question).Score;
        sum += _toxicity.Score(answer).Score;
        sum += _pii.Evaluate(_answer).Score;
        return sum;
    }

    /// <summary>The same set through the string overloads (each scorer tokenises its own inputs).</summary>
    [Benchmark]
    public double PerSpanSetStrings()
    {
        var sum = _groundedness.Score(_answer, _chunks, _question).Score;
        sum += _relevance.Score(_question, _chunks).Score;
        sum += _conciseness.Score(_answer, _question).Score;
        sum += _toxicity.Score(_answer).Score;
        sum += _pii.Evaluate(_answer).Score;
        return sum;
    }

    [Benchmark]
    public double AllScorers()
    {
        var sum = _groundedness.Score(_answer, _chunks, _question).Score;
        sum += _relevance.Score(_question, _chunks).Score;
        sum += _conciseness.Score(_answer, _question).Score;
        sum += _correctness.Score(_answer, _expected).Score;
        sum += _sentiment.Score(_answer).Score;
        sum += _toxicity.Score(_answer).Score;
        sum += _pii.Evaluate(_answer).Score;
        sum += _bleu.Evaluate(_answer, _expected).Score;
        sum += _rouge.Evaluate(_answer, _expected).Score;
        sum += _similarity.Score(_answer, _expected).Score;
        return sum;
    }

    [Benchmark]
    public double Groundedness() => _groundedness.Score(_answer, _chunks, _question).Score;

    [Benchmark]
    public double ContextRelevance() => _relevance.Score(_question, _chunks).Score;

    [Benchmark]
    public double Conciseness() => _conciseness.Score(_answer, _question).Score;

    [Benchmark]
    public double Correctness() => _correctness.Score(_answer, _expected).Score;

    [Benchmark]
    public double Sentiment() => _sentiment.Score(_answer).Score;

    [Benchmark]
    public double Toxicity() => _toxicity.Score(_answer).Score;

    [Benchmark]
    public double Pii() => _pii.Evaluate(_answer).Score;

    [Benchmark]
    public double Bleu() => _bleu.Evaluate(_answer, _expected).Score;

    [Benchmark]
    public double Rouge() => _rouge.Evaluate(_answer, _expected).Score;

    [Benchmark]
    public double Similarity() => _similarity.Score(_answer, _expected).Score;

    private static string Repeat(string text, int bytes)
    {
        var sb = new StringBuilder(bytes + text.Length);
        while (sb.Length < bytes)
        {
            sb.Append(text);
        }

        return sb.ToString(0, bytes);
    }
}
