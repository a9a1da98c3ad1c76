namespace LlmOps.Management.Evaluation;

/// <summary>
/// The offline model: answers from the item's expected output (or the first sentence of its context), and for a
/// deterministic fraction <see cref="ChatModelRequest.Noise"/> of items (chosen by hashing the seed and input) gives a
/// vague wrong answer instead. Latency and tokens are derived from the text, never waited for.
/// </summary>
internal sealed class FakeChatModel : IChatModel
{
    public const string ModelName = "fake";

    public Task<ChatModelResponse> CompleteAsync(ChatModelRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var draw = StableHash.Unit(request.Seed + "\n" + request.UserMessage);
        string answer;
        if (draw < request.Noise)
        {
            answer = "I am not certain about that; please consult the plant supervisor.";
        }
        else if (!string.IsNullOrWhiteSpace(request.ExpectedOutput))
        {
            answer = request.ExpectedOutput;
        }
        else if (!string.IsNullOrWhiteSpace(request.Context))
        {
            var ctx = request.Context.Trim();
            var end = ctx.IndexOf(". ", StringComparison.Ordinal);
            answer = end > 0 ? ctx[..(end + 1)] : ctx;
        }
        else
        {
            answer = "I don't know.";
        }

        var input = (request.SystemPrompt.Length + request.UserMessage.Length + 3) / 4;
        var output = (answer.Length + 3) / 4;
        var latency = 40 + (StableHash.Unit("latency\n" + request.UserMessage) * 160) + (output * 2.0);
        return Task.FromResult(new ChatModelResponse(answer, input, output, latency));
    }
}
