using LlmOps.Processors.Model;
using LlmOps.Sdk;

namespace LlmOps.Storage.Internal;

/// <summary>
/// What the newly stored spans of one batch add to one trace. Merged into the <c>traces</c> row by an UPSERT whose
/// rules (min start, max end, sums, root wins, earliest input / latest output) make the order batches arrive in irrelevant.
/// </summary>
internal sealed class TraceRollup
{
    public TraceRollup(string traceId) => TraceId = traceId;

    public string TraceId { get; }

    public string? RootSpanId { get; private set; }

    /// <summary>Root span name, or the earliest span's name while the root is missing.</summary>
    public string Name { get; private set; } = string.Empty;

    public string? ServiceName { get; private set; }

    public long StartNs { get; private set; } = long.MaxValue;

    public long EndNs { get; private set; } = long.MinValue;

    public long SpanCount { get; private set; }

    public long ErrorCount { get; private set; }

    /// <summary>Error when any span failed, else the root's status, else unset.</summary>
    public int StatusCode => ErrorCount > 0 ? (int)StatusCodeValue.Error : (int)_rootStatus;

    public SortedSet<string>? Models { get; private set; }

    public string? UserId { get; private set; }

    public string? SessionId { get; private set; }

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public double CostUsd { get; private set; }

    public long PricedSpans { get; private set; }

    public long? InputNs { get; private set; }

    public string? InputText { get; private set; }

    public long? OutputNs { get; private set; }

    public string? OutputText { get; private set; }

    private StatusCodeValue _rootStatus;

    public void Add(SpanRecord span)
    {
        SpanCount++;
        if (span.StatusCode == StatusCodeValue.Error)
        {
            ErrorCount++;
        }

        if (span.ParentSpanId is null && RootSpanId is null)
        {
            RootSpanId = span.SpanId;
            Name = span.Name;
            ServiceName = span.Resource.ServiceName;
            _rootStatus = span.StatusCode;
        }
        else if (RootSpanId is null && span.StartTimeUnixNano < StartNs)
        {
            Name = span.Name;
            ServiceName = span.Resource.ServiceName;
        }

        StartNs = Math.Min(StartNs, span.StartTimeUnixNano);
        EndNs = Math.Max(EndNs, span.EndTimeUnixNano);

        var g = span.GenAi;
        if (g.RequestModel is { Length: > 0 } req)
        {
            (Models ??= new SortedSet<string>(StringComparer.Ordinal)).Add(ModelSet.Clean(req));
        }

        if (g.ResponseModel is { Length: > 0 } res)
        {
            (Models ??= new SortedSet<string>(StringComparer.Ordinal)).Add(ModelSet.Clean(res));
        }

        UserId ??= g.UserId;
        SessionId ??= g.SessionId;
        if (IsModelCall(g.Operation))
        {
            InputTokens += g.InputTokens ?? 0;
            OutputTokens += g.OutputTokens ?? 0;
            if (span.CostUsd is { } cost)
            {
                CostUsd += cost;
                PricedSpans++;
            }
        }

        if (g.InputText is not null && (InputNs is null || span.StartTimeUnixNano < InputNs))
        {
            InputNs = span.StartTimeUnixNano;
            InputText = g.InputText;
        }

        if (g.OutputText is not null && (OutputNs is null || span.EndTimeUnixNano > OutputNs))
        {
            OutputNs = span.EndTimeUnixNano;
            OutputText = g.OutputText;
        }
    }

    /// <summary>
    /// Spans whose tokens and cost count towards the trace: model calls, not the agent/tool/workflow spans around them
    /// (which often repeat their children's usage).
    /// </summary>
    public static bool IsModelCall(string? operation) =>
        operation is not ("invoke_agent" or "create_agent" or "execute_tool" or "invoke_workflow" or SemanticConventions.GenAiOperationRetrieval);
}
