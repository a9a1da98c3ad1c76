namespace LlmOps.Management.Settings;

/// <summary>A section changed (here or on another replica): its new typed value and the global settings version.</summary>
internal sealed class SettingsChangedEventArgs : EventArgs
{
    public SettingsChangedEventArgs(string section, long version, object value)
    {
        Section = section;
        Version = version;
        Value = value;
    }

    public string Section { get; }

    public long Version { get; }

    /// <summary>One of the section types, e.g. <see cref="RetrievalSettings"/>.</summary>
    public object Value { get; }
}
