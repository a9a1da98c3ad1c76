using System.Text.Json.Nodes;
using LlmOps.Ui.Data;

namespace LlmOps.Ui.Pages.Traces;

internal sealed class DetailModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    /// <summary>Levels of the span tree shown indented; deeper spans are listed flush with their level written out.</summary>
    public const int IndentedLevels = 12;

    private readonly Dictionary<string, (JsonNode Span, int Level)> _spans = new(StringComparer.Ordinal);
    private readonly List<JsonNode> _inOrder = [];
    private readonly Dictionary<string, string> _evaluators = new(StringComparer.Ordinal);

    public JsonNode? Trace { get; private set; }

    public async Task OnGetAsync(string id)
    {
        // The registry names the evaluators whose ids are the scores' sources; a failed read leaves the ids shown.
        var evaluators = Api.GetAsync(HttpContext, "/api/v1/evaluators");
        Trace = await GetSubjectAsync("/api/v1/traces/" + Q(id)).ConfigureAwait(false);
        foreach (var e in Rendering.J.Arr((await evaluators.ConfigureAwait(false)).Json))
        {
            _evaluators[Rendering.J.Raw(e, "id")] = Rendering.J.Str(e, "name") ?? Rendering.J.Raw(e, "id");
        }

        // The API lists a span nested deeper than its tree allows (or whose parent is missing) at the top of spans:
        // its level counts from its parent's, which comes earlier in the answer.
        foreach (var top in Rendering.J.Arr(Trace, "spans"))
        {
            var parent = Rendering.J.Str(top, "parent_span_id");
            Index(top, parent is not null && _spans.TryGetValue(parent, out var p) ? p.Level + 1 : 0);
        }
    }

    /// <summary>
    /// Why a span failed, as far as it says: its status message, its <c>error.type</c> (or the GenAI error type), its
    /// <c>exception</c> events. Null for a span that neither has an error status nor carries any of these.
    /// </summary>
    public static Failure? FailureOf(JsonNode span)
    {
        var exceptions = Rendering.J.Arr(span, "events").Where(e => Rendering.J.Str(e, "name") == "exception").ToList();
        var type = Rendering.J.Attr(span, "error.type") ?? Rendering.J.Str(span["gen_ai"], "error_type");
        var message = Rendering.J.Str(span["status"], "message") is { Length: > 0 } m ? m : null;
        return Rendering.J.Str(span["status"], "code") == "error" || exceptions.Count > 0 || type is not null ? new Failure(message, type, exceptions) : null;
    }

    /// <summary>The registered evaluator a score's source names (its id), or null when the source is something else.</summary>
    public string? Evaluator(string? source) => source is not null && _evaluators.TryGetValue(source, out var name) ? name : null;

    /// <summary>A score's source other than a registered evaluator: the application (scores it sent), or as stored.</summary>
    public static string SourceText(string? source) => source switch
    {
        null or "" => "—",
        "client" => "the application",
        _ when source.All(char.IsAsciiDigit) => $"evaluator #{source} (no longer registered)",
        _ => source,
    };

    /// <summary>How deep a span is in its trace (a root is 0).</summary>
    public int Level(JsonNode span) => Rendering.J.Str(span, "span_id") is { } id && _spans.TryGetValue(id, out var s) ? s.Level : 0;

    /// <summary>The span of this trace with the id, if it was received.</summary>
    public JsonNode? Span(string id) => _spans.TryGetValue(id, out var s) ? s.Span : null;

    public sealed record Failure(string? StatusMessage, string? ErrorType, IReadOnlyList<JsonNode> Exceptions);

    /// <summary>Every span, parents before their children.</summary>
    public IReadOnlyList<JsonNode> AllSpans() => _inOrder;

    private void Index(JsonNode span, int level)
    {
        _inOrder.Add(span);
        if (Rendering.J.Str(span, "span_id") is { } id)
        {
            _spans.TryAdd(id, (span, level));
        }

        foreach (var child in Rendering.J.Arr(span, "children"))
        {
            Index(child, level + 1);
        }
    }
}
