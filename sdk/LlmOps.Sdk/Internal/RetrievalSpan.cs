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
    /// Returns the emitted span's context, or default when nothing was emitted (already emitted, or no listener).
    /// </summary>
    public static ActivityContext Emit(LlmOpsRetrieval retrieval, bool captureContent, IPiiRedactor? redactor, TimeProvider time)
    {
        if (!Instruments.Source.HasListeners() || !retrieval.TryMarkSpanEmitted())
        {
            return default;
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
                return default;
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
            return activity.Context;
        }
        catch (Exception)
        {
            LlmOpsInstrumentation.CountFailure(SemanticConventions.GenAiOperationRetrieval);
            return default;
        }
        finally
        {
            Activity.Current = current;
        }
    }

    /// <summary>Emits a retrieval no chat call used, with the process-wide capture default and the default redactor.</summary>
    public static void EmitUnused(LlmOpsRetrieval retrieval) =>
        _ = Emit(retrieval, LlmOpsInstrumentation.CaptureMessageContentByDefault, PiiRedactor.Default, TimeProvider.System);

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
