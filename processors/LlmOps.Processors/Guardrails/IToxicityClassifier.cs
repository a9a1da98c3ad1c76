namespace LlmOps.Processors.Guardrails;

/// <summary>Estimates how likely a text is toxic (hate, harassment, abuse), 0..1.</summary>
internal interface IToxicityClassifier
{
    double Toxicity(string text);
}
