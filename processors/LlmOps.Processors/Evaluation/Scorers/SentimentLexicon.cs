using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// The hand-built sentiment lexicon: word valences on a −4..+4 scale, written for this project from general
/// knowledge of English evaluative vocabulary (product feedback, reviews, support chats). Lookups try the exact
/// word first, then the word without an inflectional ending ("-s", "-ed", "-ing", "-ness", ...), so one base form
/// covers its inflections.
/// </summary>
internal static class SentimentLexicon
{
    /// <summary>
    /// Listed valences are compressed (|v|^0.7) when loaded: one strong word ("love" in "a love story") should not
    /// outvote two mild ones of the other sign.
    /// </summary>
    private const double Compression = 0.7;

    private const string Entries = """
        +4: superb outstanding magnificent masterpiece masterful flawless phenomenal breathtaking exquisite sublime
        +4: extraordinary exceptional brilliant spectacular stunning marvelous marvellous wonderful fantastic
        +4: excellent amazing awesome incredible terrific perfect perfection best love loved loving adore
        +3: great beautiful beautifully gorgeous delightful delight lovely glorious remarkable impressive
        +3: superior fabulous splendid enjoyable charming charm captivating compelling riveting engrossing
        +3: exhilarating thrilling joy joyous joyful happy happiness pleasure pleased pleasing satisfying
        +3: satisfied thank thanks grateful recommend recommended favorite favourite enchanting inspiring
        +3: triumph triumphant moving touching heartfelt heartwarming powerful gem treasure winner wow
        +3: hilarious funny witty clever smart ingenious intelligent insightful entertaining fun masterwork
        +3: rewarding refreshing elegant graceful poignant fascinating absorbing mesmerizing dazzling vivid
        +2: good nice fine solid well worth worthy pleasant positive enjoy enjoyed liked likes appealing
        +2: useful helpful handy effective efficient reliable sturdy durable comfortable easy convenient smooth
        +2: fast quick responsive accurate crisp clear clean sharp bright sleek stylish attractive cute cool
        +2: interesting engaging absorbing intriguing original fresh inventive creative imaginative unique
        +2: honest sincere genuine warm tender sweet gentle kind friendly generous caring courteous polite
        +2: strong rich deep thoughtful intelligent sensitive subtle nuanced authentic true truthful
        +2: success successful succeed win won works working worked improve improved improvement better
        +2: affordable bargain value valuable professional competent skilled talented gifted
        +2: exciting excited excite eager glad relieved comfort comforting confident beauty admire admirable
        +2: hope hopeful optimistic praise praised recommendable resolved solved fixed perfectly nicely
        +2: memorable unforgettable lively energetic spirited vibrant playful charismatic appealing sharp
        +2: intense suspenseful gripping tight taut accomplished ambitious unpretentious believable
        +1: ok okay decent adequate fair reasonable acceptable sufficient satisfactory functional
        +1: correct safe stable calm simple modest popular ready available capable
        +1: interested curious promising surprise surprising surprisingly wise respect
        -1: cheap average mediocre ordinary predictable slow expensive pricey overpriced confusing confused
        -1: difficult hard complicated odd strange weird noisy loud bulky flimsy cheaply
        -1: limited lacking lack lacks missing miss misses minor issue issues problem problems bug bugs
        -1: unclear uneven inconsistent slight thin shallow superficial simplistic derivative formulaic
        -1: lengthy overlong slowly tired sluggish awkward clumsy clunky uncomfortable unnecessary
        -1: doubt doubtful unsure uncertain concern concerned worry worried meh bland plain generic
        -2: bad poor poorly disappoint disappointed disappointing disappointment unhappy sad sadly sorry
        -2: boring bored bore dull tedious tiresome monotonous repetitive flat lifeless uninspired uninspiring
        -2: annoying annoyed annoy irritating irritated frustrating frustrated frustration fail failed fails
        -2: failure broken break breaks broke defective faulty damaged crack cracked leak leaked leaks
        -2: useless worthless pointless waste wasted wasting junk return returned refund unreliable
        -2: wrong error errors mistake incorrect inaccurate fake false misleading unfortunately unfortunate
        -2: weak lame silly stupid dumb foolish ridiculous absurd clumsy sloppy careless lazy messy mess
        -2: ugly unpleasant uncomfortable painful pain hurt hurts harsh rude unfriendly unhelpful slowest
        -2: problem problematic trouble troubled difficult complaint complain complained unacceptable
        -2: confusing pretentious contrived clichéd cliché cliche clichéd overwrought overwrought melodramatic
        -2: forgettable unfunny unconvincing implausible incoherent muddled murky convoluted tired stale
        -2: hate hated hates dislike disliked angry anger upset mad regret regrets sucks suck sucked
        -2: overrated overlong overblown overdone heavy-handed shallow hollow empty vapid banal trite
        -2: expensive overpriced ripoff rip-off scam cheat cheated refused denied ignored ignore crash crashed
        -3: terrible horrible awful dreadful atrocious abysmal appalling lousy crap crappy garbage trash rubbish
        -3: disgusting disgusted gross nasty vile hideous repulsive offensive insulting insult pathetic
        -3: miserable misery disaster disastrous catastrophe catastrophic nightmare hell furious outraged
        -3: unwatchable unbearable intolerable insufferable excruciating embarrassing embarrassment shame
        -3: shameful incompetent idiotic moronic inept amateurish laughable stinks stink stinker dud bomb
        -3: hated loathe loathing despise painful agonizing suffering suffer
        +3: amazed astonishing astounding unbeatable superbly wonderfully brilliantly beautifully gorgeously
        +3: fantastically excellently outstandingly delighted thrilled ecstatic overjoyed elated loves lovable
        +3: awe awesome awe-inspiring wow impeccable immaculate top-notch first-rate first-class world-class
        +3: knockout stellar sensational classic timeless transcendent uplifting exhilarating rousing
        +2: nicest nicer well-made well-crafted well-done well-acted well-written well-built easiest easier
        +2: recommendation impressed impress amused amusing delicious tasty charmer cheerful cheer fond
        +2: terrific smoothly quickly easily reliably flawlessly wisely cleverly superiorly sturdy solidly
        +2: advantage advantages benefit benefits bonus plus perk pros upgrade upgraded enhance enhanced
        +2: precise precision vibrant robust rugged versatile flexible intuitive seamless seamlessly
        +2: compact lightweight portable spacious roomy generous plenty ample worthwhile satisfy satisfies
        +2: thank-you appreciate appreciated appreciation blessing lucky fortunate proud pride honor honour
        +2: clarity sharpness brilliance richness depth warmth humor humour wit charm grace elegance
        +2: winning wins victory rescue saved save saves savior inspire inspired inspiration wonder
        +2: hilarity laugh laughs laughed laughter smile smiles smiled giggle grin heart soul passion
        +2: respectful trustworthy trusted trust loyal dependable consistent steady secure safely
        +2: superb-looking handsome pretty-good fine-tuned polished sparkling dazzle gleaming crisp
        +1: works helpful enough decent sturdy solid neat tidy nifty clever handy spot-on okay alright
        -1: minus cons drawback drawbacks downside downsides flaw flaws flawed quirk quirks glitch glitches
        -1: cumbersome tricky fiddly finicky picky fussy tedium lag lags lagging laggy delay delayed delays
        -1: inferior substandard subpar second-rate low-quality lackluster lacklustre underwhelming
        -1: returns warranty repair repaired replacement replace replaced exchange refund refunds
        -1: hype hyped gimmick gimmicky pretend pretends pretentiously overly excessive excessively
        -1: sloppily poorly-made cheaply-made unremarkable uneventful unfocused aimless pointlessly
        -2: fizzle fizzled died dead-end malfunction malfunctioned malfunctions unusable inoperable
        -2: crashes freezes froze freeze frozen stuck hang hangs hung jammed jam jams overheats overheat
        -2: scratch scratched scratches dent dented torn ripped rips peeling peeled loose wobbly rattle
        -2: complaining ridiculously absurdly annoyingly frustratingly disappointingly sadly regrettably
        -2: misfire misfires misguided mishandled misses miscast misstep missteps botched bungled flop flops
        -2: tiring exhausting exhausted wearisome plodding ponderous sluggishly meandering rambling
        -2: dreary drab dismal gloomy grim bleak depressing depressed cynical mean-spirited callous
        -2: uninteresting unimaginative unoriginal unfunny unlikable unappealing unpleasant unsatisfying
        -2: unwatchable unlistenable unreadable incomprehensible nonsensical pointless senseless mindless
        -2: dumbed-down cheesy corny hokey sappy schmaltzy mawkish sentimental manipulative preachy smug
        -2: obnoxious grating shrill tasteless crude clumsily ineffective inadequate insufficient deficient
        -2: liar lie lies lied dishonest deceptive deceive deceived fraud fraudulent rip ripped-off
        -3: worthless horrific horrifying horrendous atrocity travesty fiasco debacle shambles wreck
        -3: hateful detest detestable despicable contemptible deplorable dreadfully horribly
        -3: unacceptable infuriating infuriated enraged livid disgust revolting sickening nauseating
        -3: defective dud lemon junky trashy crappy sucky craptastic worst-ever boring-as
        -2: hassle hassles beware avoid avoided blurry blurred grainy fuzzy scary blame blamed blames shortcoming
        -2: shortcomings disappoints letdown let-down nightmare headache headaches annoyance nuisance pain-in
        -1: buzzing buzz hiss hissing static noisy dim faded fade fades tiny cramped awkwardly confusingly
        +2: exceeded exceeds steal bargain thrilled kudos bravo superb-quality gem
        -4: worst abomination horrendous horrid disgraceful unforgivable
        """;

