using LlmOps.Processors.Configuration;

namespace LlmOps.Processors.Alerts;

internal sealed class AlertingOptionsValidator : IOptionsValidator<AlertingOptions>
{
    /// <summary>Engine rule ids of the management API's alert rules (<c>api-{id}</c>); configured rules may not use it.</summary>
    public const string ReservedIdPrefix = "api-";

    public void Validate(AlertingOptions options, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (options.EvaluationInterval <= TimeSpan.Zero)
        {
            errors.Add("evaluation_interval", "must be positive");
        }

        if (options.ResendInterval <= TimeSpan.Zero)
        {
            errors.Add("resend_interval", "must be positive");
        }

        if (options.AlertValidity is { } v && v <= options.ResendInterval)
        {
            errors.Add("alert_validity", "must be longer than resend_interval");
        }

        if (options.DeliveryTimeout <= TimeSpan.Zero)
        {
            errors.Add("delivery_timeout", "must be positive");
        }

        if (options.AlertmanagerUrl.Length > 0 && !Uri.TryCreate(options.AlertmanagerUrl, UriKind.Absolute, out _))
        {
            errors.Add("alertmanager_url", $"'{options.AlertmanagerUrl}' is not an absolute URL");
        }

        for (var i = 0; i < options.WebhookUrls.Count; i++)
        {
            if (!Uri.TryCreate(options.WebhookUrls[i], UriKind.Absolute, out _))
            {
                errors.Add($"webhook_urls[{i}]", $"'{options.WebhookUrls[i]}' is not an absolute URL");
            }
        }

        if (!Uri.TryCreate(options.ExternalUrl, UriKind.Absolute, out _))
        {
            errors.Add("external_url", $"'{options.ExternalUrl}' is not an absolute URL");
        }

        if (options.Retry.MaxAttempts < 1)
        {
            errors.Add("retry.max_attempts", "must be at least 1");
        }

        if (options.Retry.InitialBackoff < TimeSpan.Zero || options.Retry.MaxBackoff < options.Retry.InitialBackoff)
        {
            errors.Add("retry.max_backoff", "must be at least initial_backoff (both non-negative)");
        }

        if (options.MaxHistory < 1)
        {
            errors.Add("max_history", "must be at least 1");
        }

        var ruleValidator = new AlertRuleValidator();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            ruleValidator.Validate(options.Rules[i], errors.At($"rules[{i}]"));
            if (options.Rules[i].Id.StartsWith(ReservedIdPrefix, StringComparison.Ordinal))
            {
                errors.Add($"rules[{i}].id", $"'{options.Rules[i].Id}': ids starting with '{ReservedIdPrefix}' are reserved for the management API's alert rules");
            }

            if (!ids.Add(options.Rules[i].Id))
            {
                errors.Add($"rules[{i}].id", $"'{options.Rules[i].Id}' is used by another rule");
            }
        }
    }
}
