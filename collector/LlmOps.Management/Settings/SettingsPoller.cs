using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOps.Management.Settings;

/// <summary>Loads settings at start and then polls the settings version counter to pick up other replicas' changes.</summary>
internal sealed partial class SettingsPoller : BackgroundService
{
    private readonly ISettingsRepository _repository;
    private readonly SettingsChangeNotifier _notifier;
    private readonly ManagementStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SettingsPoller> _logger;

    public SettingsPoller(
        ISettingsRepository repository,
        SettingsChangeNotifier notifier,
        ManagementStoreOptions options,
        TimeProvider time,
        ILogger<SettingsPoller> logger)
    {
        _repository = repository;
        _notifier = notifier;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Applies every section changed after the version this process has; returns how many were applied.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var dbVersion = await _repository.CurrentVersionAsync(cancellationToken).ConfigureAwait(false);
        if (dbVersion <= _notifier.Version && _notifier.Version > 0)
        {
            return 0;
        }

        var changed = await _repository.ChangedSinceAsync(_notifier.Version, cancellationToken).ConfigureAwait(false);
        foreach (var snapshot in changed)
        {
            _notifier.Apply(snapshot.Section, snapshot.Version, SqlSettingsRepository.ToValue(snapshot));
        }

        return changed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (DbException e)
            {
                LogPollFailed(_logger, e);
            }

            try
            {
                await Task.Delay(_options.SettingsPollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the settings version failed; will retry")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
