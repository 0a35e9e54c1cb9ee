// The relation stage's rule families on sentences of our own, with the events given (so that
// each rule is tested alone, whatever the event stage finds), and the classifier's model file.
#include <chronicle/event_finder.hpp>
#include <chronicle/relation_finder.hpp>
#include <chronicle/timex_finder.hpp>

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <clocale>
#include <cstdlib>
#include <ctime>
#include <sstream>
#include <string>
#include <vector>

using namespace chronicle;

namespace {

struct Spec {
  std::string_view word;  // the event's head, its first occurrence after `after`
  Tense tense = Tense::past;
  Aspect aspect = Aspect::none;
  EventClass cls = EventClass::occurrence;
  PartOfSpeech pos = PartOfSpeech::verb;
  std::string_view after = "";
};

struct Run {
  Document doc;
  TimexResult times;
  std::vector<Event> events;
  std::vector<Link> links;

  // The instance id of the event on `word`.
  std::string ev(std::string_view word) const {
    for (const Event& e : events) {
      if (doc.text(e.span) == word) return e.instance_id;
    }
    FAIL("no event " << word);
    return {};
  }
  std::string tm(std::string_view words) const {
    for (const Timex& x : times.timexes) {
      if (doc.text(x.span) == words) return x.id;
    }
    FAIL("no time " << words);
    return {};
  }
  // The link between a and b (either direction, read as a -> b), with its rule.
  std::optional<std::pair<Relation, std::string>> link(const std::string& a,
                                                       const std::string& b) const {
    for (const Link& l : links) {
      if (l.from == a && l.to == b) return std::make_pair(l.relation, l.provenance);
      if (l.from == b && l.to == a) return std::make_pair(inverse(l.relation), l.provenance);
    }
    return std::nullopt;
  }
};

Run run(std::string text, const std::vector<Spec>& specs, std::string_view dct = "2022-01-06") {
  Run r;
  r.doc = Document::parse(std::move(text));
  TimexOptions options;
  options.dct = *TimeValue::parse(dct);
  r.times = find_timexes(r.doc, options);
  const std::string& s = r.doc.text();
  for (const Spec& spec : specs) {
    const auto from = spec.after.empty() ? 0 : s.find(spec.after);
    REQUIRE(from != std::string::npos);
    const auto at = s.find(spec.word, from);
    REQUIRE(at != std::string::npos);
    Event e;
    e.span = Span{at, at + spec.word.size()};
    e.phrase = e.span;
    e.tense = spec.tense;
    e.aspect = spec.aspect;
    e.event_class = spec.cls;
    e.pos = spec.pos;
    e.sentence = r.doc.sentence_at(at);
    r.events.push_back(e);
  }
  std::sort(r.events.begin(), r.events.end(),
            [](const Event& a, const Event& b) { return a.span.begin < b.span.begin; });
  for (std::size_t i = 0; i < r.events.size(); ++i) {
    r.events[i].id = "e" + std::to_string(i + 1);
    r.events[i].instance_id = "ei" + std::to_string(i + 1);
  }
  RelationOptions ro;
  ro.classifier = false;
  r.links = find_links(r.doc, r.times.timexes, r.times.dct, r.events, ro);
  return r;
}

using P = std::pair<Relation, std::string>;

// The TimeML-selected links of a short story of five events, with `model`: for comparing models.
std::vector<Link> dam_story_links(const RelationModel& model) {
  static const Run r =
      run("Officials said the dam failed on Monday after heavy rain. Crews reached it "
          "on Tuesday and will repair it.",
          {{"said", Tense::past, Aspect::none, EventClass::reporting},
           {"failed"},
           {"rain", Tense::none},
           {"reached"},
           {"repair", Tense::future}});
  RelationOptions options;
  options.selection = LinkSelection::timeml;
  options.model = &model;
  return find_links(r.doc, r.times.timexes, r.times.dct, r.events, options);
}

// `r` again, its links found with the shipped classifier and `selection`.
Run with_classifier(const Run& r, LinkSelection selection) {
  RelationOptions options;
  options.selection = selection;
  Run out = r;
  out.links = find_links(r.doc, r.times.timexes, r.times.dct, r.events, options);
  return out;
}

}  // namespace

