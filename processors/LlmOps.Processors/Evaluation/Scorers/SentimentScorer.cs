using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// Lexicon sentiment for user feedback: word and phrase valences (with stem, adverb, comparative and "un-"
/// fallbacks), negation scoped to its clause (flips and damps the first sentiment word within eight tokens, or
/// every one of a list joined by "or"/"nor"; negating expressions such as "lack of", "far from", "not enough";
/// "too slow to be exciting"), intensifiers and diminishers (degree adjectives of the opposite polarity too: "a
/// great disappointment"), "too" + praise, unrealised praise ("should have been good", "tries to be funny"),
/// hypothetical praise that does not count (questions, "if"/"unless" clauses, bare modals), ironic similes
/// ("about as exciting as a sunburn"), contrast ("X but Y" weighs Y more) and concession ("although X, Y" counts
/// only Y), ALL-CAPS (in mixed-case text) and exclamation emphasis, stretched words ("sooo", "goooood") read as
/// their word and emphasised, complaints put as questions at half weight ("why is it so slow?"), hedges ("kind
/// of", "sort of") and negative adverbs of degree ("scarily accurate"), informal words and slang
/// (<see cref="SentimentInformal"/>), everyday emotion and event words (<see cref="SentimentEveryday"/>), and
/// emoticons and emoji (<see cref="SentimentSymbols"/>). The compound polarity in [−1, 1] is mapped to a
/// score in [0, 1] (0 = very negative, 0.5 = neutral, 1 = very positive). <see cref="Polarity"/> is the forced
/// binary decision.
/// </summary>
internal sealed class SentimentScorer
{
    public const string Name = "sentiment";
    private const double LikeValence = 2;
    private const double NegatedPositive = -0.75;
    private const double NegatedNegative = -0.4;
    private const double Unrealised = -0.5;
    private const double TooPositive = -1.0;
    private const double BoostStep = 0.3;
    private const double CapsFactor = 1.3;
    private const double BeforeContrast = 0.3;
    private const double AfterContrast = 1.7;
    private const double Concession = 0;

    // Praise in a hypothetical context does not count: a question ("is it any good?"), a condition ("if you like
    // slapstick") or a bare modal ("it should be funny", "you would expect charm").
    private const double Hypothetical = 0;

    // A complaint put as a question still complains ("why is it so slow?"), damped.
    private const double QuestionedComplaint = 0.5;

    // A stretched sentiment word ("goooood", "sloooow") is emphasised like an ALL-CAPS one, a little less.
    private const double StretchFactor = 1.2;
    private const double Normalizer = 15;
    private const int NegationReach = 8;

    // A negation that modifies no sentiment word still signals a complaint in feedback ("it won't read my discs").
    private const double BareNegation = -0.6;

    // Positivity bias: reviewers use praise words in negative reviews far more than the reverse ("a great cast,
    // wasted"), so negative evidence weighs more than positive.
    private const double NegativeWeight = 1.5;

    // Tie-breaker for texts without lexical evidence: weights of weak cues, and the base rate. Praise is nearly
    // always explicit while criticism is often indirect (irony, plain narration of what went wrong), so an
    // evaluative text without a single cue leans negative.
    private const double WeakWord = 0.25;
    private const double WeakExclamation = 0.3;
    private const double WeakQuestion = -0.6;
    private const double Prior = -0.05;

    public SentimentScorer(double neutralBand = 0.05) => NeutralBand = neutralBand;

    /// <summary>Compound polarities within ±this band are labelled neutral.</summary>
    public double NeutralBand { get; }

    public EvaluationResult Score(string text)
    {
        var compound = Compound(text);
        var label = compound >= NeutralBand ? "positive" : compound <= -NeutralBand ? "negative" : "neutral";
        return new EvaluationResult(Name, (compound + 1) / 2, label, $"compound polarity {compound:+0.00;-0.00;0.00}");
    }

    /// <summary>The compound polarity in [−1, 1].</summary>
    public static double Compound(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sum = Analyze(text, out _);
        return sum / Math.Sqrt((sum * sum) + Normalizer);
    }

