#include "rules.hpp"

#include <algorithm>
#include <array>

namespace chronicle::detail::relation {

namespace {

struct RuleInfo {
  std::string_view name;
  double confidence;
};

// Confidences: precision against the closure of the gold TLINKs of TimeBank and AQUAINT,
// over the pairs the gold closure relates (src/tools/train_relations.cpp --rule-report
// prints them); rules too rare to measure there (fewer than 10 judged links) keep a cautious
// 0.6. See the README's "Relation rules". The exception is tt-values: its links follow from
// the two times' values, which the timeline graph holds as calendar bounds of weight 1, so it
// weighs them nearly as much (0.95) and drops a guess that contradicts the calendar rather than
// the calendar (annotators' time-time links agree with it 71% of the time, less than the values
// themselves do).
// One rule a line.
// clang-format off
constexpr std::array<RuleInfo, static_cast<std::size_t>(Rule::count)> rule_table{{
    {"time-inside", 0.83},
    {"time-since", 0.58},
    {"time-until", 0.35},
    {"time-before", 0.43},
    {"time-after", 0.50},
    {"time-modifier", 0.71},
    {"time-clause", 0.79},
    {"time-deferred", 0.50},
    {"time-scheduled", 0.50},
    {"time-between", 0.50},
    {"time-entry", 0.50},
    {"time-when", 0.83},
    {"dct-past", 0.85},
    {"dct-reporting", 0.81},
    {"dct-perfect", 0.73},
    {"dct-perfect-progressive", 0.24},
    {"dct-progressive", 0.67},
    {"dct-present-state", 0.58},
    {"dct-future", 0.90},
    {"ee-after", 0.89},
    {"ee-before", 0.85},
    {"ee-since", 0.68},
    {"ee-until", 0.50},
    {"ee-during", 0.38},
    {"ee-overlap", 0.50},
    {"ee-when", 0.42},
    {"ee-then", 0.79},
    {"ee-report-past", 0.60},
    {"ee-report-present", 0.35},
    {"ee-report-future", 0.93},
    {"ee-purpose", 0.83},
    {"ee-request", 0.93},
    {"ee-response", 0.60},
    {"ee-aspect-begin", 0.32},
    {"ee-aspect-end", 0.36},
    {"ee-aspect-continue", 0.29},
    {"ee-cause", 0.50},
    {"ee-narrative", 0.50},
    {"tt-values", 0.95},
    {"tt-undated-year", 0.50},
}};
// clang-format on

using Kind = Item::Kind;

bool is_barrier(std::string_view w) {
  return w == ";" || w == "--" || w == ":" || w == "(" || w == ")" || w == "\xE2\x80\x94";
}

bool is_copula(std::string_view w) {
  return w == "is" || w == "are" || w == "was" || w == "were" || w == "am";
}

struct TimeBounds {
  Bounds bounds;
  bool exact = false;
  bool placeholder = false;  // computed in a stand-in year: comparable only with another
};

std::optional<TimeBounds> bounds_of(const Timex& x) {
  if (x.type != TimexType::date && x.type != TimexType::time) return std::nullopt;
  TimeBounds b;
  b.exact = x.value.is_point() && x.mod == TimexMod::none;
  if (x.bounds) {
    b.bounds = *x.bounds;
    return b;
  }
  if (auto v = x.value.bounds()) {
    b.bounds = *v;
    return b;
  }
  // A year-less month or day (XXXX-01-19, XXXX-01-05TNI): bounds in a stand-in leap year,
  // comparable with the DCT's when it is year-less too.
  if (!x.value.is_point()) return std::nullopt;
  TimeValue::Point p = x.value.point();
  if (p.year.digits != 4 || p.year.unknown != 0xF || !p.month.known()) return std::nullopt;
  p.year = YearField{2000, 4, 0};
  const auto v = TimeValue::of(p).bounds();
  if (!v) return std::nullopt;
  b.bounds = *v;
  b.placeholder = true;
  return b;
}

// A time's bounds when they can be set against the DCT's (both known, in the same kind of
// year), else none.
std::optional<TimeBounds> comparable_with(const Timex& x,
                                          const std::optional<TimeBounds>& dct_bounds) {
  if (!dct_bounds) return std::nullopt;
  auto tb = bounds_of(x);
  if (!tb || tb->placeholder != dct_bounds->placeholder || tb->bounds.empty()) {
    return std::nullopt;
  }
  return tb;
}

// Whether a time after the verb of wanting, planning or saying dates what is wanted,
// planned or said instead: the verb's own act is not in the future when its tense is past or
// present, so a time wholly after the DCT cannot hold it.
bool complement_time(const Event& e, const Timex& x, const std::optional<TimeBounds>& dct_bounds) {
  const bool intensional = e.event_class == EventClass::i_state ||
                           e.event_class == EventClass::i_action ||
                           e.event_class == EventClass::reporting;
  if (!intensional || (e.tense != Tense::past && e.tense != Tense::present)) return false;
  const auto tb = comparable_with(x, dct_bounds);
  return tb && dct_bounds->bounds.latest <= tb->bounds.earliest;
}

class RuleRunner {
 public:
  RuleRunner(const Context& ctx, const RelationOptions& options, std::vector<Proposal>& out)
      : ctx_(ctx), options_(options), out_(out), doc_(ctx.doc()) {}

  void run() {
    const auto& sentences = doc_.sentences();
    complement_head_.assign(ctx_.events().size(), none);
    timed_.assign(ctx_.items().size(), 0);
    lasting_.assign(ctx_.items().size(), 0);
    dct_bounds_ = ctx_.dct() ? bounds_of(*ctx_.dct()) : std::nullopt;
    for (std::uint32_t s = 0; s < sentences.size(); ++s) {
      if (options_.event_time) event_time(s);
    }
    if (options_.event_time) entry_dates();
    if (options_.event_dct && ctx_.dct()) event_dct();
    for (std::uint32_t s = 0; s < sentences.size(); ++s) {
      if (options_.event_event) {
        connectives(s);
        reported_speech(s);
        complements(s);
        aspectual(s);
        causes(s);
      }
    }
    if (options_.event_event) responses();
    if (options_.narrative) narrative();
    if (options_.time_time) time_time();
  }

 private:
  const Event& event(const Item& it) const { return ctx_.events()[it.index]; }
  const Item& item(std::uint32_t i) const { return ctx_.items()[i]; }
  bool is_event(std::uint32_t i) const { return i != none && item(i).kind == Kind::event; }
  bool is_verb_event(std::uint32_t i) const { return is_event(i) && item(i).verb; }
  std::uint32_t sentence_first(std::size_t s) const { return doc_.sentences()[s].first_token; }
  std::uint32_t sentence_end(std::size_t s) const { return doc_.sentences()[s].end_token; }

  void propose(std::uint32_t a, std::uint32_t b, Relation r, Rule rule) {
    if (a == b || a == none || b == none) return;
    out_.push_back(Proposal{a, b, r, rule});
  }

