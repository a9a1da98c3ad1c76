namespace LlmOps.Management.Annotations;

/// <summary>Of the flagged spans given: newly queued, already queued (duplicates), and routed to no queue.</summary>
internal sealed record EnqueueResult(int Inserted, int Duplicates, int Unrouted);