    /// <summary>
    /// The forced positive-vs-negative decision, which never abstains: +1 positive, −1 negative. Texts with
    /// lexical evidence follow the compound polarity; the rest are decided by weak cues ("!" leans positive,
    /// "?" and complaint-narrative words such as "only", "again", "instead", "back" lean negative, capability
    /// words such as "can", "also", "every" lean positive) and finally by a small favourable prior.
    /// </summary>
    public static int Polarity(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sum = Analyze(text, out var weak);
        if (sum != 0)
        {
            return sum > 0 ? 1 : -1;
        }

        return weak + Prior >= 0 ? 1 : -1;
    }

    private static double Analyze(string text, out double weak)
    {
        weak = WeakPunctuation(text);
        var tokens = WordTokenizer.Tokenize(text);
        var stretched = Destretch(tokens);
        var emoticons = SentimentSymbols.Score(text);
        if (tokens.Count == 0)
        {
            return emoticons;
        }

        var shouting = IsMostlyCaps(tokens);
        var valences = new double[tokens.Count];
        var weights = new double[tokens.Count];
        Array.Fill(weights, 1.0);

        // 0 = plain token, 1 = inside a neutral phrase (ignored by modifiers), 2 = inside a scored phrase.
        var covered = new byte[tokens.Count];
        var boosts = new bool[tokens.Count];
        var questions = QuestionScope(text, tokens);
        var contrastAt = -1;
        var concessionFrom = -1;
        var irrealisFrom = -1;
        var modalFrom = -1;
        var condFrom = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ClauseBreak(text, tokens, i))
            {
                if (concessionFrom >= 0)
                {
                    concessionFrom = -1;
                }

                irrealisFrom = -1;
                modalFrom = -1;
                condFrom = -1;
            }

            if (concessionFrom >= 0)
            {
                weights[i] = Concession;
            }

            if (condFrom >= 0)
            {
                weights[i] *= Hypothetical;
            }

            var word = tokens[i].Text;
            if (SentimentLexicon.WeakNegativeWords.Contains(word))
            {
                weak -= WeakWord;
            }
            else if (SentimentLexicon.WeakPositiveWords.Contains(word))
            {
                weak += WeakWord;
            }

            if (covered[i] != 0)
            {
                continue;
            }

            if (SentimentLexicon.ConcessiveWords.Contains(word) && !(word == "while" && i > 0))
            {
                concessionFrom = i;
                weights[i] = Concession;
                continue;
            }

            if (SentimentLexicon.ContrastWords.Contains(word) && i > 0)
            {
                contrastAt = i;
                concessionFrom = -1;
                continue;
            }

            if (SentimentLexicon.IrrealisWords.Contains(word)
                || (SentimentLexicon.ModalWords.Contains(word) && i + 1 < tokens.Count && tokens[i + 1].Text == "have"))
            {
                irrealisFrom = i;
            }
            else if (SentimentLexicon.ModalWords.Contains(word) && word != "must")
            {
                modalFrom = i;
            }

            if (word is "if" or "unless")
            {
                condFrom = i;
            }

            {
                var bare = MatchPhrase(SentimentLexicon.NegatorPhrasesByFirstWord, tokens, i, out var negatorLength);
                if (negatorLength > 0)
                {
                    for (var k = i; k < i + negatorLength; k++)
                    {
                        covered[k] = 3;
                    }

                    if (!ModifiesSentiment(text, tokens, i + negatorLength - 1))
                    {
                        valences[i] = bare * NegativeWeight;
                    }

                    continue;
                }
            }

