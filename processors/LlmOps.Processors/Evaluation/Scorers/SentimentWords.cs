namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// The general-purpose part of the sentiment lexicon, written for this project from general knowledge of English
/// evaluative vocabulary: adjectives, adverbs, verbs and nouns of praise and complaint as used in product
/// feedback, support conversations and criticism of books, films and music. Each line is
/// <c>valence: words...</c> on a −4..+4 scale; inflections are reached through the Porter stem, so one form per
/// word family is usually enough. A word listed twice keeps its strongest reading.
/// </summary>
internal static class SentimentWords
{
    public const string General = """
        +4: masterly virtuoso peerless unsurpassed unrivaled unrivalled incomparable matchless sensational
        +4: mind-blowing jaw-dropping astonishingly stupendous miraculous heavenly divine glorious triumphantly
        +4: superlative flawlessly perfectly-crafted must-see must-have must-read must-buy
        +3: wonderful terrific admirably beautifully-made captivated captivate enthralling enthrall enthralled
        +3: spellbinding spellbound mesmerising mesmerize mesmerise hypnotic transfixing arresting electrifying
        +3: exhilarate invigorating stirring rousing galvanizing dynamite dynamic masterstroke tour-de-force
        +3: ravishing luminous radiant resplendent sumptuous lavish opulent lush gorgeously splendidly superbly
        +3: delightfully deliciously charmingly wittily hilariously engagingly compellingly movingly touchingly
        +3: poignantly exquisitely gracefully elegantly intelligently thoughtfully insightfully skillfully skilfully
        +3: expertly masterfully artfully deftly adroit adroitly nimble nimbly brilliantly ingeniously inventively
        +3: wondrous marvel marvels marveled marvelled dazzlingly irresistible irresistibly endearing lovingly
        +3: heartwarming heart-warming heartening uplift uplifting inspirational life-affirming joyously gleeful
        +3: rapturous rapture bliss blissful blissfully euphoric ecstatically jubilant exuberant exuberance
        +3: admiration adoration adoring adored cherish cherished treasured beloved darling sweetheart
        +3: top-notch top-quality high-quality first-rate first-class world-class state-of-the-art best-in-class
        +3: excellence brilliance genius ingenuity mastery virtuosity artistry craftsmanship finesse panache
        +3: gem gems jewel pearl treat delight delights delighting triumph triumphs masterpieces classics
        +3: highlight highlights standout stand-out showstopper winner winners champion champions champ
        +3: recommend recommends recommending highly-recommended satisfyingly rewardingly
        +3: flawless faultless impeccable immaculate pristine spotless seamless effortless effortlessly
        +3: perfect perfectly ideal ideally superb exceptional exceptionally extraordinarily remarkably
        +3: amaze amazes amazement amazingly astonish astonished astound astounded awe-struck awestruck
        +3: brave bravura courageous courage daring audacious bold boldly fearless heroic valiant
        +2: great greatly greatness good goodness nice nicely pleasantly pleasurable pleasing enjoyably
        +2: likable likeable lovable loveable adorable cuddly sweetly warmly tenderly gently kindly fondly
        +2: affecting affectionate affection heartfelt sincere sincerely earnest earnestly honest
        +2: resonant resonance resonate resonates evocative evocatively atmospheric haunting hauntingly
        +2: involving immersive immersing immerse absorbing gripping grippingly riveted rivet suspense thrills
        +2: thrill thrilled thrilling page-turner edge-of-your-seat nail-biting tense taut tautly propulsive
        +2: entertain entertains entertained entertaining entertainment diverting diversion amusement amuse
        +2: funny funnier funniest humorous humorously comic comical comedic droll wry wryly witty sly slyly
        +2: smart smartly sharp sharply shrewd shrewdly savvy astute perceptive observant incisive penetrating
        +2: intelligent intelligently wise wisely wisdom thoughtful provocative thought-provoking illuminating
        +2: enlightening enlighten informative instructive educational edifying eye-opening eye-opener revealing
        +2: fresh freshness original originality novel innovative innovation inventive imaginative imagination
        +2: creative creativity clever cleverly witty unconventional distinctive singular idiosyncratic quirky
        +2: stylish stylishly stylish stylized elegant chic classy polished slick sleek refined sophisticated
        +2: accomplished assured confident confidently self-assured poised controlled disciplined precise
        +2: skillful skilful skilled adept deft capable competent proficient talented gifted expert masterful
        +2: solid solidly sturdy robust rugged durable dependable reliable reliably trustworthy consistent
        +2: strong strongly powerful powerfully potent forceful forcefully vigorous vigorously muscular
        +2: vivid vividly lively vivacious spirited spunky zesty zippy snappy brisk breezy buoyant bouncy
        +2: energetic energy enthusiasm enthusiastic enthusiastically passionate passionately zeal zealous
        +2: fun fun-filled playful playfully joy-ride charm charming charmed charmer winsome engaging endearing
        +2: beautiful beauty beautifully pretty lovely handsome gorgeous attractive appealing eye-catching striking
        +2: clear crisp crisply sharpness clarity vibrant colorful colourful bright brilliant rich richly
        +2: smooth smoothly fluid fluidly seamless graceful gracefully slick quiet whisper-quiet
        +2: fast faster fastest quick quickly speedy speedily swift swiftly rapid rapidly prompt promptly snappy
        +2: easy easily effortless simple intuitive intuitively user-friendly straightforward painless
        +2: convenient conveniently handy practical useful usefulness helpful helpfully valuable invaluable
        +2: effective effectively efficient efficiently productive functional well-designed well-thought-out
        +2: comfortable comfortably comfy cozy cosy snug plush ergonomic lightweight portable compact
        +2: affordable inexpensive reasonably-priced cheap-but-good bargain bargains steal value-for-money
        +2: worth worthwhile worthy deserving deserved deserves merit merits meritorious commendable laudable
        +2: praiseworthy admirable admirably respectable respected reputable esteemed acclaimed celebrated
        +2: award-winning prizewinning noteworthy notable remarkable memorable unforgettable indelible
        +2: impressive impressively impressed impress impresses striking strikingly stunningly breathtakingly
        +2: success succeeds succeeded successfully triumphant victorious winning wins prevail prevails thrive
        +2: thrives thriving flourish flourishes blossom blossoms soar soars soaring shine shines shining
        +2: sparkle sparkles sparkling glow glows glowing gleam luminous dazzle dazzles dazzled bright
        +2: improve improves improvement improved upgrade enhancement enhanced better best greatest finest
        +2: superior superiority advantage advantageous beneficial benefit benefited bonus plus pluses perks
        +2: satisfy satisfied satisfying satisfaction satisfactorily contented happy happily happier
        +2: glad gladly pleased delighted cheerful cheery cheerfully merry jolly jovial sunny upbeat positive
        +2: optimistic hopeful hope hopes encouraging encouraged encouragement reassuring reassured relief
        +2: love loves loving lovingly liked like-minded enjoy enjoys enjoying enjoyed enjoyment relish relishes
        +2: appreciate appreciates appreciated appreciative grateful gratefully thankful thanks thank-you
        +2: welcome welcomed welcoming friendly courteous polite respectful considerate attentive responsive
        +2: helpful supportive patient patiently knowledgeable professional professionally prompt accommodating
        +2: generous generously gracious graciously kind kindness warm warmth warm-hearted tender tenderness
        +2: genuine genuinely authentic authenticity credible believable convincing convincingly plausible
        +2: honest truthful truthfully faithful faithfully loyal loyalty trust trusted trusting
        +2: safe safely secure securely stable steady dependable accurate accurately precise precisely correct
        +2: elegant elegance grace graceful poise poised dignity dignified noble nobly decent decency
        +2: humane humanity compassion compassionate empathy empathetic humane heart hearts soulful soul
        +2: intimate intimacy tender poignant poignancy bittersweet wistful touching moving
        +2: rich richness textured layered nuanced nuance subtlety subtly complex complexity depth deep
        +2: ambitious ambition epic grand grandeur majestic sweeping spectacle spectacular lavish
        +2: crowd-pleaser crowd-pleasing feel-good heart-warming family-friendly good-natured good-hearted
        +2: refreshing refreshingly invigorating rejuvenating revitalizing restorative relaxing soothing calming
        +2: tasty delicious yummy scrumptious flavorful flavourful savory succulent fragrant aromatic
        +2: fits fitting apt aptly suitable suited well-suited appropriate spot-on on-point
        +2: recommendable buy-it keeper keepers favourite favorite favorites favourites faves fave
        +2: bravo kudos congratulations congrats cheers hooray hurray yay woohoo yippee
        +2: alive vital vitality lifelike realistic natural organic effortless unforced understated
        +2: fearless gutsy uncompromising unflinching unflinchingly honest candid frank forthright
        +2: milestone landmark breakthrough revelation revelatory groundbreaking ground-breaking pioneering
        +2: timeless enduring lasting classic iconic legendary
        +2: absorbing compelling engrossed engrossing hooked addictive addicting unputdownable bingeable
        +2: gritty grit tough hard-hitting hard-edged unsentimental
        +2: affordable economical cost-effective thrifty frugal
        +2: rocks rocked rock-solid ace aced nailed nails
        +1: fine okay ok alright all-right adequate adequately acceptable decent decently fair passable
        +1: reasonable reasonably sufficient sufficiently serviceable workable usable functional suitable
        +1: pleasant mild gentle modest modestly unpretentious earnest sincere harmless inoffensive
        +1: interesting interested intrigued intrigue intriguing curious curiosity novel unusual distinctive
        +1: watchable readable listenable likeable enjoyable-enough tolerable bearable
        +1: surprisingly surprise surprised surprises unexpected unexpectedly pleasantly
        +1: works worked working functioned performs performed
        +1: recommend able allows enables supports includes included handles handled
        +1: clean cleanly neat neatly tidy tidily organized organised orderly
        +1: promise promising potential intriguing respectable
        +1: laugh laughs laughing laughter chuckle chuckles smile smiles smiling grin grins giggle giggles
        -1: ordinary by-the-numbers conventional familiar predictable predictably foreseeable
        -1: average mediocre middling so-so passable unremarkable unexceptional undistinguished nondescript
        -1: bland blandly vanilla generic forgettable disposable throwaway inconsequential slight slim thin
        -1: minor minimal modest meager meagre sparse skimpy scanty paltry puny tiny
        -1: slow slowly slower sluggish sluggishly languid languorous leisurely plodding ponderous lumbering
        -1: lengthy overlong long-winded drawn-out protracted padded bloated sprawling rambling
        -1: uneven patchy spotty erratic inconsistent hit-or-miss scattershot scattered disjointed choppy
        -1: heavy heavy-handed ham-fisted clumsy clunky awkward awkwardly stilted wooden stiff forced strained
        -1: obvious simplistic simple-minded schematic one-dimensional two-dimensional cardboard
        -1: superficial shallow surface-level glib facile pat tidy contrived artificial manufactured calculated
        -1: complicated convoluted confusing confused muddled murky muddy unclear vague fuzzy hazy foggy
        -1: difficult hard tricky fiddly finicky cumbersome unwieldy bulky heavy clunky fussy
        -1: expensive pricey costly overpriced steep exorbitant
        -1: noisy loud hiss hum buzz static rattles squeak squeaks squeaky creak creaks
        -1: odd oddly strange strangely weird weirdly bizarre bizarrely peculiar curious
        -1: tired tiresome weary wearily wearying stale musty dated old-fashioned outdated outmoded obsolete
        -1: worn worn-out threadbare hackneyed clichéd cliched cliché cliche clichés cliches rote
        -1: derivative imitative copycat knockoff knock-off retread rehash rehashed recycled warmed-over
        -1: excess excessive excessively overly overdone overcooked overwrought overstuffed overloaded
        -1: underdeveloped undercooked underwritten half-baked half-hearted halfhearted perfunctory cursory
        -1: unfocused aimless directionless meandering wandering listless shapeless formless structureless
        -1: uninvolving uninvolved detached distant cold chilly icy remote aloof clinical sterile antiseptic
        -1: doubt doubts doubtful dubious questionable skeptical sceptical suspicious unsure uncertain
        -1: concern concerns concerned worry worries worried anxious nervous uneasy wary hesitant reluctant
        -1: issue issues problem problems glitch glitches bug bugs quirk quirks hiccup hiccups snag snags
        -1: drawback drawbacks downside downsides disadvantage disadvantages shortcoming shortcomings minus
        -1: lack lacks lacked lacking absent absence missing wanting insufficient inadequate
        -1: limit limited limitation limitations restrictive restricted constrained
        -1: inferior lesser worse weaker poorer cheaper flimsier
        -1: mixed muddled ambivalent lukewarm tepid half-hearted indifferent indifference apathetic unmoved
        -1: complain complains complaint complaints gripe gripes grumble quibble quibbles nitpick niggle
        -1: return returns returning returned exchange exchanged replace replaced replacement warranty repair
        -1: waiting wait waited delay delayed delays late lateness backorder backordered
        -1: gimmick gimmicky hype hyped overhyped overpraised overrated
        -1: silly goofy cheesy corny hokey campy kitschy schlocky schmaltzy sappy saccharine syrupy gooey
        -1: melodrama melodramatic soap-opera sentimental sentimentality mawkish maudlin manipulative
        -1: pretentious pretension pretensions self-important self-indulgent indulgent smug preachy sanctimonious
        -1: earnest-but heavy-going tedium humdrum mundane pedestrian prosaic plain plainly banal
        -1: 
        -2: bad badly poor poorly lousy shoddy shoddily sloppy sloppily slipshod careless carelessly
        -2: weak weakly feeble flimsy frail fragile flimsily wobbly shaky rickety cheaply-made poorly-made
        -2: boring bore bores bored boredom dull dullness dreary drab tedious tediously monotonous yawn
        -2: uninteresting unengaging uninvolving unexciting uninspired uninspiring unimaginative unoriginal
        -2: lifeless listless limp flat flatly flaccid inert static stagnant sluggish leaden lumpen stodgy
        -2: disappoint disappoints disappointed disappointing disappointingly disappointment letdown underwhelm
        -2: underwhelming underwhelmed unimpressive unimpressed unsatisfying unsatisfactory unfulfilling
        -2: annoy annoying annoyingly annoyance irritate irritating irritation grating aggravate aggravating
        -2: frustrate frustrating frustratingly frustration exasperate exasperating maddening vexing
        -2: confusing confusingly bewildering baffling perplexing incoherent incomprehensible unintelligible
        -2: nonsense nonsensical illogical senseless pointless purposeless meaningless aimless
        -2: mess messy messier jumble jumbled muddle chaotic shambolic haphazard haphazardly disorganized
        -2: fail fails failed failing failure failures flop flops flopped bomb bombs bombed misfire misfires
        -2: falter falters faltering stumble stumbles stumbling sputter sputters fizzle fizzles wheeze
        -2: break breaks broke broken breakage crack cracked cracks chipped shatter shattered snapped
        -2: defect defects defective faulty malfunction malfunctions malfunctioning glitchy buggy unstable
        -2: crash crashes crashed freeze freezes froze frozen hang hangs reboot reboots overheat overheats
        -2: leak leaks leaking leaked rust rusted rusty corroded stain stained fray frayed tear
        -2: dead died dies dying drain drains drained unresponsive inoperable unusable useless worthless
        -2: junk junky trash trashy garbage rubbish crap crappy cheap cheaply tacky chintzy shabby
        -2: waste wasted wasteful wasting squander squandered squanders misuse misused
        -2: refund refunds refunded rma send-back sent-back returned-it return-it
        -2: wrong wrongly incorrect incorrectly inaccurate inaccuracy error errors erroneous mistake mistaken
        -2: mistakes misleading mislead misled deceptive deceive deceived dishonest false falsely fake phony
        -2: sad sadly sadness unhappy unhappily unfortunate unfortunately regrettable regrettably regret
        -2: sorry pity pitiful pitiable lamentable woeful woefully deplorably dismal dismally grim gloomy
        -2: depressing depressed depress bleak bleakly dreary cheerless joyless humorless humourless mirthless
        -2: unfunny laughless witless clueless pointless tasteless graceless charmless artless soulless
        -2: heartless spiritless gutless toothless bloodless lifeless mindless brainless thoughtless careless
        -2: clumsy clumsily ham-handed ineptly amateur amateurish amateurishly unprofessional incompetently
        -2: implausible unbelievable unconvincing unconvincingly unpersuasive far-fetched preposterous ludicrous
        -2: ridiculous ridiculously absurd absurdly silly stupid stupidly dumb dumber dumbest idiotic inane
        -2: insipid vapid vacuous empty hollow shallow trite banal puerile juvenile childish sophomoric
        -2: annoyingly grating shrill strident obnoxious abrasive irritatingly cloying treacly mawkish
        -2: overlong interminable endless endlessly overstays drags dragged dragging slog slogging
        -2: confuse confused confusion muddled garbled jumbled
        -2: ugly ugliness unattractive unsightly hideous grotesque gross grubby grimy dirty filthy
        -2: uncomfortable uncomfortably painful painfully hurts hurt ache aches sore itchy scratchy
        -2: unpleasant unpleasantly disagreeable distasteful unsavory unsavoury nasty nastily foul
        -2: rude rudely impolite disrespectful dismissive condescending arrogant snotty surly unhelpful
        -2: unresponsive unreachable ignored ignores ignoring neglect neglected negligent incompetent
        -2: unreliable undependable untrustworthy unsafe unstable insecure risky hazardous dangerous
        -2: overpriced rip-off ripoff ripped-off gouge gouging scam scams scammed conned swindle cheat
        -2: hate hates hated hating dislike dislikes disliked detest loathe loathed despise despised
        -2: angry angrily anger mad furious irate annoyed irritated upset upsetting livid fuming
        -2: problematic troublesome troubling trouble troubles hassle hassles headache headaches nightmare
        -2: inadequate inadequately deficient deficiency substandard sub-par subpar second-rate third-rate
        -2: mediocrity middlebrow lowbrow low-rent low-budget cheapo bargain-basement
        -2: forgettable instantly-forgettable negligible trivial trivializes trivialize
        -2: miss misses missed misfired misguided misjudged misconceived wrongheaded ill-conceived ill-advised
        -2: botch botched bungle bungled flub flubbed fumble fumbled mishandle mishandled mangled butchered
        -2: unwatchable unlistenable unreadable unplayable unbearable unendurable insufferable intolerable
        -2: cringe cringeworthy cringe-worthy embarrassing embarrassingly embarrassed awkwardness
        -2: disjointed incoherently rambling meandering plodding ponderously lumbering turgid leaden
        -2: overwrought overacted overacting hammy mugging shrieking screeching histrionic strident
        -2: exploitative exploitive gratuitous gratuitously lurid tawdry sleazy seedy sordid vulgar crass crude
        -2: offensive offend offends offended insulting insult insults demeaning degrading patronizing
        -2: predictable formulaic by-the-numbers paint-by-numbers cookie-cutter cliché-ridden clichéd
        -2: lame lamer lamest weak-willed toothless tame timid bland insipid
        -2: tiresome exhausting exhausted draining tiring wearisome
        -2: lacking lackluster lacklustre listless flat-footed leaden
        -2: worse worsen worsened worsening deteriorate deteriorated degraded downgrade downgraded
        -2: blurry blurred grainy pixelated distorted muffled tinny scratchy washed-out dim dull
        -2: cramped flimsy loose rattly wobbly misaligned
        -2: beware avoid avoided avoiding steer-clear skip
        -2: disaster disasters fiasco debacle catastrophe mess-up screwup screw-up foul-up snafu
        -3: terrible terribly horrible horribly awful awfully dreadful dreadfully atrocious atrociously
        -3: abysmal abysmally appalling appallingly horrendous horrendously horrid horrific ghastly
        -3: pathetic pathetically pitiful laughable laughably ludicrously embarrassingly inept ineptitude
        -3: disgusting disgusted disgust revolting repulsive repugnant repellent sickening nauseating vile
        -3: hateful odious loathsome despicable contemptible reprehensible deplorable shameful disgraceful
        -3: worthless useless garbage rubbish trash crap junk dreck drivel tripe swill slop schlock
        -3: stinks stinker stinky stunk stink smelly rotten rotting putrid lousy sucky sucks sucked
        -3: infuriate infuriating infuriated enrage enraged outrage outraged outrageous maddening
        -3: miserable miserably misery agony agonizing excruciating excruciatingly torture torturous tortuous
        -3: unwatchable unforgivable inexcusable indefensible unacceptable intolerable insufferable
        -3: nightmare nightmarish hellish hell disastrous catastrophic calamitous ruinous ruined ruins ruin
        -3: scam fraud fraudulent ripoff con-artist thieves thief crooks crooked
        -3: incompetent idiotic moronic imbecilic asinine brain-dead braindead cretinous
        -3: mind-numbing mind-numbingly numbing stultifying soporific snooze snoozer yawner sleep-inducing
        -3: trainwreck train-wreck car-crash shambles travesty abomination atrocity monstrosity
        -1: cheap cheaply tiny
        -3: filth filthy squalid sordid repellent misogynistic misogynist racist sexist bigoted hateful
        -3: wasted squandered squanders squandering waste-of-talent misbegotten ill-fated stillborn
        -2: anemic anaemic mechanical robotic perfunctorily lifelessly soulless joyless airless bloodless
        -2: desperate desperately strained straining labored laboured belabored belaboured overextended
        -2: ingratiating cloying smarmy unctuous oily glib slick-but hollow-hearted mean-spirited nasty
        -2: awry astray amiss off-key off-putting offputting tone-deaf misjudges miscalculate miscalculates
        -2: devolve devolves degenerate degenerates deteriorates sink sinks sank sunk drown drowns drowned
        -2: wheezy wheezing creaky creaking rusty clunker dud duds turkey misfire stinkers lemon lemons
        -2: trifle trifles trifling flimsy ephemeral weightless insubstantial lightweight-but featherweight
        -2: smutty sleazy tacky unseemly distasteful ugly-spirited sour sourly bitter bitterly
        -2: impossible unconvincing unpersuasive unmoving unaffecting unengaged disengaged disconnected
        -2: inert stagnant stalled stalls stall sputtering limps limp limping wobbles wobbly sags sag sagging
        -2: muddled murkily listlessly aimlessly pointlessly needlessly needless unnecessary unnecessarily
        -2: tiresome wearying numbing grueling gruelling punishing joyless relentless-but
        -2: incoherent scattershot slapdash sloppy ragged shapeless rudderless unfocused unfinished
        -2: bland flavorless tasteless colorless colourless characterless featureless faceless anonymous
        -2: sappy gooey sugary treacly saccharine soppy weepy weepie tearjerker maudlin
        -2: contrivance contrivances contrived manipulation manipulative gimmickry pandering pander panders
        -2: cheapen cheapens cheapened diminish diminishes diminished undermine undermines undermined
        -2: hamper hampered hampers hobbled hobble marred mar mars spoil spoils spoiled spoilt ruin ruins
        -2: overshadow overshadowed bogged bogs weighed-down weigh-down drag drags dragged
        -2: self-absorbed self-indulgence self-serious self-satisfied self-congratulatory navel-gazing
        -2: pompous pretentiously portentous ponderous windy bombastic overblown overheated overstated
        -2: empty-headed brainless dopey dim-witted half-witted witless moronic bonehead boneheaded
        -2: crummy cruddy cheesy chintzy tinny flimsy junky clunky kludgy
        -2: unwatchable unbearably unbearable insufferably tortured tortuous torturous
        -2: wishy-washy namby-pamby milquetoast toothless defanged neutered watered-down
        -2: tedium monotony repetition repetitive repetitively redundancy redundant superfluous
        -1: forced strained stretched stretching overreaching overreach overreaches strains
        -1: mildly-amusing intermittently sporadically fitfully occasionally sometimes-funny
        -1: uneven unevenly patchy spotty inconsistent erratically
        +3: keenly astutely incisively sympathetically compassionately sensitively tenderly lovingly
        +3: greatness grandeur brilliance mastery commanding assured assuredly confident
        +2: inhabits inhabited embodies embodied nuanced layered textured multilayered multi-layered
        +2: resonates resonant lingers lingering haunts haunting unsettling-but mesmerizes transports
        +2: transporting transcendent transcends transcend elevate elevates elevated lifts heightens
        +2: ingratiate winning winningly engagingly beguile beguiling beguiles disarming disarmingly
        +2: witty wittiest zingers zinger sparkling sparkly sprightly spry sprightliness
        +2: smart-mouthed sharp-witted quick-witted big-hearted warm-hearted open-hearted kind-hearted
        +2: keeps-you hooks hooked grabs grabbed enthralls rivets riveting absorbs immerses
        +2: crackles crackling sizzles sizzling pulses pulsing throbbing electric electrifies
        +2: well-observed well-told well-paced well-made well-executed well-constructed well-conceived
        +2: assured ambitious audacious bold brave daring venturesome adventurous fearless
        +2: satisfies satisfyingly pleasurably deliciously delectable delectably savor savour savored savoured
        +2: refreshingly unpretentiously unsentimental clear-eyed unblinking unflinching
        +2: charismatic magnetic riveting star-making starmaking breakout
        +2: compelling compellingly absorbing absorbingly fascinatingly intriguingly
        +2: accomplished accomplishment achievement achievements achieves achieved feat feats
        +2: funny-bone laughs-a-minute laugh-out-loud rib-tickling side-splitting uproarious uproariously
        +2: fresh-faced sprightly zesty zippy peppy bubbly effervescent frothy
        +2: captures captured capturing conveys conveyed evokes evoked illuminates illuminated
        +1: precious
        +1: sweet-natured good-humored good-humoured gently amiable amiably genial affable
        -2: negative negatively paperweight doorstop
        -4: worst worst-ever abominable execrable unwatchably god-awful godawful dire
        """;
}
