// The one call: text in, timeline out.
//
//   chronicle::ReconstructOptions options;
//   options.dct = chronicle::TimeValue::date(2022, 1, 6);
//   chronicle::Timeline t = chronicle::reconstruct(text, options);
//   for (const auto& x : t.timexes) ...
//
// Stages run in order: document, timex, event, relation, graph. Each stage's output stays in
// the Timeline for exports and queries.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chronicle/document.hpp"
#include "chronicle/event.hpp"
#include "chronicle/graph.hpp"
#include "chronicle/link.hpp"
#include "chronicle/relation_finder.hpp"
#include "chronicle/timex.hpp"
#include "chronicle/timex_finder.hpp"

namespace chronicle {

class EventModel;

// Which stages to run; later stages need the earlier ones' output.
struct Layers {
  bool timex = true;
  bool event = true;
  bool tlink = true;
};

struct ReconstructOptions {
  std::string id;                // the document's name in exports
  std::optional<TimeValue> dct;  // document creation time (may be year-less: XXXX-01-06)
  std::optional<int> year;       // completes a year-less DCT or dateline
  DirectionPolicy policy = DirectionPolicy::news;
  Anchoring anchoring = Anchoring::news;
  bool use_dateline = true;  // take the DCT from the dateline when none is given
  Layers layers;
  // Which relation rules run, and the classifier. Its `entities` is set from what is given:
  // the model for given entities when the caller gives both times and events.
  RelationOptions relations;
  const EventModel* event_model = nullptr;  // the event stage's model; null: the shipped one
  GraphOptions graph;                       // how the timeline graph reads INCLUDES and DURING
};

// Annotations the caller already has (gold TimeML, another system's output): the stages for
// them do not run, and the relation stage relates these, by their own ids.
struct GivenAnnotations {
  std::optional<Timex> dct;                   // the DCT, its tid kept (else from the options)
  std::optional<std::vector<Timex>> timexes;  // instead of the timex stage (bounds filled in)
  std::optional<std::vector<Event>> events;   // instead of the event stage (by instance id)
};

struct Timeline {
  std::string id;
  Document document;
  std::optional<Timex> dct;  // "t0"
  std::optional<Dateline> dateline;
  std::vector<Timex> timexes;  // in text order
  std::vector<Event> events;   // in text order
  std::vector<Link> links;     // TLINKs with provenance and confidence
  // The timeline graph: the DCT ("t0"), every timex ("tN") and event (by its instance id,
  // "eiN") as nodes with their calendar bounds, and `links` as constraints. Ask it for the
  // order (timeline()), relations, bounds and contradictions.
  Graph graph;
};

Timeline reconstruct(std::string text, const ReconstructOptions& options = {});
// The same with some layers given: TempEval-3 task C is `given.timexes` and `given.events`
// from the gold file, and the relation stage alone predicting.
Timeline reconstruct(std::string text, const GivenAnnotations& given,
                     const ReconstructOptions& options = {});

}  // namespace chronicle
