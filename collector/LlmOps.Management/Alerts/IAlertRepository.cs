namespace LlmOps.Management.Alerts;

/// <summary>Rule CRUD, acknowledge, mute and history for the API.</summary>
internal interface IAlertRepository
{
    Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken cancellationToken);

    Task<AlertRule> GetRuleAsync(long id, CancellationToken cancellationToken);

    Task<AlertRule> CreateRuleAsync(AlertRuleRequest request, string actor, CancellationToken cancellationToken);

    Task<AlertRule> UpdateRuleAsync(long id, AlertRuleRequest request, string actor, CancellationToken cancellationToken);

    Task DeleteRuleAsync(long id, string actor, CancellationToken cancellationToken);

    Task<AlertRule> MuteAsync(long ruleId, TimeSpan? duration, string actor, CancellationToken cancellationToken);

    Task<ActiveAlert> AcknowledgeAsync(long alertId, string? comment, string actor, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlertHistoryEntry>> HistoryAsync(long? ruleId, string? eventName, long? beforeId, int limit, CancellationToken cancellationToken);
}
