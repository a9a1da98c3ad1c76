using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using LlmOps.Sdk.Context;

namespace LlmOps.Sdk.Feedback;

/// <summary>
/// Sends user feedback to the collector as OTLP/HTTP JSON log records (<c>gen_ai.evaluation.result</c> events),
/// from any process and at any later time. Recording never blocks and never throws: records go to a bounded queue
/// drained by a background task; a full queue drops (<see cref="DroppedCount"/>) and failed sends are counted
/// (<see cref="FailedCount"/>). It needs no OpenTelemetry logging pipeline.
/// </summary>
public sealed class LlmOpsFeedbackClient : IAsyncDisposable, IDisposable
{
    private readonly LlmOpsFeedbackClientOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _logsUri;
    private readonly Channel<QueuedFeedback> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;
    private readonly Lock _gate = new();
    private TaskCompletionSource? _idle;
    private long _pending;
    private long _sent;
    private long _dropped;
    private long _failed;
    private int _disposed;

    /// <summary>Creates the client and starts its background sender.</summary>
    /// <param name="options">The options.</param>
    public LlmOpsFeedbackClient(LlmOpsFeedbackClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.QueueCapacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxAttempts);
        _options = options;
        var baseText = options.Endpoint.ToString().TrimEnd('/');
        _logsUri = new Uri(baseText + "/v1/logs");
        _ownsHttp = options.HttpClient is null;
        _http = options.HttpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _queue = Channel.CreateBounded<QueuedFeedback>(new BoundedChannelOptions(options.QueueCapacity)
        {
            // Wait mode makes TryWrite return false when full (it never waits); DropWrite would report success.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Gets how many feedback records the collector accepted.</summary>
    public long SentCount => Interlocked.Read(ref _sent);

    /// <summary>Gets how many records were dropped because the queue was full or the client disposed.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Gets how many records could not be delivered after all attempts.</summary>
    public long FailedCount => Interlocked.Read(ref _failed);

    /// <summary>Queues feedback for sending. Never blocks, never throws.</summary>
    /// <param name="feedback">The feedback.</param>
    /// <returns>False when it was dropped (queue full or client disposed).</returns>
    public bool TryRecord(LlmOpsFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        Interlocked.Increment(ref _pending);
        var item = new QueuedFeedback(feedback, feedback.Timestamp ?? _options.TimeProvider.GetUtcNow());
        if (Volatile.Read(ref _disposed) == 0 && _queue.Writer.TryWrite(item))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        LlmOpsInstrumentation.CountFailure(SemanticConventions.GenAiEvaluationResultEvent);
        Settle(1);
        return false;
    }

    /// <summary>Records a thumbs up.</summary>
    /// <param name="target">The rated response.</param>
    /// <param name="comment">Optional free text.</param>
    /// <returns>False when dropped.</returns>
    public bool ThumbsUp(LlmOpsResponseReference target, string? comment = null) => TryRecord(LlmOpsFeedback.ThumbsUp(target, comment));

    /// <summary>Records a thumbs down.</summary>
    /// <param name="target">The rated response.</param>
    /// <param name="comment">Optional free text.</param>
    /// <returns>False when dropped.</returns>
    public bool ThumbsDown(LlmOpsResponseReference target, string? comment = null) => TryRecord(LlmOpsFeedback.ThumbsDown(target, comment));

    /// <summary>Records a numeric score.</summary>
    /// <param name="target">The rated response.</param>
    /// <param name="score">The score.</param>
    /// <param name="label">Optional label.</param>
    /// <param name="comment">Optional free text.</param>
    /// <returns>False when dropped.</returns>
    public bool Score(LlmOpsResponseReference target, double score, string? label = null, string? comment = null) =>
        TryRecord(LlmOpsFeedback.FromScore(target, score, label, comment));

    /// <summary>Waits until every record queued so far was sent or given up on.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the queue is drained.</returns>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (Interlocked.Read(ref _pending) == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Sends what is queued (up to <see cref="LlmOpsFeedbackClientOptions.ShutdownTimeout"/>) and stops.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        try
        {
            await _worker.WaitAsync(_options.ShutdownTimeout, _options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The sender counts its own failures; disposing never throws into the app.
            LlmOpsInstrumentation.CountFailure(SemanticConventions.GenAiEvaluationResultEvent);
        }

        _stopping.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Stops without waiting for queued feedback; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _stopping.Cancel();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<QueuedFeedback>(_options.MaxBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                try
                {
                    await SendAsync(batch).ConfigureAwait(false);
                }
                catch (Exception) when (!_stopping.IsCancellationRequested)
                {
                    // Never let one batch kill the sender: later records must still be sent and flushes complete.
                    CountFailed(batch.Count);
                }
                finally
                {
                    Settle(batch.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by Dispose; whatever is left is dropped.
        }

        var left = 0;
        while (_queue.Reader.TryRead(out _))
        {
            left++;
        }

        if (left > 0)
        {
            Interlocked.Add(ref _dropped, left);
            Settle(left);
        }
    }

    private async Task SendAsync(List<QueuedFeedback> batch)
    {
        byte[] body;
        try
        {
            body = OtlpLogsJson.Write(batch, _options.ServiceName, _options.TimeProvider.GetUtcNow());
        }
        catch (Exception)
        {
            CountFailed(batch.Count);
            return;
        }

        var delay = _options.RetryDelay;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            var retryable = true;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _logsUri);
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                foreach (var header in _options.Headers)
                {
                    request.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                using var response = await _http.SendAsync(request, _stopping.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Add(ref _sent, batch.Count);
                    return;
                }

                var status = (int)response.StatusCode;
                retryable = status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                CountFailed(batch.Count);
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                retryable = true;
            }
            catch (Exception)
            {
                // A misconfigured handler or a disposed HttpClient: retrying will not help.
                retryable = false;
            }

            if (!retryable || attempt == _options.MaxAttempts)
            {
                break;
            }

            await Task.Delay(delay, _options.TimeProvider, _stopping.Token).ConfigureAwait(false);
            delay *= 2;
        }

        CountFailed(batch.Count);
    }

    private void CountFailed(int count)
    {
        Interlocked.Add(ref _failed, count);
        LlmOpsInstrumentation.CountFailure(SemanticConventions.GenAiEvaluationResultEvent);
    }

    private void Settle(int count)
    {
        if (Interlocked.Add(ref _pending, -count) != 0)
        {
            return;
        }

        lock (_gate)
        {
            _idle?.TrySetResult();
            _idle = null;
        }
    }
}
