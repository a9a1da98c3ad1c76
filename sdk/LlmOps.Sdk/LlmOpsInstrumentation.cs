namespace LlmOps.Sdk;

/// <summary>
/// Process-wide facts about the LlmOps instrumentation: the names to subscribe to, the content-capture default and a
/// count of telemetry failures the SDK swallowed instead of breaking the application.
/// </summary>
public static class LlmOpsInstrumentation
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name to add to a TracerProvider.</summary>
    public const string ActivitySourceName = SemanticConventions.LlmOpsInstrumentationName;

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name to add to a MeterProvider.</summary>
    public const string MeterName = SemanticConventions.LlmOpsInstrumentationName;

    /// <summary>The environment variable that turns message content capture on (<c>true</c>) by default.</summary>
    public const string CaptureMessageContentEnvironmentVariable = SemanticConventions.CaptureMessageContentEnvironmentVariable;

    private static long _telemetryFailures;

    /// <summary>
    /// Gets or sets whether prompts, answers, system instructions and retrieved text are captured when a client's
    /// options leave it unset. Initialised from <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c>.
    /// </summary>
    public static bool CaptureMessageContentByDefault { get; set; } =
        ContentCapture.ParseFlag(Environment.GetEnvironmentVariable(SemanticConventions.CaptureMessageContentEnvironmentVariable));

    /// <summary>Gets the number of telemetry failures swallowed by the SDK since the process started.</summary>
    public static long TelemetryFailureCount => Interlocked.Read(ref _telemetryFailures);

    internal static void CountFailure(string stage)
    {
        Interlocked.Increment(ref _telemetryFailures);
        try
        {
            Instruments.Failures.Add(1, new KeyValuePair<string, object?>(SemanticConventions.LlmOpsSdkFailureStage, stage));
        }
        catch (Exception)
        {
            // Counting a failure must never fail the caller.
        }
    }
}