  // A state, a progressive or a perfect: something that lasts through a "since" or "until".
  bool durative(const Event& e) const {
    return e.event_class == EventClass::state || e.event_class == EventClass::i_state ||
           e.aspect == Aspect::progressive || e.aspect == Aspect::perfective_progressive ||
           e.aspect == Aspect::perfective;
  }

  // A participle after a copula or "remain": the state it leaves lasts ("was closed until
  // Monday", "will remain shut until at least March 28").
  bool resultative(const Item& it) const {
    if (it.first == 0) return false;
    const std::string_view w = ctx_.word(it.first - 1);
    static constexpr std::string_view copulas[] = {"is",   "are",   "was",    "were",    "be",
                                                   "been", "being", "remain", "remains", "remained",
                                                   "stay", "stays", "stayed"};
    if (std::find(std::begin(copulas), std::end(copulas), w) == std::end(copulas)) return false;
    const Event& e = event(it);
    return (e.pos == PartOfSpeech::verb || e.pos == PartOfSpeech::adjective) &&
           (e.tense == Tense::past || e.tense == Tense::pastpart || e.tense == Tense::none);
  }

  // --- event-DCT -----------------------------------------------------------------------

  void event_dct() {
    // Events a time rule placed within the DCT ("killed on Thursday" under a Thursday
    // dateline): what happened that day is inside the DCT, not before it. Likewise a state
    // that lasts until a time after the DCT ("was closed until at least May 30" in a March
    // story) is not over by the DCT.
    std::vector<std::uint8_t> within_dct(ctx_.items().size(), 0);
    for (const Proposal& p : out_) {
      if (p.b >= ctx_.items().size() || !is_event(p.a) || item(p.b).kind != Kind::time) continue;
      if (p.relation != Relation::is_included && p.relation != Relation::ended_by) continue;
      const auto tb = comparable_with_dct(ctx_.timexes()[item(p.b).index]);
      if (!tb) continue;
      if (p.relation == Relation::ended_by) {
        if (dct_bounds_->bounds.latest <= tb->bounds.earliest) within_dct[p.a] = lasting_[p.a] = 1;
      } else if (dct_bounds_->bounds.earliest <= tb->bounds.earliest &&
                 tb->bounds.latest <= dct_bounds_->bounds.latest) {
        within_dct[p.a] = 1;
      }
    }
    for (std::uint32_t i = 0; i < ctx_.items().size(); ++i) {
      const Item& it = item(i);
      if (it.kind != Kind::event) continue;
      const Event& e = event(it);
      const bool reporting_verb = e.event_class == EventClass::reporting ||
                                  (ctx_.lemma_cues(it.index) & Cue::reporting) != 0;
      const bool state = e.event_class == EventClass::state || e.event_class == EventClass::i_state;
      switch (e.tense) {
        case Tense::future:
          propose(i, dct_item, Relation::after, Rule::dct_future);
          break;
        case Tense::past:
          if (within_dct[i]) {
            // Inside the DCT by its time; TimeML annotators read the DCT as the moment of
            // writing and say BEFORE, the calendar says IS_INCLUDED: left to the graph.
          } else {
            propose(i, dct_item, Relation::before,
                    reporting_verb ? Rule::dct_reporting : Rule::dct_past);
          }
          break;
        case Tense::present:
          if (e.aspect == Aspect::perfective && within_dct[i]) {
            // as above
          } else if (e.aspect == Aspect::perfective) {
            propose(i, dct_item, Relation::before, Rule::dct_perfect);
          } else if (e.aspect == Aspect::perfective_progressive) {
            propose(i, dct_item, Relation::includes, Rule::dct_perfect_progressive);
          } else if (e.aspect == Aspect::progressive) {
            propose(i, dct_item, Relation::includes, Rule::dct_progressive);
          } else if (state) {
            propose(i, dct_item, Relation::includes, Rule::dct_present_state);
          }
          // Other simple presents (headlines, habits, schedules, "may open") are not located
          // by tense: on TimeBank and AQUAINT they split between BEFORE, IS_INCLUDED,
          // INCLUDES and AFTER.
          break;
        default:
          break;
      }
    }
  }

  // --- event-time ----------------------------------------------------------------------

  // The cue before the time that starts at token `first`: its bits, and the token it starts
  // at (`first` when there is none). Skips "at least", "early", "the".
  std::pair<std::uint32_t, std::uint32_t> time_cue(std::uint32_t first, std::uint32_t sb) const {
    std::uint32_t t = first;
    for (int guard = 0; guard < 4 && t > sb; ++guard) {
      // Two-word cues ending at t - 1 ("prior to", "at least", "as of").
      if (t >= sb + 2) {
        const auto p2 = ctx_.cue_at(t - 2, t);
        if (p2.second == 2) {
          if ((p2.first & Cue::time_skip) != 0) {
            t -= 2;
            continue;
          }
          if ((p2.first & (time_inside | time_since | time_until | time_before | time_after)) !=
              0) {
            return {p2.first, t - 2};
          }
        }
      }
      const std::uint32_t bits = ctx_.cues(t - 1);
      if ((bits & (time_inside | time_since | time_until | time_before | time_after)) != 0) {
        return {bits, t - 1};
      }
      if ((bits & Cue::time_skip) != 0) {
        --t;
        continue;
      }
      break;
    }
    return {0, first};
  }

