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
}
