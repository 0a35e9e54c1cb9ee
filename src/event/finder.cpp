// find_events: analysis, detection, class, verb group and arguments for each event head.
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>

#include "analysis.hpp"
#include "chronicle/event_finder.hpp"
#include "features.hpp"
#include "grammar.hpp"
#include "model.hpp"
#include "score_cache.hpp"
#include "tag_context_cache.hpp"

namespace chronicle {

namespace {

// A deterministic squashing of a score to (0, 1): no libm, so every machine prints the same.
double confidence(std::int64_t margin) {
  const double x = static_cast<double>(margin) / 2000.0;
  return 0.5 + 0.5 * x / (1.0 + (x < 0 ? -x : x));
}

// "according to" reports what follows (a REPORTING event in TimeML), though no tense shows.
bool according_to(const std::vector<detail::event::Unit>& units, std::uint32_t i,
                  std::uint32_t end) {
  return units[i].lower == "according" && i + 1 < end && units[i + 1].lower == "to";
}

// s = v for a v of length N, a constant: the compiler inlines both copies (building the
// string and moving it in), where a length known only at run time calls memcpy twice.
template <std::size_t N>
inline void assign_fixed(std::string& s, const char* v) {
  s = std::string(v, N);
}

// s = v, through assign_fixed for the lengths a small string holds (ids, lemmas, modals).
inline void assign_short(std::string& s, std::string_view v) {
  const char* p = v.data();
  switch (v.size()) {
    // clang-format off
    case 0: return assign_fixed<0>(s, p);    case 1: return assign_fixed<1>(s, p);
    case 2: return assign_fixed<2>(s, p);    case 3: return assign_fixed<3>(s, p);
    case 4: return assign_fixed<4>(s, p);    case 5: return assign_fixed<5>(s, p);
    case 6: return assign_fixed<6>(s, p);    case 7: return assign_fixed<7>(s, p);
    case 8: return assign_fixed<8>(s, p);    case 9: return assign_fixed<9>(s, p);
    case 10: return assign_fixed<10>(s, p);  case 11: return assign_fixed<11>(s, p);
    case 12: return assign_fixed<12>(s, p);  case 13: return assign_fixed<13>(s, p);
    case 14: return assign_fixed<14>(s, p);  case 15: return assign_fixed<15>(s, p);
    // clang-format on
    default:
      s = std::string(v);
  }
}

// emplace_back() value-initialises an Event: its padding is zeroed first (a 256-byte fill)
// before the member initialisers run. Emplacing a Made instead builds the Event in the
// vector's slot from make(), whose `Event e{}` (aggregate initialisation: member by member,
// a member without an initialiser value-initialised) skips the whole-object fill, and whose
// return is elided into the slot: no fill, no move.
template <class Make>
struct Made {
  Make make;
  operator Event() { return make(); }
};
template <class Make>
Made(Make) -> Made<Make>;

}  // namespace

std::vector<Event> find_events(const Document& doc, const EventOptions& options) {
  using namespace detail::event;
  const EventModelData& model =
      (options.model != nullptr ? *options.model : EventModel::builtin()).data();
  thread_local Analysis analysis;
  thread_local OwnScoreCache own_scores;
  thread_local ClassScoreCache class_scores;
  thread_local TagContextCache tag_context_scores;
  thread_local ClassTagContextCache class_tag_context_scores;
  // A run of sentences at a time: each event is found within its sentence.
  analysis.start(doc, options.timexes, options.skip_repeats);
  const std::vector<Unit>& units = analysis.units();

  std::vector<Event> events;
  events.reserve(doc.tokens().size() / 4);  // news runs at about one event in five words
  std::int32_t scores[8];  // seven classes and a spare lane: eight lanes are added at once
  while (analysis.build_next()) {
    for (std::size_t s = 0; s < analysis.sentence_count(); ++s) {
      const std::uint32_t begin = analysis.sentence_begin(s), end = analysis.sentence_begin(s + 1);
      const Unit* const data = units.data();
      for (std::uint32_t i = begin; i < end; ++i) {
        // Most units are no candidates: a tight loop of its own passes them, with what it reads
        // in registers (the loop below keeps much of its state on the stack).
        while (i < end && (!data[i].is_candidate || data[i].has(Unit::skipped))) ++i;
        if (i == end) break;
        const Unit& u = units[i];
        const OwnKey key = own_key(u);
        const DetectContext context = detect_context(units, i, begin, end);
        const std::int64_t margin = std::int64_t{own_scores.score(key, model)} +
                                    word_context_score(key, context, model.detect) +
                                    tag_context_scores.score(key, context, model) - model.threshold;
        const bool reporting = according_to(units, i, end);
        // main_verb_have() asks for "have" first: the tag test here spares most candidates a call.
        if (margin <= 0 && !reporting && !(u.tag == Tag::have && main_verb_have(units, i, end))) {
          continue;
        }
        const VerbGroup group = verb_group(units, i, begin);
        const ClassKey ckey = class_key(u, key);
        word_context_class_scores(units, i, end, ckey, context, model.event_class, scores);
        class_tag_context_scores.add(key, group, context.tp1, model, scores);
        {
          I32x8 sum, own;
          std::memcpy(&sum, scores, sizeof sum);
          std::memcpy(&own, class_scores.scores(ckey, model), sizeof own);
          sum += own;
          std::memcpy(scores, &sum, sizeof sum);
        }
        unsigned best = 0;
        for (unsigned c = 1; c < 7; ++c) {
          if (scores[c] > scores[best]) best = c;
        }
        const Arguments args = arguments(units, i, begin, end, group);

        // Filled in place, member by member (see Made); the strings are built whole and moved
        // in (cheaper than assign), with copies of constant length (assign_short).
        const std::size_t number = events.size() + 1;
        events.emplace_back(Made{[&] {
          Event e{};
          char id[24] = {'e', 'i'};
          const auto [last, ec] = std::to_chars(id + 2, id + sizeof id, number);
          (void)ec;
          assign_short(e.instance_id, std::string_view(id, static_cast<std::size_t>(last - id)));
          id[1] = 'e';
          assign_short(e.id, std::string_view(id + 1, static_cast<std::size_t>(last - id - 1)));
          e.span = Span{u.begin, u.end};
          e.phrase = args.phrase;
          e.event_class = reporting ? EventClass::reporting : static_cast<EventClass>(best);
          assign_short(e.lemma, u.lemma());
          e.tense = group.tense;
          e.aspect = group.aspect;
          e.polarity = group.polarity;
          e.pos = group.pos;
          if (!group.modality.empty()) assign_short(e.modality, group.modality);
          e.actor = args.actor;
          e.object = args.object;
          e.sentence = u.sentence;
          // Each rule name whole from its literal: a copy of known length, inlined.
          if (margin > 0) {
            e.rule = std::string("event.model");
          } else if (reporting) {
            e.rule = std::string("event.according_to");
          } else {
            e.rule = std::string("event.main_have");
          }
          e.confidence = margin > 0 ? confidence(margin) : 1.0;
          return e;
        }});
      }
    }
  }
  analysis.trim();
  return events;
}

}  // namespace chronicle
