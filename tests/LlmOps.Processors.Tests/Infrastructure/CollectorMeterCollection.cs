using Xunit;

namespace LlmOps.Processors.Tests.Infrastructure;

/// <summary>
/// Tests that record on, or listen to, the collector's meter (<c>LlmOps.Collector</c>) by name. A meter listener hears
/// every meter of that name in the process, so these tests run one at a time: a test recording a received count without
/// a <c>signal</c> label while another scraped its bridge gave that one a series its dashboards cannot label.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CollectorMeterCollection
{
    public const string Name = "collector meter";
}
