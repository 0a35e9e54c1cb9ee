# Cue words of the relation stage (src/relation/rules.cpp). One list per line:
#   name: word word ...
# Words are lower case; lists of verbs hold lemmas. A multi-word cue is written with '_'
# ("prior_to") and matches consecutive tokens.

# Before a time expression: how the event relates to the time.
time_inside: on in at during within throughout over amid by_the_end_of as_of
time_since: since from
time_until: until till through to
time_before: before prior_to ahead_of by
time_after: after following
# Words skipped between such a preposition and the time ("until at least Jan. 19").
time_skip: at_least early late the as_early_as as_late_as about around

# Connectives between two events: main RELATION subordinate.
conn_after: after following once
conn_before: before prior_to ahead_of
conn_since: since
conn_until: until till
conn_during: during amid throughout
conn_overlap: while as
conn_when: when whenever
conn_then: then afterward afterwards later subsequently thereafter

# Sentence-initial adverbs that move the story forward from the previous sentence.
narrative_next: then later afterward afterwards subsequently thereafter eventually next

# Reporting verbs (lemmas) besides the REPORTING class.
reporting: say tell report announce state add claim confirm deny note explain insist
    reply respond testify warn acknowledge admit assert declare disclose indicate predict
    quote write

# Verbs whose infinitive complement is a request to the addressee: asked X to do Y.
request: ask request invite urge call appeal order instruct tell press persuade beg petition
    encourage authorize allow permit

# Verbs that move an event to a later time (lemmas): "postponed the vote until Friday".
deferral: postpone delay defer adjourn reschedule

# Verbs that, in the passive, put their subject on a timetable (lemmas): "Sentencing is set for
# June 14", "A hearing is expected next month".
schedule: schedule set slate plan expect due

# Aspectual verbs (lemmas).
aspect_begin: begin start commence launch initiate open
aspect_end: end stop finish complete halt cease conclude terminate quit
aspect_continue: continue keep resume remain persist

# Reactions whose cause follows "over"/"against"/"at": disapproval over the doubling.
reaction: disapproval anger outrage fury protest protests protesting protested dismay uproar
    backlash outcry criticism resentment frustration indignation furor fury complaint
    complaints demonstration demonstrations rally rallies strike strikes riot riots
cause_preposition: over against at

# Governors whose infinitive complement is not later than them (seem to be, used to be).
non_future: seem appear be have use tend happen continue keep remain begin start cease stop
    need

# Words that open a relative clause.
relative: which who that whom whose where

# Auxiliaries and adverbs skipped when looking for a verb's subject.
subject_skip: has have had was were is are be been being will would could should may might
    can must not n't also still already just reportedly allegedly then never

# Connectives ambiguous between the senses above and other uses: "as" needs a finite verb
# right after it ("as unrest intensifies"), not "such as", "as well as", "as a protest".
as_blockers: such well so much many long soon far same
