namespace LlmOps.Processors.Evaluation.Text;

/// <summary>A word token: its lower-cased text, where it came from and its surface features.</summary>
/// <param name="Text">Lower-cased token text (apostrophes kept inside words, e.g. <c>don't</c>).</param>
/// <param name="Start">Offset of the first character in the source string.</param>
/// <param name="Length">Length in the source string.</param>
/// <param name="Kind">Surface features.</param>
internal readonly record struct Token(string Text, int Start, int Length, TokenKind Kind)
{
    public bool IsEntityLike => (Kind & (TokenKind.Numeric | TokenKind.AllCaps)) != 0
        || ((Kind & TokenKind.Capitalized) != 0 && (Kind & TokenKind.SentenceStart) == 0);
}
