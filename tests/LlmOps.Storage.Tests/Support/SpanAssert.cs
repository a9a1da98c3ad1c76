using LlmOps.Processors.Model;
using Xunit;

namespace LlmOps.Storage.Tests.Support;

/// <summary>Field-by-field equality of a stored span with the one written (attributes compared in typed JSON).</summary>
internal static class SpanAssert
{
    public static void Equal(SpanRecord expected, SpanRecord actual)
    {
        Assert.Equal(expected.TraceId, actual.TraceId);
        Assert.Equal(expected.SpanId, actual.SpanId);
        Assert.Equal(expected.ParentSpanId, actual.ParentSpanId);
        Assert.Equal(expected.TraceState, actual.TraceState);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.StartTimeUnixNano, actual.StartTimeUnixNano);
        Assert.Equal(expected.EndTimeUnixNano, actual.EndTimeUnixNano);
        Assert.Equal(expected.StatusCode, actual.StatusCode);
        Assert.Equal(expected.StatusMessage, actual.StatusMessage);
        Assert.Equal(AttrJson.ToTypedJson(expected.Attributes), AttrJson.ToTypedJson(actual.Attributes));
        Assert.Equal(expected.DroppedAttributesCount, actual.DroppedAttributesCount);
        Assert.Equal(expected.DroppedEventsCount, actual.DroppedEventsCount);
        Assert.Equal(expected.DroppedLinksCount, actual.DroppedLinksCount);
        Assert.Equal(expected.Events.Count, actual.Events.Count);
        for (var i = 0; i < expected.Events.Count; i++)
        {
            Assert.Equal(expected.Events[i].Name, actual.Events[i].Name);
            Assert.Equal(expected.Events[i].TimeUnixNano, actual.Events[i].TimeUnixNano);
            Assert.Equal(expected.Events[i].DroppedAttributesCount, actual.Events[i].DroppedAttributesCount);
            Assert.Equal(AttrJson.ToTypedJson(expected.Events[i].Attributes), AttrJson.ToTypedJson(actual.Events[i].Attributes));
        }

        Assert.Equal(expected.Links.Count, actual.Links.Count);
        for (var i = 0; i < expected.Links.Count; i++)
        {
            Assert.Equal(expected.Links[i].TraceId, actual.Links[i].TraceId);
            Assert.Equal(expected.Links[i].SpanId, actual.Links[i].SpanId);
            Assert.Equal(expected.Links[i].TraceState, actual.Links[i].TraceState);
            Assert.Equal(expected.Links[i].Flags, actual.Links[i].Flags);
            Assert.Equal(expected.Links[i].DroppedAttributesCount, actual.Links[i].DroppedAttributesCount);
            Assert.Equal(AttrJson.ToTypedJson(expected.Links[i].Attributes), AttrJson.ToTypedJson(actual.Links[i].Attributes));
        }

        Assert.Equal(expected.Resource.SchemaUrl, actual.Resource.SchemaUrl);
        Assert.Equal(AttrJson.ToTypedJson(expected.Resource.Attributes), AttrJson.ToTypedJson(actual.Resource.Attributes));
        Assert.Equal(expected.Scope.Name, actual.Scope.Name);
        Assert.Equal(expected.Scope.Version, actual.Scope.Version);
        Assert.Equal(AttrJson.ToTypedJson(expected.Scope.Attributes), AttrJson.ToTypedJson(actual.Scope.Attributes));
        Assert.Equal(expected.CostUsd, actual.CostUsd);
        Assert.Equal(expected.GuardrailFlags, actual.GuardrailFlags);

        var e = expected.GenAi;
        var a = actual.GenAi;
        Assert.Equal(e.IsGenAi, a.IsGenAi);
        Assert.Equal(e.Operation, a.Operation);
        Assert.Equal(e.Provider, a.Provider);
        Assert.Equal(e.RequestModel, a.RequestModel);
        Assert.Equal(e.ResponseModel, a.ResponseModel);
        Assert.Equal(e.ResponseId, a.ResponseId);
        Assert.Equal(e.InputTokens, a.InputTokens);
        Assert.Equal(e.OutputTokens, a.OutputTokens);
        Assert.Equal(e.CachedInputTokens, a.CachedInputTokens);
        Assert.Equal(e.ReasoningTokens, a.ReasoningTokens);
        Assert.Equal(e.ConversationId, a.ConversationId);
        Assert.Equal(e.SessionId, a.SessionId);
        Assert.Equal(e.UserId, a.UserId);
        Assert.Equal(e.FinishReasons, a.FinishReasons);
        Assert.Equal(e.ErrorType, a.ErrorType);
        Assert.Equal(e.PromptName, a.PromptName);
        Assert.Equal(e.PromptVersion, a.PromptVersion);
        Assert.Equal(e.InputText, a.InputText);
        Assert.Equal(e.OutputText, a.OutputText);
        Assert.Equal(e.RetrievalDocuments, a.RetrievalDocuments);
    }
}
