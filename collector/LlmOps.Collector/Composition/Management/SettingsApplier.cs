using LlmOps.Management.Settings;
using Microsoft.Extensions.Hosting;
using ProcessorGuardrails = LlmOps.Processors.Guardrails.GuardrailSettings;

namespace LlmOps.Collector.Composition.Management;

/// <summary>
/// Applies the guardrail settings of the management API to the running processors without a restart: at start and
/// whenever they change (in this process at once, on other replicas within the settings poll interval). Stored
/// settings win over the config file's values, at start and after a config reload alike.
/// </summary>
internal sealed class SettingsApplier : IHostedService
{
    private readonly ISettingsChangeNotifier _notifier;
    private readonly ProcessorGuardrails _guardrails;

    public SettingsApplier(ISettingsChangeNotifier notifier, ProcessorGuardrails guardrails)
    {
        _notifier = notifier;
        _guardrails = guardrails;
    }

    /// <summary>How many times settings were applied (start included).</summary>
    public int Applied { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _notifier.Changed += OnChanged;

        // Stored settings win over the config file's start values; without any, the file's values stay.
        ReapplyStored();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _notifier.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Puts the stored settings over the file's values, if any were ever saved (at start, and after a config reload
    /// rebuilt the processors, which publishes the file's values). Returns whether it did.
    /// </summary>
    public bool ReapplyStored()
    {
        if (_notifier.Version <= 0)
        {
            return false;
        }

        Apply();
        return true;
    }

    private void OnChanged(object? sender, SettingsChangedEventArgs e) => Apply();

    private void Apply()
    {
        var g = _notifier.Current<GuardrailSettings>();
        _guardrails.Update(_guardrails.Current with
        {
            PiiDetection = g.PiiDetection,
            Redact = g.RedactPii,
            ToxicityFilter = g.ToxicityFilter,
            ToxicityThreshold = g.ToxicityThreshold,
            HallucinationSensitivity = g.HallucinationThreshold,
            MinConfidence = g.MinConfidence,
            MaxContextLength = g.MaxContextLength,
            AutoEscalationThreshold = g.AutoEscalationThreshold,
        });
        Applied++;
    }
}
