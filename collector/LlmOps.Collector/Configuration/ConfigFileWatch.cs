namespace LlmOps.Collector.Configuration;

/// <summary>
/// Tells whether a config file's text changed since it was loaded. It starts from the loaded snapshot, not from the file
/// as it is when watching begins, so a write between start-up's load and the first poll is a change like any other.
/// Each poll reads the text (a few kilobytes) rather than trusting the modification time: a Kubernetes ConfigMap is
/// updated by swapping a symbolic link one level up, which leaves the path's own link, and its time, as they were.
/// The same text under a new time (a touch, an editor saving unchanged content) is not a change.
/// </summary>
internal sealed class ConfigFileWatch
{
    private readonly string _path;
    private string _lastText;

    public ConfigFileWatch(ConfigFileSnapshot loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        _path = loaded.Path;
        _lastText = loaded.Text;
    }

    /// <summary>True once per change of the file's text; a missing or unreadable file is no change (the running config stays).</summary>
    public async Task<bool> ChangedAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Missing (mid-swap, or deleted) or unreadable: keep what runs; a later poll sees the file again.
            return false;
        }

        if (text == _lastText)
        {
            return false;
        }

        _lastText = text;
        return true;
    }
}
