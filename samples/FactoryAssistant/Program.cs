using FactoryAssistant;
using LlmOps.Sdk;
using LlmOps.Sdk.Context;
using LlmOps.Sdk.OpenTelemetry;
using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

// Factory assistant sample and load simulator. Examples:
//   dotnet run --project samples/FactoryAssistant -- --endpoint http://localhost:4317 --duration 60 --rate 2
//   dotnet run --project samples/FactoryAssistant -- --protocol http --endpoint http://localhost:4318 --duration 0 --noise 0.3 --spike-every 60
var options = SimulatorOptions.Parse(args, Environment.GetEnvironmentVariable);

// Set-up: traces, metrics, logs and feedback to the collector over OTLP.
await using var telemetry = LlmOpsTelemetry.Start(o =>
{
    o.Endpoint = options.Endpoint;
    o.Protocol = options.HttpProtocol ? LlmOpsOtlpProtocol.HttpProtobuf : LlmOpsOtlpProtocol.Grpc;
    o.ServiceName = "factory-assistant";
    o.CaptureMessageContent = options.CaptureContent;
    o.MetricExportInterval = TimeSpan.FromSeconds(5);
    o.FeedbackEndpoint = options.FeedbackEndpoint;
    o.AdditionalSources.Add(Simulator.Source.Name);
});

var conditions = new ModelConditions { Noise = options.Noise };

// The one line: instrument the model client.
IChatClient chat = new FakeFactoryModel(conditions, TimeProvider.System, options.Seed).UseLlmOps(o => o.MetricDimensions = LlmOpsMetricDimensions.Prompt);

var logger = telemetry.LoggerFactory.CreateLogger("FactoryAssistant");
var knowledgeBase = new KnowledgeBase();
var prompt = await LoadPromptAsync(options);
var simulator = new Simulator(chat, knowledgeBase, prompt, telemetry, conditions, options, logger);

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
if (options.Duration > TimeSpan.Zero)
{
    stop.CancelAfter(options.Duration);
}

Console.WriteLine($"factory-assistant → {options.Endpoint} ({(options.HttpProtocol ? "OTLP/HTTP" : "OTLP/gRPC")}), prompt {prompt.Name} v{prompt.Version} ({prompt.Source}), " +
    $"{options.Rate}/s, {(options.Duration > TimeSpan.Zero ? options.Duration.TotalSeconds + " s" : "until Ctrl+C")}, noise {options.Noise}");
await simulator.RunAsync(stop.Token);
Console.WriteLine(simulator.Summary());
return 0;

static async Task<LlmOpsPrompt> LoadPromptAsync(SimulatorOptions options)
{
    // The collector seeds this prompt (name, variables {{context}} and {{input}}) on first start; the embedded default
    // has the same name and variables, so either one renders the same way.
    var embedded = new LlmOpsPrompt(
        Simulator.PromptName,
        "You are the Smart Factory assistant. Answer the operator's question briefly, using only the context.\n\nContext:\n{{context}}\n\nQuestion: {{input}}");
    if (options.PromptRegistry is null)
    {
        return embedded;
    }

    using var prompts = new LlmOpsPromptClient(new LlmOpsPromptClientOptions { BaseAddress = options.PromptRegistry, RequestTimeout = TimeSpan.FromSeconds(2) });
    return await prompts.GetPromptAsync(Simulator.PromptName, "production", embedded);
}
