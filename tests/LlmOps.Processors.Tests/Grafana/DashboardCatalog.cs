using LlmOps.Processors.Alerts;
using static LlmOps.Processors.Metrics.MetricNames;
using N = LlmOps.Processors.Metrics.MetricNames;

namespace LlmOps.Processors.Tests.Grafana;

/// <summary>
/// The provisioned dashboards, written from <see cref="LlmOps.Processors.Metrics.MetricNames"/> only. The committed
/// JSON under grafana/dashboards is this catalog rendered (a test compares; LLMOPS_REGENERATE=1 rewrites).
/// </summary>
internal static class DashboardCatalog
{
    private const string Window = "5m";
    private const string W = "[" + Window + "]";

    public static IReadOnlyList<DashboardSpec> All =>
    [
        Overview(),
        CostAndUsage(),
        QualityAndDrift(),
        AlertsDashboard(),
        CollectorHealth(),
    ];


    private static string Quantile(double q, string histogram, string by = LabelLe) => $"histogram_quantile({q}, sum by ({by}) (rate({histogram}_bucket{W})))";

    private static PanelSpec Stat(string title, string unit, string expr, string description) => new(title, "stat", unit, description, [(expr, title)]);

    private static PanelSpec Series(string title, string unit, string description, params (string Expr, string Legend)[] queries) => new(title, "timeseries", unit, description, queries);

    private static DashboardSpec Overview() => new("llmops-overview.json", "llmops-overview", "LlmOps — Overview KPIs", "Traffic, cost, latency, errors and user outcomes of the LLM application.",
    [
        Stat("Traces / s", "reqps", $"sum(rate({TracesTotal}{W}))", "Root spans received per second."),
        Stat("Cost, last 24 h", "currencyUSD", $"sum(increase({CostUsdTotal}[1d]))", "Cost of GenAI requests over the last 24 hours."),
        Stat("p95 latency", "s", Quantile(0.95, RequestDurationSeconds), "95th percentile of GenAI request duration."),
        Stat("Error rate", "percentunit", AlertExpressions.ErrorRate(Window), "Failed GenAI requests ÷ GenAI requests (0 with only successes)."),
        Stat("User satisfaction, last 24 h", "percentunit",
            $"sum(increase({FeedbackTotal}{{{LabelFeedback}=\"positive\"}}[1d])) / sum(increase({FeedbackTotal}{{{LabelFeedback}=~\"positive|negative\"}}[1d]))",
            "Positive ÷ (positive + negative) user feedback over the last 24 hours, all replicas together."),
        Stat("Daily active users", "short", $"max({N.DailyActiveUsers})",
            "Distinct users since midnight UTC. Each replica estimates the users it saw: this is the largest estimate, a lower bound of the fleet's figure (the sum of the replicas' estimates is an upper bound)."),
        Stat("Task completion", "percentunit", $"avg({TaskCompletionRatio})",
            "Sessions whose latest feedback is positive ÷ sessions with feedback; each replica tracks the sessions it received, this is the mean of the replicas' ratios."),
        Stat("First-response accuracy", "percentunit", $"avg({FirstResponseAccuracyRatio})",
            "Sessions whose first answer got positive feedback or a passing correctness score ÷ sessions whose first answer got either; the mean of the replicas' ratios."),
        Stat("Escalation rate", "percentunit", $"(sum(rate({EscalationsTotal}{W})) or vector(0)) / sum(rate({TracesTotal}{W}))", "GenAI spans routed to human review ÷ traces (0 without escalations)."),
        Stat("Issues reported, last 24 h", "short", $"sum(increase({IssuesReportedTotal}[1d]))", "Negative user feedback over the last 24 hours."),
        Stat("Hallucination rate", "percentunit", $"sum(rate({HallucinationsTotal}[1h])) / sum(rate({EvaluationScore}_count{{{LabelScoreName}=\"hallucination\"}}[1h]))", "Answers scored as hallucinated ÷ answers scored."),
        Stat("Sessions tracked", "short", $"sum({SessionsTracked})", "Sessions the replicas' KPI views remember (bounded per replica), all replicas together."),
        Series("Traces by name", "reqps", "Root spans per second by name.", ($"sum by ({LabelTraceName}) (rate({TracesTotal}{W}))", "{{" + LabelTraceName + "}}")),
        Series("Latency percentiles", "s", "p50, p95 and p99 of GenAI request duration.",
            (Quantile(0.5, RequestDurationSeconds), "p50"), (Quantile(0.95, RequestDurationSeconds), "p95"), (Quantile(0.99, RequestDurationSeconds), "p99")),
        Series("Errors by type", "reqps", "Failed GenAI requests per second by error.type.", ($"sum by ({LabelErrorType}) (rate({ErrorsTotal}{W}))", "{{" + LabelErrorType + "}}")),
        Series("Feedback", "reqps", "User feedback per second by label.", ($"sum by ({LabelFeedback}) (rate({FeedbackTotal}{W}))", "{{" + LabelFeedback + "}}")),
        Series("SDK-reported operation duration (OTLP)", "s", "p95 of gen_ai.client.operation.duration as reported by the SDK's own metrics.",
            (Quantile(0.95, OtlpGenAiClientOperationDurationSeconds), "p95")),
    ]);

