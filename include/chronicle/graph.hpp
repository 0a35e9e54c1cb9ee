// The timeline graph: events, times and the DCT as intervals whose endpoints TLINKs order.
//
//   chronicle::Graph g;
//   g.add_dct("t0", chronicle::day_bounds(chronicle::Date(2022, 1, 6)));
//   g.add_event("ei1", 120);                          // id, byte offset in the text
//   g.add_event("ei2", 480);
//   g.add_link("ei1", "ei2", Relation::before);
//   g.add_link("ei2", "t0", Relation::is_included);
//   g.relation("ei1", "t0").relation;                 // Relation::vague: only the ends are
//   g.endpoint_relations("ei1", "t0").end_end;        // ordered, PointRelation::less
//   g.bounds("ei2").earliest_start;                   // 2022-01-06 00:00
//
// The model. Every node is an interval [start, end) with start < end (instantaneous events
// are read as very short intervals, so the 13 interval relations stay mutually exclusive).
// Each TimeML relation is a conjunction of <, <= and = between endpoints; the graph is a
// point-algebra network over time that runs on the real line, with calendar bounds pinning
// endpoints to instants. Answers are exact: relation() and point_relation() give what every
// timeline satisfying the links has in common, no more (what the text leaves unordered stays
// unordered) and no less (a chain of any length through links and calendar bounds counts).
//
// How the relations read (a = from, b = to):
//   BEFORE        a.end < b.start          AFTER        b.end < a.start
//   IBEFORE       a.end = b.start          IAFTER       b.end = a.start
//   BEGINS        a.start = b.start, a.end < b.end
//   BEGUN_BY      a.start = b.start, b.end < a.end
//   ENDS          a.end = b.end, b.start < a.start
//   ENDED_BY      a.end = b.end, a.start < b.start
//   SIMULTANEOUS, IDENTITY    a.start = b.start, a.end = b.end
//   INCLUDES      strict (default): a.start < b.start, b.end < a.end  (Allen's "contains")
//                 loose: a.start <= b.start, b.end <= a.end  (shared endpoints allowed, so
//                 BEGUN_BY, ENDED_BY and SIMULTANEOUS are kinds of INCLUDES)
//   IS_INCLUDED   the inverse of INCLUDES, strict or loose alike
//   DURING        simultaneous (default): as SIMULTANEOUS, which is how the TimeML guidelines
//                 use it ("drove for five hours") and how the TempEval-3 scorer reads it;
//                 is_included: as IS_INCLUDED (Allen's "during", the other common reading)
//   DURING_INV    the inverse of DURING
//   VAGUE         no constraint
// Besides TimeML relations a link may be one endpoint constraint (add_constraint): MATRES
// start-point relations (a.start < b.start) and the disjunctions of relations that one
// constraint can say, such as "before or meets" (a.end <= b.start).
//
// Calendar bounds. A node's Bounds [earliest, latest) (TimeValue::bounds(), Timex::bounds) fit
// it one of two ways: within (start >= earliest, end <= latest: an event that happened on a
// day) or exact (start = earliest, end = latest: the TIMEX3 "Jan. 6" is that day; an infinite
// side is left free). Bounds propagate along the order in both directions, so each endpoint
// gets an earliest and a latest instant (bounds()).
//
// Contradictions. A cycle through a strict constraint, or bounds that cross (an endpoint whose
// earliest instant is after its latest), are reported with the input links that cause them: a
// shortest cycle (exactly so while its strongly connected component has at most 64 strict
// constraints, else the shortest through the first 64), or a path between the two calendar
// bounds that cross (a shortest one when a bounded search finds it, else the chains that carry
// the bounds). Each is resolved by dropping the least confident item on it (ties: a link
// before a node's bounds, then the most recently added); what was dropped stays in the report
// (contradictions()). Bounds contradictions are resolved in rounds, each taking those whose
// witnesses share nothing dropped in it; so that a graph with very many of them (thousands of
// events equal to the DCT, each inside a date that contradicts it) still builds in near-linear
// time, rounds after the third also take the others, and rounds after the eighth resolve each
// pair of crossing bounds by dropping the less confident of the two bounds. Such late rounds
// may drop more than the fewest items that would do. Nothing is dropped silently. A contradiction
// is resolved when the update that meets it runs, and what it dropped stays dropped: links added
// later are checked against what was kept. So the same calls in the same order give the same
// report; all links added before the first query are resolved together.
//
// Cost. Links and nodes may be added at any time. The first query after additions brings
// the graph up to date: a full build (near-linear: union-find, Kahn's order with Tarjan's
// strongly connected components when a cycle exists, two sweeps for bounds) the first time
// or after large additions, an incremental update otherwise (only the affected part of the
// order and of the bounds is touched). A graph is not safe to share between threads while it
// has pending changes; after update() its const queries may run concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chronicle/calendar.hpp"
#include "chronicle/event.hpp"
#include "chronicle/link.hpp"
#include "chronicle/time_value.hpp"
#include "chronicle/timex.hpp"