TEST_CASE("event-time: the time that governs the event, read through its preposition",
          "[relation]") {
  const Run a = run("The plant exploded on Monday.", {{"exploded"}});
  CHECK(a.link(a.ev("exploded"), a.tm("Monday")) == P{Relation::is_included, "time-inside"});

  const Run b = run("The family has lived in the valley since 1998.",
                    {{"lived", Tense::present, Aspect::perfective, EventClass::state}});
  CHECK(b.link(b.ev("lived"), b.tm("1998")) == P{Relation::begun_by, "time-since"});

  const Run c = run("The governor extended the curfew until at least Feb. 2.", {{"extended"}});
  CHECK(c.link(c.ev("extended"), c.tm("Feb. 2")) == P{Relation::before, "time-until"});
  // What goes on "through" a time lasts to its end.
  const Run th = run("Many homes stood empty through the winter.", {{"stood"}}, "2024-05-02");
  CHECK(th.link(th.ev("stood"), th.tm("the winter")) == P{Relation::ended_by, "time-until"});

  const Run d = run("On Tuesday, rebels shelled the port.", {{"shelled"}});
  CHECK(d.link(d.ev("shelled"), d.tm("Tuesday")) == P{Relation::is_included, "time-inside"});

  // Coordinated clauses share the time; the clause after the comma does not.
  const Run e =
      run("The bank was robbed and the mayor was kidnapped on Sunday, police said.",
          {{"robbed"}, {"kidnapped"}, {"said", Tense::past, Aspect::none, EventClass::reporting}});
  CHECK(e.link(e.ev("robbed"), e.tm("Sunday")) == P{Relation::is_included, "time-clause"});
  CHECK(e.link(e.ev("kidnapped"), e.tm("Sunday")) == P{Relation::is_included, "time-inside"});
  CHECK_FALSE(e.link(e.ev("said"), e.tm("Sunday")));

  // A "before" clause has its own time; a "when" clause shares the main clause's.
  const Run f =
      run("The council met on Monday and approved the plan before the bridge reopens in May.",
          {{"met"}, {"approved"}, {"reopens", Tense::present}}, "2022-03-10");
  CHECK(f.link(f.ev("approved"), f.tm("Monday")) == P{Relation::is_included, "time-clause"});
  CHECK_FALSE(f.link(f.ev("approved"), f.tm("May")));
  // So does a "that" clause: the telling is not in January.
  const Run t = run("The chief executive told analysts that orders had picked up in January.",
                    {{"told", Tense::past, Aspect::none, EventClass::reporting},
                     {"picked", Tense::past, Aspect::perfective}},
                    "2023-02-03");
  CHECK(t.link(t.ev("picked"), t.tm("January")) == P{Relation::is_included, "time-inside"});
  CHECK_FALSE(t.link(t.ev("told"), t.tm("January")));
  const Run g = run("Two ferries sank when a storm hit the coast on Friday.", {{"sank"}, {"hit"}});
  CHECK(g.link(g.ev("sank"), g.tm("Friday")) == P{Relation::is_included, "time-clause"});

  // A verb takes the nearest of two times; a promise is not dated by the promised time.
  const Run h = run("Troops moved in on Sunday and the rebels fled and the town fell on Tuesday.",
                    {{"moved"}, {"fled"}, {"fell"}});
  CHECK(h.link(h.ev("fled"), h.tm("Sunday")) == P{Relation::is_included, "time-clause"});
  CHECK_FALSE(h.link(h.ev("fled"), h.tm("Tuesday")));
  const Run k = run("The minister promised and delivered a new clinic in June.",
                    {{"promised", Tense::past, Aspect::none, EventClass::i_action}, {"delivered"}},
                    "2022-03-10");
  CHECK(k.link(k.ev("delivered"), k.tm("June")) == P{Relation::is_included, "time-inside"});
  CHECK_FALSE(k.link(k.ev("promised"), k.tm("June")));

  // A "when" clause right after a time describes the time, not the event before it.
  const Run w =
      run("The river flooded in 2017, when more than 100 people died.", {{"flooded"}, {"died"}});
  CHECK(w.link(w.ev("died"), w.tm("2017")) == P{Relation::is_included, "time-when"});
  CHECK_FALSE(w.link(w.ev("flooded"), w.ev("died")));
  // The clause's verb, past a subject that is an event itself.
  const Run q =
      run("It was the deadliest quake since 2001, when an earthquake killed 100 people.",
          {{"quake", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun},
           {"earthquake", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun},
           {"killed"}});
  CHECK(q.link(q.ev("killed"), q.tm("2001")) == P{Relation::is_included, "time-when"});
  const Run v = run("The river flooded when the dam broke.", {{"flooded"}, {"broke"}});
  CHECK(v.link(v.ev("flooded"), v.ev("broke")) == P{Relation::after, "ee-when"});
}

TEST_CASE("event-time: a cue that opens a clause is not the time's", "[relation]") {
  // "After" opens the clause of "fell"; the quarter modifies its subject.
  const Run a = run("After third-quarter sales fell sharply, the company cut jobs.",
                    {{"fell"}, {"cut"}}, "2025-10-21");
  CHECK(a.link(a.ev("fell"), a.tm("third-quarter")) == P{Relation::is_included, "time-inside"});
  // With the verb right after the time, the cue is the time's: "before Friday ended".
  const Run b = run("Officials met before Friday, when talks ended.", {{"met"}, {"ended"}});
  CHECK(b.link(b.ev("met"), b.tm("Friday")) == P{Relation::before, "time-before"});
}

TEST_CASE("event-time: a time before a noun event dates the noun", "[relation]") {
  // "first-quarter" modifies "results": the results are of the quarter, the report is not in
  // it. Without a noun event after it the time is the verb's.
  const Run a =
      run("The company will report first-quarter results on April 27.",
          {{"report", Tense::future},
           {"results", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun}},
          "2023-02-03");
  CHECK(a.link(a.ev("results"), a.tm("first-quarter")) ==
        P{Relation::is_included, "time-modifier"});
  CHECK_FALSE(a.link(a.ev("report"), a.tm("first-quarter")));
  // The results keep their quarter; the report, not the results, is in late April.
  const Run late =
      run("The company will report first-quarter results in late April.",
          {{"report", Tense::future},
           {"results", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun}},
          "2023-02-03");
  CHECK(late.link(late.ev("report"), late.tm("late April")) ==
        P{Relation::is_included, "time-inside"});
  CHECK_FALSE(late.link(late.ev("results"), late.tm("late April")));
  const Run b =
      run("The company earned $212 million in the fourth quarter.", {{"earned"}}, "2023-02-03");
  CHECK(b.link(b.ev("earned"), b.tm("the fourth quarter")) ==
        P{Relation::is_included, "time-inside"});
}

