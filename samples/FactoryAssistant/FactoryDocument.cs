namespace FactoryAssistant;

/// <summary>One knowledge-base article.</summary>
internal sealed record FactoryDocument(string Id, string Title, string Text, IReadOnlyList<string> Keywords);
