namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>The sacreBLEU tokenisers this implementation reproduces.</summary>
internal enum BleuTokenization
{
    /// <summary>Split on whitespace only (sacreBLEU <c>none</c>).</summary>
    None,

    /// <summary>The mteval-v13a rules, sacreBLEU's default (<c>13a</c>).</summary>
    Mteval13a,

    /// <summary>The mteval-v14 international rules over Unicode punctuation and symbols (<c>intl</c>).</summary>
    International,

    /// <summary>Every non-space character is a token (<c>char</c>).</summary>
    Character,
}
