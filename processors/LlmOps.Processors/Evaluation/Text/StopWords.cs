namespace LlmOps.Processors.Evaluation.Text;

/// <summary>A small hand-made English function-word list (articles, pronouns, auxiliaries, prepositions).</summary>
internal static class StopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "else", "than", "as", "of", "at",
        "by", "for", "with", "about", "against", "between", "into", "through", "during", "before", "after",
        "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again",
        "further", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few",
        "more", "most", "other", "some", "such", "only", "own", "same", "too", "very", "can", "will", "just",
        "should", "would", "could", "might", "must", "shall", "may", "is", "am", "are", "was", "were", "be",
        "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "i", "me", "my", "myself",
        "we", "us", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves", "he", "him",
        "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "whose", "this", "that", "these", "those",
        "also", "while", "because", "until", "within", "without", "upon", "onto", "via", "per", "s", "t", "d",
        "ll", "re", "ve", "m", "o", "let", "lets", "it's", "that's", "there's", "i'm", "i've", "you're", "they're",
        "we're", "he's", "she's", "what's", "one", "ones", "get", "got", "make", "made", "many", "much", "even",
        "still", "well", "like", "yes", "however", "thus", "therefore", "whether", "either", "neither",
    };

    public static bool Contains(string token) => Words.Contains(token);
}
