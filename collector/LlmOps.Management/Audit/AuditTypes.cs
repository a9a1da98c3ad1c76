namespace LlmOps.Management.Audit;

/// <summary>The <c>type</c> column of audit entries: the kind of object acted on.</summary>
internal static class AuditTypes
{
    public const string Prompt = "prompt";
    public const string Dataset = "dataset";
    public const string EvaluationRun = "evaluation_run";
    public const string AnnotationQueue = "annotation_queue";
    public const string Evaluator = "evaluator";
    public const string AlertRule = "alert_rule";
    public const string Alert = "alert";
    public const string Settings = "settings";
    public const string ApiKey = "api_key";

    /// <summary>The collector itself (the example data seeded on first start).</summary>
    public const string System = "system";

    /// <summary>Every type, for the <c>type</c> filter of <c>GET /audit</c>.</summary>
    public static IReadOnlyList<string> All { get; } = [Prompt, Dataset, EvaluationRun, AnnotationQueue, Evaluator, AlertRule, Alert, Settings, ApiKey, System];
}