namespace chronicle {

using NodeId = std::uint32_t;  // dense, in the order nodes were added
using LinkId = std::uint32_t;  // dense, in the order links were added

enum class NodeKind : std::uint8_t { event, time, dct };
// How a node's calendar bounds fit its interval (see above).
enum class BoundsFit : std::uint8_t { within, exact };

// How a time covers its bounds: a DATE or TIME without a mod exactly; within them with a mod
// ("before Jan. 19", "early 2021"), as a reference ("days ago"), of another type, or as a
// winter whose bounds hold both winters its YYYY-WI may name ("the winter of 2021").
BoundsFit bounds_fit(const Timex& timex);
enum class Endpoint : std::uint8_t { start, end };
enum class PointOp : std::uint8_t { less, less_equal, equal, greater_equal, greater };

// One constraint between endpoints of two nodes: from.`from` OP to.`to`.
struct EndpointConstraint {
  Endpoint from = Endpoint::start;
  PointOp op = PointOp::less;
  Endpoint to = Endpoint::start;

  friend bool operator==(const EndpointConstraint& a, const EndpointConstraint& b) {
    return a.from == b.from && a.op == b.op && a.to == b.to;
  }
};

// Named endpoint constraints: the MATRES start-point relations and common disjunctions.
namespace constraints {
inline constexpr EndpointConstraint starts_before{Endpoint::start, PointOp::less, Endpoint::start};
inline constexpr EndpointConstraint starts_after{Endpoint::start, PointOp::greater,
                                                 Endpoint::start};
inline constexpr EndpointConstraint starts_with{Endpoint::start, PointOp::equal, Endpoint::start};
inline constexpr EndpointConstraint ends_with{Endpoint::end, PointOp::equal, Endpoint::end};
// BEFORE or IBEFORE.
inline constexpr EndpointConstraint before_or_meets{Endpoint::end, PointOp::less_equal,
                                                    Endpoint::start};
// AFTER or IAFTER.
inline constexpr EndpointConstraint after_or_met_by{Endpoint::start, PointOp::greater_equal,
                                                    Endpoint::end};
// Not AFTER, IAFTER nor any relation where b starts first: a.start <= b.start.
inline constexpr EndpointConstraint starts_no_later{Endpoint::start, PointOp::less_equal,
                                                    Endpoint::start};
// a.start < b.end: a does not come after b (everything but AFTER and IAFTER).
inline constexpr EndpointConstraint starts_before_end{Endpoint::start, PointOp::less,
                                                      Endpoint::end};
}  // namespace constraints

// "start < start", "end <= start", ...
std::string to_string(const EndpointConstraint& c);

// What holds between two endpoints p and q in every timeline the graph allows: the set of
// possible orders among {p < q, p = q, p > q}. Never not_equal: links cannot say that.
enum class PointRelation : std::uint8_t {
  less = 1,
  equal = 2,
  less_equal = 3,
  greater = 4,
  greater_equal = 6,
  unknown = 7,
};
// "<", "=", "<=", ">", ">=", "?".
std::string_view to_string(PointRelation r);

// The four endpoint pairs of two nodes a and b; start_end is a.start against b.end.
struct EndpointRelations {
  PointRelation start_start = PointRelation::unknown;
  PointRelation start_end = PointRelation::unknown;
  PointRelation end_start = PointRelation::unknown;
  PointRelation end_end = PointRelation::unknown;

