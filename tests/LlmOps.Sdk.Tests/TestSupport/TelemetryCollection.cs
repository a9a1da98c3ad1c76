namespace LlmOps.Sdk.Tests.TestSupport;

/// <summary>Tests that listen to the SDK's process-wide ActivitySource/Meter or change its globals run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
