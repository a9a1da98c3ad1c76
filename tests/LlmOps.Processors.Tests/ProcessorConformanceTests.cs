using LlmOps.Processors.Configuration;
using LlmOps.Processors.Model;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Processors.Tests;

/// <summary>The contract every built-in processor keeps: valid defaults, empty batches, cancellation, dispose.</summary>
public sealed class ProcessorConformanceTests
{
    public static TheoryData<string> ProcessorTypes()
    {
        var data = new TheoryData<string>();
        foreach (var f in BuiltInProcessors.Factories)
        {
            data.Add(f.Type);
        }

        return data;
    }

    private static (IProcessorFactory Factory, ServiceProvider Services) Resolve(string type)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddBuiltInProcessors().BuildServiceProvider();
        return (BuiltInProcessors.Factories.Single(f => f.Type == type), services);
    }

    [Theory]
    [MemberData(nameof(ProcessorTypes))]
    public void DefaultOptions_Validate_NoErrors(string type)
    {
        var (factory, services) = Resolve(type);
        using var _ = services;
        var errors = new ValidationErrors();

        factory.Validate(factory.CreateDefaultOptions(), errors);

        Assert.Empty(errors.All);
    }

    [Theory]
    [MemberData(nameof(ProcessorTypes))]
    public async Task ProcessAsync_EmptyBatch_StaysEmpty(string type)
    {
        var (factory, services) = Resolve(type);
        using var _ = services;
        using var processor = factory.Create(type, factory.CreateDefaultOptions(), services);
        var batch = new TelemetryBatch();

        await processor.ProcessAsync(batch, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(batch.IsEmpty);
        Assert.Equal(type, processor.Id);
    }

    [Theory]
    [MemberData(nameof(ProcessorTypes))]
    public async Task ProcessAsync_Cancelled_ThrowsOperationCanceled(string type)
    {
        var (factory, services) = Resolve(type);
        using var _ = services;
        using var processor = factory.Create(type, factory.CreateDefaultOptions(), services);
        var batch = new TelemetryBatch();
        batch.Spans.Add(new SpanRecord { TraceId = new string('1', 32), SpanId = new string('2', 16), Name = "chat m" });
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => processor.ProcessAsync(batch, cts.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [MemberData(nameof(ProcessorTypes))]
    public void Dispose_Twice_DoesNotThrow(string type)
    {
        var (factory, services) = Resolve(type);
        using var _ = services;
        var processor = factory.Create(type, factory.CreateDefaultOptions(), services);

        processor.Dispose();
        var ex = Record.Exception(processor.Dispose);

        Assert.Null(ex);
    }
}