    private const string Intensifiers = """
        very really extremely so incredibly absolutely totally completely utterly highly truly quite deeply
        especially particularly exceptionally remarkably hugely enormously immensely terribly awfully insanely
        super most thoroughly pretty genuinely seriously entirely purely downright fully wildly amazingly
        astonishingly unbelievably ridiculously exceedingly supremely decidedly distinctly mighty real damn
        darn way more all-too consistently uniformly endlessly
        """;

    private const string Diminishers = """
        slightly somewhat little bit kinda sorta fairly rather marginally mildly occasionally partly relatively
        moderately reasonably almost nearly mostly sometimes merely
        """;

    private const string Negators = """
        not no never none nobody nothing neither nor without cannot can't don't doesn't didn't isn't wasn't
        aren't weren't won't wouldn't shouldn't couldn't hasn't haven't hadn't ain't lacks lacking nowhere
        hardly barely scarcely rarely seldom lack lacked absent less least isnt doesnt dont didnt wasnt wont
        cant couldnt wouldnt shouldnt arent werent havent hasnt nothing
        """;

    private const string Contrasts = "but however nevertheless nonetheless though although";

    private const string Concessives = "though although despite while whilst";

    private const string Irrealis = """
        wish wished hoped hoping expected expecting supposed tries trying attempt attempts attempting wants
        wanted aspires aspiring pretends pretending would've could've should've might've must've wouldve couldve
        shouldve
        """;

