namespace LlmOps.Management.Evaluation;

/// <summary>A chat model an evaluation run sends dataset items through.</summary>
internal interface IChatModel
{
    /// <summary>Throws <see cref="ChatModelException"/> when the model cannot answer.</summary>
    Task<ChatModelResponse> CompleteAsync(ChatModelRequest request, CancellationToken cancellationToken);
}