  friend bool operator==(const EndpointRelations& a, const EndpointRelations& b) {
    return a.start_start == b.start_start && a.start_end == b.start_end &&
           a.end_start == b.end_start && a.end_end == b.end_end;
  }
};

enum class IncludesReading : std::uint8_t { strict, loose };
enum class DuringReading : std::uint8_t { simultaneous, is_included };

struct GraphOptions {
  IncludesReading includes = IncludesReading::strict;
  DuringReading during = DuringReading::simultaneous;
};

// The endpoint constraints `a relation b` stands for (none for VAGUE), as listed above.
std::vector<EndpointConstraint> constraints_of(Relation relation, const GraphOptions& options = {});

// What the proof of an answer rests on: input links, in chain order, and nodes whose calendar
// bounds it uses. The implicit start < end of each node is not listed.
struct Proof {
  std::vector<LinkId> links;
  std::vector<NodeId> bounds;
};

struct Entailment {
  Relation relation = Relation::vague;  // the strongest TimeML relation entailed, or VAGUE
  EndpointRelations endpoints;          // what is known of each endpoint pair
  Proof proof;                          // why `relation` holds (empty for VAGUE)
};

// Earliest and latest instants of a node's endpoints: -inf / +inf where nothing bounds them.
struct NodeBounds {
  Instant earliest_start, latest_start, earliest_end, latest_end;
};

struct Contradiction {
  enum class Kind : std::uint8_t {
    cycle,   // links that order a point before itself
    bounds,  // links that carry one calendar bound past another
  };
  Kind kind = Kind::cycle;
  std::vector<LinkId> links;   // the links that cause it, in chain order
  std::vector<NodeId> bounds;  // nodes whose bounds take part (bounds contradictions)
  // What was dropped to resolve it: one of the links, or the bounds of one of the nodes.
  std::optional<LinkId> dropped_link;
  std::optional<NodeId> dropped_bounds;
};

struct NodeView {
  std::string_view id;
  NodeKind kind = NodeKind::event;
  std::optional<std::uint32_t> position;  // byte offset in the text
  std::optional<Bounds> bounds;           // as given
  BoundsFit fit = BoundsFit::within;
  bool bounds_dropped = false;  // dropped to resolve a contradiction
};

struct LinkView {
  std::string_view id;  // the TimeML lid when the link had one, else empty
  NodeId from = 0, to = 0;
  std::optional<Relation> relation;              // a TimeML link ...
  std::optional<EndpointConstraint> constraint;  // ... or one endpoint constraint
  std::string_view provenance;
  double confidence = 1.0;  // kept as a float (24-bit precision)
  bool dropped = false;     // dropped to resolve a contradiction
};

// One row of the linear timeline.
struct TimelineEntry {
  NodeId node = 0;
  // Rows with the same group are mutually unordered: the graph fixes no strict order between
  // their starts (they start together or the text leaves their order open). Groups are
  // numbered 0, 1, ... in timeline order and each is a contiguous run of rows.
  std::uint32_t group = 0;
  NodeBounds bounds;
};

// Nodes within a range of time: certainly (in every timeline), or possibly but not certainly.
struct RangeMatch {
  std::vector<NodeId> certain;
  std::vector<NodeId> possible;
};

namespace detail {
class GraphEngine;
}

class Graph {
 public:
  explicit Graph(GraphOptions options = {});
  // A graph of `links` whose nodes (created as events, in order of first mention) have no
  // position or bounds: what closure and reduction need.
  static Graph of(const std::vector<Link>& links, GraphOptions options = {});
  ~Graph();
  // A moved-from graph may only be assigned to or destroyed.
  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  const GraphOptions& options() const;
  void reserve(std::size_t nodes, std::size_t links);

  // --- Nodes. Ids are unique (std::invalid_argument otherwise); at most one DCT. An event's
  // bounds fit within; a time's and the DCT's exactly unless said otherwise.
  NodeId add_event(std::string_view id, std::optional<std::uint32_t> position = {},
                   std::optional<Bounds> bounds = {});
  NodeId add_time(std::string_view id, std::optional<Bounds> bounds,
                  std::optional<std::uint32_t> position = {}, BoundsFit fit = BoundsFit::exact);
  NodeId add_dct(std::string_view id, std::optional<Bounds> bounds,
                 BoundsFit fit = BoundsFit::exact);
  NodeId add_node(std::string_view id, NodeKind kind, std::optional<std::uint32_t> position,
                  std::optional<Bounds> bounds, BoundsFit fit = BoundsFit::within,
                  double bounds_confidence = 1.0);
  // As add_node, but std::nullopt (and nothing added) when the id is taken: a look-up and an
  // insert in one probe, for input that may repeat an id.
  std::optional<NodeId> add_node_if_new(std::string_view id, NodeKind kind,
                                        std::optional<std::uint32_t> position,
                                        std::optional<Bounds> bounds,
                                        BoundsFit fit = BoundsFit::within,
                                        double bounds_confidence = 1.0);
  // From chronicle's records: the event instance id and head position; the timex id, position
  // and resolved bounds (a timex whose function is creation_time becomes the DCT), which it
  // fits as bounds_fit() says.
  NodeId add(const Event& event);
  NodeId add(const Timex& timex);

