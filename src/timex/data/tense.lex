# Words that tell the tense of the clause around a temporal expression, so that "Friday" in
# "will meet Friday" is the next Friday and in "met Friday" the last one. The finder looks
# for the nearest cue before the expression in its sentence, then after it.

# Future: modal and going-to forms, and verbs of plans and schedules.
tense_future 1: will, 'll, shall, wo, would, must, should, can, ca, be, going, plans, plan, planning, scheduled, expects, expect, intends, intend, aims, hopes, hope, upcoming, vowed, promised, pledged, wants, want
# Words of schedules in business news: "payable Dec. 7", "effective Feb. 1", "of record Dec. 15".
tense_future 2: payable, effective, matures, mature, maturing
# Future when "to" or "for" follows: "is due to vote", "is set for April", "is expected to rule".
future_to 1: is, are, due, set, poised, slated, about, expected, likely, unlikely, ready, aiming, seeking, hoping, preparing, scheduled, planned, forecast, projected, predicted, bound, hoped, wanted, intended, aimed, sought, threatened, offered, proposed
# Present-tense verbs of timetabled events: news writes what is scheduled in the simple present
# ("The leaders meet Monday", "The trial opens Feb. 14"), so the clause looks forward. An
# auxiliary before them decides instead ("did not meet Monday"); after "to" or a determiner
# ("to meet", "the start") they are not the clause's verb. Nouns as often as verbs ("reports",
# "talks") are not here.
tense_schedule 1: meet, meets, begin, begins, start, starts, open, opens, reopen, reopens, resume, resumes, close, closes, end, ends, expire, expires, run, runs, travel, travels, visit, visits, go, goes, arrive, arrives, depart, departs, return, returns, kick, kicks, tee, tees, host, hosts, face, faces, play, plays, vote, votes, convene, convenes, launch, launches, debut, debuts, premiere, premieres, tour, tours, fly, flies, sail, sails, hold, holds, take, takes
# Past auxiliaries: the clause is past whatever follows.
tense_aux_past 1: was, were, had, did, didn't
# Past forms of verbs (regular ones end in -ed). As participles they can follow "will be" or
# "is", so the auxiliary before them decides when there is one.
tense_past 1: set, said, told, began, broke, sent, took, came, went, made, saw, gave, got, left, held, met, fell, rose, won, lost, ran, led, fought, spoke, wrote, thought, found, felt, kept, brought, bought, built, caught, struck, shot, hit, put, cut, let, stood, sat, paid, sold, spent, knew, grew, drew, threw, flew, drove, rode, wore, tore, swore, chose, froze, stole, woke, overran, overrode, undertook, withdrew, forbade, became, quit, fled, slid, sank, sang, rang, swam, bore, beat, bit, hid, lit, fed, bled, dealt, meant, sought, taught, understood, hung, shook, arose, awoke, forgot, forgave, done, gone, taken, given, seen, known, shown, begun, broken, spoken, written, chosen, stolen, driven, risen, fallen, grown, thrown, flown, drawn, worn, torn, sworn
# Perfect: the clause reports something already done.
tense_perfect 1: has, have, 've, hasn't, haven't
# Present: the verb is in the present tense, which news reads like the past for weekdays.
tense_present 1: is, are, am, 're, does, do, says, tells, remains, continues, appears, seems, isn't, aren't
# Words before a past form that make it an adjective: "the flooded towns", "its revised plan".
determiner 1: the, a, an, its, their, his, her, our, my, your, this, that, these, those, newly, recently, already, long, once, much, well, some, many, several, all, no
# Words ending in -ed that are not past tense verbs.
not_past 1: need, speed, red, bed, seed, feed, hundred, kindred, shed, bred, sacred, naked, wicked, aged, beloved, united, wed, indeed, proceed, succeed, exceed, greed, breed, creed, deed, steed, weed, tweed, reed, embed, shred, sled, infrared, thoroughbred, unprecedented, limited, detailed, advanced, armed, based, concerned, interested, related, supposed, used, alleged, so-called, red-handed
# Prepositions after which a date looks forward whatever the tense ("until Jan. 19").
# Prepositions after which a date is the nearest one, whatever the tense ("until Jan. 19"
# in a past-tense sentence is still ahead when it is days away; "through Oct. 19" behind).
signal_nearest 1: until, till, til, through, thru
# A deadline ("by Friday", "by year's end") is the nearest one in a clause without a tense or in
# the present; a past or future clause decides as usual ("had fled by Friday").
signal_deadline 1: by
# Phrases that look forward: "as soon as Tuesday", "as early as next week", "ahead of Christmas".
signal_forward_phrase 1: as soon as, as early as, ahead of, no later than, not later than
# A deferral points past the time it was made, as a timetable does: "the vote was postponed
# until Tuesday" (on a Thursday) is the coming Tuesday, "extended until Jan. 3" the next Jan. 3
# unless that one passed within 45 days.
signal_deferral_phrase 1: postponed until, postponed till, postponed to, postpone until, delayed until, delayed till, delayed to, deferred until, deferred to, adjourned until, adjourned till, adjourned to, pushed back to, put off until, put off till, rescheduled for, rescheduled to, extended until, extended to, extended through, prolonged until, prolonged to
# Verbs that call off or move what was planned: a time right after them names the planned
# event's, the nearest one ("postponed its Thursday session", "canceled Saturday's parade",
# "called off Friday's game").
cancel_verb 1: postponed, postpones, postpone, canceled, cancelled, cancels, cancel, delayed, delays, delay, scrapped, scraps, scrap, suspended, suspends, suspend, rescheduled, scratched
# A start that looks forward when the clause shows no tense of its own: "will close the plant
# by the end of the year and move production to Ohio starting in January" (the "will" lies too
# far back); "Sales fell sharply starting in March" keeps its past.
signal_start_phrase 1: starting in, starting on, starting from, beginning in, beginning on, beginning from
# ... or back ("since 1991").
signal_backward 1: since
