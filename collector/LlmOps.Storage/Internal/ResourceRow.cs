using System.Security.Cryptography;
using System.Text;
using LlmOps.Processors.Model;

namespace LlmOps.Storage.Internal;

/// <summary>
/// A resource stored once in the <c>resources</c> table and referenced by its spans and logs: the id is a hash of its
/// content, so identical resources from any batch or replica share one row.
/// </summary>
internal sealed record ResourceRow(string Id, string SchemaUrl, string? AttributesJson)
{
    public static ResourceRow From(JsonScratch scratch, ResourceInfo resource)
    {
        var json = SpanJson.Attributes(scratch, resource.Attributes);
        Span<byte> hash = stackalloc byte[32];
        var bytes = Encoding.UTF8.GetBytes(string.Concat(resource.SchemaUrl, "\n", json));
        SHA256.HashData(bytes, hash);
        return new ResourceRow(Convert.ToHexStringLower(hash[..16]), resource.SchemaUrl, json);
    }

    public ResourceInfo ToInfo() => new() { SchemaUrl = SchemaUrl, Attributes = SpanJson.ParseAttributes(AttributesJson) };
}
