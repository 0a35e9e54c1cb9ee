#include "chronicle/timeline.hpp"

#include "../relation/finder.hpp"
#include "chronicle/event_finder.hpp"
#include "chronicle/relation_finder.hpp"

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace chronicle {

namespace {

// `ends`: each link's ends as the relation stage gave them (one per link), or empty when the
// links came otherwise: their ids are looked up then.
void build_graph(Timeline& t, const GraphOptions& options,
                 const std::vector<detail::relation::LinkEnds>& ends) {
  using detail::relation::LinkEnd;
  t.graph = Graph(options);
  t.graph.reserve(t.timexes.size() + t.events.size() + 1, t.links.size());
  // The node each entity became, none when it became none (not a time, no id, or an id taken
  // before it: a link naming that id is looked up and finds the node that has it).
  constexpr std::optional<NodeId> none;
  std::optional<NodeId> dct_node;
  std::vector<std::optional<NodeId>> timex_node(t.timexes.size(), none);
  std::vector<std::optional<NodeId>> event_node(t.events.size(), none);
  // The DCT is the moment of publication, somewhere within its day: an event earlier that
  // day is still before it.
  if (t.dct) dct_node = t.graph.add_dct(t.dct->id, t.dct->bounds, BoundsFit::within);
  for (std::size_t i = 0; i < t.timexes.size(); ++i) {
    const Timex& x = t.timexes[i];
    if (x.type == TimexType::duration || x.type == TimexType::set) continue;  // not a time
    if (x.id.empty()) continue;
    // Given input may repeat an id: the first one stands.
    timex_node[i] = t.graph.add_node_if_new(
        x.id, NodeKind::time, static_cast<std::uint32_t>(x.span.begin), x.bounds, bounds_fit(x));
  }
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    const Event& e = t.events[i];
    if (e.instance_id.empty()) continue;
    const auto position = e.span.begin <= std::numeric_limits<std::uint32_t>::max()
                              ? std::optional(static_cast<std::uint32_t>(e.span.begin))
                              : std::nullopt;
    event_node[i] = t.graph.add_node_if_new(e.instance_id, NodeKind::event, position, std::nullopt);
  }
  // A link end's node: the entity's, else by its id (the relation stage names an entity by its
  // id, so both ways give the same node).
  auto node_of = [&](const LinkEnd& end, const std::string& id) {
    std::optional<NodeId> n;
    switch (end.kind) {
      case LinkEnd::Kind::dct:
        n = dct_node;
        break;
      case LinkEnd::Kind::time:
        n = timex_node[end.index];
        break;
      case LinkEnd::Kind::event:
        n = event_node[end.index];
        break;
    }
    return n ? n : t.graph.find(id);
  };
  const bool by_entity = ends.size() == t.links.size();
  for (std::size_t k = 0; k < t.links.size(); ++k) {
    const Link& l = t.links[k];
    const auto from = by_entity ? node_of(ends[k].from, l.from) : t.graph.find(l.from);
    const auto to = by_entity ? node_of(ends[k].to, l.to) : t.graph.find(l.to);
    if (from && to) t.graph.add_link(*from, *to, l);  // each id looked up once at most
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
  std::vector<detail::relation::LinkEnds> link_ends;
  if (options.layers.tlink) {
    RelationOptions relations = options.relations;
    relations.entities = given.timexes && given.events ? EntitySource::given : EntitySource::found;
    t.links =
        detail::relation::find_links(t.document, t.timexes, t.dct, t.events, relations, link_ends);
  }
  build_graph(t, options.graph, link_ends);
  return t;
}

}  // namespace chronicle
