using System.Text.Json.Nodes;

namespace LlmOps.Ui.Data;

/// <summary>
/// One API answer: status, parsed JSON (null when the body is not JSON) and the error to show on failure (the problem
/// detail, or why the answer could not be read).
/// </summary>
internal sealed record ApiResult(int Status, JsonNode? Json, string? Error)
{
    public bool Ok => Status is >= 200 and < 300 && Error is null;

    /// <summary>The problem's <c>detail</c> (or title) for display.</summary>
    public static string? ProblemText(JsonNode? json, int status) =>
        json is JsonObject o
            ? (o["detail"]?.GetValue<string>() ?? o["title"]?.GetValue<string>()) + FieldErrors(o)
            : status == 0 ? "The API could not be reached." : $"The API answered {status}.";

    private static string FieldErrors(JsonObject o)
    {
        if (o["errors"] is not JsonObject errors)
        {
            return string.Empty;
        }

        var parts = errors.Select(e => e.Key + ": " + string.Join(", ", e.Value is JsonArray a ? a.Select(x => x?.ToString()) : [e.Value?.ToString()]));
        return " (" + string.Join("; ", parts) + ")";
    }
}
