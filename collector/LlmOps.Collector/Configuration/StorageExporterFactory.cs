using LlmOps.Processors.Configuration;
using LlmOps.Processors.Pipeline;
using LlmOps.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Collector.Configuration;

/// <summary>
/// The <c>storage</c> exporter: the telemetry store (SQLite by default, PostgreSQL with <c>driver: postgres</c>) as
/// the pipeline's durable exporter. The store itself is a singleton shared with the query and management APIs.
/// </summary>
internal sealed class StorageExporterFactory : IExporterFactory
{
    public const string TypeName = "storage";

    public string Type => TypeName;

    public ComponentKind Kind => ComponentKind.Exporter;

    public Type OptionsType => typeof(StorageOptions);

    public object CreateDefaultOptions() => new StorageOptions();

    public void Validate(object options, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var o = (StorageOptions)options;
        if (string.IsNullOrEmpty(o.ConnectionString))
        {
            o.ConnectionString = null;
        }

        // The store's validator prefixes keys itself; re-root them under this component's path.
        foreach (var error in StorageOptionsValidator.Validate(o, "#"))
        {
            var colon = error.IndexOf(": ", StringComparison.Ordinal);
            if (error.StartsWith("#.", StringComparison.Ordinal) && colon > 2)
            {
                errors.Add(error[2..colon], error[(colon + 2)..]);
            }
            else
            {
                errors.Add(error);
            }
        }
    }

    public ITelemetryExporter Create(string id, object options, IServiceProvider services) =>
        new TelemetryStoreExporter(services.GetRequiredService<ITelemetryStore>(), id);
}
