namespace LlmOps.Storage.Queries;

/// <summary>The key a trace list is ordered by (then by trace id, so the order is total and pagination stable).</summary>
internal enum TraceSort
{
    StartTime = 0,
    Duration = 1,
    Cost = 2,
    Tokens = 3,
}
