#include "chronicle/timeline.hpp"

#include "chronicle/event_finder.hpp"
#include "chronicle/relation_finder.hpp"

#include <limits>

namespace chronicle {

namespace {

// A timex whose value is a calendar point covers its bounds exactly; references ("days ago")
// and modified values lie somewhere within theirs.
BoundsFit fit_of(const Timex& t) {
  const bool point = t.value.is_point() && t.mod == TimexMod::none &&
                     (t.type == TimexType::date || t.type == TimexType::time);
  return point ? BoundsFit::exact : BoundsFit::within;
}

void build_graph(Timeline& t, const GraphOptions& options) {
  t.graph = Graph(options);
  t.graph.reserve(t.timexes.size() + t.events.size() + 1, t.links.size());
  // The DCT is the moment of publication, somewhere within its day: an event earlier that
  // day is still before it.
  if (t.dct) t.graph.add_dct(t.dct->id, t.dct->bounds, BoundsFit::within);
  for (const Timex& x : t.timexes) {
    if (x.type == TimexType::duration || x.type == TimexType::set) continue;  // not a time
    if (x.id.empty()) continue;
    // Given input may repeat an id: the first one stands.
    t.graph.add_node_if_new(x.id, NodeKind::time, static_cast<std::uint32_t>(x.span.begin),
                            x.bounds, fit_of(x));
  }
  for (const Event& e : t.events) {
    if (e.instance_id.empty()) continue;
    const auto position = e.span.begin <= std::numeric_limits<std::uint32_t>::max()
                              ? std::optional(static_cast<std::uint32_t>(e.span.begin))
                              : std::nullopt;
    t.graph.add_node_if_new(e.instance_id, NodeKind::event, position, std::nullopt);
  }
  for (const Link& l : t.links) {
    const auto from = t.graph.find(l.from), to = t.graph.find(l.to);
    if (from && to) t.graph.add_link(*from, *to, l);  // each id looked up once
  }
  t.graph.update();
}

}  // namespace

Timeline reconstruct(std::string text, const ReconstructOptions& options) {
  return reconstruct(std::move(text), GivenAnnotations{}, options);
}

Timeline reconstruct(std::string text, const GivenAnnotations& given,
                     const ReconstructOptions& options) {
  Timeline t;
  t.id = options.id;
  t.document = Document::parse(std::move(text));
  if (given.timexes) {
    t.timexes = *given.timexes;
    for (Timex& x : t.timexes) {
      if (!x.bounds) x.bounds = x.value.bounds();
    }
    if (given.dct) {
      t.dct = given.dct;
    } else if (options.dct) {
      Timex dct;
      dct.id = "t0";
      dct.value = *options.dct;
      dct.function = DocumentFunction::creation_time;
      t.dct = dct;
    }
    if (t.dct && !t.dct->bounds) t.dct->bounds = t.dct->value.bounds();
  } else if (options.layers.timex) {
    TimexOptions timex_options;
    timex_options.dct = given.dct ? std::optional<TimeValue>(given.dct->value) : options.dct;
    timex_options.year = options.year;
    timex_options.policy = options.policy;
    timex_options.anchoring = options.anchoring;
    timex_options.use_dateline = options.use_dateline;
    TimexResult found = find_timexes(t.document, timex_options);
    t.dct = std::move(found.dct);
    t.dateline = std::move(found.dateline);
    t.timexes = std::move(found.timexes);
    if (given.dct && t.dct) {
      // The caller's DCT keeps its tid: links and anchors name it.
      const std::string old_id = t.dct->id;
      t.dct->id = given.dct->id;
      for (Timex& x : t.timexes) {
        if (x.anchor_id == old_id) x.anchor_id = given.dct->id;
      }
    }
  }
  if (given.events) {
    t.events = *given.events;
    for (Event& e : t.events) e.sentence = t.document.sentence_at(e.span.begin);
  } else if (options.layers.event) {
    EventOptions event_options;
    event_options.timexes = &t.timexes;
    event_options.model = options.event_model;
    t.events = find_events(t.document, event_options);
  }
  if (options.layers.tlink) {
    RelationOptions relations = options.relations;
    relations.entities = given.timexes && given.events ? EntitySource::given : EntitySource::found;
    t.links = find_links(t.document, t.timexes, t.dct, t.events, relations);
  }
  build_graph(t, options.graph);
  return t;
}

}  // namespace chronicle
