namespace LlmOps.Processors.Configuration;

/// <summary>Checks <c>service.management</c>: key entries (without echoing a key), rate limits, body limits.</summary>
internal sealed class ManagementOptionsValidator : IOptionsValidator<ManagementOptions>
{
    public void Validate(ManagementOptions options, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(options.ApiKeys[i]) && ApiKeyEntry.TryParse(options.ApiKeys[i], i, out var error) is null)
            {
                // The message never echoes the key itself.
                errors.Add($"api_keys[{i}]", error);
            }
        }

        ValidateRate(options.RateLimit, "rate_limit", errors);
        ValidateRate(options.AnonymousRateLimit, "anonymous_rate_limit", errors);
        foreach (var (role, limit) in options.RoleRateLimits)
        {
            if (role != ApiScopes.CustomRole && !ApiScopes.Roles.ContainsKey(role))
            {
                errors.Add($"role_rate_limits.{role}", $"unknown role (known: {string.Join(", ", ApiScopes.Roles.Keys)}, {ApiScopes.CustomRole})");
            }

            ValidateRate(limit, $"role_rate_limits.{role}", errors);
        }

        foreach (var (name, limit) in options.KeyRateLimits)
        {
            ValidateRate(limit, $"key_rate_limits.{name}", errors);
        }

        if (options.MaxRequestBodySize < 1024)
        {
            errors.Add("max_request_body_size", "must be at least 1024 bytes");
        }

        if (options.MaxImportBodySize < options.MaxRequestBodySize)
        {
            errors.Add("max_import_body_size", "must be at least max_request_body_size");
        }

        if (options.KeyCacheTtl < TimeSpan.Zero || options.KeyCacheTtl > TimeSpan.FromMinutes(5))
        {
            errors.Add("key_cache_ttl", "must be between 0 and 5m");
        }

        ValidateRunModel(options.RunModel ?? new RunModelOptions(), errors);
    }

    private static void ValidateRunModel(RunModelOptions model, ValidationErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(model.Endpoint)
            && (!Uri.TryCreate(model.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add("run_model.endpoint", "must be an absolute http(s) URL");
        }

        if (model.Timeout <= TimeSpan.Zero || model.Timeout > TimeSpan.FromMinutes(10))
        {
            errors.Add("run_model.timeout", "must be more than 0 and at most 10m");
        }

        if (model.InputCostPerMillionTokens < 0 || double.IsNaN(model.InputCostPerMillionTokens))
        {
            errors.Add("run_model.input_cost_per_million_tokens", "must not be negative");
        }

        if (model.OutputCostPerMillionTokens < 0 || double.IsNaN(model.OutputCostPerMillionTokens))
        {
            errors.Add("run_model.output_cost_per_million_tokens", "must not be negative");
        }
    }

    private static void ValidateRate(RateLimitOptions? limit, string key, ValidationErrors errors)
    {
        if (limit is null || limit.RequestsPerSecond <= 0 || double.IsNaN(limit.RequestsPerSecond) || limit.Burst < 1)
        {
            errors.Add(key, "requests_per_second must be positive and burst at least 1");
        }
    }
}
