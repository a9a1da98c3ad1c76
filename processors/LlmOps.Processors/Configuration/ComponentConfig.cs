namespace LlmOps.Processors.Configuration;

/// <summary>One configured component: its id, its factory and its bound, validated options.</summary>
internal sealed record ComponentConfig(string Id, IComponentFactory Factory, object Options);
