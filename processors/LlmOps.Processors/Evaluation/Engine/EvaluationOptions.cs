using LlmOps.Processors.Evaluation.Judge;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>Settings of the <c>evaluation</c> exporter: scoring off the ingest path.</summary>
internal sealed class EvaluationOptions
{
    /// <summary>Parallel scoring workers; 0 means half the CPU cores, at least one.</summary>
    public int Workers { get; set; }

    /// <summary>
    /// Spans waiting to be scored at most; beyond it spans are not scored (counted and logged as dropped). Each queued
    /// span is held in memory whole (a few KB), so this bounds the memory a scoring backlog takes.
    /// </summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How often scores are written back (as <c>gen_ai.evaluation.result</c> records) and logs flushed.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a scoring worker waits, before each span, for a moment with no client export in flight (0: never):
    /// scoring gives way to ingest. It waits only while the queue is under a quarter full, and after a wait that runs
    /// out (exports never pause) nobody waits for a second, so a saturated collector still scores at its lower priority.
    /// </summary>
    public TimeSpan YieldToIngest { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Use the built-in evaluators when the registry defines none.</summary>
    public bool DefaultEvaluators { get; set; } = true;

    /// <summary>Evaluators defined in the config file, in addition to the registry's.</summary>
    public List<EvaluatorDefinition> Evaluators { get; set; } = [];

    /// <summary>Answers and contexts longer than this are cut before scoring (characters).</summary>
    public int MaxContentChars { get; set; } = 32_000;

    public JudgeOptions Judge { get; set; } = new();
}