TEST_CASE("event-time: a passive verb of scheduling dates its subject", "[relation]") {
  // The sentencing is on June 14; the setting is not. A phrase after the subject's head
  // ("on the motion") and a gerund as the subject work too.
  const Run a =
      run("The sentencing is set for June 14.",
          {{"sentencing", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun},
           {"set", Tense::present}},
          "2024-03-09");
  CHECK(a.link(a.ev("sentencing"), a.tm("June 14")) == P{Relation::is_included, "time-scheduled"});
  CHECK_FALSE(a.link(a.ev("set"), a.tm("June 14")));
  const Run b =
      run("A hearing on the motion is expected next month.",
          {{"hearing", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun},
           {"motion", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun},
           {"expected", Tense::present, Aspect::none, EventClass::i_state}},
          "2024-03-09");
  CHECK(b.link(b.ev("hearing"), b.tm("next month")) == P{Relation::is_included, "time-scheduled"});
  // An active verb keeps the time: the board set the date on Friday.
  const Run c =
      run("The board set the sentencing on Friday.",
          {{"set"},
           {"sentencing", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun}},
          "2024-03-09");
  CHECK(c.link(c.ev("set"), c.tm("Friday")) == P{Relation::is_included, "time-inside"});
}

TEST_CASE("event-time: an event between two times is begun and ended by them", "[relation]") {
  // As TimeML marks it: not inside the first year, as a bare "2016" would have it.
  const Run a = run("He accepted cash between 2016 and 2019 from the contractor.", {{"accepted"}},
                    "2024-03-09");
  CHECK(a.link(a.ev("accepted"), a.tm("2016")) == P{Relation::begun_by, "time-between"});
  CHECK(a.link(a.ev("accepted"), a.tm("2019")) == P{Relation::ended_by, "time-between"});
}

TEST_CASE("event-time: a chronology's entry dates its verbs", "[relation]") {
  // The date that opens the paragraph before a dash dates the second sentence's verb too.
  const Run a = run(
      "Feb. 27 - The labor ministry appoints a mediator. Shipping lines begin diverting ships.\n\n"
      "March 4 - Negotiators meet for 16 hours but fail to reach a deal.",
      {{"appoints", Tense::present},
       {"begin", Tense::present},
       {"meet", Tense::present},
       {"fail", Tense::present}},
      "2024-03-14");
  CHECK(a.link(a.ev("begin"), a.tm("Feb. 27")) == P{Relation::is_included, "time-entry"});
  CHECK(a.link(a.ev("fail"), a.tm("March 4")) == P{Relation::is_included, "time-entry"});
  CHECK_FALSE(a.link(a.ev("begin"), a.tm("March 4")));
  // Not a date inside the text, nor one before something other than a dash.
  const Run b = run("On Feb. 27, the ministry appointed a mediator. Shipping lines diverted ships.",
                    {{"appointed"}, {"diverted"}}, "2024-03-14");
  CHECK_FALSE(b.link(b.ev("diverted"), b.tm("Feb. 27")));
}

TEST_CASE("event-time: a deferred event lies in its new time", "[relation]") {
  // The vote moves to Friday: it lies in Friday, after the Wednesday DCT.
  const Run a =
      run("Officials postponed the vote until Friday because of the storm.",
          {{"postponed"},
           {"vote", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun}},
          "2026-04-08");
  CHECK(a.link(a.ev("vote"), a.tm("Friday")) == P{Relation::is_included, "time-deferred"});
  CHECK(a.link(a.ev("postponed"), a.tm("Friday")) == P{Relation::before, "time-until"});
  // With the events the event stage finds, the classifier's guess that the announcement is
  // over before the DCT gives way to the rule.
  Run found =
      run("The electoral board said on Tuesday it would delay the announcement of final results "
          "until next week.",
          {}, "2026-04-08");
  found.events = find_events(found.doc);
  for (const LinkSelection selection : {LinkSelection::timeline, LinkSelection::timeml}) {
    const Run guessed = with_classifier(found, selection);
    const auto to_dct = guessed.link(found.ev("announcement"), found.times.dct->id);
    CHECK((!to_dct || to_dct->first == Relation::after));
  }
  // Not for other verbs: "discussed the vote until Friday" moves nothing.
  const Run b =
      run("Officials discussed the vote until Friday.",
          {{"discussed"},
           {"vote", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun}},
          "2026-04-08");
  CHECK_FALSE(b.link(b.ev("vote"), b.tm("Friday")));
  // The session moves from Thursday to next week: the old day, which modifies the noun, neither
  // stops the search for the verb nor dates the postponing, and the new time replaces it.
  const Run c =
      run("The legislature postponed its Thursday session until next week.",
          {{"postponed"},
           {"session", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun}},
          "2022-02-02");
  CHECK(c.link(c.ev("session"), c.tm("next week")) == P{Relation::is_included, "time-deferred"});
  CHECK_FALSE(c.link(c.ev("session"), c.tm("Thursday")));
  CHECK_FALSE(c.link(c.ev("postponed"), c.tm("Thursday")));
  const Run guessed = with_classifier(c, LinkSelection::timeline);
  const auto on_thursday = guessed.link(c.ev("session"), c.tm("Thursday"));
  CHECK((!on_thursday || on_thursday->first != Relation::is_included));
}

