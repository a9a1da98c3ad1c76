using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// The hand-built sentiment lexicon: word valences on a −4..+4 scale, written for this project from general
/// knowledge of English evaluative vocabulary (product feedback, reviews, support chats). Lookups try the exact
/// word first, then its Porter stem, so one base form covers its inflections.
/// </summary>
internal static class SentimentLexicon
{
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
        0: like likes quality kind well right pretty mean fine-print plot character story film movie
        -4: worst abomination horrendous horrid disgraceful unforgivable
        """;

    private const string Intensifiers = """
        very really extremely so too incredibly absolutely totally completely utterly highly truly quite deeply
        especially particularly exceptionally remarkably hugely enormously immensely terribly awfully insanely
        super most thoroughly pretty genuinely seriously entirely purely downright fully
        """;

    private const string Diminishers = """
        slightly somewhat barely hardly little bit kinda sorta fairly rather marginally mildly occasionally partly
        """;

    private const string Negators = """
        not no never none nobody nothing neither nor without cannot can't don't doesn't didn't isn't wasn't
        aren't weren't won't wouldn't shouldn't couldn't hasn't haven't hadn't ain't lacks lacking nowhere
        """;

    private const string Contrasts = "but however yet nevertheless nonetheless though although";

    private static readonly Dictionary<string, double> Words = Parse(Entries);
    private static readonly Dictionary<string, double> Stems = StemsOf(Words);

    public static readonly HashSet<string> IntensifierWords = Set(Intensifiers);
    public static readonly HashSet<string> DiminisherWords = Set(Diminishers);
    public static readonly HashSet<string> NegatorWords = Set(Negators);
    public static readonly HashSet<string> ContrastWords = Set(Contrasts);

    /// <summary>Multi-word expressions whose meaning differs from their parts (valence per expression).</summary>
    public static readonly (string[] Words, double Valence)[] Phrases =
    [
        (["waste", "of", "time"], -3), (["waste", "of", "money"], -3), (["not", "worth"], -2.5),
        (["fell", "apart"], -2.5), (["stopped", "working"], -2.5), (["stop", "working"], -2.5),
        (["no", "longer", "works"], -2.5), (["does", "not", "work"], -2.5), (["doesn't", "work"], -2.5),
        (["didn't", "work"], -2.5), (["did", "not", "work"], -2.5), (["don't", "bother"], -2.5),
        (["do", "not", "buy"], -3), (["don't", "buy"], -3), (["highly", "recommend"], 3),
        (["must", "see"], 3), (["must", "have"], 2.5), (["a", "must"], 2), (["kind", "of"], 0),
        (["sort", "of"], 0), (["well", "worth"], 3), (["works", "great"], 3), (["works", "well"], 2.5),
        (["piece", "of", "junk"], -3.5), (["piece", "of", "crap"], -3.5), (["too", "long"], -1.5),
        (["falls", "flat"], -2.5), (["fall", "flat"], -2.5), (["fell", "flat"], -2.5), (["run", "out", "of", "steam"], -2),
        (["runs", "out", "of", "steam"], -2), (["at", "best"], -1.5), (["no", "problem"], 1.5), (["no", "problems"], 1.5),
        (["no", "issues"], 1.5), (["not", "bad"], 1.5), (["better", "than", "expected"], 2.5),
        (["worse", "than", "expected"], -2.5), (["thumbs", "up"], 2.5), (["thumbs", "down"], -2.5),
        (["five", "stars"], 3), (["well", "made"], 2.5), (["easy", "to", "use"], 2.5),
        (["thanks", "for", "nothing"], -3), (["no", "excuse"], -2), (["up", "to", "the", "task"], 1.5),
        (["not", "recommend"], -2.5), (["never", "again"], -2.5), (["the", "best"], 3), (["big", "enough"], 1), (["one", "star"], -2.5), (["zero", "stars"], -3), (["love", "it"], 3),
    ];

    /// <summary><see cref="Phrases"/> indexed by their first word.</summary>
    public static readonly Dictionary<string, (string[] Words, double Valence)[]> PhrasesByFirstWord = Phrases
        .GroupBy(p => p.Words[0], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

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

        if (Stems.TryGetValue(StemCache.Stem(word), out v))
        {
            return v;
        }

        return Comparative(word);
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

    private static Dictionary<string, double> Parse(string entries)
    {
        var words = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in entries.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            var valence = double.Parse(raw.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var word in raw[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                // Keep the strongest reading when a word is listed twice.
                if (!words.TryGetValue(word, out var existing) || Math.Abs(valence) > Math.Abs(existing))
                {
                    words[word] = valence;
                }
            }
        }

        return words;
    }

    private static Dictionary<string, double> StemsOf(Dictionary<string, double> words)
    {
        var stems = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (word, valence) in words)
        {
            var stem = PorterStemmer.Stem(word);
            if (!stems.TryGetValue(stem, out var existing) || Math.Abs(valence) > Math.Abs(existing))
            {
                stems[stem] = valence;
            }
        }

        return stems;
    }

    private static HashSet<string> Set(string words) =>
        new(words.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