    private static DashboardSpec CostAndUsage() => new("llmops-cost.json", "llmops-cost", "LlmOps — Cost and usage", "Spend and tokens by model, provider and user.",
    [
        Series("Cost by model", "currencyUSD", "USD per hour by model.", ($"sum by ({LabelModel}) (rate({CostUsdTotal}{W})) * 3600", "{{" + LabelModel + "}}")),
        Series("Cost by provider", "currencyUSD", "USD per hour by provider.", ($"sum by ({LabelProvider}) (rate({CostUsdTotal}{W})) * 3600", "{{" + LabelProvider + "}}")),
        new("Cost by user, last 24 h (top 10)", "bargauge", "currencyUSD", "Needs cost_by_user: true on the prometheus exporter; capped, the rest is __overflow__.",
            [($"topk(10, sum by ({LabelUser}) (increase({UserCostUsdTotal}[1d])))", "{{" + LabelUser + "}}")]),
        Series("Tokens by type", "short", "Tokens per second, input and output.", ($"sum by ({LabelTokenType}) (rate({TokensTotal}{W}))", "{{" + LabelTokenType + "}}")),
        Series("Tokens by model", "short", "Tokens per second by model.", ($"sum by ({LabelModel}) (rate({TokensTotal}{W}))", "{{" + LabelModel + "}}")),
        Series("Requests by model and provider", "reqps", "GenAI requests per second.", ($"sum by ({LabelModel}, {LabelProvider}) (rate({GenAiRequestsTotal}{W}))", "{{" + LabelModel + "}} ({{" + LabelProvider + "}})")),
        Stat("Tokens, last 24 h", "short", $"sum(increase({TokensTotal}[1d]))", "Input plus output tokens over the last 24 hours."),
        Stat("Cost per request", "currencyUSD", $"sum(rate({CostUsdTotal}{W})) / sum(rate({GenAiRequestsTotal}{W}))", "Mean cost of one GenAI request."),
        Series("SDK-reported input tokens (OTLP)", "short", "gen_ai.client.token.usage as reported by the SDK's own metrics.", ($"sum(rate({OtlpGenAiClientTokenUsage}_sum{{{LabelOtlpTokenType}=\"input\"}}{W}))", "tokens/s")),
    ]);

    private static DashboardSpec QualityAndDrift() => new("llmops-quality.json", "llmops-quality", "LlmOps — Quality and drift", "Evaluator scores, guardrails, drift statistics and their root causes.",
    [
        Series("Mean score by evaluator", "percentunit", "Mean of each score over 5 minutes.",
            ($"sum by ({LabelScoreName}) (rate({EvaluationScore}_sum{W})) / sum by ({LabelScoreName}) (rate({EvaluationScore}_count{W}))", "{{" + LabelScoreName + "}}")),
        Series("Median score by evaluator", "percentunit", "p50 of each score.", (Quantile(0.5, EvaluationScore, $"{LabelLe}, {LabelScoreName}"), "{{" + LabelScoreName + "}}")),
        new("Response-quality distribution, last hour", "bargauge", "short", "Answers per quality-score bucket (cumulative, le). Fed by the correctness score, which needs an expected answer (the llmops.expected_output attribute, or a dataset run): empty on live traffic without one.",
            [($"sum by ({LabelLe}) (increase({ResponseQuality}_bucket[1h]))", "≤ {{" + LabelLe + "}}")]),
        Series("Hallucination rate", "percentunit", "Answers scored as hallucinated ÷ answers scored.",
            ($"sum(rate({HallucinationsTotal}{W})) / sum(rate({EvaluationScore}_count{{{LabelScoreName}=\"hallucination\"}}{W}))", "hallucination rate")),
        Series("Guardrail violations by rule", "reqps", "Violations per second.", ($"sum by ({LabelRule}) (rate({GuardrailViolationsTotal}{W}))", "{{" + LabelRule + "}}")),
        Series("Drift statistics", "short", "PSI, KS, Jensen-Shannon, Wasserstein and the other drift measures of the latest evaluation.",
            ($"max by ({LabelKind}, {LabelScoreName}, {LabelMethod}) ({DriftValue})", "{{" + LabelKind + "}} {{" + LabelScoreName + "}} {{" + LabelMethod + "}}")),
        Series("Drift detected", "short", "1 when the latest evaluation flagged the comparison.", ($"max by ({LabelKind}, {LabelScoreName}) ({DriftDetected})", "{{" + LabelKind + "}} {{" + LabelScoreName + "}}")),
        new("Root cause of each drift", "table", "short", "The dimension that explains most of each detected drift, with one recommended action.",
            [(DriftRcaInfo, string.Empty)], Table: true),
        Stat("Drift evaluations, last hour", "short", $"sum(increase({DriftEvaluationsTotal}[1h]))", "Drift evaluations run."),
    ]);

