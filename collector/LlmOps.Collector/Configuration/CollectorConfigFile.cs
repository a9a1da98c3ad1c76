using LlmOps.Collector.Hosting;
using LlmOps.Processors.Configuration;

namespace LlmOps.Collector.Configuration;

/// <summary>Reads the YAML config (a file, or the built-in one) and maps its host settings onto <see cref="CollectorOptions"/>.</summary>
internal static class CollectorConfigFile
{
    public static string BuiltIn()
    {
        using var stream = typeof(CollectorConfigFile).Assembly.GetManifestResourceStream("LlmOps.Collector.collector.yaml")
            ?? throw new InvalidOperationException("the built-in collector.yaml is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads and validates; errors carry their key paths (file problems too).</summary>
    public static ConfigLoadResult Load(string? path, ComponentRegistry registry, Func<string, string?>? environment = null) =>
        Load(path, registry, environment, out _);

    /// <summary>
    /// Loads and validates, and gives the file's text as it was loaded (null for the built-in config or an unreadable
    /// file), for the config watcher to compare later versions with.
    /// </summary>
    public static ConfigLoadResult Load(string? path, ComponentRegistry registry, Func<string, string?>? environment, out ConfigFileSnapshot? snapshot)
    {
        snapshot = null;
        string text;
        if (path is null)
        {
            text = BuiltIn();
        }
        else
        {
            try
            {
                text = File.ReadAllText(path);
                snapshot = new ConfigFileSnapshot(Path.GetFullPath(path), text);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new ConfigLoadResult(null, [$"(config) cannot read '{path}': {ex.Message}"]);
            }
        }

        var result = ConfigLoader.Load(text, registry, environment);
        if (result.Config is { } config && !config.Receivers.Values.Any(r => r.Factory.Type == OtlpReceiverFactory.TypeName))
        {
            return new ConfigLoadResult(null, ["receivers: an otlp receiver is required"]);
        }

        return result;
    }

    /// <summary>The host settings the config determines: OTLP endpoints, body limit, management endpoint and queue.</summary>
    public static void Apply(CollectorConfig config, CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var otlp = config.Find<OtlpReceiverOptions>(ComponentKind.Receiver, OtlpReceiverFactory.TypeName);
        if (otlp is not null)
        {
            options.GrpcEndpoint = otlp.Protocols.Grpc.Endpoint;
            options.HttpEndpoint = otlp.Protocols.Http.Endpoint;
            options.MaxRequestBodyBytes = otlp.MaxRequestBodySize;
            options.RequireIngestApiKey = otlp.RequireApiKey;
        }

        options.ManagementEndpoint = config.Service.Management.Endpoint;
        options.QueueCapacityItems = config.Service.Queue.MaxItems;
        options.MaxItemsPerBatch = config.Service.Queue.MaxBatchItems;
        options.RetryAfter = config.Service.Queue.RetryAfter;
        var storage = config.Find<LlmOps.Storage.StorageOptions>(ComponentKind.Exporter, StorageExporterFactory.TypeName);
        if (storage is not null && storage.Driver == LlmOps.Storage.StorageOptions.SqliteDriver)
        {
            options.DataDirectory = Path.GetDirectoryName(Path.GetFullPath(storage.Path)) ?? options.DataDirectory;
        }

    }
}
