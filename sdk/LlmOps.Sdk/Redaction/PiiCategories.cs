namespace LlmOps.Sdk.Redaction;

/// <summary>The kinds of personal data <see cref="PiiRedactor"/> removes.</summary>
[Flags]
public enum PiiCategories
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>E-mail addresses.</summary>
    Email = 1,

    /// <summary>Phone numbers: international (+, 9 to 15 digits) or grouped national (10 to 15 digits).</summary>
    Phone = 2,

    /// <summary>Payment card numbers (13 to 19 digits passing the Luhn check).</summary>
    CreditCard = 4,

    /// <summary>IBANs passing the ISO 7064 mod-97 check.</summary>
    Iban = 8,

    /// <summary>IPv4 and IPv6 addresses.</summary>
    IpAddress = 16,

    /// <summary>National ids: US SSN, UK National Insurance number, Spanish DNI (checked letter).</summary>
    NationalId = 32,

    /// <summary>Everything above.</summary>
    All = Email | Phone | CreditCard | Iban | IpAddress | NationalId,
}
