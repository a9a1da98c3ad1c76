using Microsoft.Extensions.AI;

namespace LlmOps.Benchmarks.Sdk;

/// <summary>A model client that answers synchronously with a fresh response, so only instrumentation is measured.</summary>
internal sealed class BenchChatClient : IChatClient
{
    private static readonly ChatClientMetadata Metadata = new("openai", new Uri("https://api.example.test/v1"), "gpt-bench");
    private static readonly ChatMessage Answer = new(ChatRole.Assistant, "Grease spindle 3 every 500 h.");
    private static readonly UsageDetails Usage = new() { InputTokenCount = 120, OutputTokenCount = 30 };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(Answer)
        {
            ResponseId = "resp-1",
            ModelId = "gpt-bench-2026",
            FinishReason = ChatFinishReason.Stop,
            Usage = Usage,
        });

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(ChatClientMetadata) ? Metadata : null;

    public void Dispose()
    {
    }
}
