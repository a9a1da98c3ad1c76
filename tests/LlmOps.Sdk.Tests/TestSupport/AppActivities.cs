using System.Diagnostics;

namespace LlmOps.Sdk.Tests.TestSupport;

/// <summary>An application's own ActivitySource, listened to and fully sampled, for spans around SDK calls.</summary>
internal sealed class AppActivities : IDisposable
{
    private readonly ActivityListener _listener;

    public AppActivities(string name)
    {
        Source = new ActivitySource(name);
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ActivitySource Source { get; }

    public void Dispose()
    {
        _listener.Dispose();
        Source.Dispose();
    }
}
