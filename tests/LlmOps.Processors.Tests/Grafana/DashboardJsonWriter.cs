using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LlmOps.Processors.Tests.Grafana;

/// <summary>Renders a <see cref="DashboardSpec"/> as Grafana dashboard JSON (schema 39) on the provisioned datasource.</summary>
internal static class DashboardJsonWriter
{
    public const string DatasourceUid = "llmops-prometheus";

    public static string Write(DashboardSpec d)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("uid", d.Uid);
            w.WriteString("title", d.Title);
            w.WriteString("description", d.Description);
            w.WriteStartArray("tags");
            w.WriteStringValue("llmops");
            w.WriteEndArray();
            w.WriteNumber("schemaVersion", 39);
            w.WriteNumber("version", 1);
            w.WriteBoolean("editable", true);
            w.WriteString("refresh", "10s");
            w.WriteStartObject("time");
            w.WriteString("from", "now-1h");
            w.WriteString("to", "now");
            w.WriteEndObject();
            w.WriteStartArray("panels");
            int x = 0, y = 0, rowHeight = 0, id = 1;
            foreach (var p in d.Panels)
            {
                var (width, height) = p.Type == "stat" ? (4, 4) : p.Table ? (24, 8) : (12, 8);
                if (x + width > 24)
                {
                    x = 0;
                    y += rowHeight;
                    rowHeight = 0;
                }

                WritePanel(w, p, id++, x, y, width, height);
                x += width;
                rowHeight = Math.Max(rowHeight, height);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void WritePanel(Utf8JsonWriter w, PanelSpec p, int id, int x, int y, int width, int height)
    {
        w.WriteStartObject();
        w.WriteNumber("id", id);
        w.WriteString("type", p.Type);
        w.WriteString("title", p.Title);
        w.WriteString("description", p.Description);
        Datasource(w);
        w.WriteStartObject("gridPos");
        w.WriteNumber("h", height);
        w.WriteNumber("w", width);
        w.WriteNumber("x", x);
        w.WriteNumber("y", y);
        w.WriteEndObject();
        w.WriteStartObject("fieldConfig");
        w.WriteStartObject("defaults");
        w.WriteString("unit", p.Unit);
        w.WriteEndObject();
        w.WriteStartArray("overrides");
        w.WriteEndArray();
        w.WriteEndObject();
        if (p.Table)
        {
            w.WriteStartArray("transformations");
            w.WriteStartObject();
            w.WriteString("id", "organize");
            w.WriteStartObject("options");
            w.WriteStartObject("excludeByName");
            w.WriteBoolean("Time", true);
            w.WriteBoolean("Value", true);
            w.WriteBoolean("__name__", true);
            w.WriteBoolean("instance", true);
            w.WriteBoolean("job", true);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteStartArray("targets");
        var refId = 'A';
        foreach (var (expr, legend) in p.Queries)
        {
            w.WriteStartObject();
            w.WriteString("refId", (refId++).ToString());
            Datasource(w);
            w.WriteString("expr", expr);
            if (legend.Length > 0)
            {
                w.WriteString("legendFormat", legend);
            }

            var instant = p.Table || p.Type is "stat" or "bargauge";
            w.WriteBoolean("instant", instant);
            w.WriteBoolean("range", !instant);
            if (p.Table)
            {
                w.WriteString("format", "table");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Datasource(Utf8JsonWriter w)
    {
        w.WriteStartObject("datasource");
        w.WriteString("type", "prometheus");
        w.WriteString("uid", DatasourceUid);
        w.WriteEndObject();
    }
}
