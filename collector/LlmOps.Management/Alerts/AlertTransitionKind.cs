namespace LlmOps.Management.Alerts;

internal enum AlertTransitionKind
{
    None = 0,
    Fired = 1,
    Resolved = 2,
}