    private const string Modals = "should would could might must";

    private const string WeakNegatives = """
        only just even still again anymore instead tried trying back sent called waiting hours weeks months
        why anyway apparently supposedly whatever rather less least nothing nobody never problem support
        service customer warranty returned replacement manual however although though
        """;

    private const string WeakPositives = """
        can also both every all lots plenty own each new will always family everyone ever most many well
        really truly entire whole fully full easily enjoy ready
        """;

    /// <summary>
    /// Words that look evaluative through their stem or another sense but are neutral in feedback
    /// ("touch screen", "please", "likely", "hard drive"); an entry here always wins.
    /// </summary>
    private const string Neutral = """
        like likely unlike move moves moved touch touches touched touchscreen please pleas strike strikes struck
        grip grips absorb absorbs engage engages engaged interest interests interested-in plot character story
        film movie kind quality right mean means meant matter fine-print hard-drive drive drives play plays
        played player players save saves saved saving free freely feature features featured rate rated rating
        ratings star stars starring starred review reviews reviewer critic critics viewer audience fan fans
        case cases shot shots shoot shooting scene scenes cast lead leads director film-maker filmmaker
        pack packed light lights power powered powers spirit spirits picture pictures image images show shows
        fight fights fighting war killer kill kills killing murder death crime thriller horror drama comedy
        monster villain villains victim victims dark darkness battle battles enemy enemies evil
        general generally generation generations generate generates generated generating wondered wondering
        effect effects affect affects compete competes patient patients present presents presentation content
        contents contention novel novels novella security grate
        """;

    // Static fields initialise in textual order: the neutral set comes before the dictionaries built from it.
    private static readonly HashSet<string> NeutralWords = Set(Neutral);
    private static readonly Dictionary<string, double> Words = Parse(Entries + "\n" + SentimentWords.General + "\n" + SentimentMoreWords.Entries + "\n" + SentimentInformal.Words + "\n" + SentimentEveryday.Entries);

    public static readonly HashSet<string> IntensifierWords = Set(Intensifiers);
    public static readonly HashSet<string> DiminisherWords = Set(Diminishers);

    /// <summary>Adjectives of degree that intensify a noun of the opposite polarity ("a great disappointment", "an extraordinary bore").</summary>
    public static readonly HashSet<string> DegreeWords = Set("""
        great greatest extraordinary perfect complete total absolute utter pure sheer true real major huge big
        tremendous enormous incredible amazing remarkable unbelievable awesome fantastic phenomenal spectacular
        magnificent colossal monumental epic royal genuine positive veritable outright first-class world-class
        top-notch masterful brilliant impressive exceptional
        """);
    public static readonly HashSet<string> NegatorWords = Set(Negators);
    public static readonly HashSet<string> ContrastWords = Set(Contrasts);
    public static readonly HashSet<string> ConcessiveWords = Set(Concessives);
    public static readonly HashSet<string> IrrealisWords = Set(Irrealis);
    public static readonly HashSet<string> ModalWords = Set(Modals);

