using System.Diagnostics;
using LlmOps.Sdk.Context;
using LlmOps.Sdk.Redaction;

namespace LlmOps.Sdk;

/// <summary>Emits the GenAI spec's <c>retrieval</c> span for a recorded retrieval step.</summary>
internal static class RetrievalSpan
{
    public static void Emit(LlmOpsRetrieval retrieval, LlmOpsScope? scope, bool captureContent, IPiiRedactor? redactor, TimeSpan? duration, TimeProvider? time = null)
    {
        if (!retrieval.TryMarkSpanEmitted() || !Instruments.Source.HasListeners())
        {
            return;
        }

        try
        {
            var end = (time ?? TimeProvider.System).GetUtcNow();
            var start = duration is { } d && d > TimeSpan.Zero ? end - d : end;
            var name = SemanticConventions.GenAiOperationRetrieval + " " + (retrieval.DataSource ?? SemanticConventions.RetrievalDefaultDataSource);
            using var activity = Instruments.Source.StartActivity(name, ActivityKind.Client, parentContext: default, startTime: start);
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
                if (scope?.SessionId is { } session)
                {
                    activity.AddTag(SemanticConventions.SessionId, session);
                }

                if (scope?.UserId is { } user)
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
    }

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
