using System.Net;
using LlmOps.Management.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOps.Management.Tests.Infrastructure;

/// <summary>A real Kestrel app on 127.0.0.1:0 hosting only the management services and <c>MapManagementApi</c>.</summary>
internal sealed class ManagementApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ManagementApp(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public ManagementDatabase Database => Services.GetRequiredService<ManagementDatabase>();

    public static async Task<ManagementApp> StartAsync(ManagementStoreOptions options, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddLlmOpsManagement(options);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapManagementApi();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ManagementApp(app, new Uri(address));
    }

    /// <summary>Runs raw SQL against the database (to tamper with rows as an attacker would).</summary>
    public Task<int> ExecuteSqlAsync(string sql) =>
        Database.WriteAsync(s => s.ExecuteAsync(sql, CancellationToken.None), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

    public async Task<long> ScalarAsync(string sql) =>
        await Database.ReadAsync(s => s.ScalarLongAsync(sql, CancellationToken.None), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false) ?? 0;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