    /// <summary>Words before "like" that make it the verb: subjects and adverbs ("I like", "really liked").</summary>
    public static readonly HashSet<string> LikeSubjects = Set("i we you they he she really also actually still definitely do did does would i'd we'd just truly genuinely especially particularly");
    public static readonly HashSet<string> WeakNegativeWords = Set(WeakNegatives);
    public static readonly HashSet<string> WeakPositiveWords = Set(WeakPositives);

    /// <summary>Multi-word expressions whose meaning differs from their parts (valence per expression).</summary>
    public static readonly (string[] Words, double Valence)[] Phrases = BuildPhrases();

    /// <summary>
    /// Expressions that negate what follows them like "not" does ("not enough wit", "devoid of charm", "far from
    /// perfect"); the valence is what the expression means when no sentiment word follows it.
    /// </summary>
    public static readonly Dictionary<string, (string[] Words, double Valence)[]> NegatorPhrasesByFirstWord = Index(ParsePhrases("""
        -1.5: not enough, lack of, a lack of, lacks any, devoid of, bereft of, void of, absence of, an absence of, short on, low on, lacking in, wanting in, shy of, no sign of, in need of, in search of
        -1: far from, anything but, less than
        0: instead of, rather than, in place of, in lieu of, free of, free from
        """));

    /// <summary><see cref="Phrases"/> indexed by their first word, longest expression first.</summary>
    public static readonly Dictionary<string, (string[] Words, double Valence)[]> PhrasesByFirstWord = Index(Phrases);