  void event_time(std::uint32_t s) {
    const std::uint32_t sb = sentence_first(s), se = sentence_end(s);
    std::uint32_t range_verb = none, range_noun = none;  // the events of a "between" range
    for (std::uint32_t i = ctx_.sentence_items_begin(s); i < ctx_.sentence_items_end(s); ++i) {
      const Item& t = item(i);
      if (t.kind != Kind::time || !t.node) continue;
      const RangeEnd range = range_end(t, sb);
      if (range == RangeEnd::last) {
        // "between 1985 and 1987": what the first end's event is, the second ends.
        if (range_verb != none) propose(range_verb, i, Relation::ended_by, Rule::time_between);
        if (range_noun != none) propose(range_noun, i, Relation::ended_by, Rule::time_between);
        continue;
      }
      auto [bits, cue_token] = time_cue(t.first, sb);
      // The governing verb: the nearest verb event to the left within the clause, else the
      // nearest to the right in the sentence.
      std::uint32_t verb = none, noun = none;
      bool verb_on_right = false;
      for (std::uint32_t u = cue_token; u > sb;) {
        --u;
        if (is_barrier(ctx_.word(u))) break;
        const std::uint32_t k = ctx_.item_at(u);
        // A copula that is no event heads the time's clause: "Shares fell in early trading and
        // were down 4.5% at midday" does not put the fall at midday.
        if (k == none && bare_copula(u)) break;
        if (k == none || k == i) continue;
        if (item(k).kind == Kind::time) {
          // Another time governs what lies before it, unless it modifies a noun ("postponed
          // its Thursday session until next week").
          if (item(k).node && modified_noun(item(k), se) == none) break;
          continue;
        }
        if (item(k).quoted != t.quoted) break;
        if (item(k).verb) {
          verb = k;
          break;
        }
        // A noun with a time of its own right before it keeps that one ("will report
        // fourth-quarter results in late January": the results are the quarter's).
        if (noun == none && cue_token - u <= 3 && !has_modifying_time(k, sb)) noun = k;
      }
      // "hours before a midnight deadline, sending ...": after "a", the time modifies the noun
      // that follows it; no verb to its right is its.
      const bool modifies_next =
          t.first > sb && (ctx_.word(t.first - 1) == "a" || ctx_.word(t.first - 1) == "an");
      if (verb == none && !modifies_next) {
        for (std::uint32_t u = t.last + 1; u < se; ++u) {
          if (is_barrier(ctx_.word(u))) break;
          // A connective that opens a clause ("16 years to the day after Katrina struck the
          // coast"): that clause's verb is not the time's; the search goes on past its comma.
          if ((ctx_.cues(u) & clause_connective) != 0) {
            const std::uint32_t comma = clause_end(u + 1, se);
            if (comma != none) {
              if (comma == se) break;
              u = comma;
              continue;
            }
          }
          const std::uint32_t k = ctx_.item_at(u);
          if (k == none) continue;
          if (item(k).kind == Kind::time) {
            if (item(k).node) break;
            continue;
          }
          if (item(k).verb && item(k).quoted == t.quoted) verb = k, verb_on_right = true;
          if (item(k).verb) break;
        }
      }
      // "After third-quarter sales fell, ...": with no verb before it, the cue opens the clause
      // of a verb just after the time, which modifies a word of its subject; that verb's act
      // lies in the time. (With a verb before, "cut jobs after third-quarter sales fell", the
      // reading stays the cue's: the cut comes after the quarter.)
      if ((verb == none || verb_on_right) && bits != 0 && (bits & time_inside) == 0) {
        for (std::uint32_t u = t.last + 1; u < se && u <= t.last + 4; ++u) {
          if (ctx_.word(u) == "," || is_barrier(ctx_.word(u)) || ctx_.cues(u) != 0) break;
          const std::uint32_t k = ctx_.item_at(u);
          if (k == none || item(k).kind != Kind::event) continue;
          if (item(k).verb && u > t.last + 1 && item(k).quoted == t.quoted) {
            verb = k;
            bits = time_inside;
          }
          if (item(k).verb) break;
        }
      }
      if (range == RangeEnd::first) {
        // TimeML marks an event between two times as begun by the first and ended by the
        // second ("made $60 million from the sale between 1985 and 1987").
        range_verb = verb_on_right ? none : verb;
        range_noun = noun;
        if (range_verb != none) {
          timed_[range_verb] = 1;
          propose(range_verb, i, Relation::begun_by, Rule::time_between);
        }
        if (range_noun != none) propose(range_noun, i, Relation::begun_by, Rule::time_between);
        continue;
      }
      const std::uint32_t modified = modified_noun(t, se);
      // A time that modifies a noun event right after it ("will report first-quarter results
      // on April 27") dates that noun, not the verb before it.
      if (verb != none && !verb_on_right && modified != none && bits == 0) verb = none;
      // "Sentencing is set for June 14": the time is the scheduled event's, not the setting's.
      const std::uint32_t scheduled =
          verb != none && !verb_on_right && (bits == 0 || (bits & time_inside) != 0)
              ? scheduled_subject(verb)
              : none;
      if (scheduled != none) {
        timed_[verb] = 1;
        propose(scheduled, i, Relation::is_included, Rule::time_scheduled);
        verb = none;
      }
      if (verb != none) {
        timed_[verb] = 1;
        const Event& e = event(item(verb));
        if ((bits & time_since) != 0) {
          propose(verb, i, durative(e) ? Relation::begun_by : Relation::after, Rule::time_since);
        } else if ((bits & time_until) != 0) {
          // What goes on "through" a time lasts to its end ("stood empty through the winter",
          // "runs through Sunday"); "until" it, only a state does.
          const std::string_view cue = ctx_.word(cue_token);
          const bool lasting =
              e.event_class == EventClass::state || e.event_class == EventClass::i_state ||
              e.aspect == Aspect::progressive || e.aspect == Aspect::perfective_progressive ||
              resultative(item(verb)) || cue == "through" || cue == "thru";
          propose(verb, i, lasting ? Relation::ended_by : Relation::before, Rule::time_until);
        } else if ((bits & time_before) != 0) {
          propose(verb, i, Relation::before, Rule::time_before);
        } else if ((bits & time_after) != 0) {
          propose(verb, i, Relation::after, Rule::time_after);
        } else if (!time_of_complement(e, ctx_.timexes()[t.index])) {
          propose(verb, i, Relation::is_included, Rule::time_inside);
        }
      }
      if (verb != none && (bits & time_until) != 0) deferred_to(verb, i, cue_token);
      const bool inside_cue = bits == 0 || (bits & time_inside) != 0;
      if (noun != none && inside_cue) propose(noun, i, Relation::is_included, Rule::time_inside);
      if (modified != none && bits == 0) {
        propose(modified, i, Relation::is_included, Rule::time_modifier);
      }
    }
    time_clause(s);
  }

  // Whether a time right before noun event k modifies it ("fourth-quarter results").
  bool has_modifying_time(std::uint32_t k, std::uint32_t sb) const {
    const Item& n = item(k);
    for (std::uint32_t u = n.first, steps = 0; u > sb && steps < 2; ++steps) {
      --u;
      const std::uint32_t x = ctx_.item_at(u);
      if (x != none && item(x).kind == Kind::time) {
        return modified_noun(item(x), sentence_end(n.sentence)) == k;
      }
    }
    return false;
  }

  // A copula that is no event and no auxiliary of a verb event right after it ("were down
  // 4.5%", not "was kidnapped"): the verb of a clause of its own.
  bool bare_copula(std::uint32_t u) const {
    if (!is_copula(ctx_.word(u)) || ctx_.item_at(u) != none) return false;
    for (std::uint32_t v = u + 1; v < ctx_.token_count() && v <= u + 2; ++v) {
      const std::uint32_t k = ctx_.item_at(v);
      if (k != none && is_verb_event(k)) return false;
    }
    return true;
  }

  // Whether the cue's object is a noun phrase: an article or possessive right after it.
  bool noun_phrase_after_cue(std::uint32_t after_cue, std::uint32_t se) const {
    if (after_cue >= se) return false;
    const std::string_view w = ctx_.word(after_cue);
    return w == "a" || w == "an" || w == "the" || w == "its" || w == "their" || w == "his" ||
           w == "her";
  }

  // Connectives that may open a subordinate clause.
  static constexpr std::uint32_t clause_connective =
      conn_after | conn_before | conn_since | conn_until | conn_when;

