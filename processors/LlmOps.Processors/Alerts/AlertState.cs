namespace LlmOps.Processors.Alerts;

internal enum AlertState
{
    Inactive = 0,
    Pending = 1,
    Firing = 2,
    Resolved = 3,
}
