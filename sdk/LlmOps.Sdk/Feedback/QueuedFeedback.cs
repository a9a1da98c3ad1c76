namespace LlmOps.Sdk.Feedback;

/// <summary>Feedback waiting in the send queue, stamped with the time it was recorded.</summary>
internal readonly record struct QueuedFeedback(LlmOpsFeedback Feedback, DateTimeOffset Timestamp);
