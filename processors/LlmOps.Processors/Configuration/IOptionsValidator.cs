namespace LlmOps.Processors.Configuration;

/// <summary>Validates one options type; adds every problem (never stops at the first) with a key path relative to the options.</summary>
internal interface IOptionsValidator<in TOptions>
{
    void Validate(TOptions options, ValidationErrors errors);
}
