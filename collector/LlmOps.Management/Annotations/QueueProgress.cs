namespace LlmOps.Management.Annotations;

internal sealed record QueueProgress(long Total, long Pending, long InProgress, long Completed, long Skipped);