TEST_CASE("event-time: coordinated verbs keep their own times", "[relation]") {
  // The closing is in February and the reopening on Friday; the classifier does not move the
  // closing onto the reopening's Friday. The reopening does lie in February.
  const Run a = run("The plant was closed for three days in February and reopened on Friday.",
                    {{"closed"}, {"reopened"}}, "2025-03-04");
  CHECK(a.link(a.ev("closed"), a.tm("February")) == P{Relation::is_included, "time-inside"});
  CHECK(a.link(a.ev("reopened"), a.tm("Friday")) == P{Relation::is_included, "time-inside"});
  for (const LinkSelection selection : {LinkSelection::timeline, LinkSelection::timeml}) {
    const Run guessed = with_classifier(a, selection);
    const auto closed_friday = guessed.link(a.ev("closed"), a.tm("Friday"));
    CHECK((!closed_friday || closed_friday->first == Relation::before));
  }
}

TEST_CASE("a time or a cue's noun phrase ends before the clause after a comma", "[relation]") {
  // "a midnight deadline": the time modifies the deadline, and "before a ... deadline" has
  // no event; "sending" is neither the time's nor the cue's.
  const Run a = run(
      "The Senate passed the bill late Saturday, hours before a midnight deadline, sending it to "
      "the president.",
      {{"passed"}, {"sending", Tense::prespart}}, "2023-09-30");
  CHECK_FALSE(a.link(a.ev("sending"), a.tm("midnight")));
  const auto p = a.link(a.ev("passed"), a.ev("sending"));
  CHECK((!p || p->second != "ee-before"));
}

TEST_CASE("event-time: a connective's clause after the time is not its", "[relation]") {
  // "made landfall" has no verb event: the time has none before it, and "struck" lies in the
  // clause that "after" opens. Past that clause's comma, the main clause's verb is the time's.
  const Run a = run(
      "Hurricane Ida made landfall Sunday afternoon, 16 years to the day after Hurricane Katrina "
      "struck the same coast.",
      {{"struck"}}, "2021-08-29");
  CHECK_FALSE(a.link(a.ev("struck"), a.tm("Sunday afternoon")));
  const Run b = run("On Monday, after the talks collapsed, police opened fire on the crowd.",
                    {{"collapsed"}, {"opened"}});
  CHECK(b.link(b.ev("opened"), b.tm("Monday")) ==
        std::optional<P>(P{Relation::is_included, "time-inside"}));
}

TEST_CASE("event-time: a copula heads its own clause", "[relation]") {
  // "were down" has no event: midday is not the fall's time, by either rule.
  const Run a = run("Shares fell 6% in early trading and were down 4.5% at midday.", {{"fell"}},
                    "2023-10-24");
  CHECK_FALSE(a.link(a.ev("fell"), a.tm("midday")));
}

TEST_CASE("event-time: a relative clause's time stays in the clause", "[relation]") {
  // The rains began late last month; the flooding is not put inside that time in the
  // timeline.
  const Run a =
      run("Heavy rains that began late last month have flooded large parts of the region.",
          {{"began"}, {"flooded", Tense::present, Aspect::perfective}}, "2019-10-14");
  CHECK(a.link(a.ev("began"), a.tm("late last month")) == P{Relation::is_included, "time-inside"});
  const Run guessed = with_classifier(a, LinkSelection::timeline);
  const auto flooded = guessed.link(a.ev("flooded"), a.tm("late last month"));
  CHECK((!flooded || flooded->first != Relation::is_included));
}

TEST_CASE("event-time: a participle's state lasts until its time", "[relation]") {
  // After a copula or "remain", the participle is the state the act left: it ends at the
  // "until" time. One that ends after the DCT is not over before the DCT, nor before the
  // saying that reports it.
  const Run a =
      run("The airport was closed until at least May 30, officials said.",
          {{"closed"}, {"said", Tense::past, Aspect::none, EventClass::reporting}}, "2022-03-14");
  CHECK(a.link(a.ev("closed"), a.tm("May 30")) == P{Relation::ended_by, "time-until"});
  const std::string dct = a.times.dct->id;
  CHECK_FALSE(a.link(a.ev("closed"), dct));
  CHECK_FALSE(a.link(a.ev("closed"), a.ev("said")));
  CHECK(a.link(a.ev("said"), dct) == P{Relation::before, "dct-reporting"});
  // The classifier's guesses follow: nothing puts the closure before the DCT.
  const Run guessed = with_classifier(a, LinkSelection::timeline);
  const auto to_dct = guessed.link(a.ev("closed"), dct);
  CHECK((!to_dct || to_dct->first != Relation::before));

  const Run b =
      run("Schools will remain closed until at least March 28.",
          {{"remain", Tense::future, Aspect::none, EventClass::state}, {"closed"}}, "2022-03-14");
  CHECK(b.link(b.ev("closed"), b.tm("March 28")) == P{Relation::ended_by, "time-until"});

  // An act (no copula) is over before its "until" time: "extended the curfew until".
  const Run c = run("The governor extended the curfew until at least Feb. 2.", {{"extended"}});
  CHECK(c.link(c.ev("extended"), c.tm("Feb. 2")) == P{Relation::before, "time-until"});
}

