using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// A small hand-made map of common English near-synonyms to one canonical stem, so that "a man is talking"
/// and "a guy is speaking" share words. Each line lists one group; the first word is the canonical form.
/// </summary>
internal static class SynonymMap
{
    private const string Groups = """
        man guy gentleman male
        woman lady female
        child kid boy girl
        person people someone somebody individual
        big large huge giant enormous
        small little tiny
        fast quick rapid swift speedy
        slow sluggish
        talk speak say tell chat
        look watch see view observe stare
        begin start commence
        end finish stop complete
        buy purchase
        car automobile vehicle
        dog puppy pup
        cat kitten kitty
        happy glad joyful cheerful
        sad unhappy sorrowful
        run jog sprint
        cut slice chop
        walk stroll
        jump leap hop
        play perform
        cook prepare fry bake
        house home
        road street
        photo picture image photograph
        film movie
        kill slay murder
        die dead death
        help assist aid
        show display
        choose pick select
        correct right accurate
        wrong incorrect false
        answer reply respond response
        error mistake fault
        big major significant
        say state claim
        increase rise grow
        decrease fall drop decline
        """;

    private static readonly Dictionary<string, string> Canonical = Build();

    /// <summary>The canonical stem for a stem, or the stem itself.</summary>
    public static string Map(string stem) => Canonical.GetValueOrDefault(stem, stem);

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Groups.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var head = StemCache.Stem(words[0]);
            foreach (var word in words)
            {
                map.TryAdd(StemCache.Stem(word), head);
            }
        }

        return map;
    }
}
