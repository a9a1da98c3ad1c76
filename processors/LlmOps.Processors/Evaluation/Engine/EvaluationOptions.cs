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

    /// <summary>Use the built-in evaluators when the registry defines none.</summary>
    public bool DefaultEvaluators { get; set; } = true;

    /// <summary>Evaluators defined in the config file, in addition to the registry's.</summary>
    public List<EvaluatorDefinition> Evaluators { get; set; } = [];

    /// <summary>Answers and contexts longer than this are cut before scoring (characters).</summary>
    public int MaxContentChars { get; set; } = 32_000;

    public JudgeOptions Judge { get; set; } = new();
}
