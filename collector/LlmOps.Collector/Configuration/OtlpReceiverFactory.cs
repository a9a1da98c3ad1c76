using LlmOps.Processors.Configuration;

namespace LlmOps.Collector.Configuration;

/// <summary>The <c>otlp</c> receiver type: one per collector (its listeners are the host's OTLP ports).</summary>
internal sealed class OtlpReceiverFactory : IComponentFactory
{
    public const string TypeName = "otlp";

    public string Type => TypeName;

    public ComponentKind Kind => ComponentKind.Receiver;

    public Type OptionsType => typeof(OtlpReceiverOptions);

    public object CreateDefaultOptions() => new OtlpReceiverOptions();

    public void Validate(object options, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var o = (OtlpReceiverOptions)options;
        if (!EndpointParser.TryParse(o.Protocols.Grpc.Endpoint, out _, out _))
        {
            errors.Add("protocols.grpc.endpoint", $"'{o.Protocols.Grpc.Endpoint}' is not host:port");
        }

        if (!EndpointParser.TryParse(o.Protocols.Http.Endpoint, out _, out _))
        {
            errors.Add("protocols.http.endpoint", $"'{o.Protocols.Http.Endpoint}' is not host:port");
        }

        if (o.MaxRequestBodySize < 1024)
        {
            errors.Add("max_request_body_size", "must be at least 1024 bytes");
        }
    }
}
