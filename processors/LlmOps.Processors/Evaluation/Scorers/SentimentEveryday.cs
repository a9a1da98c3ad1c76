namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// Everyday emotion and world-event vocabulary that reviews rarely need but comments, posts and editorial prose
/// do, written for this project from general knowledge of English: feelings (scared, lonely, stressed), harm and
/// wrongdoing (abuse, cruelty, corruption), hardship (poverty, crisis, illness, loss) and their positive
/// counterparts (peace, safety, freedom, recovery, celebration). Valences are each word's ordinary reading
/// on the −4..+4 scale of <see cref="SentimentWords"/>, names of harm and hardship (violence, grief, poverty)
/// a step milder than words for how someone feels or acts (scared, cruel), since a review or report often names
/// them as its subject rather than judging; plot words of fiction (kill, murder, war, crime, death)
/// stay neutral, as the lexicon's neutral list says.
/// </summary>
internal static class SentimentEveryday
{
    public const string Entries = """
        -3: devastated horrified terrified heartbroken
        -2: scared afraid frightened lonely stressed panicked ashamed jealous resentful hopeless helpless miserable
        -2: abusive cruel unjust unfair corrupt greedy selfish illegal hostile threatening frightening stressful
        -1.5: abuse cruelty brutality tragedy despair grief injustice oppression persecution corruption bribery famine
        -1.5: starving terrorism atrocities massacre slaughter genocide fear fears feared loneliness sickness sorrow
        -1.5: grieving mourning heartbreak stress panic guilt resentment violence attack attacked assault threat
        -1.5: threatened crisis hostility discrimination racism scandal greed poverty hunger disease illness epidemic
        -1.5: pandemic injury injured wounded unemployment recession loser
        -1: conflict dispute debt deficit decline declining collapse collapsed loss losses lose losing risk risky
        +1.5: opportunity opportunities growth gain gains agreement boost boosted reform reforms
        +2: peace safety freedom justice progress prosperity prosperous healthy heal healing cure cured recover
        +2: recovered recovery protect protected protection helped helps celebrate celebration congratulate
        +2: accomplish accomplishment cooperation hero heroes bless hug hugs kiss kisses
        +2.5: blessed
        """;
}
