using LlmOps.Processors.Pipeline;

namespace LlmOps.Processors.Configuration;

/// <summary>The usual processor factory: options type with defaults, its validator, and a create function.</summary>
internal sealed class ProcessorFactory<TOptions>(
    string type,
    IOptionsValidator<TOptions> validator,
    Func<string, TOptions, IServiceProvider, ITelemetryProcessor> create) : IProcessorFactory
    where TOptions : class, new()
{
    public string Type { get; } = type;

    public ComponentKind Kind => ComponentKind.Processor;

    public Type OptionsType => typeof(TOptions);

    public object CreateDefaultOptions() => new TOptions();

    public void Validate(object options, ValidationErrors errors) => validator.Validate((TOptions)options, errors);

    public ITelemetryProcessor Create(string id, object options, IServiceProvider services) => create(id, (TOptions)options, services);
}
