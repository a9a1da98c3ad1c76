namespace LlmOps.Processors.Tests.Grafana;

/// <summary>One dashboard panel: its queries are (expr, legend) pairs.</summary>
internal sealed record PanelSpec(string Title, string Type, string Unit, string Description, IReadOnlyList<(string Expr, string Legend)> Queries, bool Table = false);