  // When the words from `from` hold a verb event before the next comma (a clause, not a
  // phrase: "after Katrina struck", not "after the storm"), that comma's token, or `se` when
  // the clause runs to the sentence's end; else none.
  std::uint32_t clause_end(std::uint32_t from, std::uint32_t se) const {
    bool verb = false;
    std::uint32_t u = from;
    for (; u < se; ++u) {
      const std::string_view w = ctx_.word(u);
      if (w == ",") break;
      if (is_barrier(w)) return verb ? se : none;  // the search stops there anyway
      const std::uint32_t k = ctx_.item_at(u);
      if (k != none && item(k).kind == Kind::event && item(k).verb) verb = true;
    }
    return verb ? u : none;
  }

  // The noun event a time right before it modifies ("the 1991 election", "Thursday's
  // meeting"), or none.
  std::uint32_t modified_noun(const Item& t, std::uint32_t se) const {
    for (std::uint32_t u = t.last + 1; u < se && u <= t.last + 2; ++u) {
      const std::uint32_t k = ctx_.item_at(u);
      if (k != none && is_event(k) && !item(k).verb) return k;
      if (ctx_.word(u) != "'s") break;
    }
    return none;
  }

  // A chronology's entry ("Feb. 27 - The ministry appoints a mediator. Shipping lines begin
  // diverting vessels."): the date that opens the paragraph before a dash or a colon dates the
  // entry's finite verbs that have no time of their own.
  void entry_dates() {
    for (const Paragraph& p : doc_.paragraphs()) {
      if (p.first_sentence >= p.end_sentence) continue;
      const std::uint32_t date = ctx_.item_at(sentence_first(p.first_sentence));
      if (date == none || item(date).kind != Kind::time || !item(date).node) continue;
      const std::uint32_t after = item(date).last + 1;
      if (after >= sentence_end(p.end_sentence - 1)) continue;
      const std::string_view w = ctx_.word(after);
      if (w != "-" && w != "--" && w != ":" && w != "\xE2\x80\x94" && w != "\xE2\x80\x93") continue;
      for (std::uint32_t s = p.first_sentence; s < p.end_sentence; ++s) {
        for (std::uint32_t k = ctx_.sentence_items_begin(s); k < ctx_.sentence_items_end(s); ++k) {
          if (is_verb_event(k) && item(k).finite && !timed_[k]) {
            timed_[k] = 1;
            propose(k, date, Relation::is_included, Rule::time_entry);
          }
        }
      }
    }
  }

  // Which end of a "between 2016 and 2019" range a time is, if any: what happens between them
  // lies in neither ("accepted bribes between 2016 and 2019" is not in 2016).
  enum class RangeEnd : std::uint8_t { none, first, last };
  RangeEnd range_end(const Item& t, std::uint32_t sb) const {
    if (t.first <= sb) return RangeEnd::none;
    const std::string_view before = ctx_.word(t.first - 1);
    if (before == "between") return RangeEnd::first;
    if (before != "and" || t.first < sb + 2) return RangeEnd::none;
    const std::uint32_t k = ctx_.item_at(t.first - 2);
    const bool last = k != none && item(k).kind == Kind::time && item(k).first > sb &&
                      ctx_.word(item(k).first - 1) == "between";
    return last ? RangeEnd::last : RangeEnd::none;
  }

  // The event a passive verb of scheduling puts on the timetable: its subject ("Sentencing is
  // set for", "A hearing on the motion is expected"), the leftmost noun event (else a gerund)
  // between the clause's start and the copula before the verb; none when there is no copula
  // or no such event.
  std::uint32_t scheduled_subject(std::uint32_t verb) const {
    const Item& v = item(verb);
    if ((ctx_.lemma_cues(v.index) & schedule) == 0) return none;
    auto copula = [&](std::uint32_t u) {
      const std::string_view w = ctx_.word(u);
      return is_copula(w) || w == "be" || w == "been";
    };
    const std::uint32_t sb = sentence_first(v.sentence);
    std::uint32_t cop = none;
    for (std::uint32_t u = v.first, steps = 0; u > sb && steps < 3 && cop == none; ++steps) {
      --u;
      if (copula(u)) cop = u;
    }
    if (cop == none) return none;
    std::uint32_t noun = none, gerund = none;
    for (std::uint32_t u = cop, steps = 0; u > sb && steps < 8; ++steps) {
      --u;
      const std::string_view w = ctx_.word(u);
      if (w == "," || is_barrier(w) || (ctx_.cues(u) & relative) != 0) break;
      const std::uint32_t k = ctx_.item_at(u);
      if (k == none) continue;
      if (item(k).kind == Kind::time || item(k).finite) break;
      if (!is_event(k)) continue;
      if (!item(k).verb) {
        noun = k;
      } else if (event(item(k)).tense == Tense::prespart) {
        gerund = k;
      } else {
        break;
      }
    }
    return noun != none ? noun : gerund;
  }

  // "postponed the vote until Friday", "The vote was postponed until Friday": the event moved
  // (the verb's object, else a noun event between the verb and the cue) lies in the time.
  void deferred_to(std::uint32_t verb, std::uint32_t time, std::uint32_t cue_token) {
    const Item& v = item(verb);
    if ((ctx_.lemma_cues(v.index) & deferral) == 0) return;
    std::uint32_t moved = none;
    const Span& object = event(v).object;
    if (!object.empty()) {
      const std::uint32_t k = ctx_.item_at(ctx_.token_of(object.begin));
      if (is_event(k) && !item(k).verb) moved = k;
    } else if (v.last < cue_token) {
      for (std::uint32_t u = v.last + 1; u < cue_token && moved == none; ++u) {
        const std::uint32_t k = ctx_.item_at(u);
        if (is_event(k) && !item(k).verb) moved = k;
      }
    }
    if (moved == none) return;
    // Its old time is no longer its time: "postponed its Thursday session until next week".
    out_.erase(std::remove_if(out_.begin(), out_.end(),
                              [&](const Proposal& p) {
                                return p.a == moved && p.rule == Rule::time_modifier;
                              }),
               out_.end());
    propose(moved, time, Relation::is_included, Rule::time_deferred);
  }

  // Whether a time after the verb of wanting, planning or saying dates what is wanted,
  // planned or said instead ("Forecasters expect more rain on Wednesday", "planned a rally
  // on Saturday", "announced a vote on Friday"): the verb's own act is not in the future
  // when its tense is past or present, so a time wholly after the DCT cannot hold it.
  bool time_of_complement(const Event& e, const Timex& x) const {
    return complement_time(e, x, dct_bounds_);
  }

