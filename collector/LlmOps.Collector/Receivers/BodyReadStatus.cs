namespace LlmOps.Collector.Receivers;

internal enum BodyReadStatus
{
    Ok = 0,
    TooLarge = 1,
    Malformed = 2,
}
