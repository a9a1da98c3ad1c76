using System.Net.Http.Json;
using LlmOps.Collector.Tests.Support;
using LlmOps.Sdk.Prompts;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>Moving a prompt's <c>production</c> label in the management API changes what the SDK's prompt client fetches.</summary>
public sealed class PromptLabelEndToEndTests
{
    [Fact]
    public async Task MovingProductionLabel_ChangesWhatSdkFetches()
    {
        await using var collector = await RunningCollector.StartAsync();
        var name = "label-switch-" + Guid.NewGuid().ToString("N")[..8];
        using (var created = await collector.Management.PostAsJsonAsync("/api/v1/prompts", new { name, description = "e2e", template = "Version one for {{user}}.", labels = new[] { "production" } }).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        using (var second = await collector.Management.PostAsJsonAsync($"/api/v1/prompts/{name}/versions", new { template = "Version two for {{user}}.", labels = new[] { "test" } }).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.True(second.IsSuccessStatusCode, await second.Content.ReadAsStringAsync());
        }

        using var client = new LlmOpsPromptClient(new LlmOpsPromptClientOptions { BaseAddress = collector.Management.BaseAddress!, CacheDuration = TimeSpan.Zero });
        var before = await client.GetPromptAsync(name, "production").WaitAsync(TimeSpan.FromSeconds(30));

        using (var moved = await collector.Management.PutAsJsonAsync($"/api/v1/prompts/{name}/labels/production", new { version = 2 }).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }

        var after = await client.GetPromptAsync(name, "production").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, before.Version);
        Assert.Equal("Version one for Ada.", before.Render(new Dictionary<string, object?> { ["user"] = "Ada" }));
        Assert.Equal(2, after.Version);
        Assert.Equal("Version two for Ada.", after.Render(new Dictionary<string, object?> { ["user"] = "Ada" }));
    }
}
