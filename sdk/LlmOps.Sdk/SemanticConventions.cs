namespace LlmOps.Sdk;

/// <summary>
/// Every telemetry name LlmOps emits or reads, in one place: OpenTelemetry GenAI semantic conventions v1.41, the
/// deprecated names the collector still accepts, OpenInference <c>llm.*</c> names, and the project's own
/// <c>llmops.*</c> names. The SDK compiles this file; the collector links the same file, so the two cannot drift.
/// </summary>
internal static class SemanticConventions
{
    // Operation and provider
    public const string GenAiOperationName = "gen_ai.operation.name";
    public const string GenAiProviderName = "gen_ai.provider.name";
    public const string GenAiSystemDeprecated = "gen_ai.system";

    // Request
    public const string GenAiRequestModel = "gen_ai.request.model";
    public const string GenAiRequestTemperature = "gen_ai.request.temperature";
    public const string GenAiRequestTopP = "gen_ai.request.top_p";
    public const string GenAiRequestTopK = "gen_ai.request.top_k";
    public const string GenAiRequestMaxTokens = "gen_ai.request.max_tokens";
    public const string GenAiRequestFrequencyPenalty = "gen_ai.request.frequency_penalty";
    public const string GenAiRequestPresencePenalty = "gen_ai.request.presence_penalty";
    public const string GenAiRequestStopSequences = "gen_ai.request.stop_sequences";
    public const string GenAiRequestSeed = "gen_ai.request.seed";
    public const string GenAiRequestChoiceCount = "gen_ai.request.choice.count";
    public const string GenAiRequestStream = "gen_ai.request.stream";
    public const string GenAiOutputType = "gen_ai.output.type";

    // Response
    public const string GenAiResponseId = "gen_ai.response.id";
    public const string GenAiResponseModel = "gen_ai.response.model";
    public const string GenAiResponseFinishReasons = "gen_ai.response.finish_reasons";
    public const string GenAiResponseTimeToFirstChunk = "gen_ai.response.time_to_first_chunk";
    public const string OpenAiResponseSystemFingerprint = "openai.response.system_fingerprint";

    // Usage
    public const string GenAiUsageInputTokens = "gen_ai.usage.input_tokens";
    public const string GenAiUsageOutputTokens = "gen_ai.usage.output_tokens";
    public const string GenAiUsageCachedInputTokens = "gen_ai.usage.cache_read.input_tokens";
    public const string GenAiUsageReasoningTokens = "gen_ai.usage.reasoning.output_tokens";
    public const string GenAiUsagePromptTokensDeprecated = "gen_ai.usage.prompt_tokens";
    public const string GenAiUsageCompletionTokensDeprecated = "gen_ai.usage.completion_tokens";
    public const string GenAiTokenType = "gen_ai.token.type";
    public const string GenAiTokenTypeInput = "input";
    public const string GenAiTokenTypeOutput = "output";

    // Conversation, agent, content
    public const string GenAiConversationId = "gen_ai.conversation.id";
    public const string GenAiInputMessages = "gen_ai.input.messages";
    public const string GenAiOutputMessages = "gen_ai.output.messages";
    public const string GenAiSystemInstructions = "gen_ai.system_instructions";
    public const string GenAiPromptName = "gen_ai.prompt.name";
    public const string GenAiPromptVersion = "gen_ai.prompt.version";

    // Retrieval
    public const string GenAiOperationRetrieval = "retrieval";
    public const string GenAiRetrievalQueryText = "gen_ai.retrieval.query.text";
    public const string GenAiRetrievalDocuments = "gen_ai.retrieval.documents";
    public const string GenAiDataSourceId = "gen_ai.data_source.id";

    // Evaluation events
    public const string GenAiEvaluationResultEvent = "gen_ai.evaluation.result";
    public const string GenAiEvaluationName = "gen_ai.evaluation.name";
    public const string GenAiEvaluationScoreValue = "gen_ai.evaluation.score.value";
    public const string GenAiEvaluationScoreLabel = "gen_ai.evaluation.score.label";
    public const string GenAiEvaluationExplanation = "gen_ai.evaluation.explanation";

    // Metrics
    public const string GenAiClientTokenUsage = "gen_ai.client.token.usage";
    public const string GenAiClientOperationDuration = "gen_ai.client.operation.duration";
    public const string GenAiClientTimeToFirstChunk = "gen_ai.client.operation.time_to_first_chunk";
    public const string GenAiClientTimePerOutputChunk = "gen_ai.client.operation.time_per_output_chunk";


    // General
    public const string ErrorType = "error.type";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string UserId = "user.id";
    public const string SessionId = "session.id";
    public const string ServiceName = "service.name";

    // OpenInference names accepted on input
    public const string LlmModelName = "llm.model_name";
    public const string LlmProvider = "llm.provider";
    public const string LlmSystem = "llm.system";
    public const string LlmTokenCountPrompt = "llm.token_count.prompt";
    public const string LlmTokenCountCompletion = "llm.token_count.completion";
    public const string LlmTokenCountTotal = "llm.token_count.total";
    public const string OpenInferenceSpanKind = "openinference.span.kind";
    public const string OpenInferenceInputValue = "input.value";
    public const string OpenInferenceOutputValue = "output.value";
    public const string OpenInferenceRetrievalDocumentsPrefix = "retrieval.documents.";
    public const string LlmInputMessagesPrefix = "llm.input_messages.";
    public const string LlmOutputMessagesPrefix = "llm.output_messages.";
    public const string LlmPromptTemplateVersion = "llm.prompt_template.version";

