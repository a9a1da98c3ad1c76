namespace LlmOps.Management.Data;

/// <summary>One versioned schema change; DDL uses the tokens of <see cref="ManagementDatabase.TranslateDdl"/>.</summary>
internal sealed record Migration(int Version, string Name, IReadOnlyList<string> Statements);