TEST_CASE("event-DCT: tense and aspect", "[relation]") {
  const Run r =
      run("Officials said the dam failed. Engineers have inspected it. Crews are pumping water. "
          "The town will vote next month.",
          {{"said", Tense::past, Aspect::none, EventClass::reporting},
           {"failed"},
           {"inspected", Tense::present, Aspect::perfective},
           {"pumping", Tense::present, Aspect::progressive},
           {"vote", Tense::future}});
  const std::string dct = r.times.dct->id;
  CHECK(r.link(r.ev("said"), dct) == P{Relation::before, "dct-reporting"});
  CHECK(r.link(r.ev("failed"), dct) == P{Relation::before, "dct-past"});
  CHECK(r.link(r.ev("inspected"), dct) == P{Relation::before, "dct-perfect"});
  CHECK(r.link(r.ev("pumping"), dct) == P{Relation::includes, "dct-progressive"});
  CHECK(r.link(r.ev("vote"), dct) == P{Relation::after, "dct-future"});
}

TEST_CASE("event-event: connectives and fronted clauses", "[relation]") {
  const Run a = run("Troops withdrew after the talks collapsed.", {{"withdrew"}, {"collapsed"}});
  CHECK(a.link(a.ev("withdrew"), a.ev("collapsed")) == P{Relation::after, "ee-after"});

  const Run b = run("Before the vote began, lawmakers argued for hours.", {{"began"}, {"argued"}});
  CHECK(b.link(b.ev("argued"), b.ev("began")) == P{Relation::before, "ee-before"});

  const Run c = run("After the ship sank and the crew escaped, divers searched the bay.",
                    {{"sank"}, {"escaped"}, {"searched"}});
  CHECK(c.link(c.ev("searched"), c.ev("sank")) == P{Relation::after, "ee-after"});
  CHECK(c.link(c.ev("searched"), c.ev("escaped")) == P{Relation::after, "ee-after"});

  // The cue's object is no event; the relative clause after it is not the cue's clause.
  const Run f =
      run("The Senate passed the bill hours before a deadline that officials had "
          "warned could trigger a default.",
          {{"passed"}, {"warned", Tense::past, Aspect::perfective}});
  CHECK_FALSE(f.link(f.ev("passed"), f.ev("warned")));

  const Run d = run("Prices rose while wages fell.", {{"rose"}, {"fell"}});
  CHECK(d.link(d.ev("rose"), d.ev("fell")) == P{Relation::simultaneous, "ee-overlap"});

  // "as a" is no connective.
  const Run e =
      run("The march began as a vigil.",
          {{"began", Tense::past, Aspect::none, EventClass::aspectual},
           {"vigil", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun}});
  CHECK(e.link(e.ev("began"), e.ev("vigil")) == P{Relation::begins, "ee-aspect-begin"});

  // A time that modifies the argument lies between them: "a five-week trial".
  const Run g =
      run("The verdict came Thursday, ending a five-week trial.",
          {{"came"},
           {"ending", Tense::prespart, Aspect::none, EventClass::aspectual},
           {"trial", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun}});
  CHECK(g.link(g.ev("ending"), g.ev("trial")) == P{Relation::ends, "ee-aspect-end"});
}

TEST_CASE("event-event: reported speech, purpose and requests", "[relation]") {
  const Run a = run("The mayor said the bridge collapsed and will reopen.",
                    {{"said", Tense::past, Aspect::none, EventClass::reporting},
                     {"collapsed"},
                     {"reopen", Tense::future}});
  CHECK(a.link(a.ev("collapsed"), a.ev("said")) == P{Relation::before, "ee-report-past"});
  CHECK(a.link(a.ev("reopen"), a.ev("said")) == P{Relation::after, "ee-report-future"});

  const Run b = run("\"We have evacuated the valley,\" the chief told reporters.",
                    {{"evacuated", Tense::present, Aspect::perfective},
                     {"told", Tense::past, Aspect::none, EventClass::reporting}});
  CHECK(b.link(b.ev("evacuated"), b.ev("told")) == P{Relation::before, "ee-report-past"});

  const Run c = run("The army deployed troops to help restore order.",
                    {{"deployed"},
                     {"help", Tense::infinitive, Aspect::none, EventClass::i_action},
                     {"restore", Tense::infinitive}});
  CHECK(c.link(c.ev("help"), c.ev("deployed")) == P{Relation::after, "ee-purpose"});
  CHECK(c.link(c.ev("restore"), c.ev("deployed")) == P{Relation::after, "ee-purpose"});

  // A request, and what its addressee did later in the story.
  const Run d =
      run("A coalition flew aid to the island overnight. The premier has asked the coalition to "
          "help.",
          {{"flew"},
           {"asked", Tense::present, Aspect::perfective, EventClass::i_action},
           {"help", Tense::infinitive}});
  CHECK(d.link(d.ev("help"), d.ev("asked")) == P{Relation::after, "ee-request"});
  CHECK(d.link(d.ev("flew"), d.ev("asked")) == P{Relation::after, "ee-response"});
}

