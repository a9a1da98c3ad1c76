using LlmOps.Processors.Evaluation.Judge;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Processors.Tests.Evaluation.Engine;

public sealed class OpenAiCompatibleJudgeTests
{
    private static OpenAiCompatibleJudge Judge(FakeJudgeServer server, HttpClient http, TimeSpan? timeout = null, int retries = 3) =>
        new(http, new JudgeOptions { Endpoint = server.BaseAddress.ToString(), Model = "judge", ApiKey = "test-key-not-secret", Timeout = timeout ?? TimeSpan.FromSeconds(5), MaxRetries = retries, MaxRetryDelay = TimeSpan.FromMilliseconds(200) }, TimeProvider.System);

    [Fact]
    public async Task JudgeAsync_WellFormedVerdict_ReturnsScore()
    {
        string? auth = null;
        await using var server = await FakeJudgeServer.StartAsync(async (_, ctx) =>
        {
            auth = ctx.Request.Headers.Authorization;
            await ctx.Response.WriteAsync(FakeJudgeServer.Completion("```json\n{\"score\": 0.8, \"label\": \"grounded\", \"explanation\": \"All claims are in the context.\"}\n```"));
        });
        using var http = new HttpClient();

        var verdict = await Judge(server, http).JudgeAsync("Be strict.", "Answer: x", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(JudgeStatus.Ok, verdict.Status);
        Assert.Equal(0.8, verdict.Score);
        Assert.Equal("grounded", verdict.Label);
        Assert.Equal("Bearer test-key-not-secret", auth);
    }

    [Fact]
    public async Task JudgeAsync_SlowJudge_TimesOut()
    {
        using var release = new CancellationTokenSource();
        await using var server = await FakeJudgeServer.StartAsync(async (_, ctx) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(release.Token, ctx.RequestAborted).Token);
            }
            catch (OperationCanceledException)
            {
            }
        });
        using var http = new HttpClient();

        var verdict = await Judge(server, http, timeout: TimeSpan.FromMilliseconds(300)).JudgeAsync(string.Empty, "p", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
        await release.CancelAsync();

        Assert.Equal(JudgeStatus.Timeout, verdict.Status);
        Assert.Null(verdict.Score);
        Assert.Contains("did not answer", verdict.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I think it is fine.")]
    [InlineData("{\"label\": \"ok\"}")]
    [InlineData("{\"score\": \"high\"}")]
    [InlineData("{\"score\": 42}")]
    public async Task JudgeAsync_MalformedVerdict_ReportsMalformed(string content)
    {
        await using var server = await FakeJudgeServer.StartAsync((_, ctx) => ctx.Response.WriteAsync(FakeJudgeServer.Completion(content)));
        using var http = new HttpClient();

        var verdict = await Judge(server, http).JudgeAsync(string.Empty, "p", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(JudgeStatus.Malformed, verdict.Status);
        Assert.False(string.IsNullOrEmpty(verdict.Error));
    }

    [Fact]
    public async Task JudgeAsync_NotAChatCompletion_ReportsMalformed()
    {
        await using var server = await FakeJudgeServer.StartAsync((_, ctx) => ctx.Response.WriteAsync("<html>gateway</html>"));
        using var http = new HttpClient();

        var verdict = await Judge(server, http).JudgeAsync(string.Empty, "p", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(JudgeStatus.Malformed, verdict.Status);
    }

    [Fact]
    public async Task JudgeAsync_RateLimitedThenOk_RetriesHonouringRetryAfter()
    {
        await using var server = await FakeJudgeServer.StartAsync(async (n, ctx) =>
        {
            if (n <= 2)
            {
                ctx.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                ctx.Response.Headers.RetryAfter = "0";
                return;
            }

            await ctx.Response.WriteAsync(FakeJudgeServer.Completion("{\"score\": 0.3}"));
        });
        using var http = new HttpClient();

        var verdict = await Judge(server, http).JudgeAsync(string.Empty, "p", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(JudgeStatus.Ok, verdict.Status);
        Assert.Equal(0.3, verdict.Score);
        Assert.Equal("fail", verdict.Label);
        Assert.Equal(3, server.Calls);
    }

    [Fact]
    public async Task JudgeAsync_AlwaysRateLimited_ReportsRateLimitedAfterRetries()
    {
        await using var server = await FakeJudgeServer.StartAsync((_, ctx) =>
        {
            ctx.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Task.CompletedTask;
        });
        using var http = new HttpClient();

        var verdict = await Judge(server, http, retries: 2).JudgeAsync(string.Empty, "p", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(JudgeStatus.RateLimited, verdict.Status);
        Assert.Equal(3, server.Calls);
    }

    [Fact]
    public async Task JudgeAsync_BadRequest_ReportsErrorWithoutRetry()
    {
        await using var server = await FakeJudgeServer.StartAsync((_, ctx) =>
        {
            ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        });
        using var http = new HttpClient();

        var verdict = await Judge(server, http).JudgeAsync(string.Empty, "p", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(JudgeStatus.Error, verdict.Status);
        Assert.Equal(1, server.Calls);
    }
}
