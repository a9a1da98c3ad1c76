namespace LlmOps.Console.Tests.Support;

/// <summary>
/// A fact that drives Chromium: skipped with the reason when the browser is missing on a developer machine, run (and
/// so failing clearly) when CI=true.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserFixture.MissingReason() is { } reason)
        {
            Skip = reason + "; required when CI=true";
        }
    }
}