  std::optional<NodeId> find(std::string_view id) const;
  NodeId at(std::string_view id) const;  // std::out_of_range when absent
  std::size_t node_count() const;
  NodeView node(NodeId node) const;
  NodeKind kind(NodeId node) const;  // node(node).kind, without building the view
  std::optional<NodeId> dct() const;

  // --- Links. Both nodes must exist: std::invalid_argument for a Link naming a missing node,
  // std::out_of_range from the id overload (as at()); a confidence outside [0, 1] is an
  // std::invalid_argument.
  LinkId add_link(const Link& link);
  LinkId add_link(std::string_view from, std::string_view to, Relation relation,
                  std::string_view provenance = "input", double confidence = 1.0);
  LinkId add_link(NodeId from, NodeId to, Relation relation, std::string_view provenance = "input",
                  double confidence = 1.0);
  // A Link between nodes the caller has looked up already (its from and to are not read).
  LinkId add_link(NodeId from, NodeId to, const Link& link);
  LinkId add_constraint(NodeId from, NodeId to, EndpointConstraint constraint,
                        std::string_view provenance = "input", double confidence = 1.0);
  std::size_t link_count() const;
  LinkView link(LinkId link) const;
  // The link as a chronicle::Link; an endpoint constraint comes back as VAGUE.
  Link to_link(LinkId link) const;

  // Brings the graph up to date now (queries do it when needed).
  void update();

  // --- What the graph entails.
  Entailment relation(NodeId a, NodeId b) const;
  Entailment relation(std::string_view a, std::string_view b) const;
  PointRelation point_relation(NodeId a, Endpoint pa, NodeId b, Endpoint pb) const;
  EndpointRelations endpoint_relations(NodeId a, NodeId b) const;
  EndpointRelations endpoint_relations(std::string_view a, std::string_view b) const;
  // Why a point relation holds (empty when it is unknown).
  Proof explain(NodeId a, Endpoint pa, NodeId b, Endpoint pb) const;

  // Closure membership: whether every endpoint constraint of the link follows from the graph
  // (VAGUE always does): the exact point-algebra closure, over the links the graph kept (a
  // link dropped to resolve a contradiction does not count). For TempEval-3 temporal
  // awareness, build the gold graph with Graph::of(gold) and ask gold.entails(l) for each l
  // that reduce(system) keeps.
  bool entails(const Link& link) const;
  bool entails(NodeId from, NodeId to, Relation relation) const;
  bool entails(NodeId from, NodeId to, EndpointConstraint constraint) const;

  // Nodes that end no later than x starts (BEFORE, IBEFORE or "before or meets").
  std::vector<NodeId> before(NodeId x) const;
  // Nodes that start no earlier than x ends.
  std::vector<NodeId> after(NodeId x) const;
  // Nodes that certainly share time with x: y.start < x.end and x.start < y.end.
  std::vector<NodeId> overlapping(NodeId x) const;
  // Nodes within [from, to): start >= from and end <= to.
  RangeMatch within(const Instant& from, const Instant& to) const;
  // Nodes within a day.
  RangeMatch on(const Date& day) const;

  NodeBounds bounds(NodeId node) const;
  NodeBounds bounds(std::string_view id) const;
  // Every node in a linear order: a topological order of the starts, by group, ties within a
  // group broken by earliest start, then latest end, then text position (nodes without one
  // last), then NodeId.
  std::vector<TimelineEntry> timeline() const;

  // Every contradiction found, in the order they were resolved.
  const std::vector<Contradiction>& contradictions() const;
  // One line: "cycle: ei1 BEFORE ei2 (rule-a, 0.8); ei2 BEFORE ei1 (input, 1) -> dropped ..."
  std::string describe(const Contradiction& contradiction) const;

  // Bytes held by the graph (capacities of its arrays).
  std::size_t memory_usage() const;

 private:
  std::unique_ptr<detail::GraphEngine> engine_;
};

// The reduced form of a set of links: in order, each link is dropped when the links kept so
// far together with those after it entail it; VAGUE links and self-links (from == to) are
// always dropped. Returns kept[k] for each link. Of links that entail each other (duplicates,
// a SIMULTANEOUS next to a DURING), the last is kept.
std::vector<bool> reduce(const std::vector<Link>& links, const GraphOptions& options = {});

// A day as Bounds: [d 00:00, d+1 00:00).
Bounds day_bounds(const Date& day);

}  // namespace chronicle