            var phrase = MatchPhrase(SentimentLexicon.PhrasesByFirstWord, tokens, i, out var phraseLength);
            double v;
            if (phraseLength > 0)
            {
                for (var k = i; k < i + phraseLength; k++)
                {
                    covered[k] = phrase == 0 ? (byte)1 : (byte)2;
                }

                if (phrase == 0)
                {
                    continue;
                }

                v = phrase;
            }
            else
            {
                v = IsVerbLike(tokens, i) ? LikeValence : SentimentLexicon.Valence(word);
                if (v != 0 && IsIntensifier(word) && i + 1 < tokens.Count && SentimentLexicon.Valence(tokens[i + 1].Text) != 0)
                {
                    // "pretty good", "terribly funny": the adverb only scales the next word.
                    v = 0;
                    boosts[i] = true;
                }
                else if (v != 0 && i + 1 < tokens.Count && !ClauseBreak(text, tokens, i + 1) && ActsAsDegree(word, v, tokens[i + 1].Text))
                {
                    v = 0;
                    boosts[i] = true;
                }

                if (v == 0)
                {
                    if (IsNegator(word) && !ModifiesSentiment(text, tokens, i))
                    {
                        valences[i] = BareNegation;
                    }

                    continue;
                }

                if (!shouting && (tokens[i].Kind & TokenKind.AllCaps) != 0)
                {
                    v *= CapsFactor;
                }

                if (stretched?[i] == true)
                {
                    v *= StretchFactor;
                }
            }

            v = ApplyModifiers(text, tokens, covered, boosts, i, v);
            if (v > 0 && IsSarcasticSimile(tokens, i, phraseLength > 0 ? phraseLength : 1))
            {
                v = -v;
            }

            if (v > 0 && irrealisFrom >= 0 && irrealisFrom < i)
            {
                v *= Unrealised;
            }
            else if (v > 0 && modalFrom >= 0 && modalFrom < i && !word.StartsWith("recommend", StringComparison.Ordinal))
            {
                v *= Hypothetical;
            }

