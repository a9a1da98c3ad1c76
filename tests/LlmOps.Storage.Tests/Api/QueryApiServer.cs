using LlmOps.Collector.Api;
using LlmOps.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOps.Storage.Tests.Api;

/// <summary>A real Kestrel app on 127.0.0.1:0 with a SQLite store and the query API, as the collector hosts it.</summary>
internal sealed class QueryApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _dir;

    private QueryApiServer(WebApplication app, DirectoryInfo dir, ITelemetryStore store, HttpClient client)
    {
        _app = app;
        _dir = dir;
        Store = store;
        Client = client;
    }

    public ITelemetryStore Store { get; }

    public HttpClient Client { get; }

    public static async Task<QueryApiServer> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("llmops-api-");
        var store = new SqliteTelemetryStore(new StorageOptions { Path = Path.Combine(dir.FullName, "api.db") }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ITelemetryStore>(store);
        var app = builder.Build();
        app.MapQueryApi();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        return new QueryApiServer(app, dir, store, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
