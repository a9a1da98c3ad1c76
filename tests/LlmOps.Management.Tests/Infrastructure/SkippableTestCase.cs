using Xunit.Abstractions;
using Xunit.Sdk;

namespace LlmOps.Management.Tests.Infrastructure;

/// <summary>Turns a failure caused by <see cref="BackendUnavailableException"/> into a skip with its message as the reason.</summary>
public sealed class SkippableTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippableTestCase()
    {
    }

    public SkippableTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, options, testMethod)
    {
    }

    public override async Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        object[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
    {
        using var bus = new SkippingMessageBus(messageBus);
        var summary = await base.RunAsync(diagnosticMessageSink, bus, constructorArguments, aggregator, cancellationTokenSource).ConfigureAwait(false);
        if (bus.Skipped > 0)
        {
            summary.Failed -= bus.Skipped;
            summary.Skipped += bus.Skipped;
        }

        return summary;
    }

    private sealed class SkippingMessageBus : IMessageBus
    {
        private readonly IMessageBus _inner;

        public SkippingMessageBus(IMessageBus inner)
        {
            _inner = inner;
        }

        public int Skipped { get; private set; }

        public bool QueueMessage(IMessageSinkMessage message)
        {
            if (message is ITestFailed failed && failed.ExceptionTypes.Any(t => t == typeof(BackendUnavailableException).FullName))
            {
                Skipped++;
                var index = Array.IndexOf(failed.ExceptionTypes, typeof(BackendUnavailableException).FullName);
                return _inner.QueueMessage(new TestSkipped(failed.Test, failed.Messages[index]));
            }

            return _inner.QueueMessage(message);
        }

        public void Dispose()
        {
            // The inner bus belongs to the runner.
        }
    }
}
