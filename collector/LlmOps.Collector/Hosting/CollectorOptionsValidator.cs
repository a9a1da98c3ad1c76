using System.Globalization;

namespace LlmOps.Collector.Hosting;

/// <summary>Checks <see cref="CollectorOptions"/> and reports every problem at once, each with the property it concerns.</summary>
internal static class CollectorOptionsValidator
{
    public static IReadOnlyList<string> Validate(CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var endpoints = new List<(string Name, ListenEndpoint Endpoint)>(3);
        CheckEndpoint(nameof(CollectorOptions.GrpcEndpoint), options.GrpcEndpoint, errors, endpoints);
        CheckEndpoint(nameof(CollectorOptions.HttpEndpoint), options.HttpEndpoint, errors, endpoints);
        CheckEndpoint(nameof(CollectorOptions.ManagementEndpoint), options.ManagementEndpoint, errors, endpoints);
        for (var i = 0; i < endpoints.Count; i++)
        {
            for (var j = i + 1; j < endpoints.Count; j++)
            {
                if (endpoints[i].Endpoint.Port != 0 && endpoints[i].Endpoint.Port == endpoints[j].Endpoint.Port)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{endpoints[j].Name}: port {endpoints[j].Endpoint.Port} is already used by {endpoints[i].Name}"));
                }
            }
        }

        Positive(nameof(CollectorOptions.MaxRequestBodyBytes), options.MaxRequestBodyBytes, errors);
        Positive(nameof(CollectorOptions.QueueCapacityItems), options.QueueCapacityItems, errors);
        Positive(nameof(CollectorOptions.MaxRequestsPerBatch), options.MaxRequestsPerBatch, errors);
        Positive(nameof(CollectorOptions.MaxItemsPerBatch), options.MaxItemsPerBatch, errors);
        if (options.RetryAfter <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(CollectorOptions.RetryAfter)}: must be positive");
        }

        if (options.ExportTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(CollectorOptions.ExportTimeout)}: must be positive");
        }

        if (options.ShutdownTimeout < TimeSpan.Zero)
        {
            errors.Add($"{nameof(CollectorOptions.ShutdownTimeout)}: must not be negative");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add($"{nameof(CollectorOptions.DataDirectory)}: must not be empty");
        }

        return errors;
    }

    private static void CheckEndpoint(string name, string? value, List<string> errors, List<(string, ListenEndpoint)> parsed)
    {
        if (ListenEndpoint.TryParse(value, out var endpoint, out var error))
        {
            parsed.Add((name, endpoint));
        }
        else
        {
            errors.Add($"{name}: {error}");
        }
    }

    private static void Positive(string name, int value, List<string> errors)
    {
        if (value <= 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: must be positive (was {value})"));
        }
    }
}