  // Simple past verbs without a time of their own, in a comma-free stretch with a time that
  // governs another event: coordinated clauses share the time ("X was set afire and Y was
  // overrun on Wednesday"; "... on Thursday and rioters broke into government buildings").
  // A "before", "after", "since", "until" or "that" clause between them has its own time ("promised
  // to rebuild the bridges before the rainy season ends in April": April is not the
  // promise's; a "when" or "as" clause shares it), a time after the DCT does not date a past
  // verb of wanting or saying (time_of_complement), and a verb takes the nearest time only.
  void time_clause(std::uint32_t s) {
    const std::uint32_t ib = ctx_.sentence_items_begin(s), ie = ctx_.sentence_items_end(s);
    constexpr std::uint32_t subordinator = conn_after | conn_before | conn_since | conn_until;
    for (std::uint32_t k = ib; k < ie; ++k) {
      const Item& e = item(k);
      if (e.kind != Kind::event || !e.verb || timed_[k]) continue;
      const Event& ev = event(e);
      if (ev.tense != Tense::past || ev.aspect != Aspect::none) continue;
      std::uint32_t best = none, best_distance = 0;
      for (std::uint32_t i = ib; i < ie; ++i) {
        const Item& t = item(i);
        if (t.kind != Kind::time || !t.node || t.quoted != e.quoted) continue;
        if (range_end(t, sentence_first(s)) != RangeEnd::none) continue;
        // "postponed its Thursday session": the time is the session's alone.
        if (modified_noun(t, sentence_end(s)) != none) continue;
        const auto [bits, cue_token] = time_cue(t.first, sentence_first(s));
        if (bits != 0 && (bits & time_inside) == 0) continue;
        if (time_of_complement(ev, ctx_.timexes()[t.index])) continue;
        const std::uint32_t lo = std::min(e.first, t.first), hi = std::max(e.last, t.last);
        bool open = true;
        for (std::uint32_t u = lo; u < hi && open; ++u) {
          const std::string_view w = ctx_.word(u);
          open = w != "," && !is_barrier(w) && w != "\"";
          const bool own_cue = u >= cue_token && u <= t.last;  // the time and its cue
          if (!own_cue && (ctx_.cues(u) & subordinator) != 0) open = false;
          // A "that" clause has its own time: "told analysts that orders had picked up in
          // January" does not date the telling.
          if (!own_cue && w == "that") open = false;
          // Nor does a clause with a copula of its own: "and were down 4.5% at midday".
          if (bare_copula(u)) open = false;
          const std::uint32_t other = ctx_.item_at(u);
          if (other != none && other != i && item(other).kind == Kind::time && item(other).node) {
            open = false;
          }
        }
        if (!open) continue;
        const std::uint32_t distance = e.first < t.first ? t.first - e.last : e.first - t.last;
        if (best == none || distance < best_distance) best = i, best_distance = distance;
      }
      if (best != none) {
        timed_[k] = 1;
        propose(k, best, Relation::is_included, Rule::time_clause);
      }
    }
  }

  // --- event-event: connectives --------------------------------------------------------

  struct Connective {
    Relation relation;  // main RELATION subordinate
    Rule rule;
    bool nouns;  // a noun event may follow ("after the fall")
  };

  static std::optional<Connective> connective_of(std::uint32_t bits) {
    if (bits & conn_after) return Connective{Relation::after, Rule::ee_after, true};
    if (bits & conn_before) return Connective{Relation::before, Rule::ee_before, true};
    if (bits & conn_since) return Connective{Relation::after, Rule::ee_since, true};
    if (bits & conn_until) return Connective{Relation::before, Rule::ee_until, false};
    if (bits & conn_during) return Connective{Relation::is_included, Rule::ee_during, true};
    if (bits & conn_overlap) return Connective{Relation::simultaneous, Rule::ee_overlap, false};
    if (bits & conn_when) return Connective{Relation::after, Rule::ee_when, false};
    if (bits & conn_then) return Connective{Relation::after, Rule::ee_then, false};
    return std::nullopt;
  }

  void connectives(std::uint32_t s) {
    const std::uint32_t sb = sentence_first(s), se = sentence_end(s);
    for (std::uint32_t t = sb; t < se; ++t) {
      const auto [bits, len] = ctx_.cue_at(t, se);
      if (len == 0) continue;
      const auto conn = connective_of(bits);
      if (!conn) continue;
      if (ctx_.item_at(t) != none) continue;  // part of an event or a time
      const std::uint32_t after_cue = t + static_cast<std::uint32_t>(len);
      const std::string_view w = ctx_.word(t);
      // "as": only as a conjunction before a finite verb ("as unrest intensifies").
      if (conn->rule == Rule::ee_overlap && w == "as") {
        if (t > sb && ((ctx_.cues(t - 1) & as_blockers) != 0 ||
                       (is_event(ctx_.item_at(t - 1)) &&
                        (ctx_.lemma_cues(item(ctx_.item_at(t - 1)).index) & aspect_begin) != 0))) {
          continue;
        }
      }
      // The subordinate event: the first event after the cue.
      std::uint32_t sub = none;
      bool crossed_comma = false;
      for (std::uint32_t u = after_cue; u < se && u < after_cue + 14; ++u) {
        const std::string_view x = ctx_.word(u);
        if (is_barrier(x)) break;
        if (x == ",") {
          crossed_comma = true;
          continue;
        }
        // "hours before a deadline that officials had warned could trigger a default": the
        // cue's object is no event, and the clause after it describes that object.
        if (!crossed_comma && u > after_cue && (ctx_.cues(u) & relative) != 0) break;
        const std::uint32_t k = ctx_.item_at(u);
        if (k == none) continue;
        if (item(k).kind == Kind::time) {
          // "after Friday", "until at least May 30": the cue is the time's.
          if (u == after_cue || ctx_.word(u - 1) == "the" || time_cue(u, sb).second == t) break;
          continue;
        }
        // A connective of clauses takes the clause's verb, past its subject ("when a magnitude
        // 8.4 earthquake killed more than 100 people").
        if (!conn->nouns && !item(k).verb && !crossed_comma) continue;
        sub = k;
        if (crossed_comma) {
          // Past a comma only the verb of the clause the cue opens, or "X, which began".
          const bool relative_clause = (ctx_.cues(u - 1) & relative) != 0;
          if (relative_clause && (ctx_.lemma_cues(item(k).index) & aspect_begin) == 0) sub = none;
          if (!item(k).verb) sub = none;
          // "hours before a midnight deadline, sending ...": a participle past the comma after
          // the cue's noun phrase belongs to the main clause.
          if (noun_phrase_after_cue(after_cue, se) && !item(k).finite) sub = none;
        }
        break;
      }
      if (sub == none) continue;
      const Item& sub_item = item(sub);
      if (!conn->nouns && !sub_item.verb) continue;
      // "in 2017, when more than 100 people died": the clause describes the time, not the
      // event before it.
      if (conn->rule == Rule::ee_when) {
        const std::uint32_t u = t > sb && ctx_.word(t - 1) == "," ? t - 1 : t;
        const std::uint32_t k = u > sb ? ctx_.item_at(u - 1) : none;
        if (k != none && item(k).kind == Kind::time && item(k).node) {
          if (sub_item.quoted == item(k).quoted) {
            propose(sub, k, Relation::is_included, Rule::time_when);
          }
          continue;
        }
      }
      if (conn->rule == Rule::ee_overlap && w == "as" &&
          (!sub_item.finite || sub_item.first > after_cue + 3)) {
        continue;
      }
      // Fronted: "After X, Y": the main event follows the comma that closes the clause.
      std::uint32_t lead = sb;
      while (lead < t && (ctx_.is_punct(lead) || ctx_.word(lead) == "but" ||
                          ctx_.word(lead) == "and" || ctx_.word(lead) == "even")) {
        ++lead;
      }
      if (lead == t && conn->rule != Rule::ee_then) {
        fronted(t, after_cue, se, *conn);
        continue;
      }
      // Medial: "X after Y": the nearest verb event on the left.
      std::uint32_t main = none;
      for (std::uint32_t u = t; u > sb;) {
        --u;
        if (is_barrier(ctx_.word(u))) break;
        const std::uint32_t k = ctx_.item_at(u);
        if (is_verb_event(k) && item(k).quoted == sub_item.quoted) {
          main = k;
          break;
        }
      }
      if (main == none) continue;
      if (conn->rule == Rule::ee_then) {
        if (!sub_item.verb) continue;
        propose(sub, main, Relation::after, Rule::ee_then);
      } else {
        propose(main, sub, conn->relation, conn->rule);
      }
    }
  }

