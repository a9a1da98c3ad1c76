using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace LlmOps.Sdk.Tests.TestSupport;

internal sealed class ActivityCollector : BaseExporter<Activity>
{
    public ConcurrentQueue<Activity> Items { get; } = new();

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            Items.Enqueue(activity);
        }

        return ExportResult.Success;
    }
}
