using LlmOps.Storage;
using LlmOps.Storage.Sqlite;
using Microsoft.Extensions.Hosting;

namespace LlmOps.Collector.Composition.Management;

/// <summary>
/// Runs after the management store's migrations (hosted services start in order): on the embedded store, a table
/// those migrations created in the main file (<c>evaluation_logs</c> on a new file) is moved into the scores file,
/// where the collector writes evaluation log lines and where every reader looks for them.
/// </summary>
internal sealed class EvaluationTablesMover(ITelemetryStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        store is SqliteTelemetryStore sqlite ? sqlite.MoveEvaluationTablesAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