  void fronted(std::uint32_t t, std::uint32_t after_cue, std::uint32_t se, const Connective& conn) {
    std::vector<std::uint32_t> subs;
    for (std::uint32_t u = after_cue; u < se; ++u) {
      const std::string_view x = ctx_.word(u);
      if (is_barrier(x)) return;
      const std::uint32_t k = ctx_.item_at(u);
      if (is_event(k) && (subs.empty() || subs.back() != k)) subs.push_back(k);
      if (x != "," || subs.empty()) continue;
      // The next item after this comma: the main clause's verb?
      std::uint32_t next = none;
      for (std::uint32_t v = u + 1; v < se; ++v) {
        if (is_barrier(ctx_.word(v)) || ctx_.word(v) == ",") break;
        const std::uint32_t kk = ctx_.item_at(v);
        if (is_event(kk)) {
          next = kk;
          break;
        }
      }
      if (!is_verb_event(next) || !item(next).finite) continue;
      bool any_verb = false;
      for (auto k2 : subs) any_verb = any_verb || item(k2).verb;
      for (auto k2 : subs) {
        if (any_verb && !item(k2).verb) continue;
        if (!conn.nouns && !item(k2).verb) continue;
        propose(next, k2, conn.relation, conn.rule);
        if (!any_verb) break;  // "After the fall of X, ...": the first noun only
      }
      return;
    }
    (void)t;
  }

  // --- reported speech -----------------------------------------------------------------

  void report_link(std::uint32_t c, std::uint32_t r) {
    const Event& e = event(item(c));
    if (lasting_[c]) return;  // "was closed until at least May 30, officials said": not over
    if (e.tense == Tense::past || (e.tense == Tense::present && e.aspect == Aspect::perfective)) {
      propose(c, r, Relation::before, Rule::ee_report_past);
    } else if (e.tense == Tense::future) {
      propose(c, r, Relation::after, Rule::ee_report_future);
    } else if (e.tense == Tense::present) {
      propose(c, r, Relation::includes, Rule::ee_report_present);
    }
  }

  void reported_speech(std::uint32_t s) {
    const std::uint32_t ib = ctx_.sentence_items_begin(s), ie = ctx_.sentence_items_end(s);
    for (std::uint32_t r = ib; r < ie; ++r) {
      const Item& ri = item(r);
      if (ri.kind != Kind::event || !ri.verb) continue;
      const Event& re = event(ri);
      if (re.event_class != EventClass::reporting &&
          (ctx_.lemma_cues(ri.index) & Cue::reporting) == 0) {
        continue;
      }
      if (re.tense == Tense::infinitive || re.tense == Tense::none) continue;
      bool any = false;
      if (!ri.quoted) {
        for (std::uint32_t c = ib; c < ie; ++c) {
          if (c != r && item(c).kind == Kind::event && item(c).quoted && item(c).finite) {
            report_link(c, r);
            any = true;
          }
        }
      }
      if (any) continue;
      // "X happened, officials said": the clause before the comma that precedes the report.
      std::uint32_t subject_start = ri.first;
      const std::uint32_t subj = ctx_.subject(ri.index);
      if (subj != none && subj < ri.first) subject_start = subj;
      std::uint32_t comma = none;
      for (std::uint32_t u = subject_start; u > sentence_first(s) && u + 6 > subject_start;) {
        --u;
        if (ctx_.word(u) == ",") {
          comma = u;
          break;
        }
        if (ctx_.item_at(u) != none && is_event(ctx_.item_at(u))) break;
      }
      if (comma != none) {
        for (std::uint32_t c = ib; c < ie && item(c).first < comma; ++c) {
          if (item(c).kind == Kind::event && item(c).finite && item(c).quoted == ri.quoted) {
            report_link(c, r);
          }
        }
        continue;
      }
      // "officials said (that) X happened": the finite verbs after the report.
      for (std::uint32_t c = r + 1; c < ie; ++c) {
        const Item& ci = item(c);
        if (ci.kind != Kind::event || ci.quoted != ri.quoted) continue;
        if (ci.verb && (event(ci).event_class == EventClass::reporting ||
                        (ctx_.lemma_cues(ci.index) & Cue::reporting) != 0)) {
          break;
        }
        if (ci.finite) report_link(c, r);
      }
    }
  }

  // --- complements: purpose and requests ------------------------------------------------

  void complements(std::uint32_t s) {
    const std::uint32_t ib = ctx_.sentence_items_begin(s), ie = ctx_.sentence_items_end(s);
    for (std::uint32_t c = ib; c < ie; ++c) {
      const Item& ci = item(c);
      if (ci.kind != Kind::event || !ci.verb) continue;
      const Event& ce = event(ci);
      const bool to_before = ci.first > sentence_first(s) && ctx_.word(ci.first - 1) == "to";
      if (ce.tense != Tense::infinitive && !to_before) continue;
      if (ce.event_class == EventClass::state || ctx_.lemma(ci.index) == "be") continue;
      // The governor: the nearest verb event before it.
      std::uint32_t gov = none;
      for (std::uint32_t k = c; k > ib;) {
        --k;
        if (item(k).kind == Kind::event && item(k).verb && item(k).quoted == ci.quoted) {
          gov = k;
          break;
        }
      }
      if (gov == none || ci.first - item(gov).first > 30) continue;
      bool barrier = false;
      for (std::uint32_t u = item(gov).first + 1; u < ci.first && !barrier; ++u) {
        barrier = is_barrier(ctx_.word(u)) || ctx_.word(u) == "\"";
      }
      if (barrier) continue;
      const Item& gi = item(gov);
      // A complement of a complement belongs to the same head: "sent X to help stabilize".
      std::uint32_t head = gov;
      if (complement_head_[gi.index] != none) head = complement_head_[gi.index];
      const Item& hi = item(head);
      const Event& he = event(hi);
      if ((ctx_.lemma_cues(hi.index) & non_future) != 0 ||
          he.event_class == EventClass::aspectual || he.event_class == EventClass::perception) {
        continue;
      }
      complement_head_[ci.index] = head;
      const bool is_request = (ctx_.lemma_cues(hi.index) & Cue::request) != 0;
      propose(c, head, Relation::after, is_request ? Rule::ee_request : Rule::ee_purpose);
      if (is_request && head == gov && ci.first > gi.first + 2) {
        requests_.push_back(Request{head, c, gi.first + 1, ci.first});
      }
    }
  }

