namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>The evaluation log kept in memory (newest last, bounded) when no persistent log sink is registered.</summary>
internal sealed class InMemoryEvaluationLog : IEvaluationLogSink
{
    private readonly Lock _gate = new();
    private readonly LinkedList<EvaluationLogEntry> _entries = new();
    private readonly int _capacity;

    public InMemoryEvaluationLog(int capacity = 10_000) => _capacity = capacity;

    public Task AppendAsync(IReadOnlyList<EvaluationLogEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_gate)
        {
            foreach (var e in entries)
            {
                _entries.AddLast(e);
                if (_entries.Count > _capacity)
                {
                    _entries.RemoveFirst();
                }
            }
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<EvaluationLogEntry> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }
}
