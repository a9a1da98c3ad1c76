using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Collector.Tests.Observability;

/// <summary>A Kestrel endpoint on 127.0.0.1:0 recording every alert posted to it (Alertmanager webhook or LlmOps webhook).</summary>
internal sealed class WebhookSink : IAsyncDisposable
{
    private readonly TestServer _server;
    private readonly List<ReceivedAlert> _received = [];

    private WebhookSink(TestServer server) => _server = server;

    public Uri Url => new(_server.BaseAddress, "hook");

    public IReadOnlyList<ReceivedAlert> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<WebhookSink> StartAsync()
    {
        WebhookSink? sink = null;
        var server = await TestServer.StartAsync(e => e.MapPost("/hook", async (HttpContext ctx) =>
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            var alerts = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("alerts", out var a) ? a : doc.RootElement;
            var at = TimeProvider.System.GetUtcNow();
            lock (sink!._received)
            {
                foreach (var alert in alerts.ValueKind == JsonValueKind.Array ? alerts.EnumerateArray() : Enumerable.Repeat(alerts, 1))
                {
                    sink._received.Add(new ReceivedAlert(at, alert.Clone()));
                }
            }

            return Results.Ok();
        })).ConfigureAwait(false);
        sink = new WebhookSink(server);
        return sink;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
