using System.Text.Json;
using LlmOps.Processors.Alerts;
using LlmOps.Processors.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace LlmOps.Processors.Tests.Alerts;

public sealed class NotifierTests
{
    private static AlertNotification Sample(bool resolved = false) => new(
        "errors", resolved,
        new Dictionary<string, string> { ["alertname"] = "HighErrors", ["rule_id"] = "errors", ["severity"] = "critical" },
        new Dictionary<string, string> { ["summary"] = "s", ["description"] = "Error rate moved; model 'x' explains it." },
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 3, 0, TimeSpan.Zero), "http://localhost:8080/alerts/errors");

    [Fact]
    public async Task Alertmanager_Send_PostsApiV2ArrayShape()
    {
        string? body = null;
        string? path = null;
        await using var server = await TestServer.StartAsync(e => e.MapPost("/api/v2/alerts", async (HttpContext ctx) =>
        {
            path = ctx.Request.Path;
            body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            return Results.Ok();
        }));
        using var http = new HttpClient();
        await new AlertmanagerNotifier(http, server.BaseAddress).SendAsync([Sample()], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("/api/v2/alerts", path);
        using var doc = JsonDocument.Parse(body!);
        var alert = doc.RootElement[0];
        Assert.Equal("HighErrors", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("Error rate moved; model 'x' explains it.", alert.GetProperty("annotations").GetProperty("description").GetString());
        Assert.Equal("2026-01-01T00:00:00.000Z", alert.GetProperty("startsAt").GetString());
        Assert.Equal("2026-01-01T00:03:00.000Z", alert.GetProperty("endsAt").GetString());
        Assert.Equal("http://localhost:8080/alerts/errors", alert.GetProperty("generatorURL").GetString());
    }

    [Fact]
    public async Task Webhook_Send_StatusAndAlerts()
    {
        string? body = null;
        await using var server = await TestServer.StartAsync(e => e.MapPost("/hook", async (HttpContext ctx) =>
        {
            body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            return Results.Ok();
        }));
        using var http = new HttpClient();
        await new WebhookNotifier(http, new Uri(server.BaseAddress, "hook")).SendAsync([Sample(resolved: true)], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        using var doc = JsonDocument.Parse(body!);
        Assert.Equal("resolved", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal("resolved", doc.RootElement.GetProperty("alerts")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Webhook_CredentialsInUrl_SentAsBasicAuthNotInTheUrl()
    {
        string? authorization = null;
        string? path = null;
        await using var server = await TestServer.StartAsync(e => e.MapPost("/hooks/T0/SECRET", (HttpContext ctx) =>
        {
            authorization = ctx.Request.Headers.Authorization;
            path = ctx.Request.Path + ctx.Request.QueryString;
            return Results.Ok();
        }));
        using var http = new HttpClient();
        var url = new Uri($"http://us%40er:p%3Ass@{server.BaseAddress.Authority}/hooks/T0/SECRET?token=q");
        var notifier = new WebhookNotifier(http, url);
        await notifier.SendAsync([Sample()], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("us@er:p:ss")), authorization);
        Assert.Equal("/hooks/T0/SECRET?token=q", path);
        Assert.Equal("webhook:" + server.BaseAddress.Host, notifier.Name);
    }

    [Fact]
    public async Task Retry_ServerErrorsThenOk_RetriedWithBackoff()
    {
        var calls = 0;
        await using var server = await TestServer.StartAsync(e => e.MapPost("/hook", () => Interlocked.Increment(ref calls) < 3 ? Results.StatusCode(503) : Results.Ok()));
        using var http = new HttpClient();
        var notifier = new WebhookNotifier(http, new Uri(server.BaseAddress, "hook"));
        var (ok, attempts, _) = await Retry.RunAsync(ct => notifier.SendAsync([Sample()], ct), new RetryOptions { InitialBackoff = TimeSpan.FromMilliseconds(10), MaxAttempts = 5 }, TimeProvider.System, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(ok);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Retry_BadRequest_NotRetried()
    {
        var calls = 0;
        await using var server = await TestServer.StartAsync(e => e.MapPost("/hook", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.BadRequest("bad");
        }));
        using var http = new HttpClient();
        var notifier = new WebhookNotifier(http, new Uri(server.BaseAddress, "hook"));
        var (ok, attempts, error) = await Retry.RunAsync(ct => notifier.SendAsync([Sample()], ct), new RetryOptions { InitialBackoff = TimeSpan.Zero, MaxAttempts = 5 }, TimeProvider.System, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(ok);
        Assert.Equal(1, attempts);
        Assert.Equal(1, calls);
        Assert.IsType<NonRetryableDeliveryException>(error);
    }
}