  // "Tokayev has asked the alliance ... to intervene" and "the alliance sent peacekeepers":
  // what the addressee of a request did is read as its response.
  void responses() {
    const auto& events = ctx_.events();
    for (const Request& q : requests_) {
      const Item& ri = item(q.request);
      for (std::size_t e = 0; e < events.size(); ++e) {
        const std::uint32_t k = ctx_.event_item_index(e);
        const Item& ki = item(k);
        if (k == q.request || k == q.complement || !ki.verb) continue;
        if (ki.sentence + 8 < ri.sentence || ki.sentence > ri.sentence + 8) continue;
        if (complement_head_[e] == q.request) continue;
        const Event& ev = events[e];
        if (ev.event_class != EventClass::occurrence) continue;
        if (!(ev.tense == Tense::past ||
              (ev.tense == Tense::present && ev.aspect == Aspect::perfective))) {
          continue;
        }
        const std::uint32_t subj = ctx_.subject(e);
        if (subj == none || ctx_.doc().tokens()[subj].kind != TokenKind::word) continue;
        const std::string_view sw = ctx_.word(subj);
        if (sw.size() < 3 || ctx_.cues(subj) != 0) continue;
        bool match = false;
        for (std::uint32_t u = q.first; u < q.end && !match; ++u) match = ctx_.word(u) == sw;
        if (match) propose(k, q.request, Relation::after, Rule::ee_response);
      }
    }
  }

  // --- aspectual verbs -----------------------------------------------------------------

  void aspectual(std::uint32_t s) {
    const std::uint32_t se = sentence_end(s);
    for (std::uint32_t a = ctx_.sentence_items_begin(s); a < ctx_.sentence_items_end(s); ++a) {
      const Item& ai = item(a);
      if (ai.kind != Kind::event || !ai.verb) continue;
      const std::uint32_t cues = ctx_.lemma_cues(ai.index);
      Rule rule;
      Relation rel;
      if (cues & aspect_begin) {
        rule = Rule::ee_aspect_begin;
        rel = Relation::begins;
      } else if (cues & aspect_end) {
        rule = Rule::ee_aspect_end;
        rel = Relation::ends;
      } else if (cues & aspect_continue) {
        rule = Rule::ee_aspect_continue;
        rel = Relation::is_included;
      } else {
        continue;
      }
      // Its argument: an event right after it ("began to fall", "began as a protest", "ended
      // the strike", past a time that modifies it: "ending a five-week trial"), else its
      // subject ("the clashes continued").
      std::uint32_t arg = none;
      for (std::uint32_t u = ai.first + 1, reach = ai.first + 4; u < se && u <= reach; ++u) {
        const std::string_view w = ctx_.word(u);
        const std::uint32_t k = ctx_.item_at(u);
        if (k != none && item(k).kind == Kind::time && u > ai.first + 1) {
          reach += item(k).last - u + 1;
          u = item(k).last;
          continue;
        }
        if (k != none) {
          if (is_event(k)) arg = k;
          break;
        }
        if (ctx_.is_punct(u)) break;
        if (w != "to" && w != "as" && w != "a" && w != "an" && w != "the" && w != "its" &&
            w != "their" && w != "his" && w != "her") {
          break;
        }
      }
      if (arg == none && ai.first > 0) {
        const std::uint32_t subj = ctx_.subject(ai.index);
        if (subj != none && is_event(ctx_.item_at(subj))) arg = ctx_.item_at(subj);
      }
      if (arg != none && arg != a) propose(a, arg, rel, rule);
    }
  }

  // --- causes of reactions ---------------------------------------------------------------

  void causes(std::uint32_t s) {
    const std::uint32_t sb = sentence_first(s), se = sentence_end(s);
    for (std::uint32_t t = sb + 1; t < se; ++t) {
      if ((ctx_.cues(t) & cause_preposition) == 0) continue;
      std::uint32_t reaction_token = none;
      for (std::uint32_t u = t; u > sb && u + 3 > t;) {
        --u;
        if ((ctx_.cues(u) & Cue::reaction) != 0) {
          reaction_token = u;
          break;
        }
      }
      if (reaction_token == none) continue;
      std::uint32_t cause = none;
      for (std::uint32_t u = t + 1; u < se && u <= t + 4; ++u) {
        const std::uint32_t k = ctx_.item_at(u);
        if (k != none) {
          if (is_event(k)) cause = k;
          break;
        }
        if (ctx_.is_punct(u)) break;
      }
      if (cause == none) continue;
      std::uint32_t reaction_event = ctx_.item_at(reaction_token);
      if (!is_event(reaction_event)) {
        reaction_event = none;
        for (std::uint32_t u = reaction_token; u > sb && u + 4 > reaction_token;) {
          --u;
          if (is_event(ctx_.item_at(u))) {
            reaction_event = ctx_.item_at(u);
            break;
          }
        }
      }
      if (reaction_event != none) propose(cause, reaction_event, Relation::before, Rule::ee_cause);
    }
  }

  // --- narrative cues across sentences ---------------------------------------------------

  void narrative() {
    const auto& sentences = doc_.sentences();
    for (std::uint32_t s = 1; s < sentences.size(); ++s) {
      std::uint32_t t = sentence_first(s);
      const std::uint32_t se = sentence_end(s);
      while (t < se && (ctx_.is_punct(t) || ctx_.word(t) == "and" || ctx_.word(t) == "but")) ++t;
      if (t >= se || (ctx_.cues(t) & narrative_next) == 0) continue;
      if (item_paragraph(s) != item_paragraph(s - 1)) continue;
      std::uint32_t next = none, prev = none;
      for (std::uint32_t k = ctx_.sentence_items_begin(s); k < ctx_.sentence_items_end(s); ++k) {
        if (is_verb_event(k) && item(k).finite) {
          next = k;
          break;
        }
      }
      for (std::uint32_t k = ctx_.sentence_items_end(s - 1);
           k > ctx_.sentence_items_begin(s - 1);) {
        --k;
        if (is_verb_event(k) && item(k).finite &&
            event(item(k)).event_class != EventClass::reporting) {
          prev = k;
          break;
        }
      }
      if (next != none && prev != none) propose(next, prev, Relation::after, Rule::ee_narrative);
    }
  }

