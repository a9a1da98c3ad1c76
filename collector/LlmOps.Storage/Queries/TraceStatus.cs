namespace LlmOps.Storage.Queries;

/// <summary>Status of a whole trace: error when any span failed, else the root span's status.</summary>
internal enum TraceStatus
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}