    // Project-specific names
    public const string LlmOpsPrefix = "llmops.";
    public const string LlmOpsCostUsd = "llmops.cost.usd";
    public const string LlmOpsFeedbackComment = "llmops.feedback.comment";
    public const string LlmOpsFeedbackKind = "llmops.feedback.kind";
    public const string LlmOpsFeedbackName = "user_feedback";
    public const string LlmOpsPromptLabel = "llmops.prompt.label";
    public const string LlmOpsRetrievalDocumentIds = "llmops.retrieval.document_ids";
    public const string LlmOpsRetrievalDocumentScores = "llmops.retrieval.document_scores";
    public const string LlmOpsRetrievalTopK = "llmops.retrieval.top_k";
    public const string LlmOpsEmbeddingModel = "llmops.embedding.model";
    public const string LlmOpsUserSegment = "llmops.user.segment";
    public const string LlmOpsTelemetryDropped = "llmops.sdk.telemetry.failures";

    // The collector's own metrics (Meter "LlmOps.Collector") and their attribute keys
    public const string CollectorMeterName = "LlmOps.Collector";
    public const string CollectorReceivedItems = "llmops.collector.received";
    public const string CollectorRejectedItems = "llmops.collector.rejected";
    public const string CollectorRefusedItems = "llmops.collector.refused";
    public const string CollectorDroppedItems = "llmops.collector.dropped";
    public const string CollectorInvalidRequests = "llmops.collector.requests.invalid";
    public const string CollectorQueueSize = "llmops.collector.queue.size";
    public const string CollectorQueueCapacity = "llmops.collector.queue.capacity";
    public const string CollectorBatchDuration = "llmops.collector.batch.duration";
    public const string CollectorBatchSize = "llmops.collector.batch.size";
    public const string CollectorExportDuration = "llmops.collector.export.duration";
    public const string CollectorProcessorErrors = "llmops.collector.processor.errors";
    public const string CollectorSearchIndexPending = "llmops.collector.search_index.pending";
    public const string CollectorSearchIndexRebuilding = "llmops.collector.search_index.rebuilding";
    public const string CollectorSearchIndexFailures = "llmops.collector.search_index.failures";
    public const string CollectorStoreWalWaits = "llmops.collector.store.wal_waits";
    public const string CollectorAttrSignal = "signal";
    public const string CollectorAttrProtocol = "protocol";
    public const string CollectorAttrReason = "reason";
    public const string CollectorAttrExporter = "exporter";
    public const string CollectorAttrProcessor = "processor";
    public const string CollectorAttrOutcome = "outcome";
    // Well-known values
    public const string GenAiOperationChat = "chat";
    public const string GenAiOutputTypeText = "text";
    public const string GenAiOutputTypeJson = "json";
    public const string EventName = "event.name";
    public const string CaptureMessageContentEnvironmentVariable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    // GenAI message content JSON (gen_ai.input.messages / gen_ai.output.messages / gen_ai.system_instructions)
    public const string MessageRole = "role";
    public const string MessageName = "name";
    public const string MessageParts = "parts";
    public const string MessageFinishReason = "finish_reason";
    public const string PartType = "type";
    public const string PartContent = "content";
    public const string PartId = "id";
    public const string PartName = "name";
    public const string PartArguments = "arguments";
    public const string PartResponse = "response";
    public const string PartMimeType = "mime_type";
    public const string PartUri = "uri";
    public const string PartTypeText = "text";
    public const string PartTypeReasoning = "reasoning";
    public const string PartTypeToolCall = "tool_call";
    public const string PartTypeToolCallResponse = "tool_call_response";
    public const string PartTypeUri = "uri";
    public const string PartTypeBlob = "blob";
    public const string RetrievalDocumentId = "id";
    public const string RetrievalDocumentScore = "score";
    public const string RetrievalDocumentContent = "content";
    public const string RetrievalDefaultDataSource = "documents";

    // Units and descriptions of the GenAI client metrics
    public const string UnitToken = "{token}";
    public const string UnitSecond = "s";
    public const string UnitFailure = "{failure}";

    // SDK instrumentation identity and project-specific SDK names
    public const string LlmOpsInstrumentationName = "LlmOps.Sdk";
    public const string LlmOpsChatOptionsContextKey = "llmops.context";
    public const string LlmOpsResponseReferenceKey = "llmops.response.reference";
    public const string LlmOpsSdkFailureStage = "llmops.sdk.failure.stage";
    public const string LlmOpsFeedbackKindThumbs = "thumbs";
    public const string LlmOpsFeedbackKindScore = "score";
    public const string LlmOpsFeedbackKindComment = "comment";
    public const string LlmOpsFeedbackLabelPositive = "positive";
    public const string LlmOpsFeedbackLabelNegative = "negative";
}
