using System.Runtime.InteropServices;
using LlmOps.Processors.Model;

namespace LlmOps.Storage.Internal;

/// <summary>Per-batch map from resource instances (spans of one OTLP ResourceSpans share one) to their stored row.</summary>
internal sealed class ResourceCache
{
    private readonly Dictionary<ResourceInfo, ResourceRow> _byInstance = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, ResourceRow> _byId = new(StringComparer.Ordinal);

    public IEnumerable<ResourceRow> Rows => _byId.Values;

    public ResourceRow Get(JsonScratch scratch, ResourceInfo resource)
    {
        ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(_byInstance, resource, out var exists);
        if (!exists)
        {
            var made = ResourceRow.From(scratch, resource);
            if (!_byId.TryGetValue(made.Id, out var shared))
            {
                _byId.Add(made.Id, made);
                shared = made;
            }

            row = shared;
        }

        return row!;
    }

    public void Clear()
    {
        _byInstance.Clear();
        _byId.Clear();
    }
}
