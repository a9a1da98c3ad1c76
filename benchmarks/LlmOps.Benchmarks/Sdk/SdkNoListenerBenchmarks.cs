using BenchmarkDotNet.Attributes;
using LlmOps.Sdk;
using Microsoft.Extensions.AI;

namespace LlmOps.Benchmarks.Sdk;

/// <summary>The wrapper's cost when no TracerProvider or MeterProvider listens: target ≤ 50 ns and 0 bytes added.</summary>
[MemoryDiagnoser]
public class SdkNoListenerBenchmarks
{
    private readonly List<ChatMessage> _messages = [new(ChatRole.User, "How often do I grease spindle 3?")];
    private readonly ChatOptions _options = new() { Temperature = 0.2f, MaxOutputTokens = 256, ConversationId = "sess-1" };
    private IChatClient _bare = null!;
    private IChatClient _wrapped = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bare = new BenchChatClient();
        _wrapped = new BenchChatClient().UseLlmOps();
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> BareInnerClient() => _bare.GetResponseAsync(_messages, _options);

    [Benchmark]
    public Task<ChatResponse> LlmOpsNoListener() => _wrapped.GetResponseAsync(_messages, _options);
}
