using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LlmOps.Management.Tests.Infrastructure;

/// <summary>Helpers shared by the per-area API tests (run once per backend by the concrete classes).</summary>
public abstract class ApiTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private protected ApiTestBase(AppFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        if (fixture.Unavailable is { } reason)
        {
            throw new BackendUnavailableException(reason.Message, reason);
        }

        App = fixture.App;
        Fixture = fixture;
    }

    private protected AppFixture Fixture { get; }

    /// <summary>A second app on a fresh database of the same backend (for tests that break or lock down their database).</summary>
    private protected async Task<ManagementApp> StartFreshAppAsync(Action<ManagementStoreOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var location = await Backend.CreateAsync(Fixture.Provider, "fresh").ConfigureAwait(false);
        return await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location, configure), services).ConfigureAwait(false);
    }

    /// <summary>Another app on the same database as <see cref="App"/> (a second collector replica).</summary>
    private protected Task<ManagementApp> StartReplicaAsync() =>
        ManagementApp.StartAsync(Backend.Options(Fixture.Provider, Fixture.Location, o => o.InstanceId = "replica-" + Guid.NewGuid().ToString("N")));

    private protected ManagementApp App { get; }

    private protected HttpClient Client => App.Client;

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    protected async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null, string? rawBody = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8, contentType);
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Client.SendAsync(request).WaitAsync(Timeout).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(Timeout).ConfigureAwait(false);
        var json = text.Length == 0 || !(response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) ?? false)
            ? default
            : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json);
    }

    protected Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    protected Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    protected Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(string path, object? body) => SendAsync(HttpMethod.Put, path, body);

    protected Task<(HttpStatusCode Status, JsonElement Body)> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    protected async Task<JsonElement> OkAsync(Task<(HttpStatusCode Status, JsonElement Body)> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (status, body) = await call.ConfigureAwait(false);
        Assert.True(status == expected, $"expected {(int)expected} but got {(int)status}: {(body.ValueKind == JsonValueKind.Undefined ? string.Empty : body.GetRawText())}");
        return body;
    }

    /// <summary>Asserts a problem answer with the status and a message containing <paramref name="messagePart"/>.</summary>
    protected static void AssertProblem((HttpStatusCode Status, JsonElement Body) response, HttpStatusCode status, string messagePart)
    {
        Assert.True(response.Status == status, $"expected {(int)status} but got {(int)response.Status}: {(response.Body.ValueKind == JsonValueKind.Undefined ? "<no body>" : response.Body.GetRawText())}");
        Assert.Equal(JsonValueKind.Object, response.Body.ValueKind);
        Assert.Equal((int)status, response.Body.GetProperty("status").GetInt32());
        var detail = response.Body.TryGetProperty("detail", out var d) ? d.GetString() ?? string.Empty : string.Empty;
        Assert.True(detail.Contains(messagePart, StringComparison.OrdinalIgnoreCase), $"'{messagePart}' not in: {detail}");
    }

    /// <summary>The newest audit sequence number: unchanged means nothing was written.</summary>
    protected async Task<long> AuditHeadAsync() => await App.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1").ConfigureAwait(false);

    /// <summary>Sends a bad request, checks the problem answer, and that neither the audit log nor <paramref name="state"/> changed.</summary>
    protected async Task AssertRejectedAsync(
        Func<Task<(HttpStatusCode Status, JsonElement Body)>> call,
        HttpStatusCode status,
        string messagePart,
        string statePath)
    {
        ArgumentNullException.ThrowIfNull(call);
        var before = (await GetAsync(statePath).ConfigureAwait(false)).Body.GetRawText();
        var head = await AuditHeadAsync().ConfigureAwait(false);
        AssertProblem(await call().ConfigureAwait(false), status, messagePart);
        Assert.Equal(head, await AuditHeadAsync().ConfigureAwait(false));
        Assert.Equal(before, (await GetAsync(statePath).ConfigureAwait(false)).Body.GetRawText());
    }

    /// <summary>Polls until <paramref name="condition"/> holds or the deadline passes.</summary>
    protected static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = TimeProvider.System.GetTimestamp() + (long)((within ?? TimeSpan.FromSeconds(30)).TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            var value = await probe().ConfigureAwait(false);
            if (condition(value))
            {
                return value;
            }

            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                Assert.Fail($"condition not met in time; last value: {value}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }
}
