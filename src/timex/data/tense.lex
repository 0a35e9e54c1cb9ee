# Words that tell the tense of the clause around a temporal expression, so that "Friday" in
# "will meet Friday" is the next Friday and in "met Friday" the last one. The finder looks
# for the nearest cue before the expression in its sentence, then after it.

# Future: modal and going-to forms, and verbs of plans and schedules.
tense_future 1: will, 'll, shall, wo, would, going, plans, plan, planned, planning, scheduled, expected, expects, expect, intends, intend, aims, hopes, upcoming, slated, poised, vowed, promised, pledged
# Past: auxiliaries, and irregular past forms (regular ones end in -ed).
tense_past 1: was, were, had, did, said, told, began, broke, sent, took, came, went, made, saw, gave, got, left, held, met, fell, rose, won, lost, ran, led, fought, spoke, wrote, thought, found, felt, kept, brought, bought, built, caught, struck, shot, hit, put, cut, let, stood, sat, paid, sold, spent, knew, grew, drew, threw, flew, drove, rode, wore, tore, swore, chose, froze, stole, woke, overran, overrode, undertook, withdrew, forbade, became, quit, fled, slid, sank, sang, rang, swam, began, bore, beat, bit, hid, lit, fed, bled, dealt, meant, sought, taught, understood, hung, shook, arose, awoke, forgot, forgave
tense_past 2: has, have, 've
# Present: the verb is in the present tense, which news reads like the past for weekdays.
tense_present 1: is, are, am, 're, does, do, says, tells, remains, continues, appears, seems
# Words ending in -ed that are not past tense verbs.
not_past 1: need, speed, red, bed, seed, feed, hundred, kindred, shed, bred, sacred, naked, wicked, aged, beloved, alleged, united, wed, indeed, proceed, succeed, exceed, greed, breed, creed, deed, steed, weed, tweed, reed, embed, shred, sled, infrared, thoroughbred, unprecedented, limited, detailed, advanced, armed, based, concerned, interested, related, supposed, used
