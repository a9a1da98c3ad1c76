using LlmOps.Processors.Configuration;
using LlmOps.Processors.Cost;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;

namespace LlmOps.Processors.Tests.Configuration;

/// <summary>A registry with the real cost processor plus stand-in receiver and exporter types for config tests.</summary>
internal static class TestRegistry
{
    public static ComponentRegistry Create() => new ComponentRegistry()
        .Add(new ReceiverStub())
        .Add(CostProcessorRegistration.Factory)
        .Add(new ExporterFactory<TestExporterOptions>("sqlite", new TestExporterValidator(), (id, _, _) => new NullExporter(id)));

    private sealed class ReceiverStub : IComponentFactory
    {
        public string Type => "otlp";

        public ComponentKind Kind => ComponentKind.Receiver;

        public Type OptionsType => typeof(TestExporterOptions);

        public object CreateDefaultOptions() => new TestExporterOptions();

        public void Validate(object options, ValidationErrors errors)
        {
        }
    }

    private sealed class TestExporterValidator : IOptionsValidator<TestExporterOptions>
    {
        public void Validate(TestExporterOptions options, ValidationErrors errors)
        {
        }
    }

    private sealed class NullExporter(string id) : ITelemetryExporter
    {
        public string Id => id;

        public bool IsDurable => true;

        public Task ExportAsync(TelemetryBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
