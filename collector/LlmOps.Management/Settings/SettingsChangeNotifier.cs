using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LlmOps.Management.Settings;

internal sealed partial class SettingsChangeNotifier : ISettingsChangeNotifier
{
    private readonly ConcurrentDictionary<string, (long Version, object Value)> _sections = new(StringComparer.Ordinal);
    private readonly ILogger<SettingsChangeNotifier> _logger;
    private readonly Lock _gate = new();
    private long _version;

    public SettingsChangeNotifier(ILogger<SettingsChangeNotifier> logger)
    {
        _logger = logger;
    }

    public event EventHandler<SettingsChangedEventArgs>? Changed;

    public long Version => Interlocked.Read(ref _version);

    public T Current<T>()
        where T : class, new()
    {
        var name = SettingsSections.Names.FirstOrDefault(n => SettingsSections.TypeOf(n) == typeof(T))
            ?? throw new ArgumentException($"{typeof(T).Name} is not a settings section", nameof(T));
        return _sections.TryGetValue(name, out var v) ? (T)v.Value : new T();
    }

    /// <summary>Applies a section value if it is newer than what this process has; raises <see cref="Changed"/> once.</summary>
    public void Apply(string section, long version, object value)
    {
        lock (_gate)
        {
            if (_sections.TryGetValue(section, out var known) && known.Version >= version)
            {
                return;
            }

            _sections[section] = (version, value);
            if (version > _version)
            {
                Interlocked.Exchange(ref _version, version);
            }
        }

        try
        {
            Changed?.Invoke(this, new SettingsChangedEventArgs(section, version, value));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHandlerFailed(_logger, e, section);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A settings change handler failed for section {Section}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string section);
}
