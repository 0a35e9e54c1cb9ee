# chronicle's temporal word lists.
#
# Each entry:  <class> <value>: <phrase>, <phrase>, ...
# A phrase is one or more words, tokenized like the text ("new year's day" is four tokens:
# new year 's day). A phrase followed by [cap] matches only when its first word is
# capitalized ("May", not the modal "may"). Matching ignores case otherwise.
# The classes and what their values mean are documented in src/timex/lexicon.hpp.

# --- calendar names -------------------------------------------------------------------------
month 1: january, jan
month 2: february, feb
month 3: march[cap], mar[cap]
month 4: april, apr
month 5: may[cap]
month 6: june, jun
month 7: july, jul
month 8: august, aug
month 9: september, sept, sep
month 10: october, oct
month 11: november, nov
month 12: december, dec

weekday 1: monday
weekday 2: tuesday, tues[cap]
weekday 3: wednesday
weekday 4: thursday, thurs[cap]
weekday 5: friday
weekday 6: saturday
weekday 7: sunday
# Plural weekdays name every such day: "on Fridays".
weekdays 1: mondays
weekdays 2: tuesdays
weekdays 3: wednesdays
weekdays 4: thursdays
weekdays 5: fridays
weekdays 6: saturdays
weekdays 7: sundays
# Nouns after which a weekday is a name: "his servant Friday", "a storm dubbed Monday".
name_title 1: servant, man, girl, boy, gal, character, named, called, dubbed, nicknamed, christened

season SP: spring
season SU: summer
season FA: fall, autumn
season WI: winter

# Parts of the day (TIMEX3 TMO, TAF, TEV, TNI, TDT).
pod MO: morning, dawn, daybreak, sunrise
pod AF: afternoon
pod EV: evening, dusk, sunset, nightfall
pod NI: night
pod DT: daytime

# Decades named in words: "the nineties" is the 1990s (the century comes from context).
decade_word 2: twenties
decade_word 3: thirties
decade_word 4: forties
decade_word 5: fifties
decade_word 6: sixties
decade_word 7: seventies
decade_word 8: eighties
decade_word 9: nineties

# --- units ----------------------------------------------------------------------------------
# Values: the TIMEX3 duration unit (Y M W D H MI S Q DE CE ML WE), FN is a fortnight (2 weeks).
unit S: second, seconds, sec, secs
unit MI: minute, minutes, min, mins
unit H: hour, hours, hr, hrs
unit D: day, days
unit WE: weekend, weekends
unit W: week, weeks
unit FN: fortnight, fortnights
unit M: month, months
unit Q: quarter, quarters
unit Y: year, years
unit DE: decade, decades
unit CE: century, centuries
unit ML: millennium, millennia, millenniums
# The same units in the plural only: "days of unrest" is a vague number of days.
units S: seconds
units MI: minutes
units H: hours
units D: days
units W: weeks
units M: months
units Q: quarters
units Y: years
units DE: decades
units CE: centuries
# Units used as adjectives with a number: "a two-day visit", "a 24-hour strike".
unit_adj D: day
unit_adj W: week
unit_adj M: month
unit_adj Y: year
unit_adj H: hour
unit_adj MI: minute
unit_adj DE: decade
unit_adj Q: quarter

# Quarters and halves written as codes, in business news: "Q3", "H1" (values as ordinals).
quarter_code 1: q1
quarter_code 2: q2
quarter_code 3: q3
quarter_code 4: q4
half_code 1: h1
half_code 2: h2

# --- numbers --------------------------------------------------------------------------------
number 0: zero
number 1: one
number 2: two
number 3: three
number 4: four
number 5: five
number 6: six
number 7: seven
number 8: eight
number 9: nine
number 10: ten
number 11: eleven
number 12: twelve
number 13: thirteen
number 14: fourteen
number 15: fifteen
number 16: sixteen
number 17: seventeen
number 18: eighteen
number 19: nineteen
tens 20: twenty
tens 30: thirty
tens 40: forty
tens 50: fifty
tens 60: sixty
tens 70: seventy
tens 80: eighty
tens 90: ninety
scale 100: hundred
scale 1000: thousand
dozen 12: dozen
# Quantities without a number: "a few days" is PXD.
vague X: few, several, many, some, numerous, multiple

ordinal 1: first
ordinal 2: second
ordinal 3: third
ordinal 4: fourth
ordinal 5: fifth
ordinal 6: sixth
ordinal 7: seventh
ordinal 8: eighth
ordinal 9: ninth
ordinal 10: tenth
ordinal 11: eleventh
ordinal 12: twelfth
ordinal 13: thirteenth
ordinal 14: fourteenth
ordinal 15: fifteenth
ordinal 16: sixteenth
ordinal 17: seventeenth
ordinal 18: eighteenth
ordinal 19: nineteenth
ordinal 20: twentieth
ordinal 21: twenty-first
ordinal 22: twenty-second
ordinal 23: twenty-third
ordinal 24: twenty-fourth
ordinal 25: twenty-fifth
ordinal 26: twenty-sixth
ordinal 27: twenty-seventh
ordinal 28: twenty-eighth
ordinal 29: twenty-ninth
ordinal 30: thirtieth
ordinal 31: thirty-first

# --- references without a date ----------------------------------------------------------------
ref PRESENT: now, currently, nowadays, presently, at present, right now, at the moment, these days
ref PAST: recently, lately, formerly
ref FUTURE: someday

# Days named relative to today: the value is the offset in days.
relday 0: today
relday -1: yesterday
relday 1: tomorrow

