using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace FactoryAssistant;

/// <summary>
/// An offline "model": answers from the context documents in the prompt, with simulated latency, token usage,
/// occasional off-topic answers (noise) and, during spikes, high latency and provider errors.
/// </summary>
internal sealed class FakeFactoryModel : IChatClient
{
    private static readonly ChatClientMetadata Metadata = new("openai", new Uri("http://fake-model.local:8000/v1"), "factory-gpt-mini");
    private readonly ModelConditions _conditions;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private int _responses;

    public FakeFactoryModel(ModelConditions conditions, TimeProvider time, int seed)
    {
        _conditions = conditions;
        _time = time;
        _random = new Random(seed);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var (answer, latency, fail) = Plan(list, options);
        await Task.Delay(latency, _time, cancellationToken);
        if (fail)
        {
            throw new HttpRequestException("503 Service Unavailable: model overloaded");
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ResponseId = NextId(),
            ModelId = "factory-gpt-mini-2026-01",
            FinishReason = ChatFinishReason.Stop,
            Usage = Usage(list, options, answer),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var (answer, latency, fail) = Plan(list, options);
        var id = NextId();
        await Task.Delay(latency / 3, _time, cancellationToken);
        if (fail)
        {
            throw new HttpRequestException("503 Service Unavailable: model overloaded");
        }

        var words = answer.Split(' ');
        for (var i = 0; i < words.Length; i += 4)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(15), _time, cancellationToken);
            var chunk = string.Join(' ', words.Skip(i).Take(4)) + (i + 4 < words.Length ? " " : string.Empty);
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk) { ResponseId = id, ModelId = "factory-gpt-mini-2026-01" };
        }

        yield return new ChatResponseUpdate
        {
            ResponseId = id,
            FinishReason = ChatFinishReason.Stop,
            Contents = [new UsageContent(Usage(list, options, answer))],
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(ChatClientMetadata) ? Metadata : null;

    public void Dispose()
    {
    }

    private (string Answer, TimeSpan Latency, bool Fail) Plan(List<ChatMessage> messages, ChatOptions? options)
    {
        double jitter, roll, offTopicRoll;
        lock (_gate)
        {
            jitter = _random.NextDouble();
            roll = _random.NextDouble();
            offTopicRoll = _random.NextDouble();
        }

        var baseMs = 250 + (jitter * 400 * (1 + (_conditions.Noise * 4)));
        var latency = TimeSpan.FromMilliseconds(_conditions.InSpike ? baseMs * 6 : baseMs);
        var fail = roll < (_conditions.InSpike ? 0.3 : _conditions.Noise * 0.05);
        var context = messages.LastOrDefault(m => m.Role == ChatRole.System)?.Text ?? options?.Instructions ?? string.Empty;
        var firstFact = context.Split('\n').FirstOrDefault(l => l.StartsWith("- ", StringComparison.Ordinal))?[2..];
        var answer = offTopicRoll < _conditions.Noise || firstFact is null
            ? "I am not sure; the cafeteria menu changes on Mondays and the parking lot is on the north side."
            : $"According to the maintenance handbook: {firstFact} Let me know if you need the full procedure.";
        return (answer, latency, fail);
    }

    private static UsageDetails Usage(List<ChatMessage> messages, ChatOptions? options, string answer)
    {
        var inputWords = messages.Sum(m => m.Text.Split(' ').Length) + (options?.Instructions?.Split(' ').Length ?? 0);
        var input = (long)(inputWords * 1.3) + 8;
        return new UsageDetails
        {
            InputTokenCount = input,
            OutputTokenCount = (long)(answer.Split(' ').Length * 1.3) + 1,
            CachedInputTokenCount = input / 4,
            TotalTokenCount = input + (long)(answer.Split(' ').Length * 1.3) + 1,
        };
    }

    private string NextId() => "chatcmpl-" + Interlocked.Increment(ref _responses).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