            valences[i] = v < 0 ? v * NegativeWeight : v;
        }

        var sum = 0.0;
        for (var i = 0; i < valences.Length; i++)
        {
            var weight = weights[i] * (contrastAt < 0 ? 1 : i < contrastAt ? BeforeContrast : AfterContrast);
            if (questions[i])
            {
                weight *= valences[i] < 0 ? QuestionedComplaint : Hypothetical;
            }

            sum += valences[i] * weight;
        }

        sum += emoticons;
        sum += Emphasis(text, sum);
        return sum;
    }

    private static double ApplyModifiers(string text, List<Token> tokens, byte[] covered, bool[] boosts, int i, double v)
    {
        var negated = false;
        var scale = 1.0;
        var skipped = 0;
        for (var back = 1; back <= NegationReach + skipped && i - back >= 0; back++)
        {
            var k = i - back;
            if (ClauseBreak(text, tokens, k + 1))
            {
                break;
            }

            var previous = tokens[k].Text;
            if (covered[k] == 3)
            {
                // A negating expression ("not enough", "lack of", "far from"); only its first word negates.
                if (k == 0 || covered[k - 1] != 3 || SentimentLexicon.NegatorPhrasesByFirstWord.ContainsKey(previous))
                {
                    negated = !negated;
                }
                else
                {
                    skipped++;
                }

                continue;
            }

            if (covered[k] == 1)
            {
                // Words of a neutral phrase ("not only", "kind of") neither negate nor count towards the reach;
                // the hedges "kind of" and "sort of" damp what follows them like "somewhat".
                if (back <= 2 + skipped && previous == "of" && k > 0 && tokens[k - 1].Text is "kind" or "sort")
                {
                    scale -= BoostStep;
                }

                skipped++;
                continue;
            }

            if (SentimentLexicon.ContrastWords.Contains(previous))
            {
                break;
            }

            if (IsNegator(previous) || IsFailTo(tokens, k))
            {
                negated = !negated;
                if (previous == "nor")
                {
                    // "neither X nor Y": "nor" alone negates Y.
                    break;
                }

                continue;
            }

            if (previous == "to" && k >= 2 && tokens[k - 2].Text == "too" && !ClauseBreak(text, tokens, k))
            {
                // "too slow to be exciting": what follows "too X to" does not happen.
                negated = !negated;
                break;
            }

            if (covered[k] == 2 || SentimentLexicon.Valence(previous) != 0 && !IsIntensifier(previous) && !boosts[k])
            {
                // An earlier sentiment word takes the negation; this one is outside its reach, unless the two are
                // joined by "or"/"nor" ("not funny or clever").
                if (OrJoined(tokens, k, i))
                {
                    continue;
                }

                break;
            }

            if (back <= 2 && previous == "too")
            {
                scale *= v > 0 ? TooPositive : 1 + BoostStep;
            }
            else if (back <= 2 && (SentimentLexicon.IntensifierWords.Contains(previous) || boosts[k]))
            {
                scale += BoostStep / back;
            }
            else if (back <= 2 && SentimentLexicon.DiminisherWords.Contains(previous))
            {
                scale -= BoostStep / back;
            }
        }

        v *= scale;
        if (!negated)
        {
            return v;
        }

        return v > 0 ? v * NegatedPositive : v * NegatedNegative;
    }

    /// <summary>"like" as a verb ("I like", "didn't like", "really liked"), not the preposition ("looks like").</summary>
    private static bool IsVerbLike(List<Token> tokens, int i)
    {
        if (i == 0 || tokens[i].Text is not ("like" or "likes" or "liked"))
        {
            return false;
        }

        var previous = tokens[i - 1].Text;
        return IsNegator(previous) || SentimentLexicon.LikeSubjects.Contains(previous);
    }

    /// <summary>"fails to", "failed to": negates what follows like "not".</summary>
    private static bool IsFailTo(List<Token> tokens, int k) =>
        k + 1 < tokens.Count && tokens[k + 1].Text == "to" && tokens[k].Text is "fail" or "fails" or "failed" or "failing";

    private static bool IsIntensifier(string word) => SentimentLexicon.IntensifierWords.Contains(word);

    private static bool IsNegator(string word) =>
        SentimentLexicon.NegatorWords.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal);

    /// <summary>True when punctuation that ends a clause lies between token <paramref name="i"/> − 1 and token <paramref name="i"/>.</summary>
    private static bool ClauseBreak(string text, List<Token> tokens, int i)
    {
        if (i <= 0 || i >= tokens.Count)
        {
            return false;
        }

        var from = tokens[i - 1].Start + tokens[i - 1].Length;
        foreach (var c in text.AsSpan(from, tokens[i].Start - from))
        {
            if (c is ',' or ';' or ':' or '.' or '!' or '?' or '(' or ')' or '"' or '\u2014' or '\u2013')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"about as exciting as a sunburn": praise in an "about as X as" simile is ironic.</summary>
    private static bool IsSarcasticSimile(List<Token> tokens, int i, int length)
    {
        var k = i - 1;
        if (k >= 0 && tokens[k].Text is "much" or "fun")
        {
            k--;
        }

        if (k < 1 || tokens[k].Text != "as" || tokens[k - 1].Text is not ("about" or "roughly" or "approximately" or "nearly" or "almost"))
        {
            return false;
        }

        var after = i + length;
        return after < tokens.Count && tokens[after].Text == "as";
    }

    private static bool OrJoined(List<Token> tokens, int k, int i)
    {
        for (var j = k + 1; j < i; j++)
        {
            if (tokens[j].Text is "or" or "nor")
            {
                return true;
            }
        }

        return false;
    }

    private static bool ActsAsDegree(string word, double v, string next)
    {
        var nv = SentimentLexicon.Valence(next);
        if (nv == 0)
        {
            return false;
        }

        // Degree adjectives before a noun of the opposite polarity ("a great disappointment") and negative "-ly"
        // adverbs before praise ("frighteningly good", "insanely fast") only scale it; a positive adverb before a
        // fault keeps its own sign ("gloriously goofy").
        return Math.Sign(nv) != Math.Sign(v)
            && (SentimentLexicon.DegreeWords.Contains(word) || (v < 0 && word.Length > 5 && word.EndsWith("ly", StringComparison.Ordinal)));
    }

    /// <summary>Which tokens lie in a clause that ends with a question mark ("great phone, but does it sync?" marks "does it sync").</summary>
    private static bool[] QuestionScope(string text, List<Token> tokens)
    {
        var scope = new bool[tokens.Count];
        var inQuestion = false;
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            var from = tokens[i].Start + tokens[i].Length;
            var to = i + 1 < tokens.Count ? tokens[i + 1].Start : text.Length;
            foreach (var c in text.AsSpan(from, to - from))
            {
                if (c is '?')
                {
                    inQuestion = true;
                    break;
                }

                if (c is '.' or '!' or '\n' or ';' or ',' or ':' or '\u2014' or '\u2013')
                {
                    inQuestion = false;
                    break;
                }
            }

            scope[i] = inQuestion;
        }

        return scope;
    }

    private static bool ModifiesSentiment(string text, List<Token> tokens, int i)
    {
        for (var k = i + 1; k <= i + NegationReach && k < tokens.Count; k++)
        {
            if (ClauseBreak(text, tokens, k))
            {
                return false;
            }

            if (SentimentLexicon.Valence(tokens[k].Text) != 0 || SentimentLexicon.ContrastWords.Contains(tokens[k].Text)
                || IsVerbLike(tokens, k))
            {
                return true;
            }
        }

        return false;
    }

    private static double MatchPhrase(Dictionary<string, (string[] Words, double Valence)[]> phrases, List<Token> tokens, int i, out int length)
    {
        length = 0;
        if (!phrases.TryGetValue(tokens[i].Text, out var candidates))
        {
            return 0;
        }

        foreach (var (words, valence) in candidates)
        {
            if (i + words.Length > tokens.Count)
            {
                continue;
            }

            var match = true;
            for (var k = 1; k < words.Length; k++)
            {
                if (tokens[i + k].Text != words[k])
                {
                    match = false;
                    break;
                }
            }

            if (match)
            {
                length = words.Length;
                return valence;
            }
        }

        return 0;
    }

    private static double Emphasis(string text, double sum)
    {
        if (sum == 0)
        {
            return 0;
        }

        var exclamations = Math.Min(3, text.AsSpan().Count('!'));
        return Math.Sign(sum) * exclamations * 0.25;
    }

    private static double WeakPunctuation(string text)
    {
        var span = text.AsSpan();
        return (Math.Min(3, span.Count('!')) * WeakExclamation) + (Math.Min(3, span.Count('?')) * WeakQuestion);
    }

    /// <summary>
    /// Undoes letter stretching ("sooo", "goooood", "awesomeeee", "nooo"): runs of three or more of one letter
    /// shrink to two, or to one when only that spelling is a known word. Returns which tokens were stretched, or
    /// null when none was.
    /// </summary>
    private static bool[]? Destretch(List<Token> tokens)
    {
        bool[]? stretched = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Text;
            if (!HasStretch(word))
            {
                continue;
            }

            var normal = Collapse(word, 2);
            if (!SentimentLexicon.IsListed(normal))
            {
                var single = Collapse(word, 1);
                if (SentimentLexicon.IsListed(single))
                {
                    normal = single;
                }
            }

            tokens[i] = tokens[i] with { Text = normal };
            (stretched ??= new bool[tokens.Count])[i] = true;
        }

        return stretched;
    }

    private static bool HasStretch(string word)
    {
        for (var i = 2; i < word.Length; i++)
        {
            if (word[i] == word[i - 1] && word[i] == word[i - 2] && char.IsLetter(word[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Shrinks every run of three or more equal letters to <paramref name="keep"/> letters.</summary>
    private static string Collapse(string word, int keep)
    {
        var builder = new System.Text.StringBuilder(word.Length);
        var i = 0;
        while (i < word.Length)
        {
            var run = 1;
            while (i + run < word.Length && word[i + run] == word[i])
            {
                run++;
            }

            builder.Append(word[i], run >= 3 && char.IsLetter(word[i]) ? keep : run);
            i += run;
        }

        return builder.ToString();
    }

    private static bool IsMostlyCaps(List<Token> tokens)
    {
        var caps = 0;
        foreach (var t in tokens)
        {
            if ((t.Kind & TokenKind.AllCaps) != 0)
            {
                caps++;
            }
        }

        return caps * 2 > tokens.Count;
    }
}
