namespace LlmOps.Processors.Evaluation.Text;

/// <summary>Surface features of a word token that scorers weigh differently.</summary>
[Flags]
internal enum TokenKind
{
    None = 0,

    /// <summary>The original token started with an upper-case letter.</summary>
    Capitalized = 1,

    /// <summary>Every letter of the original token was upper case (and it had at least two letters).</summary>
    AllCaps = 2,

    /// <summary>The token contains a digit.</summary>
    Numeric = 4,

    /// <summary>The token is the first word of a sentence (capitalisation there carries little signal).</summary>
    SentenceStart = 8,
}
