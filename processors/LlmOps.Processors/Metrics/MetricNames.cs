namespace LlmOps.Processors.Metrics;

/// <summary>
/// Every Prometheus metric and label name LlmOps serves on <c>/metrics</c>. Dashboards and rule files use only these
/// (a test parses them and checks). Counters end in <c>_total</c>; histograms expose <c>_bucket</c>, <c>_sum</c>, <c>_count</c>.
/// </summary>
internal static class MetricNames
{
    public const string Prefix = "llmops_";

    // Collector health: instruments of the Meter "LlmOps.Collector" translated by CollectorMeterBridge
    // (dots to underscores, unit "s" to _seconds, counters get _total).
    public const string CollectorReceivedTotal = "llmops_collector_received_total";
    public const string CollectorRefusedTotal = "llmops_collector_refused_total";
    public const string CollectorDroppedTotal = "llmops_collector_dropped_total";
    public const string CollectorQueueDepth = "llmops_collector_queue_size";
    public const string CollectorSearchIndexPending = "llmops_collector_search_index_pending";
    public const string CollectorSearchIndexFailuresTotal = "llmops_collector_search_index_failures_total";
    public const string CollectorStoreWalWaitsTotal = "llmops_collector_store_wal_waits_total";
    public const string CollectorBatchDurationSeconds = "llmops_collector_batch_duration_seconds";
    public const string BuildInfo = "llmops_build_info";
    public const string MetricsSeries = "llmops_metrics_series";
    public const string MetricsSeriesOverflowTotal = "llmops_metrics_series_overflow_total";
    public const string KpiBatchesTotal = "llmops_kpi_batches_total";

    // Traffic, cost, tokens, latency, errors
    public const string SpansTotal = "llmops_spans_total";
    public const string TracesTotal = "llmops_traces_total";
    public const string GenAiRequestsTotal = "llmops_gen_ai_requests_total";
    public const string CostUsdTotal = "llmops_cost_usd_total";
    public const string UserCostUsdTotal = "llmops_user_cost_usd_total";
    public const string TokensTotal = "llmops_tokens_total";
    public const string RequestDurationSeconds = "llmops_gen_ai_request_duration_seconds";
    public const string ErrorsTotal = "llmops_errors_total";

    // Users and quality
    public const string FeedbackTotal = "llmops_feedback_total";
    public const string UserSatisfactionRatio = "llmops_user_satisfaction_ratio";
    public const string TaskCompletionRatio = "llmops_task_completion_ratio";
    public const string FirstResponseAccuracyRatio = "llmops_first_response_accuracy_ratio";
    public const string SessionsTracked = "llmops_sessions_tracked";
    public const string DailyActiveUsers = "llmops_daily_active_users";
    public const string IssuesReportedTotal = "llmops_issues_reported_total";
    public const string EscalationsTotal = "llmops_escalations_total";
    public const string GuardrailViolationsTotal = "llmops_guardrail_violations_total";
    public const string EvaluationScore = "llmops_evaluation_score";
    public const string HallucinationsTotal = "llmops_hallucinations_total";
    public const string ResponseQuality = "llmops_response_quality";

    // Drift (set by the drift engine)
    public const string DriftValue = "llmops_drift_value";
    public const string DriftDetected = "llmops_drift_detected";
    public const string DriftRcaInfo = "llmops_drift_rca_info";

    public const string DriftRcaExplainedRatio = "llmops_drift_rca_explained_ratio";
    public const string DriftEvaluationsTotal = "llmops_drift_evaluations_total";

    // Alerts (set by the alert engine)
    public const string AlertState = "llmops_alert_state";
    public const string AlertValue = "llmops_alert_value";
    public const string AlertNotificationsTotal = "llmops_alert_notifications_total";

    // Received OTLP metrics: "llmops_otlp_" + the OTLP name translated (dots to underscores, unit suffix, _total).
    public const string OtlpPrefix = "llmops_otlp_";
    public const string OtlpGenAiClientTokenUsage = "llmops_otlp_gen_ai_client_token_usage";
    public const string OtlpGenAiClientOperationDurationSeconds = "llmops_otlp_gen_ai_client_operation_duration_seconds";
    public const string OtlpPointsRefusedTotal = "llmops_otlp_points_refused_total";
    public const string OtlpStreamsMergedTotal = "llmops_otlp_streams_merged_total";

    // Label names
    public const string LabelSignal = "signal";
    public const string LabelReason = "reason";
    public const string LabelVersion = "version";
    public const string LabelMetric = "metric";
    public const string LabelSpanName = "span_name";
    public const string LabelTraceName = "trace_name";
    public const string LabelService = "service";
    public const string LabelModel = "model";
    public const string LabelProvider = "provider";
    public const string LabelOperation = "operation";
    public const string LabelUser = "user";
    public const string LabelTokenType = "type";

    /// <summary>The SDK's <c>gen_ai.token.type</c> on received OTLP metrics (<c>input</c>/<c>output</c>), as a label.</summary>
    public const string LabelOtlpTokenType = "gen_ai_token_type";
    public const string LabelErrorType = "error_type";
    public const string LabelFeedback = "label";
    public const string LabelQueue = "queue";
    public const string LabelRule = "rule";
    public const string LabelSeverity = "severity";
    public const string LabelScoreName = "score_name";
    public const string LabelSource = "source";
    public const string LabelKind = "kind";
    public const string LabelPromptVersion = "prompt_version";
    public const string LabelMethod = "method";
    public const string LabelDimension = "dimension";
    public const string LabelValue = "value";
    public const string LabelSummary = "summary";
    public const string LabelRuleId = "rule_id";
    public const string LabelAlertName = "alertname";
    public const string LabelReceiver = "receiver";
    public const string LabelOutcome = "outcome";
    public const string LabelLe = "le";

    /// <summary>The label value of the series that collects label sets over a metric's series cap.</summary>
    public const string OverflowValue = "__overflow__";
}
