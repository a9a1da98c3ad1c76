namespace LlmOps.Processors.Configuration;

/// <summary>Every component type the collector knows, by kind and type name.</summary>
internal sealed class ComponentRegistry
{
    private readonly Dictionary<(ComponentKind, string), IComponentFactory> _factories = [];

    public ComponentRegistry Add(IComponentFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factories[(factory.Kind, factory.Type)] = factory;
        return this;
    }

    public IComponentFactory? Find(ComponentKind kind, string type) =>
        _factories.TryGetValue((kind, type), out var f) ? f : null;

    public IEnumerable<string> TypesOf(ComponentKind kind) =>
        _factories.Keys.Where(k => k.Item1 == kind).Select(k => k.Item2).Order(StringComparer.Ordinal);
}
