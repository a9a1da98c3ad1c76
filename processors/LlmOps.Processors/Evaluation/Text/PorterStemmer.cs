namespace LlmOps.Processors.Evaluation.Text;

/// <summary>
/// The Porter (1980) suffix-stripping stemmer, written from the published algorithm
/// (M.F. Porter, "An algorithm for suffix stripping", Program 14(3)). Input is expected lower case;
/// words of one or two characters are returned unchanged. Thread-safe and allocation-light (one string per
/// changed word).
/// </summary>
internal static class PorterStemmer
{
    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
        ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
        ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
        ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", string.Empty), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
        ("ful", string.Empty), ("ness", string.Empty),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
        "ate", "iti", "ous", "ive", "ize",
    ];

    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2)
        {
            return word;
        }

        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        word.AsSpan().CopyTo(buffer);
        var length = StemInPlace(buffer);
        return length == word.Length && buffer.SequenceEqual(word) ? word : new string(buffer[..length]);
    }

    /// <summary>Stems the lower-case word in <paramref name="w"/> and returns the stem's length.</summary>
    public static int StemInPlace(Span<char> w)
    {
        var k = w.Length;
        if (k <= 2)
        {
            return k;
        }

        k = Step1A(w, k);
        k = Step1B(w, k);
        k = Step1C(w, k);
        k = ApplyRules(w, k, Step2Rules, 0);
        k = ApplyRules(w, k, Step3Rules, 0);
        k = Step4(w, k);
        k = Step5(w, k);
        return k;
    }

    private static bool IsConsonant(ReadOnlySpan<char> w, int i)
    {
        switch (w[i])
        {
            case 'a':
            case 'e':
            case 'i':
            case 'o':
            case 'u':
                return false;
            case 'y':
                return i == 0 || !IsConsonant(w, i - 1);
            default:
                return true;
        }
    }

    /// <summary>The measure m of w[0..end): the number of VC sequences.</summary>
    private static int Measure(ReadOnlySpan<char> w, int end)
    {
        var i = 0;
        while (i < end && IsConsonant(w, i))
        {
            i++;
        }

        var m = 0;
        while (i < end)
        {
            while (i < end && !IsConsonant(w, i))
            {
                i++;
            }

            if (i >= end)
            {
                break;
            }

            while (i < end && IsConsonant(w, i))
            {
                i++;
            }

            m++;
        }

        return m;
    }

    private static bool ContainsVowel(ReadOnlySpan<char> w, int end)
    {
        for (var i = 0; i < end; i++)
        {
            if (!IsConsonant(w, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithDoubleConsonant(ReadOnlySpan<char> w, int end) =>
        end >= 2 && w[end - 1] == w[end - 2] && IsConsonant(w, end - 1);

    /// <summary>*o: the stem ends consonant-vowel-consonant and the last consonant is not w, x or y.</summary>
    private static bool EndsCvc(ReadOnlySpan<char> w, int end)
    {
        if (end < 3 || !IsConsonant(w, end - 1) || IsConsonant(w, end - 2) || !IsConsonant(w, end - 3))
        {
            return false;
        }

        return w[end - 1] is not ('w' or 'x' or 'y');
    }

    private static bool EndsWith(ReadOnlySpan<char> w, int k, string suffix) =>
        k >= suffix.Length && w[..k].EndsWith(suffix.AsSpan(), StringComparison.Ordinal);

    private static int Replace(Span<char> w, int k, int suffixLength, string replacement)
    {
        var stem = k - suffixLength;
        replacement.AsSpan().CopyTo(w[stem..]);
        return stem + replacement.Length;
    }

    private static int Step1A(Span<char> w, int k)
    {
        if (EndsWith(w, k, "sses") || EndsWith(w, k, "ies"))
        {
            return k - 2;
        }

        if (EndsWith(w, k, "ss"))
        {
            return k;
        }

        return w[k - 1] == 's' ? k - 1 : k;
    }

    private static int Step1B(Span<char> w, int k)
    {
        if (EndsWith(w, k, "eed"))
        {
            return Measure(w, k - 3) > 0 ? k - 1 : k;
        }

        int stem;
        if (EndsWith(w, k, "ed"))
        {
            stem = k - 2;
        }
        else if (EndsWith(w, k, "ing"))
        {
            stem = k - 3;
        }
        else
        {
            return k;
        }

        if (!ContainsVowel(w, stem))
        {
            return k;
        }

        k = stem;
        if (EndsWith(w, k, "at") || EndsWith(w, k, "bl") || EndsWith(w, k, "iz"))
        {
            w[k] = 'e';
            return k + 1;
        }

        if (EndsWithDoubleConsonant(w, k) && w[k - 1] is not ('l' or 's' or 'z'))
        {
            return k - 1;
        }

        if (Measure(w, k) == 1 && EndsCvc(w, k))
        {
            w[k] = 'e';
            return k + 1;
        }

        return k;
    }

    private static int Step1C(Span<char> w, int k)
    {
        if (w[k - 1] == 'y' && ContainsVowel(w, k - 1))
        {
            w[k - 1] = 'i';
        }

        return k;
    }

    private static int ApplyRules(Span<char> w, int k, (string Suffix, string Replacement)[] rules, int minMeasure)
    {
        // The longest matching suffix decides; if its condition fails no other rule of the step applies.
        var best = -1;
        for (var r = 0; r < rules.Length; r++)
        {
            if (EndsWith(w, k, rules[r].Suffix) && (best < 0 || rules[r].Suffix.Length > rules[best].Suffix.Length))
            {
                best = r;
            }
        }

        if (best < 0)
        {
            return k;
        }

        var (suffix, replacement) = rules[best];
        return Measure(w, k - suffix.Length) > minMeasure ? Replace(w, k, suffix.Length, replacement) : k;
    }

    private static int Step4(Span<char> w, int k)
    {
        var best = -1;
        for (var r = 0; r < Step4Suffixes.Length; r++)
        {
            if (EndsWith(w, k, Step4Suffixes[r]) && (best < 0 || Step4Suffixes[r].Length > Step4Suffixes[best].Length))
            {
                best = r;
            }
        }

        if (best < 0)
        {
            return k;
        }

        var stem = k - Step4Suffixes[best].Length;
        if (Measure(w, stem) <= 1)
        {
            return k;
        }

        if (Step4Suffixes[best] == "ion" && (stem == 0 || w[stem - 1] is not ('s' or 't')))
        {
            return k;
        }

        return stem;
    }

    private static int Step5(Span<char> w, int k)
    {
        if (w[k - 1] == 'e')
        {
            var m = Measure(w, k - 1);
            if (m > 1 || (m == 1 && !EndsCvc(w, k - 1)))
            {
                k--;
            }
        }

        if (k >= 2 && w[k - 1] == 'l' && w[k - 2] == 'l' && Measure(w, k) > 1)
        {
            k--;
        }

        return k;
    }
}
