namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// More general evaluative vocabulary, written for this project from general knowledge of English (no existing
/// lexicon copied): rarer adjectives and adverbs of praise and criticism, product and service complaints, answer
/// quality words for assistant feedback ("hallucinated", "off-topic", "concise") and common misspellings
/// ("dissapointed", "awsome"). Same format as <see cref="SentimentWords"/>.
/// </summary>
internal static class SentimentMoreWords
{
    public const string Entries = """
        -4: egregiously unspeakably
        -3: abhorrent agonising balderdash bilge bumbling calamity claptrap contemptuous crud disdain disdainful farce fraudster hogwash humiliating humiliatingly incensed mockery nauseous scammers scorn scornful seething spiteful stank twaddle wretched wretchedly
        -2: abhor abhorred bogus brusque chore coarse conked cringey cringy curt didactic dimwitted dingy discourteous dissatisfaction dissatisfied drudgery dully duped emotionless evasive fabricated fabricates faults flaky flavourless fleeced flounder floundered flounders fusty garish gaudy gibberish glum greasy groan groaned hallucinated hallucinates hallucinating hallucination hallucinations idiocy illegible impractical inconvenience inconvenient ineffectual inefficient irrelevant knuckleheaded leaky mauled mildewed misinformation misinformed mismanaged moan moans moldy moralising moralizing morose mouldy muddleheaded muffed mushy numbskull objectionable overdirected overedited overlooked overscored overwritten pallid passionless patronising plotless rancid resentful sabotaged screechy shopworn snippy snoozefest soggy somber sombre sorrowful spineless staticky underachieve underachieves underachieving underperform underperformed underperforms underused underutilised underutilized undesirable unwanted valueless warped watery whine whines whiney whiny wince winced
        -1: ambiguous antiquated artiness cartoonish daft dorky fragmented highfalutin impenetrable leery opaque overbearing overcomplicated overdesigned overengineered overplayed overproduced plasticky sameness tardy telegraphed undernourished underpowered verbose wordy workmanlike
        1: easygoing mellow peaceful presentable serene tranquil unassuming uncomplicated
        2: agreeable agreeably applaud applauded applauds articulate articulately authoritative cheeky coherent coherently comprehensible concise concisely constructive creditable detailed devoted eloquent eloquently energised energized enriching estimable flair fulfilling generosity gratifying gratifyingly groovy gusto hardwearing honesty hurrah impish integrity intrepid intricate intricately joyride juicy lucid lucidly lyrical lyrically mercifully meticulous meticulously mischievous nourishing oomph pacy painstaking painstakingly personable persuasive persuasively pertinent photogenic picturesque pizzazz poetic poetically principled prosper prospers puckish redeemed redeeming redeems redemption relatable relevant resourceful romp savoury screwball shone snazzy spiffy stimulating streamlined succinct succinctly swanky tasteful tastefully thankyou thorough thoroughly thx understandable verve vindicated vindication wacky wholesome zany zest zing
        3: beaming bewitched bewitching blockbuster entranced entrancing euphoria exemplary godsend goosebumps heartrending indispensable lifesaver mouthwatering profound profoundly riotous riotously rollicking showstopping sidesplitting transformative visionary
        4: unequaled unequalled unmatched unparalleled
        -3: abject fetid harmful irredeemable noxious reprehensibly toxic unconscionable
        -2: acrid adverse aggrieved alarming albatross alienated alienates alienating anticlimactic anticlimax
        -2: arduous baleful baloney barbaric baseless belligerent bereft blighted blunder blundering blunders
        -2: boondoggle boorish brash brittle bs bullshit buzzy callow cantankerous cockamamie codswallop comedown
        -2: complacent confabulate confabulated confabulation confounds counterfeit cranky crashy deadening deadweight
        -2: deafening debased decrepit deleterious demoralising demoralizing derisory desultory detrimental disorganised
        -2: dissonant dour drippy droning dyspeptic enervating eyesore fatuous feckless feebly flabby flippant
        -2: foolhardy fraught frivolous fruitless gaffe gaffes gauche gormless groundless halting hapless harebrained
        -2: hedging hidebound hissy howler impotent inarticulate incongruous indigestible inelegant infantile
        -2: inflexible irksome jejune laborious laboriously lackadaisical lethargic lugubrious maladroit malarkey
        -2: mercilessly meretricious millstone misadvertised misattributed misdescribed mishmash mislabeled mislabelled
        -2: misquote misquoted misrepresented moribund nonresponsive obtuse onerous otiose overambitious overbaked
        -2: overbilled overcharged overcharging overdramatic overdue overemphatic overexplained overindulgent
        -2: overinflated overplotted overscripted oversimplified oversold pedantic pernicious petty piffle pomposity
        -2: poppycock risible rubbishy rudimentary slovenly spurious stupefying stupefyingly tangential tosh
        -2: uncinematic uncooperative uncouth undelivered undramatic unfounded ungainly ungrounded unkempt unpalatable
        -2: unscary unsourced upcharge upsell upselling
        -1: blatant boilerplate canned cluttered deprecated diagrammatic dodgy frantic frenetic hectic iffy improbability
        -1: longueurs manic overbusy overexposed overfamiliar overfamiliarity overused programmatic sketchily
        -1: sketchy templated timeworn underdone underlit underpopulated unrealised unrealized
        1: ably amicable sensible sensibly steadfast
        2: abundant accolade accolades agile aplomb applause ardent artful bountiful bracing brio bulletproof
        2: canny charisma cogent congenial consummate convivial cordial dexterous dulcet ebullient elan endorse
        2: endorsed endorsement endorses enlivens erudite esprit fluent foolproof forthcoming glittering hearty
        2: impassioned inimitable jauntily jaunty judicious limpid luscious luster lustre lustrous mellifluous
        2: mirthful noiseless obliging ovation perspicacious piquant pithy plaudits plucky prodigious punchy
        2: rapt rave raved raves sagacious scintillating sheen showcase showcased showcases sterling suave trenchant
        2: trenchantly unerring unerringly unflagging unstinting urbane vigour vim vouch vouches élan
        -2: grates
        -2: dissapointed dissapointing dissapointment disapointed disapointing disapointment dissappointed dissappointing dissapoint disapoint horible horrable terible terrable aweful garbadge rediculous ridiculus useles worthles wierd frustated frusterating frustating anoying annoyed irritaing
        +2: awsome awsom awesom excelent excellant exellent excellet fantastik fabolous wonderfull beautifull sucessful succesful recomend recommed reccomend reccommend reccomended recomended recommened definately-recommend luv kool gr8 amazin amazingg perfekt favourit favorit
        """;
}