# --- modifiers (TIMEX3 mod) -----------------------------------------------------------------
# Before a date or time: "early Thursday", "the end of March", "around midnight".
mod_point START: early, earlier, beginning of, the beginning of, start of, the start of, dawn of, the dawn of
mod_point END: late, later, end of, the end of, close of, the close of, the latter part of
mod_point MID: mid, middle of, the middle of, midway through
mod_point APPROX: about, around, roughly, approximately, circa
# Before an amount of time: "about two weeks", "more than a week", "at least 48 hours".
mod_amount APPROX: about, around, roughly, approximately, some, circa, an estimated
mod_amount LESS_THAN: nearly, almost, less than, under, fewer than, just under, not quite
# Plain "over" is left out: "over three years" is mostly the preposition of a span.
mod_amount MORE_THAN: more than, just over, upwards of, well over
mod_amount EQUAL_OR_MORE: at least, no less than, a minimum of
mod_amount EQUAL_OR_LESS: at most, no more than, up to, a maximum of

# Approximators set the mod but stay outside the extent, as in most of the TempEval-3
# corpus: "about <TIMEX3 mod=APPROX>two weeks</TIMEX3>". "just" likewise ("just days ago").
outside_extent 1: about, around, roughly, approximately, circa, just

# A year after these sets the sentence in it ("The last crisis, in 2012, ended at Easter"; "the
# flood of 2012"): the sentence's year-less past dates are that year's. Not "since 2012".
signal_story_year 1: in, of, during
# ... up to a relative clause, whose time may be another ("Under a program approved in 1987 that
# set no limit, it had bought shares through Sept. 29").
story_year_break 1: that, which, who, whom, whose

# --- sets -----------------------------------------------------------------------------------
set_word P1D: daily, everyday
set_word P1W: weekly
set_word P2W: biweekly, fortnightly
set_word P1M: monthly
set_word P1Y: yearly
set_word PT1H: hourly
set_word TNI: nightly

# --- clock ----------------------------------------------------------------------------------
ampm AM: a.m., am, a.m
ampm PM: p.m., pm, p.m
clock_word 12:00: noon, midday
# Zones, with their offsets as TIMEX3 writes them (Z for UTC).
zone -05: est, eastern standard time
zone -04: edt, eastern daylight time
zone -06: cst
zone -05: cdt
zone -07: mst
zone -06: mdt
zone -08: pst
zone -07: pdt
zone Z: gmt, utc
# US zones named without standard or daylight: the offset follows the date ("2 p.m. ET" is
# -05 in January, -04 in July). "Eastern" alone only capitalized, after a time of day.
zone US-05: et, eastern time, eastern[cap]
zone US-06: ct, central time, central[cap]
zone US-07: mt, mountain time
zone US-08: pt, pacific time, pacific[cap]
zone +01: bst, cet, wat
zone +02: cest, eet, cat
zone +03: msk, eat
zone +08: hkt, awst
zone +09: jst, kst
zone +05:30: ist
zone +10: aest

# --- holidays -------------------------------------------------------------------------------
# Values: MM-DD (a fixed day), MM-w-n (the n-th weekday w of month MM; n = L for the last;
# MM-w-n+d is d days after it),
# E+n / E-n (n days from Western Easter Sunday).
holiday 01-01: new year's day, new year's, new years day, new year day
holiday 12-31: new year's eve, new years eve
holiday 12-25: christmas, christmas day, xmas
holiday 01-07: orthodox christmas
holiday 12-24: christmas eve
holiday 12-26: boxing day
holiday 07-04: independence day, the fourth of july, fourth of july, july fourth
holiday 11-4-4: thanksgiving, thanksgiving day
holiday E+0: easter, easter sunday, easter day
holiday E-2: good friday
holiday E+1: easter monday
holiday E-7: palm sunday
holiday 09-1-1: labor day, labour day
holiday 05-1-L: memorial day
holiday 11-1-1+1: election day
holiday 11-4-4+1: black friday
holiday 11-4-4+4: cyber monday
holiday 06-19: juneteenth
holiday 10-1-2: columbus day
holiday E-46: ash wednesday
holiday E+49: pentecost
holiday 01-1-3: martin luther king day, martin luther king jr. day, mlk day
holiday 02-1-3: presidents day, presidents' day, president's day
holiday 11-11: veterans day, veterans' day, armistice day, remembrance day
holiday 10-31: halloween
holiday 02-14: valentine's day, st. valentine's day
holiday 05-7-2: mother's day
holiday 06-7-3: father's day
holiday 07-14: bastille day
holiday 03-17: st. patrick's day, saint patrick's day

# Words that open sentences without naming anything: a capitalized one of these is not a name.
function_word 1: in, on, at, since, by, until, from, during, after, before, for, the, a, an, and, but, or, of, through, last, next, this, that, early, late, mid, around, about, as, when, while, with, to, into, over, under, between, within, throughout, until, till, nearly, almost, some, every, each, earlier, later, so, if, then, still, yet, also, even, only, just, now

# Words the rules use that name time by themselves (besides the classes above): a rule can only
# match where one of these, a word of a temporal class, or a number is near.
temporal_keyword 1: tonight, overnight, midnight, weekend, past, future, recent, fiscal, ago, later, earlier, half, twice, once, time, yesterday's, sometime, o'clock, early, late, mid, ahead

# --- names that contain temporal words but are not temporal expressions ---------------------
name -: good friday agreement, sunday times, sunday telegraph, sunday express, sunday mirror,
name -: friday night lights, tuesday morning corp, black friday deals, new year's honours list
name -: may day parade committee, march madness, the morning show, the morning call
name -: summer olympics, winter olympics, summer games, winter games, daylight saving time
name -: high noon
