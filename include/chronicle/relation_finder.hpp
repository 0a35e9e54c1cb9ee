// The relation stage: finds the TLINKs that order a story's events and times.
//
//   auto doc = chronicle::Document::parse(text);
//   auto found = chronicle::find_timexes(doc, timex_options);
//   chronicle::EventOptions event_options;
//   event_options.timexes = &found.timexes;
//   auto events = chronicle::find_events(doc, event_options);
//   for (const auto& l : chronicle::find_links(doc, found.timexes, found.dct, events))
//     fmt::print("{} {} {} ({}, {})\n", l.from, to_string(l.relation), l.to, l.provenance,
//                l.confidence);
//
// Two sources, each link naming its own in `provenance`:
//
// - Rules (src/relation/rules.cpp, cue words in src/relation/data/cues.lex), in families:
//   event-time ("overrun on Wednesday": IS_INCLUDED; "since 1991": BEGUN_BY or AFTER; "until
//   at least Jan. 19": ENDED_BY or BEFORE), event-DCT from tense and aspect, event-event
//   (connectives and fronted subordinate clauses, reported speech, purpose and request
//   complements, aspectual verbs, causes of reactions, explicit narrative cues across
//   sentences) and time-time from values and bounds. Each rule's confidence is its precision
//   on TimeBank and AQUAINT against the closure of the gold TLINKs (see the README).
// - A learned classifier (an averaged perceptron over pair features; chronicle-train-relations
//   retrains it) for the candidate pairs no rule settles: events and the DCT, events and times
//   of one sentence, nearby events of one sentence, the main events of adjacent sentences. It
//   only links a pair when its score clears a margin; what neither source orders stays
//   unordered. Two models ship: one for the times and events chronicle finds itself
//   (src/relation/data/relations-found.model, trained on what chronicle finds in the training
//   texts), one for given (gold) annotations (src/relation/data/relations.model).
//
// Links may contradict one another; the timeline graph resolves that by dropping the least
// confident link of each contradiction (graph.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chronicle/document.hpp"
#include "chronicle/event.hpp"
#include "chronicle/link.hpp"
#include "chronicle/timex.hpp"

namespace chronicle {

namespace detail::relation {
struct RelationModelData;
}

// Where the times and events that the relation stage orders come from. Their spans,
// attributes and misses differ, so each source has its own shipped model.
enum class EntitySource : std::uint8_t {
  found,  // found by chronicle's timex and event stages (raw text in)
  given,  // given annotations, such as gold TimeML (TempEval-3 task C)
};

// A trained pair classifier: a shipped one, or one read from a model file.
class RelationModel {
 public:
  // The model compiled into the library for entities from `source`.
  static const RelationModel& builtin(EntitySource source = EntitySource::found);
  // Reads a model file's text; throws std::runtime_error naming what is wrong.
  static RelationModel parse(std::string_view text);
  // Reads a model file; throws std::runtime_error when it cannot be read or is malformed.
  static RelationModel read_file(const std::string& path);

  // The model as model-file text (parse(str()) gives the same model).
  std::string str() const;

  const detail::relation::RelationModelData& data() const { return *data_; }
  explicit RelationModel(std::shared_ptr<const detail::relation::RelationModelData> data);

 private:
  std::shared_ptr<const detail::relation::RelationModelData> data_;
};

// Which links find_links returns.
enum class LinkSelection : std::uint8_t {
  // Everything the rules find, plus the classifier's links on pairs no rule settles: the
  // densest timeline the evidence supports.
  timeline,
  // The links a TimeML annotator would mark: the classifier (which sees the rules' verdicts)
  // decides for every candidate pair whether to link it and how; rules only speak for pairs
  // outside the candidates. What TempEval-3's temporal awareness rewards (it counts a true
  // link between a pair the annotators left out as a wrong one). `chronicle extract` uses it
  // for TimeML output.
  timeml,
};

struct RelationOptions {
  // Rule families.
  bool event_time = true;   // an event and the time expression that governs it
  bool event_dct = true;    // an event and the DCT, from tense and aspect
  bool event_event = true;  // connectives, reported speech, complements, aspectual verbs
  bool time_time = true;    // times against each other and the DCT, from their values
  bool narrative = true;    // across sentences, only on explicit cues ("Later, ...")
  // The learned classifier for candidate pairs no rule settles.
  bool classifier = true;
  // The classifier to use; null for RelationModel::builtin(entities).
  const RelationModel* model = nullptr;
  // Where the times and events come from: picks the shipped model. reconstruct() sets it to
  // `given` when the caller gives both times and events.
  EntitySource entities = EntitySource::found;
  LinkSelection selection = LinkSelection::timeline;
};

// TLINKs between `events` (by instance id), `timexes` (by tid) and the DCT (by its tid), in a
// deterministic order, with ids "l1", "l2", ... Durations and sets take part only as the
// classifier links them (they are not points in time). Events and times need not come from
// chronicle's own stages: given (gold) ones work, their lemmas are found when missing.
std::vector<Link> find_links(const Document& doc, const std::vector<Timex>& timexes,
                             const std::optional<Timex>& dct, const std::vector<Event>& events,
                             const RelationOptions& options = {});

}  // namespace chronicle
