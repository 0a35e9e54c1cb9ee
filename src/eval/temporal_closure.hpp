// The closure and reduction of a TLINK graph that eval needs. Not the timeline graph engine:
// the engine resolves a contradiction by dropping a link, and a scorer must take each file's
// links as given (some tbaq gold files contradict themselves; through the engine, gold scored
// against itself gets TLINK F1 99.22, not 100). Internal to src/eval.
#pragma once

#include <chronicle/link.hpp>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace chronicle::detail {

// A relation between intervals numbered 0..intervals-1.
struct IntervalLink {
  std::size_t from = 0;
  std::size_t to = 0;
  Relation relation = Relation::vague;
};

// The point-algebra closure of a set of interval links: interval i has a start point and an
// end point, start < end; each relation is a conjunction of < and = between endpoints
// (DURING, DURING_INV and IDENTITY as SIMULTANEOUS). entails() answers whether every
// endpoint constraint of a relation follows from the links. An inconsistent set (a cycle
// through a <) entails the relations along its cycles; nothing is dropped.
class IntervalClosure {
 public:
  // `use[k]` false leaves links[k] out (all are used when `use` is empty).
  IntervalClosure(std::size_t intervals, const std::vector<IntervalLink>& links,
                  const std::vector<bool>& use = {});

  bool entails(const IntervalLink& link) const;

 private:
  std::size_t find(std::size_t point) const;
  bool before(std::size_t p, std::size_t q) const;  // p < q follows

  mutable std::vector<std::size_t> parent_;                // union-find over "="
  std::vector<std::vector<std::size_t>> successors_;       // "<" edges between classes
  mutable std::vector<std::vector<std::uint64_t>> reach_;  // per class, computed on demand
};

// The links of a minimal graph with the same closure: in order, each link is dropped when the
// links kept so far and those after it entail it. Returns use[k] = kept.
std::vector<bool> reduce(std::size_t intervals, const std::vector<IntervalLink>& links);

}  // namespace chronicle::detail
