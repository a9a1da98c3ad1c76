using LlmOps.Processors.Configuration;
using Xunit;

namespace LlmOps.Management.Tests.Unit;

public sealed class ApiKeyEntryTests
{
    private const string Secret = "s3cret-value-0123456789";

    [Theory]
    [InlineData("ci:" + Secret, "ci", "admin", "ingest,read,write,admin")]
    [InlineData(Secret, "key-3", "admin", "ingest,read,write,admin")]
    [InlineData("grafana[viewer]:" + Secret, "grafana", "viewer", "read")]
    [InlineData("etl[write, read]:" + Secret, "etl", "editor", "read,write")]
    [InlineData("agent[ingest]:" + Secret, "agent", "ingest", "ingest")]
    [InlineData("mixed[ingest,read]:" + Secret, "mixed", "custom", "ingest,read")]
    [InlineData("boss[admin]:a:b:" + Secret, "boss", "admin", "ingest,read,write,admin")]
    public void TryParse_Forms_NameRoleScopesAndKey(string entry, string name, string role, string scopes)
    {
        var parsed = ApiKeyEntry.TryParse(entry, 2, out var error);
        Assert.True(parsed is not null, error);
        Assert.Equal(name, parsed.Name);
        Assert.Equal(role, parsed.Role);
        Assert.Equal(scopes, string.Join(',', parsed.Scopes));
        Assert.EndsWith(Secret, parsed.Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x[superuser]:" + Secret, "unknown role or scope 'superuser'")]
    [InlineData("x[read,delete]:" + Secret, "unknown scope 'delete'")]
    [InlineData("x[]:" + Secret, "role or at least one scope")]
    [InlineData("x[viewer:" + Secret, "name[role]:key")]
    [InlineData("x:short", "at least 16 characters")]
    public void TryParse_Invalid_ErrorWithoutTheKey(string entry, string message)
    {
        Assert.Null(ApiKeyEntry.TryParse(entry, 0, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_ReportsEveryBadEntryAndLimit_WithPathAndWithoutTheKey()
    {
        var options = new ManagementOptions
        {
            ApiKeys = ["ok:" + Secret, "bad[root]:" + Secret, "   "],
            RateLimit = new RateLimitOptions { RequestsPerSecond = 0, Burst = 5 },
            RoleRateLimits = { ["owner"] = new RateLimitOptions() },
            MaxRequestBodySize = 10,
        };
        var errors = new ValidationErrors();
        new ManagementOptionsValidator().Validate(options, errors);
        var all = string.Join("\n", errors.All);
        foreach (var path in new[] { "api_keys[1]", "rate_limit", "role_rate_limits.owner", "max_request_body_size" })
        {
            Assert.Contains(path, all, StringComparison.Ordinal);
        }

        // The valid entry and the blank one (an unset variable) are not errors.
        Assert.Equal(4, errors.All.Count);
        Assert.DoesNotContain(Secret, all, StringComparison.Ordinal);
    }

    [Fact]
    public void RunModel_BadEndpointTimeoutAndPrices_AreReportedWithTheirKeys_AndTheKeyIsNeverEchoed()
    {
        var options = new ManagementOptions
        {
            RunModel = new RunModelOptions { Endpoint = "ftp://models.internal", ApiKey = Secret, Timeout = TimeSpan.Zero, InputCostPerMillionTokens = -1, OutputCostPerMillionTokens = double.NaN },
        };
        var errors = new ValidationErrors();

        new ManagementOptionsValidator().Validate(options, errors);

        var all = string.Join("\n", errors.All);
        foreach (var path in new[] { "run_model.endpoint", "run_model.timeout", "run_model.input_cost_per_million_tokens", "run_model.output_cost_per_million_tokens" })
        {
            Assert.Contains(path, all, StringComparison.Ordinal);
        }

        Assert.Equal(4, errors.All.Count);
        Assert.DoesNotContain(Secret, all, StringComparison.Ordinal);

        var valid = new ValidationErrors();
        new ManagementOptionsValidator().Validate(new ManagementOptions { RunModel = new RunModelOptions { Endpoint = "http://127.0.0.1:11434/v1", ApiKey = Secret } }, valid);
        Assert.Empty(valid.All);
    }
}
