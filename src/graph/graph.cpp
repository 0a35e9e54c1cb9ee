// chronicle::Graph: the public face of the engine, and the closure helpers built on it.
#include <fmt/format.h>

#include <limits>
#include <stdexcept>
#include <unordered_map>

#include "engine.hpp"

namespace chronicle {

using detail::GraphEngine;

std::vector<EndpointConstraint> constraints_of(Relation relation, const GraphOptions& options) {
  const GraphEngine engine(options);
  std::vector<EndpointConstraint> out;
  const auto& cl = engine.cons_of(GraphEngine::code_of(relation));
  for (std::size_t k = 0; k < cl.n; ++k) {
    const auto& c = cl.c[k];
    // Sides: bit 1 = node (0: from, 1: to), bit 0 = endpoint. Write each as from OP to.
    const bool swapped = (c.lhs & 2) != 0;
    const auto a = swapped ? c.rhs : c.lhs, b = swapped ? c.lhs : c.rhs;
    PointOp op = c.op == detail::graph::op_lt   ? PointOp::less
                 : c.op == detail::graph::op_le ? PointOp::less_equal
                                                : PointOp::equal;
    if (swapped && op == PointOp::less) op = PointOp::greater;
    if (swapped && op == PointOp::less_equal) op = PointOp::greater_equal;
    out.push_back({static_cast<Endpoint>(a & 1), op, static_cast<Endpoint>(b & 1)});
  }
  return out;
}

Graph::Graph(GraphOptions options) : engine_(std::make_unique<GraphEngine>(options)) {}
Graph::~Graph() = default;
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;

Graph Graph::of(const std::vector<Link>& links, GraphOptions options) {
  Graph g(options);
  g.reserve(2 * links.size(), links.size());
  for (const auto& l : links) {
    if (!g.find(l.from)) g.add_event(l.from);
    if (!g.find(l.to)) g.add_event(l.to);
  }
  for (const auto& l : links) g.add_link(l);
  return g;
}

const GraphOptions& Graph::options() const {
  return engine_->options();
}
void Graph::reserve(std::size_t nodes, std::size_t links) {
  engine_->reserve(nodes, links);
}

NodeId Graph::add_event(std::string_view id, std::optional<std::uint32_t> position,
                        std::optional<Bounds> bounds) {
  return engine_->add_node(id, NodeKind::event, position, bounds, BoundsFit::within, 1.0);
}
NodeId Graph::add_time(std::string_view id, std::optional<Bounds> bounds,
                       std::optional<std::uint32_t> position, BoundsFit fit) {
  return engine_->add_node(id, NodeKind::time, position, bounds, fit, 1.0);
}
NodeId Graph::add_dct(std::string_view id, std::optional<Bounds> bounds, BoundsFit fit) {
  return engine_->add_node(id, NodeKind::dct, std::nullopt, bounds, fit, 1.0);
}
NodeId Graph::add_node(std::string_view id, NodeKind kind, std::optional<std::uint32_t> position,
                       std::optional<Bounds> bounds, BoundsFit fit, double bounds_confidence) {
  return engine_->add_node(id, kind, position, bounds, fit, bounds_confidence);
}

std::optional<NodeId> Graph::add_node_if_new(std::string_view id, NodeKind kind,
                                             std::optional<std::uint32_t> position,
                                             std::optional<Bounds> bounds, BoundsFit fit,
                                             double bounds_confidence) {
  const auto n = engine_->add_node(id, kind, position, bounds, fit, bounds_confidence, true);
  if (n == detail::graph::npos) return std::nullopt;
  return n;
}

namespace {
std::optional<std::uint32_t> position_of(const Span& span) {
  if (span.begin > std::numeric_limits<std::uint32_t>::max()) return std::nullopt;
  return static_cast<std::uint32_t>(span.begin);
}
}  // namespace

NodeId Graph::add(const Event& event) {
  const std::string& id = event.instance_id.empty() ? event.id : event.instance_id;
  return add_event(id, position_of(event.span));
}

BoundsFit bounds_fit(const Timex& timex) {
  if (timex.mod != TimexMod::none || timex.value.is_reference() ||
      (timex.type != TimexType::date && timex.type != TimexType::time)) {
    return BoundsFit::within;
  }
  // One winter is three months; 2021-WI's bounds run from December 2020 to March 2022.
  const bool either_winter = timex.value.is_point() &&
                             timex.value.point().season == Season::winter && timex.bounds &&
                             (timex.bounds->latest - timex.bounds->earliest).hours() > 24 * 120;
  return either_winter ? BoundsFit::within : BoundsFit::exact;
}

NodeId Graph::add(const Timex& timex) {
  const bool dct = timex.function == DocumentFunction::creation_time;
  return engine_->add_node(timex.id, dct ? NodeKind::dct : NodeKind::time,
                           dct ? std::nullopt : position_of(timex.span), timex.bounds,
                           bounds_fit(timex), 1.0);
}

std::optional<NodeId> Graph::find(std::string_view id) const {
  const auto n = engine_->find(id);
  if (n == detail::graph::npos) return std::nullopt;
  return n;
}

NodeId Graph::at(std::string_view id) const {
  const auto n = engine_->find(id);
  if (n == detail::graph::npos) {
    throw std::out_of_range(fmt::format("chronicle::Graph: no node '{}'", id));
  }
  return n;
}

std::size_t Graph::node_count() const {
  return engine_->node_count();
}
NodeView Graph::node(NodeId node) const {
  return engine_->node(node);
}
NodeKind Graph::kind(NodeId node) const {
  return engine_->kind(node);
}
std::optional<NodeId> Graph::dct() const {
  return engine_->dct();
}

LinkId Graph::add_link(const Link& link) {
  const auto from = engine_->find(link.from), to = engine_->find(link.to);
  if (from == detail::graph::npos || to == detail::graph::npos) {
    throw std::invalid_argument(fmt::format(
        "chronicle::Graph: link{}{} refers to unknown node '{}'", link.id.empty() ? "" : " ",
        link.id, from == detail::graph::npos ? link.from : link.to));
  }
  return engine_->add_link(from, to, GraphEngine::code_of(link.relation), link.provenance,
                           link.confidence, link.id);
}

LinkId Graph::add_link(std::string_view from, std::string_view to, Relation relation,
                       std::string_view provenance, double confidence) {
  return engine_->add_link(at(from), at(to), GraphEngine::code_of(relation), provenance, confidence,
                           {});
}

LinkId Graph::add_link(NodeId from, NodeId to, Relation relation, std::string_view provenance,
                       double confidence) {
  return engine_->add_link(from, to, GraphEngine::code_of(relation), provenance, confidence, {});
}

LinkId Graph::add_link(NodeId from, NodeId to, const Link& link) {
  return engine_->add_link(from, to, GraphEngine::code_of(link.relation), link.provenance,
                           link.confidence, link.id);
}

LinkId Graph::add_constraint(NodeId from, NodeId to, EndpointConstraint constraint,
                             std::string_view provenance, double confidence) {
  if (static_cast<unsigned>(constraint.op) > static_cast<unsigned>(PointOp::greater) ||
      static_cast<unsigned>(constraint.from) > 1 || static_cast<unsigned>(constraint.to) > 1) {
    throw std::invalid_argument("chronicle::Graph: malformed endpoint constraint");
  }
  return engine_->add_link(from, to, GraphEngine::code_of(constraint), provenance, confidence, {});
}

std::size_t Graph::link_count() const {
  return engine_->link_count();
}
LinkView Graph::link(LinkId link) const {
  return engine_->link(link);
}

Link Graph::to_link(LinkId link) const {
  const LinkView v = engine_->link(link);
  Link l;
  l.id = std::string(v.id);
  l.from = std::string(engine_->node(v.from).id);
  l.to = std::string(engine_->node(v.to).id);
  l.relation = v.relation.value_or(Relation::vague);
  l.provenance = std::string(v.provenance);
  l.confidence = v.confidence;
  return l;
}

void Graph::update() {
  engine_->update();
}

namespace {
void check_node(const GraphEngine& e, NodeId n) {
  if (n >= e.node_count()) throw std::out_of_range("chronicle::Graph: no such node");
}
std::uint32_t point(NodeId n, Endpoint e) {
  return 2 * n + static_cast<std::uint32_t>(e);
}
}  // namespace

Entailment Graph::relation(NodeId a, NodeId b) const {
  check_node(*engine_, a);
  check_node(*engine_, b);
  engine_->update();
  return engine_->relation(a, b);
}

Entailment Graph::relation(std::string_view a, std::string_view b) const {
  return relation(at(a), at(b));
}

PointRelation Graph::point_relation(NodeId a, Endpoint pa, NodeId b, Endpoint pb) const {
  check_node(*engine_, a);
  check_node(*engine_, b);
  engine_->update();
  const auto p = point(a, pa), q = point(b, pb);
  if (a == b) {
    return p == q ? PointRelation::equal : (p < q ? PointRelation::less : PointRelation::greater);
  }
  return engine_->point_relation(p, q);
}

EndpointRelations Graph::endpoint_relations(NodeId a, NodeId b) const {
  check_node(*engine_, a);
  check_node(*engine_, b);
  engine_->update();
  return engine_->endpoint_relations(a, b);
}

EndpointRelations Graph::endpoint_relations(std::string_view a, std::string_view b) const {
  return endpoint_relations(at(a), at(b));
}

Proof Graph::explain(NodeId a, Endpoint pa, NodeId b, Endpoint pb) const {
  check_node(*engine_, a);
  check_node(*engine_, b);
  engine_->update();
  if (a == b) return {};
  return engine_->explain(point(a, pa), point(b, pb));
}

bool Graph::entails(const Link& link) const {
  if (link.relation == Relation::vague) return true;
  return entails(at(link.from), at(link.to), link.relation);
}

bool Graph::entails(NodeId from, NodeId to, Relation relation) const {
  check_node(*engine_, from);
  check_node(*engine_, to);
  engine_->update();
  return engine_->entails(from, to, GraphEngine::code_of(relation));
}

bool Graph::entails(NodeId from, NodeId to, EndpointConstraint constraint) const {
  check_node(*engine_, from);
  check_node(*engine_, to);
  engine_->update();
  return engine_->entails(from, to, GraphEngine::code_of(constraint));
}

std::vector<NodeId> Graph::before(NodeId x) const {
  check_node(*engine_, x);
  engine_->update();
  return engine_->ordered_with(point(x, Endpoint::start), true);
}

std::vector<NodeId> Graph::after(NodeId x) const {
  check_node(*engine_, x);
  engine_->update();
  return engine_->ordered_with(point(x, Endpoint::end), false);
}

std::vector<NodeId> Graph::overlapping(NodeId x) const {
  check_node(*engine_, x);
  engine_->update();
  return engine_->overlapping(x);
}

RangeMatch Graph::within(const Instant& from, const Instant& to) const {
  engine_->update();
  return engine_->within(detail::graph::lower_seconds(detail::graph::lower_key(from)),
                         detail::graph::upper_seconds(detail::graph::upper_key(to)));
}

RangeMatch Graph::on(const Date& day) const {
  const Bounds b = day_bounds(day);
  return within(b.earliest, b.latest);
}

NodeBounds Graph::bounds(NodeId node) const {
  check_node(*engine_, node);
  engine_->update();
  return engine_->bounds(node);
}

NodeBounds Graph::bounds(std::string_view id) const {
  return bounds(at(id));
}

std::vector<TimelineEntry> Graph::timeline() const {
  engine_->update();
  return engine_->timeline();
}

const std::vector<Contradiction>& Graph::contradictions() const {
  engine_->update();
  return engine_->contradictions();
}

std::string Graph::describe(const Contradiction& contradiction) const {
  return engine_->describe(contradiction);
}

std::size_t Graph::memory_usage() const {
  return engine_->memory();
}

std::vector<bool> reduce(const std::vector<Link>& links, const GraphOptions& options) {
  const std::size_t n = links.size();
  std::vector<bool> kept(n, false);
  // Node numbers once, so that each graph below is built from integers.
  std::unordered_map<std::string, NodeId> ids;
  std::vector<std::pair<NodeId, NodeId>> ends(n);
  for (std::size_t k = 0; k < n; ++k) {
    ends[k].first = ids.emplace(links[k].from, static_cast<NodeId>(ids.size())).first->second;
    ends[k].second = ids.emplace(links[k].to, static_cast<NodeId>(ids.size())).first->second;
  }
  auto counts = [&](std::size_t k) {
    return links[k].relation != Relation::vague && ends[k].first != ends[k].second;
  };
  for (std::size_t k = 0; k < n; ++k) {
    if (!counts(k)) continue;
    Graph g(options);
    g.reserve(ids.size(), n);
    for (std::size_t i = 0; i < ids.size(); ++i) g.add_event(fmt::format("n{}", i));
    for (std::size_t j = 0; j < n; ++j) {
      if (j == k || !counts(j) || (j < k && !kept[j])) continue;
      g.add_link(ends[j].first, ends[j].second, links[j].relation, "reduce", links[j].confidence);
    }
    kept[k] = !g.entails(ends[k].first, ends[k].second, links[k].relation);
  }
  return kept;
}

}  // namespace chronicle
