using System.Diagnostics;
using LlmOps.Sdk.Context;
using LlmOps.Sdk.Redaction;

namespace LlmOps.Sdk;

/// <summary>Emits the GenAI spec's <c>retrieval</c> span for a recorded retrieval step.</summary>
internal static class RetrievalSpan
{
    /// <summary>
    /// Emits the span of a retrieval once, with the content capture switch and redactor of the chat client that uses it.
    /// A recorded retrieval keeps the time and parent span of its recording; otherwise it ends now under the current span.
    /// </summary>
    public static void Emit(LlmOpsRetrieval retrieval, bool captureContent, IPiiRedactor? redactor, TimeProvider time)
    {
        if (!Instruments.Source.HasListeners() || !retrieval.TryMarkSpanEmitted())
        {
            return;
        }

        var current = Activity.Current;
        try
        {
            var end = retrieval.RecordedAt ?? time.GetUtcNow();
            var start = retrieval.Duration is { } d && d > TimeSpan.Zero ? end - d : end;
            var name = SemanticConventions.GenAiOperationRetrieval + " " + (retrieval.DataSource ?? SemanticConventions.RetrievalDefaultDataSource);
            var parent = retrieval.RecordedAt is null ? current?.Context ?? default : retrieval.Parent;
            if (parent == default)
            {
                // A default parent context means "the current span": clear it so the span is a root, as recorded.
                Activity.Current = null;
            }

            using var activity = Instruments.Source.StartActivity(name, ActivityKind.Client, parent, startTime: start);
            if (activity is null)
            {
                return;
            }

            if (activity.IsAllDataRequested)
            {
                activity.AddTag(SemanticConventions.GenAiOperationName, SemanticConventions.GenAiOperationRetrieval);
                if (retrieval.DataSource is not null)
                {
                    activity.AddTag(SemanticConventions.GenAiDataSourceId, retrieval.DataSource);
                }

                if (captureContent && retrieval.Query is not null)
                {
                    activity.AddTag(SemanticConventions.GenAiRetrievalQueryText, redactor is null ? retrieval.Query : redactor.Redact(retrieval.Query));
                }

                activity.AddTag(SemanticConventions.GenAiRetrievalDocuments, MessageJson.FormatDocuments(retrieval.Documents, captureContent, redactor));
                SetDocumentArrays(activity, retrieval);
                activity.AddTag(SemanticConventions.LlmOpsRetrievalTopK, retrieval.Documents.Count);
                if (retrieval.SessionId is { } session)
                {
                    activity.AddTag(SemanticConventions.SessionId, session);
                }

                if (retrieval.UserId is { } user)
                {
                    activity.AddTag(SemanticConventions.UserId, user);
                }
            }

            activity.SetEndTime(end.UtcDateTime);
        }
        catch (Exception)
        {
            LlmOpsInstrumentation.CountFailure(SemanticConventions.GenAiOperationRetrieval);
        }
        finally
        {
            Activity.Current = current;
        }
    }

    /// <summary>Emits a retrieval no chat call used, with the process-wide capture default and the default redactor.</summary>
    public static void EmitUnused(LlmOpsRetrieval retrieval) =>
        Emit(retrieval, LlmOpsInstrumentation.CaptureMessageContentByDefault, PiiRedactor.Default, TimeProvider.System);

    public static void SetDocumentArrays(Activity activity, LlmOpsRetrieval retrieval)
    {
        var documents = retrieval.Documents;
        var ids = new string[documents.Count];
        var scores = new double[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            ids[i] = documents[i].Id;
            scores[i] = documents[i].Score;
        }

        activity.AddTag(SemanticConventions.LlmOpsRetrievalDocumentIds, ids);
        activity.AddTag(SemanticConventions.LlmOpsRetrievalDocumentScores, scores);
    }
}
