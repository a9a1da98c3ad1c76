using System.Globalization;
using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;

namespace LlmOps.Ui.Pages.Alerts;

internal sealed class IndexModel(ConsoleApiClient api, TimeProvider time) : ConsolePageModel(api)
{
    public static readonly string[] Kinds = ["threshold", "error_rate", "latency", "cost", "evaluation_score", "drift", "custom"];

    [FromQuery(Name = "event")]
    public string? Event { get; set; }

    [FromQuery(Name = "beforeId")]
    public long? BeforeId { get; set; }

    [FromQuery(Name = "edit")]
    public long? Edit { get; set; }

    /// <summary>
    /// The alert engine's rule id from an alert's link (<c>/alerts/{rule}</c>, Alertmanager's generatorURL): an API
    /// rule (<c>api-12</c>) or one from the config file (<c>error-rate-high</c>).
    /// </summary>
    [FromRoute(Name = "rule")]
    public string? LinkedRule { get; set; }

    /// <summary>
    /// The management rule <see cref="LinkedRule"/> names: an API rule by its row id, a config-file rule by the
    /// <c>rule_id</c> label its mirrored row carries.
    /// </summary>
    public long? LinkedRuleId
    {
        get
        {
            if (LinkedRule is not { } r)
            {
                return null;
            }

            var prefix = Processors.Alerts.AlertingOptionsValidator.ReservedIdPrefix;
            if (r.StartsWith(prefix, StringComparison.Ordinal) && long.TryParse(r.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }

            var row = Rendering.J.Arr(Rules).FirstOrDefault(x => Rendering.J.Str(x?["labels"], Processors.Metrics.MetricNames.LabelRuleId) == r);
            return row is null ? null : Rendering.J.Long(row, "id");
        }
    }

    /// <summary>The linked rule's name, or the id from the link when no rule has it (deleted, or renamed in the file).</summary>
    public string? LinkedRuleName => LinkedRuleId is { } id
        ? Rendering.J.Str(Rendering.J.Arr(Rules).FirstOrDefault(r => Rendering.J.Long(r, "id") == id), "name") ?? LinkedRule
        : LinkedRule;

    public JsonNode? Active { get; private set; }

    public JsonNode? Rules { get; private set; }

    public JsonNode? History { get; private set; }

    /// <summary>
    /// The API rule <c>?edit=</c> names, or null: rules from the collector configuration are changed there (the API
    /// refuses to update them), so the editor never opens one.
    /// </summary>
    public JsonNode? Editing => Edit is { } id
        ? Rendering.J.Arr(Rules).FirstOrDefault(r => Rendering.J.Long(r, "id") == id && Rendering.J.Str(r, "source") != "config")
        : null;

    public async Task OnGetAsync()
    {
        var history = new List<string> { "limit=50" };
        if (!string.IsNullOrWhiteSpace(Event))
        {
            history.Add("event=" + Q(Event));
        }

        if (BeforeId is { } b)
        {
            history.Add("beforeId=" + b.ToString(CultureInfo.InvariantCulture));
        }

        var active = GetAsync("/api/v1/alerts");
        var rules = GetAsync("/api/v1/alerts/rules");
        var hist = GetAsync("/api/v1/alerts/history?" + string.Join('&', history));
        Active = await active.ConfigureAwait(false);
        Rules = await rules.ConfigureAwait(false);
        History = await hist.ConfigureAwait(false);
    }

    protected override Task LoadAsync() => OnGetAsync();

    public Task<IActionResult> OnPostAcknowledgeAsync(long id, string? comment) =>
        ActAsync(HttpMethod.Post, $"/api/v1/alerts/{id.ToString(CultureInfo.InvariantCulture)}/acknowledge", new JsonObject { ["comment"] = comment ?? string.Empty }, "Alert acknowledged.");

    public async Task<IActionResult> OnPostMuteAsync(long ruleId, string? minutes)
    {
        var numbers = new FormNumbers();
        if (numbers.WholeNumber(minutes, "Mute minutes") is not { } m)
        {
            return await RefuseAsync(numbers.Errors).ConfigureAwait(false);
        }

        return await ActAsync(HttpMethod.Post, $"/api/v1/alerts/rules/{ruleId.ToString(CultureInfo.InvariantCulture)}/mute", new JsonObject { ["minutes"] = m }, $"Rule muted for {m.ToString(CultureInfo.InvariantCulture)} minutes.").ConfigureAwait(false);
    }

    /// <summary>Whether the rule is muted now (a past <c>mutedUntil</c> stays in the row; unmuting it is a 409).</summary>
    public bool IsMuted(JsonNode? rule) =>
        Rendering.J.Str(rule, "mutedUntil") is { } until
        && DateTimeOffset.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
        && at > time.GetUtcNow();

    public Task<IActionResult> OnPostUnmuteAsync(long ruleId) =>
        ActAsync(HttpMethod.Post, $"/api/v1/alerts/rules/{ruleId.ToString(CultureInfo.InvariantCulture)}/unmute", null, "Rule unmuted.");

    public async Task<IActionResult> OnPostSaveRuleAsync(long? id, string name, string? kind, string expression, string @operator, string? threshold, string? forSeconds, string severity, bool enabled)
    {
        Edit = id; // a refused save shows the editor again on the same rule
        var numbers = new FormNumbers();
        var thresholdValue = numbers.Number(threshold, "Threshold");
        var forValue = numbers.WholeNumber(forSeconds, "For (seconds)");
        if (numbers.Errors.Count > 0)
        {
            return await RefuseAsync(numbers.Errors).ConfigureAwait(false);
        }

        var body = new JsonObject
        {
            ["name"] = name,
            // Empty: "from the expression", the kind the API derives from the expression's signal.
            ["kind"] = string.IsNullOrEmpty(kind) ? null : kind,
            ["expression"] = expression,
            ["operator"] = @operator,
            ["threshold"] = thresholdValue,
            ["forSeconds"] = forValue,
            ["severity"] = severity,
            ["enabled"] = enabled,
        };
        return await (id is { } existing
            ? ActAsync(HttpMethod.Put, "/api/v1/alerts/rules/" + existing.ToString(CultureInfo.InvariantCulture), body, $"Rule {name} saved.", "/alerts")
            : ActAsync(HttpMethod.Post, "/api/v1/alerts/rules", body, $"Rule {name} created.", "/alerts")).ConfigureAwait(false);
    }
}