    private static Dictionary<string, (string[] Words, double Valence)[]> Index((string[] Words, double Valence)[] phrases) => phrases
        .GroupBy(p => p.Words[0], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Words.Length).ToArray(), StringComparer.Ordinal);

    private static (string[] Words, double Valence)[] ParsePhrases(string entries)
    {
        var list = new List<(string[] Words, double Valence)>();
        foreach (var line in entries.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var valence = double.Parse(line.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var phrase in line[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                list.Add((PhraseWords(phrase), valence));
            }
        }

        return [.. list];
    }

    private static (string[] Words, double Valence)[] BuildPhrases()
    {
        var list = new List<(string[] Words, double Valence)>();
        list.AddRange(ParsePhrases(SentimentPhrases.Entries));
        list.AddRange(ParsePhrases(SentimentIdioms.Entries));
        list.AddRange(ParsePhrases(SentimentInformal.Phrases));

        // Hyphenated lexicon entries ("must-see", "top-notch") reach the scorer as separate tokens.
        foreach (var (word, valence) in Words)
        {
            if (word.Contains('-', StringComparison.Ordinal))
            {
                list.Add((word.Split('-', StringSplitOptions.RemoveEmptyEntries), valence));
            }
        }

        foreach (var word in NeutralWords)
        {
            if (word.Contains('-', StringComparison.Ordinal))
            {
                list.Add((word.Split('-', StringSplitOptions.RemoveEmptyEntries), 0));
            }
        }

        return [.. list];
    }

    /// <summary>True when the scorer knows <paramref name="word"/>: a sentiment word, a modifier, a negator or a phrase's first word.</summary>
    public static bool IsListed(string word) =>
        Words.ContainsKey(word) || IntensifierWords.Contains(word) || DiminisherWords.Contains(word) || NegatorWords.Contains(word)
        || ContrastWords.Contains(word) || PhrasesByFirstWord.ContainsKey(word) || NegatorPhrasesByFirstWord.ContainsKey(word)
        || Valence(word) != 0;

    /// <summary>The valence of a lower-case word, or 0 when it carries no sentiment.</summary>
    public static double Valence(string word)
    {
        if (Words.TryGetValue(word, out var v))
        {
            return v;
        }

        if (word.Length <= 3)
        {
            return 0;
        }

        if (Inflection(word, out v))
        {
            return v;
        }

        v = Comparative(word);
        if (v != 0)
        {
            return v;
        }

        // Adverbs of listed adjectives ("disappointingly", "beautifully" when only the adjective is listed).
        if (word.Length > 5 && word.EndsWith("ly", StringComparison.Ordinal))
        {
            var adjective = word.EndsWith("ily", StringComparison.Ordinal) ? string.Concat(word.AsSpan(0, word.Length - 3), "y") : word[..^2];
            if (Words.TryGetValue(adjective, out v) || Inflection(adjective, out v))
            {
                return v;
            }
        }

        // "un" + a positive word is negative ("unexciting", "unhelpful").
        if (word.Length > 5 && word.StartsWith("un", StringComparison.Ordinal))
        {
            var rest = word[2..];
            if (!NeutralWords.Contains(rest) && (Words.TryGetValue(rest, out v) || Inflection(rest, out v)) && v > 0)
            {
                return -0.8 * v;
            }
        }

        return 0;
    }

    /// <summary>
    /// A listed word reached through an inflectional ending of <paramref name="word"/> ("disappoints", "loved",
    /// "stopped", "annoying", "sloppiness", "absurdity"); other derivations are not followed, so "generous" does
    /// not make "general" positive nor "lively" make "lives" positive.
    /// </summary>
    private static bool Inflection(string word, out double v)
    {
        v = 0;
        return TryBase(word, "s", "", out v) || TryBase(word, "es", "", out v) || TryBase(word, "ies", "y", out v)
            || TryBase(word, "ed", "", out v) || TryBase(word, "ed", "e", out v) || TryBase(word, "ied", "y", out v)
            || TryBase(word, "ing", "", out v) || TryBase(word, "ing", "e", out v)
            || TryBase(word, "ness", "", out v) || TryBase(word, "iness", "y", out v)
            || TryBase(word, "ment", "", out v) || TryBase(word, "ity", "", out v) || TryBase(word, "ity", "e", out v)
            || TryDoubled(word, "ed", out v) || TryDoubled(word, "ing", out v);
    }

    private static bool TryBase(string word, string suffix, string replacement, out double v)
    {
        v = 0;
        if (word.Length < suffix.Length + 3 || !word.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var stem = string.Concat(word.AsSpan(0, word.Length - suffix.Length), replacement);
        return Words.TryGetValue(stem, out v) && v != 0;
    }

    /// <summary>"stopped" → "stop", "flopping" → "flop".</summary>
    private static bool TryDoubled(string word, string suffix, out double v)
    {
        v = 0;
        var end = word.Length - suffix.Length;
        if (end < 4 || !word.EndsWith(suffix, StringComparison.Ordinal) || word[end - 1] != word[end - 2])
        {
            return false;
        }

        return Words.TryGetValue(word[..(end - 1)], out v) && v != 0;
    }

    /// <summary>Comparatives and superlatives of listed adjectives (nicest, easier, biggest) keep the base valence.</summary>
    private static double Comparative(string word)
    {
        int cut;
        if (word.EndsWith("iest", StringComparison.Ordinal) || word.EndsWith("ier", StringComparison.Ordinal))
        {
            cut = word.EndsWith("iest", StringComparison.Ordinal) ? 4 : 3;
            return Words.GetValueOrDefault(string.Concat(word.AsSpan(0, word.Length - cut), "y"));
        }

        if (word.EndsWith("est", StringComparison.Ordinal))
        {
            cut = 3;
        }
        else if (word.EndsWith("er", StringComparison.Ordinal))
        {
            cut = 2;
        }
        else
        {
            return 0;
        }

        var stem = word[..^cut];
        if (stem.Length < 3)
        {
            return 0;
        }

        if (Words.TryGetValue(stem, out var v) || Words.TryGetValue(stem + "e", out v))
        {
            return v;
        }

        return stem[^1] == stem[^2] ? Words.GetValueOrDefault(stem[..^1]) : 0;
    }

    /// <summary>A phrase's words as the tokenizer yields them: split at spaces and hyphens, possessive "'s" dropped.</summary>
    private static string[] PhraseWords(string phrase)
    {
        var words = phrase.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Length > 2 && words[i].EndsWith("'s", StringComparison.Ordinal))
            {
                words[i] = words[i][..^2];
            }
        }

        return words;
    }

    private static Dictionary<string, double> Parse(string entries)
    {
        var words = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var word in NeutralWords)
        {
            words[word] = 0;
        }

        foreach (var raw in entries.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            var valence = double.Parse(raw.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture);
            valence = Math.Sign(valence) * Math.Pow(Math.Abs(valence), Compression);
            foreach (var word in raw[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                // Keep the strongest reading when a word is listed twice; the neutral list always wins.
                if (!words.TryGetValue(word, out var existing) || (Math.Abs(valence) > Math.Abs(existing) && !NeutralWords.Contains(word)))
                {
                    words[word] = valence;
                }
            }
        }

        return words;
    }

    private static HashSet<string> Set(string words) =>
        new(words.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
