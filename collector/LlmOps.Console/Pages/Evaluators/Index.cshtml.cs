using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;

namespace LlmOps.Ui.Pages.Evaluators;

internal sealed partial class IndexModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    [FromQuery(Name = "edit")]
    public long? Edit { get; set; }

    [FromQuery(Name = "logEvaluator")]
    public string? LogEvaluator { get; set; }

    [FromQuery(Name = "logStatus")]
    public string? LogStatus { get; set; }

    [FromQuery(Name = "beforeId")]
    public long? BeforeId { get; set; }

    public JsonNode? Evaluators { get; private set; }

    public JsonNode? Templates { get; private set; }

    public JsonNode? Logs { get; private set; }

    public JsonNode? Editing => Edit is { } id ? Rendering.J.Arr(Evaluators).FirstOrDefault(e => Rendering.J.Long(e, "id") == id) : null;

    public string LogQuery => string.Join('&', new[] { ("logEvaluator", LogEvaluator), ("logStatus", LogStatus) }.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1 + "=" + Q(p.Item2)));

    public static IEnumerable<string> Variables(string? template) =>
        template is null ? [] : VariablePattern().Matches(template).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    public async Task OnGetAsync()
    {
        var logs = new List<string> { "limit=50" };
        if (!string.IsNullOrWhiteSpace(LogEvaluator))
        {
            logs.Add("evaluator=" + Q(LogEvaluator));
        }

        if (!string.IsNullOrWhiteSpace(LogStatus))
        {
            logs.Add("status=" + Q(LogStatus));
        }

        if (BeforeId is { } b)
        {
            logs.Add("beforeId=" + b.ToString(CultureInfo.InvariantCulture));
        }

        var evaluators = GetAsync("/api/v1/evaluators" + (string.IsNullOrWhiteSpace(Status) ? string.Empty : "?status=" + Q(Status)));
        var templates = GetAsync("/api/v1/evaluator-templates");
        var log = GetAsync("/api/v1/evaluation-logs?" + string.Join('&', logs));
        Evaluators = await evaluators.ConfigureAwait(false);
        Templates = await templates.ConfigureAwait(false);
        Logs = await log.ConfigureAwait(false);
    }

    protected override Task LoadAsync() => OnGetAsync();

    public async Task<IActionResult> OnPostSaveAsync(long? id, string name, string kind, string scoreName, string template, string? samplingRate, string? spanName, string? model)
    {
        Edit = id; // a refused save shows the editor again on the same evaluator
        var numbers = new FormNumbers();
        if (numbers.Number(samplingRate, "Sampling rate") is not { } rate)
        {
            return await RefuseAsync(numbers.Errors).ConfigureAwait(false);
        }

        // The API replaces the whole target: an edit starts from the stored one, so the target fields this form does
        // not show (operation, attributeKey, attributeValue) are kept (they were sent as missing, i.e. null).
        var path = id is { } existing ? "/api/v1/evaluators/" + existing.ToString(CultureInfo.InvariantCulture) : null;
        var target = new JsonObject();
        if (path is not null)
        {
            var current = await Api.GetAsync(HttpContext, path).ConfigureAwait(false);
            if (!current.Ok)
            {
                return await RefuseAsync(current.Error ?? "The evaluator could not be read.").ConfigureAwait(false);
            }

            target = current.Json?["target"]?.DeepClone() as JsonObject ?? target;
        }

        target["spanName"] = NullIfEmpty(spanName);
        target["model"] = NullIfEmpty(model);
        var body = new JsonObject
        {
            ["name"] = name,
            ["kind"] = kind,
            ["scoreName"] = scoreName,
            ["template"] = Lf(template),
            ["samplingRate"] = rate,
            ["target"] = target,
        };
        return await (path is not null
            ? ActAsync(HttpMethod.Put, path, body, $"Evaluator {name} saved.", "/evaluators")
            : ActAsync(HttpMethod.Post, "/api/v1/evaluators", body, $"Evaluator {name} created.", "/evaluators")).ConfigureAwait(false);
    }

    public Task<IActionResult> OnPostStatusAsync(long id, bool enable) =>
        ActAsync(HttpMethod.Post, $"/api/v1/evaluators/{id.ToString(CultureInfo.InvariantCulture)}/{(enable ? "enable" : "disable")}", null, enable ? "Evaluator enabled." : "Evaluator disabled.");

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")]
    private static partial Regex VariablePattern();
}
