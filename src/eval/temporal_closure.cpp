// Point-algebra closure: union-find for "=", reachability over "<" edges between classes.
// With only < and = constraints this is complete: p < q follows exactly when q's class is
// reachable from p's through at least one edge, and p = q exactly when they share a class.
#include "temporal_closure.hpp"

#include <utility>

namespace chronicle::detail {

namespace {

struct PointConstraint {
  std::size_t p, q;
  bool strict;  // p < q; else p = q
};

std::size_t start(std::size_t interval) {
  return 2 * interval;
}
std::size_t end(std::size_t interval) {
  return 2 * interval + 1;
}

// Appends the endpoint constraints of `a relation b`.
void constraints(const IntervalLink& l, std::vector<PointConstraint>& out) {
  const auto a = l.from, b = l.to;
  switch (l.relation) {
    case Relation::before:
      out.push_back({end(a), start(b), true});
      break;
    case Relation::after:
      out.push_back({end(b), start(a), true});
      break;
    case Relation::ibefore:
      out.push_back({end(a), start(b), false});
      break;
    case Relation::iafter:
      out.push_back({end(b), start(a), false});
      break;
    case Relation::begins:
      out.push_back({start(a), start(b), false});
      out.push_back({end(a), end(b), true});
      break;
    case Relation::begun_by:
      out.push_back({start(a), start(b), false});
      out.push_back({end(b), end(a), true});
      break;
    case Relation::ends:
      out.push_back({end(a), end(b), false});
      out.push_back({start(b), start(a), true});
      break;
    case Relation::ended_by:
      out.push_back({end(a), end(b), false});
      out.push_back({start(a), start(b), true});
      break;
    case Relation::includes:
      out.push_back({start(a), start(b), true});
      out.push_back({end(b), end(a), true});
      break;
    case Relation::is_included:
      out.push_back({start(b), start(a), true});
      out.push_back({end(a), end(b), true});
      break;
    case Relation::during:
    case Relation::during_inv:
    case Relation::simultaneous:
    case Relation::identity:
      out.push_back({start(a), start(b), false});
      out.push_back({end(a), end(b), false});
      break;
    case Relation::vague:
      break;
  }
}

}  // namespace

IntervalClosure::IntervalClosure(std::size_t intervals, const std::vector<IntervalLink>& links,
                                 const std::vector<bool>& use) {
  const std::size_t points = 2 * intervals;
  parent_.resize(points);
  for (std::size_t p = 0; p < points; ++p) parent_[p] = p;
  std::vector<PointConstraint> cs;
  cs.reserve(intervals + 2 * links.size());
  for (std::size_t i = 0; i < intervals; ++i) cs.push_back({start(i), end(i), true});
  for (std::size_t k = 0; k < links.size(); ++k) {
    if (use.empty() || use[k]) constraints(links[k], cs);
  }
  for (const auto& c : cs) {
    if (c.strict) continue;
    const auto a = find(c.p), b = find(c.q);
    if (a != b) parent_[a] = b;
  }
  successors_.resize(points);
  for (const auto& c : cs) {
    if (c.strict) successors_[find(c.p)].push_back(find(c.q));
  }
  reach_.resize(points);
}

std::size_t IntervalClosure::find(std::size_t p) const {
  while (parent_[p] != p) {
    parent_[p] = parent_[parent_[p]];
    p = parent_[p];
  }
  return p;
}

bool IntervalClosure::before(std::size_t p, std::size_t q) const {
  const auto from = find(p), to = find(q);
  auto& bits = reach_[from];
  if (bits.empty()) {
    // Classes reachable from `from` through at least one "<" edge.
    bits.assign(parent_.size() / 64 + 1, 0);
    std::vector<std::size_t> stack(successors_[from].begin(), successors_[from].end());
    while (!stack.empty()) {
      const auto c = stack.back();
      stack.pop_back();
      auto& word = bits[c / 64];
      const std::uint64_t bit = std::uint64_t{1} << (c % 64);
      if (word & bit) continue;
      word |= bit;
      for (auto s : successors_[c]) stack.push_back(s);
    }
  }
  return (bits[to / 64] >> (to % 64)) & 1u;
}

bool IntervalClosure::entails(const IntervalLink& link) const {
  std::vector<PointConstraint> cs;
  constraints(link, cs);
  for (const auto& c : cs) {
    if (c.strict ? !before(c.p, c.q) : find(c.p) != find(c.q)) return false;
  }
  return true;
}

std::vector<bool> reduce(std::size_t intervals, const std::vector<IntervalLink>& links) {
  std::vector<bool> use(links.size(), true);
  for (std::size_t k = 0; k < links.size(); ++k) {
    use[k] = false;
    if (!IntervalClosure(intervals, links, use).entails(links[k])) use[k] = true;
  }
  return use;
}

}  // namespace chronicle::detail