  std::uint32_t item_paragraph(std::uint32_t s) const { return doc_.sentences()[s].paragraph; }

  // --- time-time -------------------------------------------------------------------------

  // A time's bounds when they can be set against the DCT's (both known, in the same kind of
  // year), else none.
  std::optional<TimeBounds> comparable_with_dct(const Timex& x) const {
    return comparable_with(x, dct_bounds_);
  }

  static std::optional<Relation> compare(const TimeBounds& a, const TimeBounds& b) {
    if (a.placeholder != b.placeholder) return std::nullopt;
    const Bounds& x = a.bounds;
    const Bounds& y = b.bounds;
    if (x.empty() || y.empty()) return std::nullopt;
    // Exact bounds that touch meet (Jan. 5 ends as Jan. 6 starts); bounds an interval lies
    // within may touch without saying whether the intervals do.
    if (x.latest < y.earliest) return Relation::before;
    if (y.latest < x.earliest) return Relation::after;
    if (x.latest == y.earliest) {
      if (a.exact && b.exact) return Relation::ibefore;
      if (a.exact) return Relation::before;  // b lies somewhere at or after a's end
      return std::nullopt;
    }
    if (y.latest == x.earliest) {
      if (a.exact && b.exact) return Relation::iafter;
      if (b.exact) return Relation::after;
      return std::nullopt;
    }
    const bool x_has_y = x.earliest <= y.earliest && y.latest <= x.latest;
    const bool y_has_x = y.earliest <= x.earliest && x.latest <= y.latest;
    // An interval known only to lie within bounds that an exact interval covers is inside
    // it (the DCT, a moment of its day, is inside "Thursday").
    if (a.exact && !b.exact && x_has_y) return Relation::includes;
    if (!a.exact && b.exact && y_has_x) return Relation::is_included;
    if (!a.exact || !b.exact) return std::nullopt;
    if (x == y) return Relation::simultaneous;
    if (x_has_y) {
      if (x.earliest == y.earliest) return Relation::begun_by;
      if (x.latest == y.latest) return Relation::ended_by;
      return Relation::includes;
    }
    if (y_has_x) {
      if (x.earliest == y.earliest) return Relation::begins;
      if (x.latest == y.latest) return Relation::ends;
      return Relation::is_included;
    }
    return std::nullopt;
  }

  void time_time() {
    std::vector<std::uint32_t> nodes;
    for (std::uint32_t i = 0; i < ctx_.items().size(); ++i) {
      if (item(i).kind == Kind::time && item(i).node) nodes.push_back(i);
    }
    std::optional<TimeBounds> dct_bounds = dct_bounds_;
    // In a timeline the DCT is the moment of publication, within its day: "Thursday" includes
    // it, and an event earlier that day is still before it. TimeML annotators read the DCT as
    // the whole day, so TimeML output keeps it exact.
    if (dct_bounds && options_.selection == LinkSelection::timeline) dct_bounds->exact = false;
    std::vector<std::optional<TimeBounds>> b(nodes.size());
    for (std::size_t n = 0; n < nodes.size(); ++n)
      b[n] = bounds_of(ctx_.timexes()[item(nodes[n]).index]);
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      if (!b[n]) continue;
      if (dct_bounds) {
        if (auto r = compare(*b[n], *dct_bounds)) propose(nodes[n], dct_item, *r, Rule::tt_values);
      }
      if (n + 1 < nodes.size() && b[n + 1]) {
        if (auto r = compare(*b[n], *b[n + 1]))
          propose(nodes[n], nodes[n + 1], *r, Rule::tt_values);
      }
    }
    // A year-less dateline: an explicit year that a past event sits in comes before the
    // story's recent, year-less times and the DCT itself.
    if (!ctx_.dct() || ctx_.dct()->value.bounds()) return;
    const std::size_t existing = out_.size();
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      const Timex& x = ctx_.timexes()[item(nodes[n]).index];
      if (!x.value.is_point() || !x.value.point().year.known()) continue;
      bool past_event = false;
      for (std::size_t p = 0; p < existing && !past_event; ++p) {
        const Proposal& pr = out_[p];
        if (pr.b != nodes[n] || pr.relation != Relation::is_included || !is_event(pr.a)) continue;
        const Event& e = event(item(pr.a));
        past_event =
            e.tense == Tense::past || (e.tense == Tense::present && e.aspect == Aspect::perfective);
      }
      if (!past_event) continue;
      propose(nodes[n], dct_item, Relation::before, Rule::tt_undated_year);
      for (std::size_t m = 0; m < nodes.size(); ++m) {
        const Timex& y = ctx_.timexes()[item(nodes[m]).index];
        if (!y.value.is_point()) continue;
        const auto& yp = y.value.point();
        if (yp.year.digits == 4 && yp.year.unknown == 0xF) {
          propose(nodes[n], nodes[m], Relation::before, Rule::tt_undated_year);
        }
      }
    }
  }

  struct Request {
    std::uint32_t request, complement;
    std::uint32_t first, end;  // the addressee's tokens [first, end)
  };

  const Context& ctx_;
  const RelationOptions& options_;
  std::vector<Proposal>& out_;
  std::optional<TimeBounds> dct_bounds_;  // the DCT's, once per run
  const Document& doc_;
  std::vector<std::uint32_t> complement_head_;  // per event: the head its complement hangs on
  std::vector<Request> requests_;
  // Per item: whether a time rule linked it. A flag, not a list searched for each event, so
  // that long documents stay linear (a list made a 50 MB one quadratic).
  std::vector<std::uint8_t> timed_;
  // Per item: a rule says it lasts until a time after the DCT (set by event_dct).
  std::vector<std::uint8_t> lasting_;
};

}  // namespace

std::string_view rule_name(Rule r) {
  const auto i = static_cast<std::size_t>(r);
  return i < rule_table.size() ? rule_table[i].name : std::string_view("rule");
}

double rule_confidence(Rule r) {
  const auto i = static_cast<std::size_t>(r);
  return i < rule_table.size() ? rule_table[i].confidence : 0.5;
}

bool dates_complement(const Event& e, const Timex& x, const std::optional<Timex>& dct) {
  return complement_time(e, x, dct ? bounds_of(*dct) : std::nullopt);
}

bool after_dct(const Timex& x, const std::optional<Timex>& dct) {
  const auto dct_bounds = dct ? bounds_of(*dct) : std::nullopt;
  const auto tb = comparable_with(x, dct_bounds);
  return tb && dct_bounds->bounds.latest <= tb->bounds.earliest;
}

void apply_rules(const Context& ctx, const RelationOptions& options, std::vector<Proposal>& out) {
  RuleRunner(ctx, options, out).run();
}

}  // namespace chronicle::detail::relation
