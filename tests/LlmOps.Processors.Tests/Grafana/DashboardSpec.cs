namespace LlmOps.Processors.Tests.Grafana;

internal sealed record DashboardSpec(string FileName, string Uid, string Title, string Description, IReadOnlyList<PanelSpec> Panels);
