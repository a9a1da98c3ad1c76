namespace LlmOps.Processors.Configuration;

/// <summary>Describes one component type that may appear in the YAML config (e.g. processor <c>cost</c>).</summary>
internal interface IComponentFactory
{
    string Type { get; }

    ComponentKind Kind { get; }

    Type OptionsType { get; }

    object CreateDefaultOptions();

    void Validate(object options, ValidationErrors errors);
}
