using System.Threading.Channels;
using LlmOps.Management.Alerts;
using LlmOps.Management.Audit;
using LlmOps.Management.Data;
using LlmOps.Processors.Alerts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using AuditEntry = LlmOps.Processors.Alerts.AuditEntry;

namespace LlmOps.Collector.Composition.Management;

/// <summary>
/// Appends the alert engine's actions (fired, resolved, acknowledged, muted) to the hash-chained audit log. The engine
/// calls <see cref="Record"/> under its own lock, so entries are queued and written by a background loop.
/// </summary>
internal sealed partial class ManagementAuditSink : BackgroundService, IAuditSink
{
    private readonly Channel<AuditEntry> _entries = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly ManagementDatabase _database;
    private readonly IAuditLog _audit;
    private readonly ILogger<ManagementAuditSink> _logger;

    public ManagementAuditSink(ManagementDatabase database, IAuditLog audit, ILogger<ManagementAuditSink> logger)
    {
        _database = database;
        _audit = audit;
        _logger = logger;
    }

    /// <summary>
    /// Queues the engine's own transitions (fired, resolved, rule changes). Acknowledge, mute and unmute arrive through
    /// the management API, which audits them in the same transaction as the change, so they are not written twice; nor
    /// is the engine loading or dropping an API rule (<c>api-*</c>), whose creation, edit or deletion the API audited.
    /// </summary>
    public void Record(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Action is "alert.acknowledged" or "alert.muted" or "alert.unmuted"
            || (entry.Action is "alert.rule_created" or "alert.rule_updated" or "alert.rule_deleted"
                && entry.Target.StartsWith(AlertEngineBridge.ApiRulePrefix, StringComparison.Ordinal)))
        {
            return;
        }

        _entries.Writer.TryWrite(entry);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var entry in _entries.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await _database.WriteAsync(
                        session => _audit.AppendAsync(session, AuditTypes.Alert, entry.Action, entry.Actor, new { target = entry.Target, details = entry.Details, at = entry.Time }, stoppingToken),
                        stoppingToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // An audit write failure is logged; the alert itself already happened.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogWriteFailed(_logger, entry.Action, entry.Target, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit entry for alert action {Action} on {Target}")]
    private static partial void LogWriteFailed(ILogger logger, string action, string target, Exception exception);
}
