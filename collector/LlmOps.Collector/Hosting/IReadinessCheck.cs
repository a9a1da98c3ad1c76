namespace LlmOps.Collector.Hosting;

/// <summary>
/// A dependency <c>/readyz</c> asks before reporting ready (e.g. "the store is writable"). Register any number in DI.
/// </summary>
internal interface IReadinessCheck
{
    string Name { get; }

    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}
