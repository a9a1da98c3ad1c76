namespace LlmOps.Collector.Configuration;

/// <summary>
/// Tells whether a config file changed since it was loaded. It starts from the loaded snapshot, not from the file as it
/// is when watching begins, so a write between start-up's load and the first poll is a change like any other. A new
/// modification time with the same text (a touch, an editor's save of the same content) is not a change.
/// </summary>
internal sealed class ConfigFileWatch
{
    private readonly string _path;
    private DateTime _lastWrite;
    private string _lastText;

    public ConfigFileWatch(ConfigFileSnapshot loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        _path = loaded.Path;
        _lastWrite = loaded.LastWriteUtc;
        _lastText = loaded.Text;
    }

    /// <summary>True once per change of the file's text; a missing file is no change (the running config stays).</summary>
    public async Task<bool> ChangedAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
        {
            return false;
        }

        // The time is read before the text: a write after this read changes the time seen by the next poll.
        var write = File.GetLastWriteTimeUtc(_path);
        if (write == _lastWrite)
        {
            return false;
        }

        _lastWrite = write;
        var text = await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        if (text == _lastText)
        {
            return false;
        }

        _lastText = text;
        return true;
    }
}