    private static DashboardSpec AlertsDashboard()
    {
        var rules = AlertDefaults.Rules();
        var slo = rules.Single(r => r.Kind == AlertRuleKind.SloBurnRate);
        return new("llmops-alerts.json", "llmops-alerts", "LlmOps — Alerts", "The in-process alert engine's state and the values its rules compare.",
        [
            Stat("Firing alerts", "short", $"sum({N.AlertState} == bool 2)", "Rules whose alert is firing."),
            Series("Alert state by rule", "short", "0 inactive/resolved, 1 pending, 2 firing.", ($"max by ({LabelAlertName}, {LabelSeverity}) ({N.AlertState})", "{{" + LabelAlertName + "}}")),
            Series("Rule values", "short", "The value each rule measured at its latest evaluation (none while it has no data).", ($"max by ({LabelRuleId}) ({AlertValue})", "{{" + LabelRuleId + "}}")),
            Series("Notifications", "short", "Deliveries in the last hour by receiver and outcome.", ($"sum by ({LabelReceiver}, {LabelOutcome}) (increase({AlertNotificationsTotal}[1h]))", "{{" + LabelReceiver + "}} {{" + LabelOutcome + "}}")),
            Series("Error-budget burn rate", "short", "Burn rate of the 99% SLO over the long and short windows (alert when both exceed 14.4).",
                (AlertExpressions.BurnRate(slo, slo.LongWindow), "1h"), (AlertExpressions.BurnRate(slo, slo.ShortWindow), "5m")),
            .. rules.Where(r => r.Kind != AlertRuleKind.SloBurnRate).Select(r => Series(r.Name, "short", r.Summary + $" (threshold {AlertExpressions.Number(r.Threshold)}).", (AlertExpressions.Value(r), r.Id))),
        ]);
    }

    private static DashboardSpec CollectorHealth() => new("llmops-collector.json", "llmops-collector", "LlmOps — Collector health", "What the collector receives, refuses, drops and how fast it stores.",
    [
        Series("Received by signal", "short", "Items received per second.", ($"sum by ({LabelSignal}) (rate({CollectorReceivedTotal}{W}))", "{{" + LabelSignal + "}}")),
        Series("Refused", "short", "Items refused per second (retryable overload or bad payload).", ($"sum by ({LabelSignal}, {LabelReason}) (rate({CollectorRefusedTotal}{W}))", "{{" + LabelSignal + "}} {{" + LabelReason + "}}")),
        Series("Dropped", "short", "Items dropped per second.", ($"sum by ({LabelSignal}) (rate({CollectorDroppedTotal}{W}))", "{{" + LabelSignal + "}}")),
        Series("Queue depth", "short", "Batches waiting to be stored.", ($"max({CollectorQueueDepth})", "queue")),
        Series("Batch latency p95", "s", "Time to store a batch.", (Quantile(0.95, CollectorBatchDurationSeconds), "p95")),
        Series("KPI batches", "short", "Stored batches the /metrics view processed per second.", ($"sum(rate({KpiBatchesTotal}{W}))", "batches/s")),
        Stat("Series on /metrics", "short", $"max({MetricsSeries})", "Series the collector serves."),
        Series("Series over cap", "short", "Updates that hit a metric's series cap and went to __overflow__.", ($"sum by ({LabelMetric}) (rate({MetricsSeriesOverflowTotal}{W}))", "{{" + LabelMetric + "}}")),
        Series("OTLP points refused", "short", "Received metric points not served on /metrics.", ($"sum by ({LabelReason}) (rate({OtlpPointsRefusedTotal}{W}))", "{{" + LabelReason + "}}")),
        Series("Search index lag (SQLite)", "short", "Trace changes stored but not yet searchable by text, and failed passes of the index writer per second (retried).",
            ($"max({CollectorSearchIndexPending})", "pending"), ($"sum(rate({CollectorSearchIndexFailuresTotal}{W}))", "failures/s")),
        Series("WAL waits (SQLite)", "short", "Times per second ingest waited for a full WAL checkpoint (the WAL passed twice wal_limit_mb: checkpoints behind the disk, or a long reader).",
            ($"sum(rate({CollectorStoreWalWaitsTotal}{W}))", "waits/s")),
        new("Build", "table", "short", "Collector version.", [(BuildInfo, string.Empty)], Table: true),
    ]);
}