TEST_CASE("event-event: narrative cues across sentences, and nothing without them", "[relation]") {
  const Run a = run("Police arrived at the square. Later, the crowd dispersed.",
                    {{"arrived"}, {"dispersed"}});
  CHECK(a.link(a.ev("dispersed"), a.ev("arrived")) == P{Relation::after, "ee-narrative"});
  const Run b =
      run("Police arrived at the square. The crowd dispersed.", {{"arrived"}, {"dispersed"}});
  CHECK_FALSE(b.link(b.ev("dispersed"), b.ev("arrived")));
}

TEST_CASE("time-time: from values and bounds", "[relation]") {
  const Run a = run("Talks opened on Jan. 3 and closed on Jan. 9.", {{"opened"}, {"closed"}});
  CHECK(a.link(a.tm("Jan. 3"), a.tm("Jan. 9")) == P{Relation::before, "tt-values"});
  CHECK(a.link(a.tm("Jan. 9"), a.times.dct->id) == P{Relation::after, "tt-values"});
  // In a timeline the DCT is a moment of its day: the day before ends before it, and the
  // DCT's own day includes it.
  const Run b = run("Rain fell on Jan. 5 and stopped on Thursday.", {{"fell"}, {"stopped"}});
  CHECK(b.link(b.tm("Jan. 5"), b.times.dct->id) == P{Relation::before, "tt-values"});
  CHECK(b.link(b.tm("Thursday"), b.times.dct->id) == P{Relation::includes, "tt-values"});
  // Whole days that touch meet.
  CHECK(b.link(b.tm("Jan. 5"), b.tm("Thursday")) == P{Relation::ibefore, "tt-values"});
}

TEST_CASE("every link names its rule and a confidence in [0, 1]; ids are l1, l2...", "[relation]") {
  const Run r = run("After the storm hit on Monday, officials said roads will close.",
                    {{"hit"},
                     {"said", Tense::past, Aspect::none, EventClass::reporting},
                     {"close", Tense::future}});
  REQUIRE_FALSE(r.links.empty());
  for (std::size_t i = 0; i < r.links.size(); ++i) {
    CHECK(r.links[i].id == "l" + std::to_string(i + 1));
    CHECK_FALSE(r.links[i].provenance.empty());
    CHECK(r.links[i].confidence >= 0.0);
    CHECK(r.links[i].confidence <= 1.0);
  }
}

TEST_CASE("the classifier: the shipped model, model files, and TimeML selection", "[relation]") {
  const RelationModel& m = RelationModel::builtin();
  const std::string text = m.str();
  CHECK(RelationModel::parse(text).str() == text);
  CHECK_THROWS_WITH(RelationModel::parse("chronicle-relation-model 1\nbits 99 classes 12\n"),
                    Catch::Contains("line 2"));
  CHECK_THROWS(RelationModel::parse("not a model"));

  const Run r =
      run("Officials said the dam failed on Monday. Crews reached it.",
          {{"said", Tense::past, Aspect::none, EventClass::reporting}, {"failed"}, {"reached"}});
  RelationOptions options;
  const auto timeline = find_links(r.doc, r.times.timexes, r.times.dct, r.events, options);
  options.selection = LinkSelection::timeml;
  const auto timeml = find_links(r.doc, r.times.timexes, r.times.dct, r.events, options);
  // Deterministic, and every TimeML-selected pair is a pair the timeline relates.
  CHECK(find_links(r.doc, r.times.timexes, r.times.dct, r.events, options).size() == timeml.size());
  for (const Link& l : timeml) {
    bool found = false;
    for (const Link& k : timeline) {
      found = found || (k.from == l.from && k.to == l.to) || (k.from == l.to && k.to == l.from);
    }
    CHECK(found);
  }
}

TEST_CASE("a model with large weights scores as exactly as one with small weights", "[relation]") {
  // The same model with every weight and margin times 50000: its scores no longer fit the
  // 32-bit sums the shipped model's do, and it must still link the same pairs the same way.
  const RelationModel& small = RelationModel::builtin();
  std::istringstream in(small.str());
  std::string scaled, line;
  constexpr long long factor = 50000;
  bool weights = false;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string word;
    words >> word;
    if (word == "calibration") {  // leads are score differences: they scale too
      std::string type;
      words >> type;
      scaled += word + " " + type;
      for (std::string lead, c; words >> lead >> c;) {
        scaled += " " + std::to_string(std::stoll(lead) * factor) + " " + c;
      }
    } else if (weights && word != "end") {
      scaled += word;  // the row delta
      for (long long w = 0; words >> w;) scaled += " " + std::to_string(w * factor);
    } else if (word == "margin") {
      scaled += word;
      for (std::string type, value; words >> type >> value;) {
        scaled += " " + type + " " + std::to_string(std::stoll(value) * factor);
      }
    } else {
      scaled += line;
    }
    scaled += "\n";
    weights = weights || word == "confidence";
  }
  const RelationModel large = RelationModel::parse(scaled);
  CHECK(large.str() != small.str());

  const auto expected = dam_story_links(small);
  const auto got = dam_story_links(large);
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].from == expected[i].from);
    CHECK(got[i].to == expected[i].to);
    CHECK(got[i].relation == expected[i].relation);
    CHECK(got[i].provenance == expected[i].provenance);
    CHECK(got[i].confidence == expected[i].confidence);  // calibration leads scale with it
  }
}

