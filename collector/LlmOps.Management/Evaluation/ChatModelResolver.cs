namespace LlmOps.Management.Evaluation;

/// <summary>Picks the model implementation for a run: <c>fake</c> is offline; any other name goes to the configured endpoint.</summary>
internal sealed class ChatModelResolver
{
    private readonly FakeChatModel _fake;
    private readonly OpenAiCompatibleChatModel _http;

    public ChatModelResolver(FakeChatModel fake, OpenAiCompatibleChatModel http)
    {
        _fake = fake;
        _http = http;
    }

    public bool IsAvailable(string model) => model == FakeChatModel.ModelName || _http.IsConfigured;

    public IChatModel Resolve(string model) => model == FakeChatModel.ModelName ? _fake : _http;
}
