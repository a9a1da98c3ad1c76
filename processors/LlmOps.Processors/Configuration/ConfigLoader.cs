using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Processors.Configuration;

/// <summary>
/// Loads the collector's YAML, shaped like the OpenTelemetry Collector's (<c>receivers</c>, <c>processors</c>,
/// <c>exporters</c>, <c>service.pipelines</c>, ids <c>type[/name]</c>), substitutes <c>${env:VAR}</c> (and
/// <c>${env:VAR:-default}</c>; <c>$$</c> is a literal <c>$</c>), binds each component's settings to its options and
/// validates everything, collecting every error with its key path.
/// </summary>
internal static partial class ConfigLoader
{
    private static readonly string[] Signals = ["traces", "metrics", "logs"];

    public static ConfigLoadResult Load(string yaml, ComponentRegistry registry, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(registry);
        environment ??= Environment.GetEnvironmentVariable;
        var errors = new ValidationErrors();
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                return new ConfigLoadResult(null, ["(root): the config must be a YAML mapping with receivers, processors, exporters and service"]);
            }

            root = map;
        }
        catch (YamlException ex)
        {
            return new ConfigLoadResult(null, [$"(yaml) line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}"]);
        }

        Substitute(root, string.Empty, environment, errors);

        var config = new CollectorConfig();
        foreach (var (keyNode, _) in root.Children)
        {
            var key = Scalar(keyNode);
            if (key is not ("receivers" or "processors" or "exporters" or "service" or "extensions" or "connectors"))
            {
                errors.Add(key, "unknown section (expected receivers, processors, exporters, service)");
            }
        }

        ReadComponents(root, "receivers", ComponentKind.Receiver, registry, config.Receivers, errors);
        ReadComponents(root, "processors", ComponentKind.Processor, registry, config.Processors, errors);
        ReadComponents(root, "exporters", ComponentKind.Exporter, registry, config.Exporters, errors);
        ReadService(root, config, errors);

        return errors.HasErrors ? new ConfigLoadResult(null, errors.All) : new ConfigLoadResult(config, []);
    }

    private static void ReadComponents(
        YamlMappingNode root,
        string section,
        ComponentKind kind,
        ComponentRegistry registry,
        Dictionary<string, ComponentConfig> into,
        ValidationErrors errors)
    {
        var node = Child(root, section);
        if (node is null || IsEmpty(node))
        {
            return;
        }

        if (node is not YamlMappingNode map)
        {
            errors.Add(section, "expected a mapping of component ids to settings");
            return;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var id = Scalar(keyNode);
            var path = errors.At(section).At(id);
            if (!ComponentId.TryParse(id, out var parsed))
            {
                path.Add("invalid component id (expected type or type/name, e.g. cost or cost/premium)");
                continue;
            }

            var factory = registry.Find(kind, parsed.Type);
            if (factory is null)
            {
                path.Add($"unknown {kind.ToString().ToLowerInvariant()} type '{parsed.Type}' (known: {string.Join(", ", registry.TypesOf(kind))})");
                continue;
            }

            var options = factory.CreateDefaultOptions();
            OptionsBinder.Bind(valueNode, options, path);
            factory.Validate(options, path);
            into[id] = new ComponentConfig(id, factory, options);
        }
    }

    private static void ReadService(YamlMappingNode root, CollectorConfig config, ValidationErrors errors)
    {
        var service = Child(root, "service");
        if (service is not YamlMappingNode serviceMap)
        {
            errors.Add("service", "missing: the service section must define pipelines");
            return;
        }

        var rest = new YamlMappingNode();
        YamlNode? pipelines = null;
        foreach (var (k, v) in serviceMap.Children)
        {
            if (Scalar(k) == "pipelines")
            {
                pipelines = v;
            }
            else if (Scalar(k) != "telemetry" && Scalar(k) != "extensions")
            {
                rest.Add(k, v);
            }
        }

        var options = new ServiceOptions();
        OptionsBinder.Bind(rest, options, errors.At("service"));
        ValidateService(options, errors.At("service"));
        config.Service = options;

        if (pipelines is not YamlMappingNode pipeMap || pipeMap.Children.Count == 0)
        {
            errors.Add("service.pipelines", "at least one pipeline (traces, metrics or logs) is required");
            return;
        }

        var signalsSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (k, v) in pipeMap.Children)
        {
            var id = Scalar(k);
            var path = errors.At("service").At("pipelines").At(id);
            if (!ComponentId.TryParse(id, out var parsed) || Array.IndexOf(Signals, parsed.Type) < 0)
            {
                path.Add("pipeline id must be traces, metrics or logs, optionally with /name");
                continue;
            }

            if (v is not YamlMappingNode pm)
            {
                path.Add("expected receivers, processors and exporters lists");
                continue;
            }

            foreach (var (pk, _) in pm.Children)
            {
                if (Scalar(pk) is not ("receivers" or "processors" or "exporters"))
                {
                    path.Add(Scalar(pk), "unknown key (expected receivers, processors, exporters)");
                }
            }

            var receivers = IdList(pm, "receivers", path);
            var processors = IdList(pm, "processors", path);
            var exporters = IdList(pm, "exporters", path);
            if (receivers.Count == 0)
            {
                path.Add("receivers", "at least one receiver is required");
            }

            if (exporters.Count == 0)
            {
                path.Add("exporters", "at least one exporter is required");
            }

            CheckRefs(receivers, config.Receivers, "receivers", path);
            CheckRefs(processors, config.Processors, "processors", path);
            CheckRefs(exporters, config.Exporters, "exporters", path);
            if (processors.Distinct(StringComparer.Ordinal).Count() != processors.Count)
            {
                path.Add("processors", "a processor may appear only once in a pipeline");
            }

            if (!signalsSeen.Add(parsed.Type))
            {
                path.Add($"only one {parsed.Type} pipeline is supported; list every processor and exporter in one");
            }

            config.Pipelines.Add(new PipelineConfig(id, parsed.Type, receivers, processors, exporters));
        }
    }

    private static void ValidateService(ServiceOptions options, ValidationErrors errors)
    {
        if (!EndpointParser.TryParse(options.Management.Endpoint, out _, out _))
        {
            errors.Add("management.endpoint", $"'{options.Management.Endpoint}' is not host:port");
        }

        if (options.Queue.MaxItems < 1)
        {
            errors.Add("queue.max_items", "must be at least 1");
        }

        if (options.Queue.MaxBatchItems < 1 || options.Queue.MaxBatchItems > options.Queue.MaxItems)
        {
            errors.Add("queue.max_batch_items", "must be between 1 and queue.max_items");
        }

        if (options.Queue.RetryAfter <= TimeSpan.Zero)
        {
            errors.Add("queue.retry_after", "must be positive");
        }

        new Alerts.AlertingOptionsValidator().Validate(options.Alerting, errors.At("alerting"));
        new Drift.DriftOptionsValidator().Validate(options.Drift, errors.At("drift"));
        if (options.DriftInterval < TimeSpan.Zero)
        {
            errors.Add("drift_interval", "must not be negative");
        }

        new ManagementOptionsValidator().Validate(options.Management, errors.At("management"));
    }

    private static void CheckRefs(List<string> ids, Dictionary<string, ComponentConfig> defined, string section, ValidationErrors path)
    {
        foreach (var id in ids)
        {
            if (!defined.ContainsKey(id))
            {
                path.Add(section, $"'{id}' is not defined in the top-level {section} section");
            }
        }
    }

    private static List<string> IdList(YamlMappingNode map, string key, ValidationErrors errors)
    {
        var node = Child(map, key);
        var list = new List<string>();
        if (node is null || IsEmpty(node))
        {
            return list;
        }

        if (node is not YamlSequenceNode seq)
        {
            errors.Add(key, "expected a list of component ids");
            return list;
        }

        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode s && !string.IsNullOrEmpty(s.Value))
            {
                list.Add(s.Value);
            }
            else
            {
                errors.Add(key, "every entry must be a component id");
            }
        }

        return list;
    }

    /// <summary>Replaces <c>${env:VAR}</c> / <c>${env:VAR:-default}</c> in every scalar; reports unset variables with their key path.</summary>
    private static void Substitute(YamlNode node, string path, Func<string, string?> environment, ValidationErrors errors)
    {
        switch (node)
        {
            case YamlScalarNode scalar when scalar.Value is not null && scalar.Value.Contains('$', StringComparison.Ordinal):
                scalar.Value = Expand(scalar.Value, path, environment, errors);
                break;
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    Substitute(v, ValidationErrors.Join(path, Scalar(k)), environment, errors);
                }

                break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    Substitute(seq.Children[i], $"{path}[{i}]", environment, errors);
                }

                break;
            default:
                break;
        }
    }

    private static string Expand(string value, string path, Func<string, string?> environment, ValidationErrors errors)
    {
        var sb = new StringBuilder(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '$')
            {
                sb.Append('$');
                i += 2;
                continue;
            }

            var m = EnvPattern().Match(value, i);
            if (value[i] == '$' && m.Success && m.Index == i)
            {
                var name = m.Groups[1].Value;
                var env = environment(name);
                if (env is null && !m.Groups[2].Success)
                {
                    errors.Add(path.Length == 0 ? "(root)" : path, $"environment variable {name} is not set");
                }

                sb.Append(env ?? m.Groups[3].Value);
                i += m.Length;
                continue;
            }

            sb.Append(value[i]);
            i++;
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"\$\{env:([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}")]
    private static partial Regex EnvPattern();

    private static YamlNode? Child(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (Scalar(k) == key)
            {
                return v;
            }
        }

        return null;
    }

    private static bool IsEmpty(YamlNode node) => node is YamlScalarNode s && (s.Value is null or "" or "~" or "null");

    private static string Scalar(YamlNode node) => (node as YamlScalarNode)?.Value ?? string.Empty;
}
