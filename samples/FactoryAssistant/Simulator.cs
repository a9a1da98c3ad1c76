using LlmOps.Sdk.Context;
using LlmOps.Sdk.OpenTelemetry;
using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace FactoryAssistant;

/// <summary>Drives users and sessions through the assistant at the configured rate, with spikes, noise and feedback.</summary>
internal sealed partial class Simulator
{
    /// <summary>The registry prompt the assistant uses, as the collector seeds it.</summary>
    public const string PromptName = "Factory Assistant System";

    private static readonly string[] Questions =
    [
        "Which hydraulic oil does press 4 need and when do I change it?",
        "How often do I grease the CNC spindle bearing?",
        "What is the lockout tagout procedure before maintenance?",
        "What tension should the conveyor C2 belt have?",
        "What torque for the M8 gearbox bolts?",
        "The welding robot shows fault E-214, what do I do?",
        "How do I report a compressed air leak?",
        "A lot is out of tolerance, what is the quality hold procedure?",
        "What coolant concentration should the CNC have?",
        "What goes into the shift handover log?",
        "Where is the cafeteria?",
    ];

    /// <summary>The sample's own spans (one per user turn); registered with the tracer provider in Program.cs.</summary>
    public static readonly System.Diagnostics.ActivitySource Source = new("FactoryAssistant");

    private readonly IChatClient _chat;
    private readonly KnowledgeBase _knowledgeBase;
    private readonly LlmOpsPrompt _prompt;
    private readonly LlmOpsTelemetry _telemetry;
    private readonly ModelConditions _conditions;
    private readonly SimulatorOptions _options;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Session, int Turns)> _sessions = [];
    private long _calls;
    private long _errors;
    private long _feedback;

    public Simulator(IChatClient chat, KnowledgeBase knowledgeBase, LlmOpsPrompt prompt, LlmOpsTelemetry telemetry, ModelConditions conditions, SimulatorOptions options, ILogger logger)
    {
        _chat = chat;
        _knowledgeBase = knowledgeBase;
        _prompt = prompt;
        _telemetry = telemetry;
        _conditions = conditions;
        _options = options;
        _logger = logger;
        _random = new Random(options.Seed);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var inFlight = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / _options.Rate));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var elapsed = TimeProvider.System.GetElapsedTime(started);
                var spike = _options.SpikeEvery > TimeSpan.Zero
                    && elapsed.Ticks % _options.SpikeEvery.Ticks >= (_options.SpikeEvery - _options.SpikeLength).Ticks;
                if (spike != _conditions.InSpike)
                {
                    _conditions.InSpike = spike;
                    LogSpike(_logger, spike);
                }

                inFlight.RemoveAll(t => t.IsCompleted);
                inFlight.Add(TurnAsync(CancellationToken.None));
            }
        }
        catch (OperationCanceledException)
        {
            // Duration elapsed or Ctrl+C: let the calls in flight finish.
        }

        await Task.WhenAll(inFlight).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await _telemetry.Feedback.FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    public string Summary() =>
        $"calls {Interlocked.Read(ref _calls)}, errors {Interlocked.Read(ref _errors)}, feedback {Interlocked.Read(ref _feedback)} " +
        $"(sent {_telemetry.Feedback.SentCount}, failed {_telemetry.Feedback.FailedCount}, dropped {_telemetry.Feedback.DroppedCount})";

    private async Task TurnAsync(CancellationToken cancellationToken)
    {
        string user, session, question;
        bool streaming;
        double feedbackRoll;
        TimeSpan retrievalTime;
        lock (_gate)
        {
            user = $"operator-{_random.Next(1, _options.Users + 1):D2}";
            if (!_sessions.TryGetValue(user, out var state) || state.Turns >= 4)
            {
                state = ($"sess-{user}-{_random.Next(100_000, 999_999)}", 0);
            }

            _sessions[user] = (state.Session, state.Turns + 1);
            session = state.Session;
            question = Questions[_random.Next(Questions.Length)];
            streaming = _random.NextDouble() < 0.4;
            feedbackRoll = _random.NextDouble();
            retrievalTime = TimeSpan.FromMilliseconds(_random.Next(5, 40));
        }

        // One trace per user turn: the retrieval span and the chat span become siblings under it.
        using var turn = Source.StartActivity("assistant turn", System.Diagnostics.ActivityKind.Server);
        using var scope = LlmOpsContext.BeginScope(session, user).UsePrompt(_prompt);
        var results = _knowledgeBase.Search(question);
        scope.RecordRetrieval(question, KnowledgeBase.ToLlmOps(results), KnowledgeBase.DataSource, retrievalTime);
        var system = _prompt.Render(new Dictionary<string, object?>
        {
            ["context"] = string.Join('\n', results.Select(r => "- " + r.Document.Text)),
            ["input"] = question,
        });
        ChatMessage[] messages = [new(ChatRole.System, system), new(ChatRole.User, question)];
        Interlocked.Increment(ref _calls);
        try
        {
            var response = streaming
                ? await _chat.GetStreamingResponseAsync(messages, cancellationToken: cancellationToken).ToChatResponseAsync(cancellationToken)
                : await _chat.GetResponseAsync(messages, cancellationToken: cancellationToken);
            GiveFeedback(scope.LastResponse ?? response.GetLlmOpsReference(), response.Text, user, session, feedbackRoll);
        }
        catch (HttpRequestException ex)
        {
            Interlocked.Increment(ref _errors);
            LogModelError(_logger, user, ex.Message);
        }
    }

    private void GiveFeedback(LlmOpsResponseReference? reference, string answer, string user, string session, double roll)
    {
        if (reference is null)
        {
            return;
        }

        var offTopic = answer.Contains("cafeteria", StringComparison.Ordinal);
        LlmOps.Sdk.Feedback.LlmOpsFeedback? feedback = (offTopic, roll) switch
        {
            (true, < 0.6) => LlmOps.Sdk.Feedback.LlmOpsFeedback.ThumbsDown(reference, "Not about the machine I asked for."),
            (false, < 0.25) => LlmOps.Sdk.Feedback.LlmOpsFeedback.ThumbsUp(reference),
            (false, < 0.35) => LlmOps.Sdk.Feedback.LlmOpsFeedback.FromScore(reference, Math.Round(3 + (roll * 5)), comment: "useful"),
            _ => null,
        };
        if (feedback is null)
        {
            return;
        }

        _telemetry.Feedback.TryRecord(new LlmOps.Sdk.Feedback.LlmOpsFeedback(reference)
        {
            Score = feedback.Score,
            Label = feedback.Label,
            Comment = feedback.Comment,
            Kind = feedback.Kind,
            UserId = user,
            SessionId = session,
        });
        Interlocked.Increment(ref _feedback);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Load spike {Active}")]
    private static partial void LogSpike(ILogger logger, bool active);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model call for {User} failed: {Error}")]
    private static partial void LogModelError(ILogger logger, string user, string error);
}
