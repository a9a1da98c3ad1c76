namespace LlmOps.Processors.Feedback;

/// <summary>Settings of the <c>feedback</c> processor.</summary>
internal sealed class FeedbackProcessorOptions
{
    /// <summary>Sentiment above this is positive, below its negative is negative, between is neutral.</summary>
    public double NeutralBand { get; set; } = 0.05;

    /// <summary>Issue categories looked for in comments; the defaults cover a factory assistant's usual complaints.</summary>
    public List<IssueCategory> Categories { get; set; } = DefaultCategories();

    public static List<IssueCategory> DefaultCategories() =>
    [
        new() { Name = "incomplete_specs", Title = "Incomplete specifications", Phrases = ["incomplete", "missing spec", "missing the spec", "no spec", "not enough detail", "lacks detail", "missing detail", "which torque", "no tolerance", "missing value", "didn't say how", "did not say how", "left out", "partial answer"] },
        new() { Name = "outdated_procedure", Title = "Outdated procedures", Phrases = ["outdated", "out of date", "old procedure", "old version", "no longer", "obsolete", "superseded", "previous revision", "old revision", "deprecated", "changed last", "not current"] },
        new() { Name = "missing_safety_warning", Title = "Missing safety warnings", Phrases = ["safety", "no warning", "missing warning", "ppe", "lockout", "tagout", "loto", "hazard", "gloves", "goggles", "dangerous", "unsafe", "injur"] },
        new() { Name = "wrong_answer", Title = "Wrong answers", Phrases = ["wrong", "incorrect", "not correct", "inaccurate", "not accurate", "false", "mistake", "error in"] },
        new() { Name = "hallucination", Title = "Made-up content", Phrases = ["made up", "makes up", "invented", "doesn't exist", "does not exist", "hallucinat", "fabricat", "no such"] },
        new() { Name = "irrelevant", Title = "Irrelevant answers", Phrases = ["irrelevant", "not relevant", "not what i asked", "off topic", "off-topic", "didn't answer", "did not answer", "unrelated"] },
        new() { Name = "unclear", Title = "Unclear answers", Phrases = ["unclear", "confusing", "hard to understand", "vague", "ambiguous"] },
        new() { Name = "too_long", Title = "Too long", Phrases = ["too long", "verbose", "wall of text", "too wordy", "rambling"] },
        new() { Name = "slow", Title = "Slow responses", Phrases = ["slow", "took too long", "took forever", "timeout", "timed out", "waiting"] },
    ];
}