TEST_CASE("the relation model loads in a program whose locale writes decimals with a comma",
          "[relation]") {
  // A host program may set a locale with a decimal comma; the model's "0.76" must not depend
  // on it. The locale is compiled into a temporary folder (localedef, from libc-bin, with the
  // locales package's sources), so that the test needs no system-wide locale.
  const std::string dir = "/tmp/chronicle-locale-test-" + std::to_string(::getpid());
  const std::string make = "localedef -i de_DE -f UTF-8 " + dir + "/de_DE.UTF-8 >/dev/null 2>&1";
  REQUIRE(std::system(("mkdir -p " + dir).c_str()) == 0);
  REQUIRE(std::system(make.c_str()) == 0);
  ::setenv("LOCPATH", dir.c_str(), 1);
  REQUIRE(std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr);
  CHECK(std::strtod("0.5", nullptr) != 0.5);  // the C library now reads "0,5"
  const std::string text = RelationModel::builtin().str();
  CHECK_NOTHROW(RelationModel::parse(text));
  CHECK(RelationModel::parse(text).str() == text);
  std::setlocale(LC_ALL, "C");
  ::unsetenv("LOCPATH");
  std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("a classifier link's confidence is the held-out precision of its score lead",
          "[relation]") {
  // The model file's calibration lines: per pair type, (lead, confidence) steps.
  const std::string text = RelationModel::builtin().str();
  const auto at = text.find("\ncalibration ED 0 ");
  REQUIRE(at != std::string::npos);
  const RelationModel parsed = RelationModel::parse(text);
  CHECK(parsed.str() == text);
  const std::string head = text.substr(0, text.find('\n', text.find("\nconfidence") + 1) + 1);
  for (const char* bad : {"calibration XX 0 0.5 10 0.7\n", "calibration ED 10 0.5 5 0.7\n",
                          "calibration ED 0 0.5 10\n", "calibration ED 0 1.5\n",
                          "calibration ED 0 0.5\ncalibration ED 0 0.6\n"}) {
    INFO(bad);
    CHECK_THROWS_WITH(RelationModel::parse(head + bad + "end\n"), Catch::Contains("line"));
  }
  // Weight lines: a row delta and 12 integers, each a clear error when malformed.
  const std::string zeros = " 0 0 0 0 0 0 0 0 0 0 0 0\n";
  CHECK_NOTHROW(RelationModel::parse(head + "1" + zeros + "end\n"));
  CHECK_NOTHROW(RelationModel::parse(head + "1 -7 0 0 0 0 0 0 0 0 0 0 12\r\nend\n"));
  for (const std::string& bad : std::vector<std::string>{
           "1 0 0 0 0 0 0 0 0 0 0 0\n", "1" + zeros.substr(0, zeros.size() - 1) + " 0\n",
           "1 0x1 0 0 0 0 0 0 0 0 0 0 0\n", "1 5- 0 0 0 0 0 0 0 0 0 0 0\n",
           "1 - 0 0 0 0 0 0 0 0 0 0 0\n", "1 9999999999999999999 0 0 0 0 0 0 0 0 0 0 0\n",
           "1 4294967296 0 0 0 0 0 0 0 0 0 0 0\n", "99999" + zeros}) {
    INFO(bad);
    CHECK_THROWS_WITH(RelationModel::parse(head + bad + "end\n"), Catch::Contains("line"));
  }
  // Steps ascend in lead and do not fall in confidence (a larger lead is not less often right).
  std::istringstream lines(text);
  std::size_t calibrated_types = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("calibration", 0) != 0) continue;
    ++calibrated_types;
    std::istringstream words(line.substr(line.find(' ', 12) + 1));
    long long last_lead = -1;
    double last_c = 0.0;
    for (long long lead = 0; words >> lead;) {
      double c = 0.0;
      words >> c;
      CHECK(lead > last_lead);
      CHECK(c >= last_c);
      last_lead = lead;
      last_c = c;
    }
  }
  CHECK(calibrated_types >= 3);

  // A model without calibration gives each pair type's links its one confidence.
  std::string plain;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("calibration", 0) != 0) plain += line + "\n";
  }
  const RelationModel uncalibrated = RelationModel::parse(plain);
  const auto flat = dam_story_links(uncalibrated);
  const auto calibrated = dam_story_links(parsed);
  REQUIRE(flat.size() == calibrated.size());
  std::size_t model_links = 0, differ = 0;
  for (std::size_t i = 0; i < flat.size(); ++i) {
    CHECK(flat[i].relation == calibrated[i].relation);  // the same links ...
    if (flat[i].provenance.rfind("model-", 0) != 0) {
      CHECK(flat[i].confidence == calibrated[i].confidence);  // rules keep theirs
      continue;
    }
    ++model_links;
    differ += flat[i].confidence != calibrated[i].confidence ? 1 : 0;  // ... weighed by lead
  }
  CHECK(model_links > 0);
  CHECK(differ > 0);
}

