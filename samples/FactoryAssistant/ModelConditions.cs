namespace FactoryAssistant;

/// <summary>What the fake model should do on this call: the simulator's spikes and noise.</summary>
internal sealed class ModelConditions
{
    public bool InSpike { get; set; }

    public double Noise { get; set; }
}
