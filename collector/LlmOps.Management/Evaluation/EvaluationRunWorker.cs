using System.Data.Common;
using System.Threading.Channels;
using LlmOps.Management.Datasets;
using LlmOps.Management.Prompts;
using LlmOps.Management.Settings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOps.Management.Evaluation;

/// <summary>
/// Executes evaluation runs in the background: runs started here are queued in-process; queued runs in the database
/// (e.g. from a replica that stopped) are picked up by polling. A run is claimed atomically, so exactly one replica
/// executes it. Progress (<c>done</c>/<c>total</c>) is written per item.
/// </summary>
internal sealed partial class EvaluationRunWorker : BackgroundService
{
    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IEvaluationRunRepository _runs;
    private readonly IDatasetRepository _datasets;
    private readonly IPromptRepository _prompts;
    private readonly ChatModelResolver _models;
    private readonly IReadOnlyList<IDatasetEvaluator> _evaluators;
    private readonly ISettingsChangeNotifier _settings;
    private readonly ManagementStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EvaluationRunWorker> _logger;

    public EvaluationRunWorker(
        IEvaluationRunRepository runs,
        IDatasetRepository datasets,
        IPromptRepository prompts,
        ChatModelResolver models,
        IEnumerable<IDatasetEvaluator> evaluators,
        ISettingsChangeNotifier settings,
        ManagementStoreOptions options,
        TimeProvider time,
        ILogger<EvaluationRunWorker> logger)
    {
        _runs = runs;
        _datasets = datasets;
        _prompts = prompts;
        _models = models;
        _evaluators = evaluators.ToList();
        _settings = settings;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public void Enqueue(long runId) => _queue.Writer.TryWrite(runId);

    /// <summary>Claims and executes one run; returns false when another worker already has it.</summary>
    public async Task<bool> ExecuteRunAsync(long runId, CancellationToken cancellationToken)
    {
        if (!await _runs.TryClaimAsync(runId, _options.InstanceId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            var run = await _runs.GetAsync(runId, cancellationToken).ConfigureAwait(false);
            var prompt = await _prompts.GetVersionAsync(run.PromptName, run.PromptVersion, cancellationToken).ConfigureAwait(false);
            var items = await _datasets.AllItemsAsync(run.DatasetId, cancellationToken).ConfigureAwait(false);
            var generation = _settings.Current<GenerationSettings>();
            var model = _models.Resolve(run.Model);
            var evaluators = run.Evaluators.Select(n => _evaluators.First(e => e.Name == n)).ToList();

            // A run queued again after its runner stopped resumes: items already recorded are kept, not run twice.
            var recorded = (await _runs.ResultsAsync(runId, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.ItemId);
            var results = new List<RunItemResult>(items.Count);
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (recorded.TryGetValue(item.Id, out var earlier))
                {
                    results.Add(earlier);
                    continue;
                }

                var result = await EvaluateItemAsync(run, prompt, item, model, evaluators, generation, cancellationToken).ConfigureAwait(false);
                await _runs.RecordResultAsync(runId, result, cancellationToken).ConfigureAwait(false);
                results.Add(result);
            }

            await _runs.CompleteAsync(runId, Summarize(run, results), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            // Shutdown: hand the run back, so this or another replica resumes it.
            await _runs.ReleaseAsync(runId, _options.InstanceId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception e)
        {
            LogRunFailed(_logger, e, runId);
            await _runs.FailAsync(runId, e.Message, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
    }

    public static RunSummary Summarize(EvaluationRun run, IReadOnlyList<RunItemResult> results)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(results);
        var n = results.Count;
        var metrics = run.Evaluators.ToDictionary(
            m => m,
            m =>
            {
                var scores = results.Select(r => r.Scores.TryGetValue(m, out var s) ? s.Score : 0).ToList();
                var threshold = run.Thresholds.TryGetValue(m, out var t) ? t : 0.5;
                return n == 0
                    ? new MetricSummary(0, 0, 0, 0, threshold)
                    : new MetricSummary(scores.Average(), scores.Min(), scores.Max(), (double)scores.Count(s => s >= threshold) / n, threshold);
            },
            StringComparer.Ordinal);
        var passed = results.Count(r => r.Passed);
        return new RunSummary(
            n,
            passed,
            results.Count(r => r.Error is not null),
            n == 0 ? 0 : (double)passed / n,
            n == 0 || metrics.Count == 0 ? 0 : results.Average(r => run.Evaluators.Average(m => r.Scores.TryGetValue(m, out var s) ? s.Score : 0)),
            n == 0 ? 0 : results.Average(r => r.LatencyMs),
            results.Sum(r => r.CostUsd),
            results.Sum(r => r.InputTokens),
            results.Sum(r => r.OutputTokens),
            metrics);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = PollAsync(stoppingToken);
        try
        {
            await foreach (var runId in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await ExecuteRunAsync(runId, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await poll.ConfigureAwait(false);
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var stale = await _runs.RequeueStaleAsync(_time.GetUtcNow() - _options.RunStaleAfter, stoppingToken).ConfigureAwait(false);
                if (stale.Count > 0)
                {
                    LogRunsRequeued(_logger, stale.Count, string.Join(", ", stale));
                }

                foreach (var id in await _runs.QueuedAsync(stoppingToken).ConfigureAwait(false))
                {
                    Enqueue(id);
                }

                await Task.Delay(_options.RunPollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (DbException e)
            {
                LogPollFailed(_logger, e);
                try
                {
                    await Task.Delay(_options.RunPollInterval, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<RunItemResult> EvaluateItemAsync(
        EvaluationRun run,
        PromptVersion prompt,
        DatasetItem item,
        IChatModel model,
        IReadOnlyList<IDatasetEvaluator> evaluators,
        GenerationSettings generation,
        CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["input"] = item.Input,
            ["question"] = item.Input,
            ["query"] = item.Input,
            ["context"] = item.Context,
        };
        if (item.Metadata.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (var p in item.Metadata.EnumerateObject())
            {
                values.TryAdd(p.Name, p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
            }
        }

        var system = PromptRenderer.Render(prompt.Template, values);
        if (prompt.Guidelines.Length > 0)
        {
            system += "\n\nGuidelines:\n" + PromptRenderer.Render(prompt.Guidelines, values);
        }

        var request = new ChatModelRequest(
            run.Model,
            system,
            item.Input,
            prompt.Config.TryGetProperty("temperature", out var temp) && temp.TryGetDouble(out var t) ? t : generation.Temperature,
            prompt.Config.TryGetProperty("maxTokens", out var mt) && mt.TryGetInt32(out var m) ? m : generation.MaxTokens,
            item.ExpectedOutput,
            item.Context,
            run.Noise,
            $"{run.PromptName}/v{run.PromptVersion}/{run.Noise}");
        try
        {
            var response = await model.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
            var scores = evaluators.ToDictionary(e => e.Name, e => Safe(e, item, response.Text), StringComparer.Ordinal);
            var passed = scores.All(kv => kv.Value.Score >= (run.Thresholds.TryGetValue(kv.Key, out var th) ? th : 0.5));
            var cost = (response.InputTokens * _options.Access.RunModel.InputCostPerMillionTokens / 1e6)
                + (response.OutputTokens * _options.Access.RunModel.OutputCostPerMillionTokens / 1e6);
            return new RunItemResult(item.Id, response.Text, response.LatencyMs, response.InputTokens, response.OutputTokens, cost, scores, passed, null);
        }
        catch (ChatModelException e)
        {
            var zero = evaluators.ToDictionary(ev => ev.Name, _ => new DatasetScore(0, "error", e.Message), StringComparer.Ordinal);
            return new RunItemResult(item.Id, string.Empty, 0, 0, 0, 0, zero, false, e.Message);
        }
    }

    private static DatasetScore Safe(IDatasetEvaluator evaluator, DatasetItem item, string output)
    {
        try
        {
            var s = evaluator.Score(item.Input, output, item.ExpectedOutput, item.Context);
            return s with { Score = double.IsFinite(s.Score) ? Math.Clamp(s.Score, 0, 1) : 0 };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new DatasetScore(0, "evaluator_error", e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evaluation run {RunId} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, long runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queued {Count} evaluation run(s) again whose runner stopped recording items: {RunIds}")]
    private static partial void LogRunsRequeued(ILogger logger, int count, string runIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for queued evaluation runs failed; will retry")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
