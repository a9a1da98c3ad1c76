using LlmOps.Collector.Diagnostics;
using LlmOps.Collector.Ingest;
using LlmOps.Collector.Receivers;
using LlmOps.Management.Settings;
using LlmOps.Processors.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Hosting;

/// <summary>
/// The collector host: one Kestrel server with three listeners (OTLP/gRPC h2c, OTLP/HTTP, management), the ingest
/// pipeline as a hosted service, and whatever processors and exporters are registered as
/// <see cref="ITelemetryProcessor"/> / <see cref="ITelemetryExporter"/> (in registration order). Stopping (SIGTERM or
/// <see cref="StopAsync"/>) stops accepting, drains the queue through the exporters, then exits.
/// </summary>
internal sealed class CollectorApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ListenerPorts _ports;

    private CollectorApp(WebApplication app, ListenerPorts ports)
    {
        _app = app;
        _ports = ports;
    }

    public int GrpcPort => _ports.GrpcPort;

    public int HttpPort => _ports.HttpPort;

    public int ManagementPort => _ports.ManagementPort;

    public IServiceProvider Services => _app.Services;

    /// <summary>The web application, for the management API to map its endpoints on (served on the management port).</summary>
    public WebApplication Web => _app;

    /// <summary>Builds the host; throws <see cref="CollectorConfigurationException"/> listing every invalid option.</summary>
    public static CollectorApp Create(CollectorOptions options, string[]? args = null, Action<IServiceCollection>? configureServices = null, Action<WebApplication>? configureApp = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = CollectorOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new CollectorConfigurationException(errors);
        }

        Directory.CreateDirectory(options.DataDirectory);
        // The collector's own YAML is its configuration: the host's file watcher is switched off, because with the
        // data directory under the working directory every database write would wake it (inotify) for nothing.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false", .. args ?? []],
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

        var ports = new ListenerPorts();
        var grpc = ListenEndpoint.Parse(options.GrpcEndpoint);
        var http = ListenEndpoint.Parse(options.HttpEndpoint);
        var management = ListenEndpoint.Parse(options.ManagementEndpoint);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(grpc.Address, grpc.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                ports.Grpc = listen;
            });
            // Cleartext: HTTP/2 there would need prior knowledge, which OTLP/HTTP clients and browsers do not use (Kestrel
            // serves only HTTP/1.1 on a cleartext "HTTP/1.1 and HTTP/2" endpoint, and warned so at every start).
            kestrel.Listen(http.Address, http.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                ports.Http = listen;
            });
            kestrel.Listen(management.Address, management.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                ports.Management = listen;
            });
        });

        var services = builder.Services;
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        services.AddSingleton(options);
        services.AddSingleton(ports);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CollectorMetrics>();
        services.AddSingleton<IngestActivity>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<IIngestSink>(sp => sp.GetRequiredService<IngestPipeline>());
        services.AddHostedService(sp => sp.GetRequiredService<IngestPipeline>());
        services.AddSingleton<OtlpIngestor>();
        services.AddSingleton<IngestKeyCheck>();
        services.AddSingleton<GrpcOtlpReceiver>();
        services.AddSingleton<HttpOtlpReceiver>();
        configureServices?.Invoke(services);
        services.TryAddSingleton<IPipelineRunner, DefaultPipelineRunner>();

        // Without the management store only configured keys exist (none: every key is refused when the check is on).
        services.TryAddSingleton<IApiKeyAuthenticator>(new ConfiguredApiKeys([]));

        var app = builder.Build();
        var grpcReceiver = app.Services.GetRequiredService<GrpcOtlpReceiver>();
        var httpReceiver = app.Services.GetRequiredService<HttpOtlpReceiver>();
        app.Use((context, next) =>
        {
            var port = context.Connection.LocalPort;
            if (port == ports.GrpcPort)
            {
                return grpcReceiver.HandleAsync(context);
            }

            if (port == ports.HttpPort)
            {
                return httpReceiver.HandleAsync(context);
            }

            return HeadAsGet.Applies(context) ? HeadAsGet.InvokeAsync(context, () => next(context)) : next(context);
        });

        // Explicitly here, so HEAD is turned into GET before the route is matched.
        app.UseRouting();
        app.MapHealthEndpoints();
        configureApp?.Invoke(app);
        return new CollectorApp(app, ports);
    }

    /// <summary>Builds and starts a collector; the bound ports are known when this returns.</summary>
    public static async Task<CollectorApp> StartAsync(CollectorOptions options, Action<IServiceCollection>? configureServices = null, CancellationToken cancellationToken = default)
    {
        var app = Create(options, null, configureServices);
        try
        {
            await app._app.StartAsync(cancellationToken).ConfigureAwait(false);
            return app;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => _app.StartAsync(cancellationToken);

    /// <summary>Runs until SIGTERM / Ctrl+C, then stops gracefully.</summary>
    public Task RunAsync(CancellationToken cancellationToken = default) => _app.RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
