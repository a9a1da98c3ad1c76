namespace LlmOps.Management.Settings;

/// <summary>
/// Settings as the running processors should see them. <see cref="Changed"/> fires in-process right after a settings
/// update commits, and on every replica when its poller sees the database's settings version counter move (another
/// replica changed something). Handlers must be quick and must not throw.
/// </summary>
internal interface ISettingsChangeNotifier
{
    event EventHandler<SettingsChangedEventArgs>? Changed;

    /// <summary>The highest settings version applied in this process.</summary>
    long Version { get; }

    /// <summary>The current value of a section type (defaults until loaded).</summary>
    T Current<T>()
        where T : class, new();
}
