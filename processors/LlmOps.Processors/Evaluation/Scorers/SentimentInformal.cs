namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// Informal feedback vocabulary, written for this project from general knowledge of chat and social-media English:
/// interjections ("ugh", "yay", "meh"), laughter ("lol", "haha"), abbreviations ("thx", "wtf", "smh") and slang
/// praise and complaint ("stoked", "janky"). Valences are the usual reading of each word in a comment about a
/// product or an answer, on the −4..+4 scale of <see cref="SentimentWords"/>. Emoticons and emoji are read by
/// <see cref="SentimentSymbols"/>.
/// </summary>
internal static class SentimentInformal
{
    public const string Words = """
        +3: amazeballs stoked
        +2: yay yey yippee woohoo hooray hurray ftw tysm thanx thnx thankss fab fav fave faves brill chuffed psyched
        +1.5: haha hahaha hahah ahaha hehe lmao lmfao rofl
        +1: lol lols lolz heh
        -1: nah welp duh bleh blah eh oops whoops
        -1.5: nope boo oof pfft yikes
        -2: ugh argh grr bummer sux janky yuck yuk ew eww ick cringe facepalm wack wtf ffs smh
        -2.5: fml shitty
        """;

    public const string Phrases = """
        2.5: you rock, it rocks, this rocks, nailed it, made my day, saved my day
        -2.5: no thanks, no thank you, not a fan, are you kidding, you kidding me, give me a break
        """;
}
