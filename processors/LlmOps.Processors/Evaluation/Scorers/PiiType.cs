namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>Kinds of personal data the deterministic detector finds.</summary>
internal enum PiiType
{
    Email,
    Phone,
    CreditCard,
    IpAddress,
    Iban,
    UsSsn,
}
