namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// Idioms of praise and complaint in reviews and feedback ("wore out its welcome", "few and far between", "makes
/// up for", "above and beyond", "give it a miss"), written for this project from general knowledge of English.
/// Same format as <see cref="SentimentPhrases"/>; an expression listed there first keeps that valence.
/// </summary>
internal static class SentimentIdioms
{
    public const string Entries = """
        -3: waste of space, waste of film, waste of celluloid, waste of talent, waste of breath, waste of energy, a total mess
        -3: a complete mess, a hot mess, an utter mess, a big mess, train wreck, car crash, hot garbage, dumpster fire
        -3: bottom of the barrel, scraping the barrel, scrape the bottom, new low, a new low, all time low, not even close
        -3: nowhere close, rip off, ripped me off, ripped us off, what a joke, a bad joke, a sick joke, a cruel joke
        -3: a joke of a, sorry excuse, poor excuse, pale imitation, a pale shadow, pale copy, cheap imitation, cheap knockoff
        -3: knock off, shadow of its former self, lost the plot, lose the plot, beyond repair, beyond saving, dead in the water
        -3: dead on arrival, sucked the life out, sucks the life out, bored me to tears, bored me to death, bored out of my mind
        -3: out of my mind with boredom, nothing to see here, avoid at all costs, avoid like the plague, give it a miss
        -3: give this a miss, don't bother, do not bother, not bother, why bother, not worth the paper, not worth the effort
        -3: not worth the trouble, not worth the hassle, not worth a, not worth your, not worth my, money down the drain
        -3: down the drain, down the toilet, out the window, insult to the intelligence, insults your intelligence
        -3: insults the intelligence, insult to your intelligence, made my skin crawl, makes your skin crawl, gave me a headache
        -3: give you a headache, a chore to sit through, an endurance test, test of endurance, test your patience
        -3: tests your patience, tried my patience, try your patience, tries your patience, lost my patience, lose patience
        -2.5: cut corners, cuts corners, cutting corners, cut corner, phoned it in, mailed it in, mails it in, going nowhere fast
        -2.5: more of the same, nothing we haven't seen, nothing you haven't seen, seen it all, seen this before, seen that before
        -2.5: we've seen it, you've seen it before, wore out its welcome, wears out its welcome, wearing out its welcome
        -2.5: outstays its welcome, overstayed its welcome, outstayed its welcome, drags on, dragged on, drags its feet
        -2.5: goes on and on, went on and on, goes on too long, went on too long, runs too long, ran too long, way too long
        -2.5: far too long, much too long, overstays, loses steam, lost steam, loses momentum, lost momentum, runs out of gas
        -2.5: ran out of gas, out of gas, out of ideas, runs dry, ran dry, hit and miss, hit or miss, miss the point
        -2.5: misses the point, missed the point, beside the point, off the rails, goes off the rails, went off the rails
        -2.5: jumps the shark, lost its charm, loses its charm, lost its edge, loses its edge, lost its way, loses its way
        -2.5: lost the thread, loses the thread, lose interest, lost interest, loses interest, losing interest, lose track
        -2.5: lost track, hard to sit through, hard to stay awake, tough to sit through, struggle to stay awake, struggled to stay awake
        -2.5: nodded off, dozed off, doze off, nod off, checked my watch, check your watch, checking my watch, looked at my watch
        -2.5: look at your watch, couldn't finish, could not finish, couldn't get through, could not get through, gave up on
        -2.5: give up on, stopped watching, stopped reading, turned it off, turn it off, switched it off, walked out of
        -2.5: left the theater, left the theatre, left early, demanded a refund, asked for a refund, ask for a refund
        -2.5: want a refund, wanted a refund, get a refund, got a refund, full refund, money back guarantee, return policy
        -2.5: return label, return window, sent back, sending back, shipped back, ship it back, box it up, a lemon, a dud
        -2.5: a flop, a bomb, a turkey, a stinker, a mess, a misfire, a letdown, a disappointment, a failure, a clunker
        -2.5: a snooze, a yawn, a bore, a chore, a slog, a drag, a disaster, a nightmare, a headache, a waste
        -2: leaves a lot to be desired, leave a lot to be desired, left a lot to be desired, leaves much to be desired
        -2: left much to be desired, leaves something to be desired, not up to par, below par, under par, not up to scratch
        -2: not up to snuff, not what i expected, not what it used to be, not what i wanted, not what i ordered, not as described
        -2: not as advertised, not as pictured, not as good, not as funny, not as good as, isn't as good, wasn't as good
        -2: not the best, not the greatest, not my cup of tea, not my thing, not for me, wasn't for me, isn't for me
        -2: not really, not particularly, not especially, not terribly, not exactly, not all that, not that great
        -2: not so great, not so hot, nothing to write home, nothing to rave about, nothing to get excited about, nothing special about
        -2: nothing memorable, nothing remarkable, nothing original, nothing fresh, nothing much, no big deal, only so so
        -2: could be better, could have been better, could've been better, should be better, ought to be better, room for improvement
        -2: needs improvement, needs work, needs some work, needs a lot of work, rough around the edges, rough edges
        -2: mixed bag, mixed feelings, on the fence, jury is out, hard to recommend, difficult to recommend, can't really recommend
        -2: hard pressed, be hard pressed, wouldn't buy again, would not buy again, won't buy again, will not buy again
        -2: never buy again, won't be buying, will not be buying, never again buy, won't be back, will not be back
        -2: won't be returning, will not return, won't watch again, never watch again, would not watch again, once is enough
        -2: one viewing is enough, wait for the dvd, wait for video, wait for cable, wait for it on, rent don't buy
        -2: rent first, matinee price, bargain bin, discount bin, bargain basement, gathering dust, collecting dust
        -2: sits on the shelf, best left, better left unsaid, falls apart, falling apart, come apart, came apart, coming apart
        -2: running on empty, on autopilot, on auto pilot, by rote, going through the motions, paint by the numbers
        -2: connect the dots, cookie cutter, cut and paste, copy and paste, carbon copy, copy of a copy, rehash of
        -2: retread of, rip off of, knock off of, cash grab, cash in, quick buck, fast buck, made for tv, made for television
        -2: after school special, movie of the week, straight to dvd, straight to cable, direct to dvd, b movie, b-movie
        -2: c movie, grade z, z grade, grade b, second rate, third rate, bottom drawer, bush league, amateur hour
        -2: film school project, student film, vanity project, ego trip, labor of love gone, too clever by half, trying too hard
        -2: tries so hard, try so hard, trying so hard, too cute by half, too cute for its own good, too clever for its own good
        -2: too smart for its own good, for its own good, all style no substance, style over substance, all sizzle
        -2: all flash, all bark, all show, all talk, empty calories, eye candy but, means well, well meaning but, well intentioned but
        -2: good intentions, best intentions, noble failure, brave failure, interesting failure
        -2: honorable failure, misses more than it hits, more misses than hits
        -2: hard to care, hard to invest, difficult to care, impossible to care, couldn't care less, could not care less
        -2: couldn't care, didn't care, don't care, doesn't care, who cares, little to offer, nothing to offer, not much to offer
        -2: has little to, offers little, offers nothing, adds nothing, adds little, brings nothing, brings little
        -2: says nothing, has nothing to say, nothing new to say, nothing to say, little to say, nothing fresh to say
        -2: more to be desired, not enough to, nowhere to go, going nowhere, goes nowhere, gets nowhere, leads nowhere
        -2: out of place, out of touch, out of its depth, out of his depth, out of her depth, out of their depth, in over its head
        -2: in over his head, out of step, falls between, neither here nor there, falls between two stools, doesn't add up
        -2: does not add up, didn't add up, never adds up, don't add up, doesn't hold up, does not hold up, didn't hold up
        -2: won't hold up, doesn't hold together, never comes together, doesn't come together, didn't come together
        -2: fails to come together, never gels, doesn't gel, never jells, doesn't jell, never clicks, doesn't click
        -2: didn't click, never connects, doesn't connect, didn't connect, falls short of, fall short of, fell short of
        -2: short of the mark, below expectations, below average, less than stellar, less than impressive, less than satisfying
        -2: less than thrilling, less than perfect, not living up, doesn't live up, does not live up, didn't live up
        -2: did not live up, never lives up, fails to live up, failed to live up, not live up, can't live up, cannot live up
        -2: couldn't live up
        -1.5: a bit much, a little much, too much, over the top, way over the top, bit of a stretch, a stretch, a tall order
        -1.5: hard to swallow, hard to buy, hard to take, tough to take, hard to stomach, tough to swallow, takes some getting used to
        -1.5: an acquired taste, acquired taste, not for everyone, not for everybody, not for all tastes, only for fans
        -1.5: fans only, strictly for fans, for fans only, for the die hard, die hard fans, if you must, if you have to
        -1.5: if you're bored, if you have nothing better, nothing better to do, kill time, killing time, time filler
        -1.5: forgettable fluff, fluff piece, lightweight fluff, popcorn fluff, no frills, bare bones, bare-bones, takes forever
        -1.5: took forever, taking forever, forever to load, forever to arrive, long wait, long time to, too slow, so slow
        -1.5: very slow, painfully slow, glacially slow, snail's pace, at a snail's pace, slow going, slow moving, slow as molasses
        -1.5: slow burn but, fell apart after, broke after, broke within, broke the first, stopped working after, died after
        -1.5: died within, quit after, lasted a, only lasted, barely lasted, barely works, barely worked, hardly works
        -1.5: sort of works, kind of works, sometimes works, works sometimes, works occasionally, on and off, off and on
        -1.5: customer service, tech support, on hold for, put on hold, transferred me, runaround, the runaround, run around
        -1.5: passed around, no response, no reply, never responded, never replied, never heard back, didn't hear back
        -1.5: still waiting, still haven't received, never received, never arrived, never showed up, didn't arrive, did not arrive
        -1.5: hasn't arrived, has not arrived, wrong item, wrong size, wrong color, missing parts, missing pieces, parts missing
        -1.5: damaged in shipping, arrived damaged, arrived broken, came broken, was broken, is broken, are broken, already broken
        -1.5: broken on arrival
        +2: hard to resist, impossible to resist, can't resist, cannot resist, couldn't resist, hard to forget, impossible to forget
        +2: won't forget, will not forget, never forget, hard to dislike, impossible to dislike, hard not to like
        +2: hard not to love, impossible not to like, impossible not to love, hard not to enjoy, hard not to smile
        +2: can't help but smile, can't help but laugh, can't help but love, can't help but like, couldn't help but
        +2: can't help smiling, can't help laughing, can't get enough, cannot get enough, couldn't get enough, can't stop watching
        +2: couldn't stop watching, can't stop listening, couldn't stop reading, can't put it down, couldn't put it down
        +2: could not put it down, can't put down, couldn't put down, hard to put down, impossible to put down, page turner
        +2: page-turner, kept me up, kept me hooked, kept me interested, keeps you interested, keeps you hooked, kept me engaged
        +2: keeps you engaged, kept me watching, keeps you watching, kept me entertained, keeps you entertained, kept my attention
        +2: keeps your attention, kept my interest, keeps your interest, holds your interest, held my interest, held our interest
        +2: hold your interest, grabs you, grabbed me, hooked me, sucked me in, sucks you in, draws you in, drew me in
        +2: pulls you in, pulled me in, won me over, wins you over, win you over, won over, swept me away, sweeps you away
        +2: sweep you off, knocked my socks off, knock your socks off, blows you away, blew me away, blow you away
        +2: took my breath away, takes your breath away, left me speechless, leaves you speechless, gave me chills
        +2: gives you chills, gave me goosebumps, gives you goosebumps, brought a tear, brings a tear, brought me to tears
        +2: brings you to tears, tugs at the heart, tug at the heartstrings, tugs at your heartstrings, touched my heart
        +2: touches the heart, warms the heart, warmed my heart, warm your heart, hits home
        +2: hit home, rings true, ring true, rang true, feels real, feels authentic, feels fresh, feels new, breath of fresh air
        +2: a breath of fresh air, a joy to watch, a joy to behold, a joy to read, a joy to use, a pleasure to watch
        +2: a pleasure to read, a pleasure to use, a treat for, a feast for the eyes, feast for the eyes, eye candy
        +2: easy on the eyes, easy on the eye, music to my ears, worth a watch, worth a try, worth a shot, worth a listen
        +2: worth a read, worth checking out, worth seeking out, worth searching out, worth a second look, worth another look
        +2: worth the effort, worth the time, worth the price of admission, price of admission, worth the ticket, worth the hype
        +2: lives up to the hype, believe the hype, deserves an audience, deserves to be seen, deserves to be heard
        +2: deserves its, deserves the, deserves every, well deserved, richly deserved, highly deserved, earns its
        +2: earned its, earns every, earned every, gets better and better, get better and better, better and better
        +2: only gets better, keeps getting better, just keeps getting better, stands the test of time, stood the test of time
        +2: test of time, ahead of its time, before its time, one for the ages, for the ages, instant classic, modern classic
        +2: cult classic, future classic, a classic in the making, for the whole family, all ages, young and old, kids and adults
        +2: adults and kids, something for everyone, there's something for everyone, a good time, a great time, a fun time
        +2: good times, great fun, good clean fun, good old fashioned, good natured, fun for all, laughed my head off
        +2: laugh your head off, laughing my head off, in stitches, had me in stitches, have you in stitches, rolling in the aisles
        +2: belly laugh, belly laughs, laughs out loud, made my day, makes my day, made our day, made my week, brightened my day
        +2: brighten your day, put a smile, puts a smile, put a smile on my face, smile on my face, smile on your face
        +2: feel good, feel-good, heart warming, tour de force, a tour de force, master class, masterclass, a master class
        +2: firing on all cylinders, at the top of his game, at the top of her game, at the top of their game, top of their game
        +2: top of his game, top of her game, in top form, in fine form, on top form, in peak form, at its peak, at his best
        +2: at her best, at their best, career best, best work, finest work, finest hour, best yet, best ever, best in years
        +2: best in a long time, best of the year, best of the bunch, cream of the crop, pick of the litter, one of a kind
        +2: in a league of its own, in a class of its own, in a class by itself, in its own league, a league of its own
        +2: head and shoulders, a notch above, a cut above the rest, the real thing, the genuine article, the whole package
        +2: the full package, the complete package, ticks all the boxes, checks all the boxes, ticks every box, checks every box
        +2: hits all the right notes, strikes the right balance, strikes the right tone, strikes a chord, struck a chord
        +2: strike a chord, strikes a nerve, right up there, up there with, ranks with, ranks among, ranks as one of
        +2: on par with the best, rivals the best, holds its own, hold its own, held its own, stands on its own, stands alone
        +2: can stand alongside, stacks up well, measures up, measured up, lives up to expectations, meets expectations
        +2: met expectations, met my expectations, meets my expectations, meets all my needs, does everything i need
        +2: does what it says, does exactly what, does what it's supposed, works like a charm, worked like a charm
        +2: work like a charm, like a charm, runs like a dream, works like a dream, dream come true, a dream to use
        +2: a dream to drive, a dream come true, value for money, good value for money, great value for money, great buy
        +2: good buy, great purchase, good purchase, best purchase, smart purchase, wise purchase, money well spent
        +2: well spent, worth the investment, pays for itself, paid for itself, would buy again, will buy again, would definitely buy
        +2: will definitely buy, buy another, bought another, bought a second, ordering another, order another, ordered another
        +2: buying another, highly rated, five star, 5 star, full marks, a plus, ten stars, two thumbs up, two thumbs way up
        +2: thumbs way up, high marks, top marks, gold standard, best in class, second to none, couldn't ask for better
        +2: could not ask for better, can't ask for better, couldn't be better, could not be better, couldn't have asked for
        +2: could not have asked for, no complaints at all, zero complaints, zero issues, zero problems, not a single problem
        +2: not one problem, not a single issue, without a hitch, without a problem, without any problems, without issue
        +2: no issues at all, no problems at all, works flawlessly, worked flawlessly, runs smoothly, ran smoothly
        +2: running smoothly, went smoothly, goes smoothly, smooth as silk, smooth sailing, plain sailing, out of the park
        +2: knocked it out, knocks it out, hit it out, hits it out, home run, slam dunk, nailed it, nails it, knocked it out of the park
        +2: on the mark, right on the money, right on target, hits the spot, hit the spot, fits the bill, fit the bill
        +2: did wonders, does wonders, works wonders, worked wonders, life changing, game changer, changed my life
        +2: saved my life, saved the day, saves the day, save the day, a life saver, highly recommend it, recommend it highly
        +2: recommend it to anyone, recommend it to everyone, recommend to anyone, recommend to everyone, recommend this to anyone
        +2: recommend this to everyone, tell all my friends, told all my friends, tell your friends, see it twice
        +2: see it again, watch it again, would watch again, will watch again, read it again, worth seeing twice, worth seeing again
        +2: worth watching again, glad i saw, glad i watched, glad i read, glad we bought, happy i bought, happy we bought
        +2: no regrets, not regret, never regret, won't regret it, will not regret it, you won't be disappointed, you will not be disappointed
        +2: will not disappoint, won't disappoint, does not disappoint, doesn't disappoint, did not disappoint, didn't disappoint
        +2: never disappoints, rarely disappoints, seldom disappoints
        +2.5: how can you go wrong, you can't go wrong, you cannot go wrong, can't go wrong with, above and beyond, went above and beyond
        +2.5: goes above and beyond, go above and beyond, miles ahead, miles better, leaps and bounds, by leaps and bounds
        +2.5: light years ahead, head and shoulders above, blows away the competition, blows the competition away, beats the competition
        +2.5: leaves the competition, run circles around, runs circles around, runs rings around, puts to shame, put to shame
        +2.5: buy it, buy this, buy one, get one, get it, go get it, go buy it, go for it, grab one, grab it, pick one up
        +2.5: pick it up, pick this up, snap it up, give it a try, give it a shot, give it a go, give this a try, try it
        +2.5: try it out, check it out, check this out, see it, go see it, watch it, must watch, don't miss, do not miss
        +2.5: don't miss it, not to be missed, shouldn't be missed, should not be missed, can't miss, won't be sorry
        +2.5: will not be sorry, you'll love, you will love, you'll enjoy, you will enjoy, you'll be glad, you will be glad
        +2.5: you'll thank, i'm hooked, i am hooked, i'm impressed, i am impressed, i'm happy, i am happy, i'm pleased
        +2.5: i am pleased, i'm satisfied, i am satisfied, i'm thrilled, i am thrilled, very happy, very pleased, very satisfied
        +2.5: extremely happy, extremely pleased, really happy, really pleased, so happy, so pleased, more than happy
        +2.5: more than satisfied, completely satisfied, totally satisfied, fully satisfied, perfectly happy, quite happy
        +2.5: quite pleased, happy camper, thrilled to bits, over the moon, on cloud nine, tickled pink, pleased as punch
        +2.5: couldn't be more pleased, love love love, love it love it, a real winner, a clear winner, the clear winner
        +2.5: hands down, hands down the best, without a doubt, no doubt the best, by far the best, the best by far
        +2.5: far and away, far and away the best, best i've ever, best i have ever, best i've seen, best i have seen
        +2.5: best i've used, best i have used, best i've owned, best i have owned, best i've had, best i have had, best i've read
        +2.5: best i have read
        -2.5: never buy, never buying, never purchase, never purchasing, never order, never ordering, never again, won't buy
        -2.5: will never buy, would never buy, won't purchase, would not purchase, don't buy it, don't buy this, do not buy this
        -2.5: do not purchase, don't purchase, don't bother buying, don't waste your, do not waste your, save yourself
        -2.5: spare yourself, look somewhere else, buy elsewhere, avoid this product, avoid this company, avoid this seller
        -2.5: avoid at all, stay away from, run away, run don't walk away, keep away, hold off, pass on this, pass on it
        -2.5: take a pass, skip this, skip it, skip this one, give it a pass, give this one a pass, not buy, not purchase
        -2.5: returned the, returning the, return the, had to send it back, had to return it, sent the, i regret, i regretted
        -2.5: regret buying, regret purchasing, regret getting, regret ordering, regretted buying, buyer's remorse, buyers remorse
        -2.5: i'm disappointed, i am disappointed, i was disappointed, very disappointed, extremely disappointed, really disappointed
        -2.5: so disappointed, totally disappointed, deeply disappointed, bitterly disappointed, sorely disappointed
        -2.5: quite disappointed, a bit disappointed, a little disappointed, somewhat disappointed, i'm not happy, i am not happy
        -2.5: not happy at all, not at all happy, not satisfied at all, not pleased at all, unhappy with, disappointed with
        -2.5: disappointed in, dissatisfied with, fed up, fed up with, sick of, sick and tired, tired of, had enough
        -2.5: had it with, at my wits end, at wit's end, last straw, the last straw, final straw, what a shame, what a pity
        -2.5: such a shame, such a pity, too bad, it's a shame, it is a shame, a real shame, a crying shame, shame on
        -2.5: shame on you, shame on them, for shame
        -2.5: few and far between, bites off more than, bit off more than, biting off more than, more than it can chew
        -2.5: more than he can chew, more than she can chew, more than they can chew, fails to deliver, failed to deliver
        -2.5: fail to deliver, doesn't deliver, does not deliver, didn't deliver, did not deliver, never delivers, fails to impress
        -2.5: failed to impress, fails to engage, failed to engage, fails to convince, failed to convince, fails to satisfy
        -2.5: failed to satisfy, fails to excite, fails to entertain, failed to entertain, fails to amuse, fails to move
        -2.5: fails to register, fails to ignite, fails to connect, fails to capture, failed to capture, fails to make
        -2.5: failed to make, fails to live, fails to rise, never rises above, doesn't rise above, does not rise above
        -2.5: rarely rises above, seldom rises above, never gets going, never really gets going, never quite works, never really works
        -2.5: never works, doesn't really work, doesn't quite work, didn't quite work, just doesn't work, simply doesn't work
        -2.5: never takes flight, never soars, never sparks, never ignites, never catches on, never builds, never quite comes together
        -2.5: never quite gels, never quite clicks, never quite jells, never manages to, never bothers to, doesn't bother to
        -2.5: didn't bother to, not bother to, can't be bothered, couldn't be bothered, not worth bothering, wasted on
        -2.5: is wasted, are wasted, was wasted, were wasted, a wasted opportunity, missed opportunity, a missed opportunity
        -2.5: missed chance, lost opportunity, squandered opportunity, squanders its, squandered its, wasted potential
        -2.5: unrealized potential, unrealised potential, unfulfilled potential, potential is wasted, sinks under, sinks beneath
        -2.5: buckles under, collapses under, crumbles under, drowns in, mired in, bogged down, bogs down, weighed down
        -2.5: weighs down, hampered by, marred by, undone by, undermined by, sunk by, let down by, done in by, crippled by
        -2.5: plagued by, riddled with, saddled with, burdened with, overloaded with, cluttered with, stuffed with, padded with
        -2.5: hobbled by, hamstrung by, held back by, held back from, suffers from, suffer from, suffered from, suffering from
        -2.5: a victim of, not much of, not much of a, not a lot of, isn't much, wasn't much, not much better
        -2.5: hardly worth, barely worth, scarcely worth, not much to, precious little, very little
        -2.5: too little, too little too late, little else, and little else, not much else, and not much else
        -2.5: little more than, not much more than, nothing more than, no more than, amounts to little, adds up to little
        -2.5: adds up to nothing, amounts to nothing, comes to nothing, leaves you cold, left me cold, leave you cold
        -2.5: leaves me cold, left me flat, leaves you flat, left me unmoved, leaves you unmoved, leaves you empty, left me empty
        -2.5: leaves a bad taste, left a bad taste, bad taste in my mouth, sour taste, leaves a sour, tough sell, a hard sell
        -2.5: a tough sell, falls between the cracks, slips through the cracks, off key, off-key, out of tune, tone deaf
        -2.5: tone-deaf, on the nose, ham fisted, heavy handed, paper thin, wafer thin, razor thin, cardboard cutout
        -2.5: cardboard cutouts, stock characters, stock character, stick figures, by the book, by-the-book, seen better days
        -2.5: past its sell-by, past its prime, long in the tooth, over the hill, old hat, old news, been there done that
        -2.5: yesterday's news, tired formula, same old story, same old thing, beaten to death, done to death
        -2.5: flogging a dead horse, beating a dead horse, run into the ground, milked dry, milking it, overstays its
        -2.5: stretched thin, stretched too thin, spread too thin, wears out, worn out, played out, tapped out, runs its course
        +2.5: makes up for, make up for, made up for, more than makes up, more than made up, compensates for, compensate for
        +2.5: compensated for, saving grace, its saving grace, redeemed by, saved by, rescued by, elevated by, lifted by
        +2.5: buoyed by, bolstered by, anchored by, rises above, rise above
        +2.5: rose above, transcends its, transcend its, overcomes its, overcome its, more than the sum, greater than the sum
        +2.5: punches above its weight, hits all the right, strikes all the right, pushes all the right buttons, right buttons
        +2.5: pulls it off, pull it off, pulled it off, pulls off, pulled off, brings it off, carries it off, carried it off
        +2.5: gets it right, got it right, gets it just right, got it just right, does it right, did it right, does it well
        +2.5: did it well, done right, done well, well done, job well done, a job well done, nicely done, beautifully done
        +2.5: brilliantly done, expertly done, superbly done, skillfully done, cleverly done, wonderfully done, perfectly done
        +2.5: tastefully done, lovingly made, lovingly crafted, carefully crafted, expertly crafted, finely crafted
        +2.5: beautifully crafted, well worth seeing, well worth watching, well worth a look, well worth the price, well worth the money
        +2.5: well worth the wait, well worth the effort, well worth it, worth its weight in gold, good as gold, as good as it gets
        +2.5: as good as they come, doesn't get much better, doesn't get any better, can't get much better
        +2.5: gets no better, it doesn't get better, none better, nothing better, there's nothing better, nothing beats
        +2.5: nothing compares, few can match, unmatched by, hard to top, tough to top, impossible to top, sets the bar
        +2.5: raises the bar, raised the bar, sets the standard, set the standard, the gold standard
        +2.5: a landmark, a milestone, a revelation, a triumph of, a marvel of, a model of, a masterclass in
        +2.5: a lesson in how, a feast of, a wealth of, a treasure trove, a goldmine, a gold mine, pure gold, solid gold
        +2.5: the cat's pajamas, the bee's knees, top drawer, top shelf, top tier, top of the class, top of the heap
        +2.5: top of the pile, first class, world class, grade a, in good hands, safe hands, capable hands
        +2.5: a sure thing, a safe bet, a good bet, a sure bet, a sure-fire, surefire hit, a solid bet, no brainer, a no brainer
        +2.5: no-brainer, easy choice, easy decision, easy call, easy pick, would recommend it, can recommend, can highly recommend
        +2.5: happily recommend, gladly recommend, wholeheartedly recommend, unreservedly recommend, recommend without reservation
        +2.5: without reservation, without reservations, with no reservations, no reservations, can't praise enough
        +2.5: cannot praise enough, couldn't praise enough, deserves praise, deserves credit, deserves kudos
        +2.5: all credit to, hats off to, tip of the hat, tip my hat, take a bow, takes a bow, bravo to, props for, applause for
        +2.5: standing ovation for
        """;
}
