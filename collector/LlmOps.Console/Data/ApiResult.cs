using System.Text.Json.Nodes;

namespace LlmOps.Ui.Data;

/// <summary>
/// One API answer: status, parsed JSON (null when the body is not JSON) and the error to show on failure (the problem
/// detail, or why the answer could not be read).
/// </summary>
internal sealed record ApiResult(int Status, JsonNode? Json, string? Error)
{
    public bool Ok => Status is >= 200 and < 300 && Error is null;

    /// <summary>
    /// The problem's message for display, once: its <c>detail</c> (the API's validation details already list the field
    /// errors), else the field errors, else the title.
    /// </summary>
    public static string? ProblemText(JsonNode? json, int status) =>
        json is JsonObject o
            ? Text(o["detail"]) ?? FieldErrors(o) ?? Text(o["title"]) ?? $"The API answered {status}."
            : status == 0 ? "The API could not be reached." : $"The API answered {status}.";

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static string? FieldErrors(JsonObject o)
    {
        if (o["errors"] is not JsonObject { Count: > 0 } errors)
        {
            return null;
        }

        var parts = errors.Select(e => (e.Key.Length == 0 ? string.Empty : e.Key + ": ") + string.Join(", ", e.Value is JsonArray a ? a.Select(x => x?.ToString()) : [e.Value?.ToString()]));
        return string.Join("; ", parts);
    }
}
