namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>sacreBLEU's smoothing methods for zero n-gram matches.</summary>
internal enum BleuSmoothing
{
    /// <summary>No smoothing: any zero precision makes BLEU 0.</summary>
    None,

    /// <summary>Zero-match precisions become <c>smoothValue / total</c> (default 0.1).</summary>
    Floor,

    /// <summary>Add <c>smoothValue</c> (default 1) to matches and totals of orders 2 and up.</summary>
    AddK,

    /// <summary>mteval's exponential decay: the k-th zero precision becomes <c>1 / (2^k * total)</c>. The default.</summary>
    Exponential,
}