TEST_CASE("two shipped models: for found entities (the default) and for given ones", "[relation]") {
  const RelationModel& found = RelationModel::builtin(EntitySource::found);
  const RelationModel& given = RelationModel::builtin(EntitySource::given);
  CHECK(&RelationModel::builtin() == &found);
  CHECK(found.str() != given.str());

  const Run r =
      run("Officials said on Tuesday that the dam failed on Monday after heavy rain. Crews "
          "reached it in 2021.",
          {{"said", Tense::past, Aspect::none, EventClass::reporting},
           {"failed"},
           {"rain", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun},
           {"reached"}});
  auto links = [&](EntitySource source, const RelationModel* model) {
    RelationOptions options;
    options.entities = source;
    options.model = model;
    options.selection = LinkSelection::timeml;  // the classifier decides every candidate pair
    std::vector<std::string> out;
    for (const Link& l : find_links(r.doc, r.times.timexes, r.times.dct, r.events, options))
      out.push_back(l.from + " " + std::string(to_string(l.relation)) + " " + l.to + " " +
                    l.provenance);
    return out;
  };
  // The two models link this text differently (else this test could not tell them apart).
  REQUIRE(links(EntitySource::found, &found) != links(EntitySource::found, &given));
  // `entities` picks the shipped model; an explicit model wins over it.
  CHECK(links(EntitySource::given, nullptr) == links(EntitySource::found, &given));
  CHECK(links(EntitySource::found, nullptr) == links(EntitySource::given, &found));
}

TEST_CASE("the timeline takes no classifier guess between dated times, nor to the dateline's date",
          "[relation]") {
  const Run r = run(
      "Jan. 6 (UPI) -- Rebels seized the airport overnight and police opened fire on Wednesday, "
      "officials said on Thursday. The curfew was lifted on Monday.",
      {{"seized"},
       {"opened"},
       {"said", Tense::past, Aspect::none, EventClass::reporting},
       {"lifted"}});
  const std::string dateline_date = r.tm("Jan. 6");
  auto dated = [&](const std::string& id) {
    if (r.times.dct && id == r.times.dct->id) return true;
    for (const Timex& x : r.times.timexes) {
      if (x.id == id) return x.bounds.has_value();
    }
    return false;
  };
  RelationOptions options;  // the timeline selection
  std::size_t guesses_between_dated = 0, guesses_to_dateline = 0;
  for (const Link& l : find_links(r.doc, r.times.timexes, r.times.dct, r.events, options)) {
    if (l.provenance.rfind("model-", 0) != 0) continue;
    guesses_between_dated += dated(l.from) && dated(l.to);
    guesses_to_dateline += l.from == dateline_date || l.to == dateline_date;
  }
  CHECK(guesses_between_dated == 0);
  CHECK(guesses_to_dateline == 0);
}

// A 50 MB document took 37 times as long as a 5 MB one: the time-clause rule searched a list
// of every event linked so far, once per event and time of each sentence. Now it is a flag.
TEST_CASE("the event-time rules stay linear in the length of the document", "[relation]") {
  RelationOptions options;
  options.event_dct = options.event_event = options.time_time = options.narrative = false;
  options.classifier = false;
  auto seconds = [&](int sentences) {
    std::string text;
    for (int i = 0; i < sentences; ++i) {
      text +=
          "Protesters stormed the office on Wednesday after prices doubled and police said they "
          "would investigate. ";
    }
    const Document doc = Document::parse(text);
    TimexOptions timex_options;
    timex_options.dct = TimeValue::date(2022, 1, 6);
    const TimexResult times = find_timexes(doc, timex_options);
    EventOptions event_options;
    event_options.timexes = &times.timexes;
    const std::vector<Event> events = find_events(doc, event_options);
    // This thread's CPU time, not the wall clock: other processes on a busy machine do not
    // count. The best of three runs.
    auto cpu = [] {
      timespec ts{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
      return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    };
    double best = 1e9;
    for (int k = 0; k < 3; ++k) {
      const double start = cpu();
      const auto links = find_links(doc, times.timexes, times.dct, events, options);
      const double took = cpu() - start;
      REQUIRE(links.size() >= static_cast<std::size_t>(sentences));
      best = std::min(best, took);
    }
    return best;
  };
  const double small = seconds(3000), large = seconds(36000);
  INFO("3000 sentences: " << small << " s; 36000: " << large << " s");
  CHECK(large < 30 * small + 0.02);  // 12 times the text; quadratic work would take 144 times
}

// The classifier guessed that "said" happened on the reported clause's date.
TEST_CASE("a time the rules give to a reported clause does not date the saying after it",
          "[relation]") {
  const Run r = run(
      "At least 90 people have died since the rains began on April 29, the civil defense agency "
      "said.",
      {{"died", Tense::present, Aspect::perfective},
       {"rains", Tense::none, Aspect::none, EventClass::occurrence, PartOfSpeech::noun},
       {"began", Tense::past, Aspect::none, EventClass::aspectual},
       {"said", Tense::past, Aspect::none, EventClass::reporting}},
      "2024-05-08");
  for (const LinkSelection selection : {LinkSelection::timeline, LinkSelection::timeml}) {
    const Run with_model = with_classifier(r, selection);
    CHECK(with_model.link(r.ev("began"), r.tm("April 29")));
    CHECK_FALSE(with_model.link(r.ev("said"), r.tm("April 29")));
  }
}

// The rules left the pair alone and the classifier linked the two as simultaneous.
TEST_CASE("a time after the DCT does not date a present verb of expecting, guessed or not",
          "[relation]") {
  const Run r = run("Forecasters expect more rain over the weekend.",
                    {{"expect", Tense::present, Aspect::none, EventClass::i_state}}, "2024-05-08");
  for (const LinkSelection selection : {LinkSelection::timeline, LinkSelection::timeml}) {
    const Run with_model = with_classifier(r, selection);
    CHECK_FALSE(with_model.link(r.ev("expect"), r.tm("the weekend")));
  }
}
