// Links: TimeML TLINKs between events, times and the document creation time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "chronicle/detail/enum_names.hpp"

namespace chronicle {

// The 14 TimeML TLINK relation types, plus vague (no constraint).
enum class Relation : std::uint8_t {
  before,
  after,
  includes,
  is_included,
  during,
  during_inv,
  simultaneous,
  identity,
  ibefore,
  iafter,
  begins,
  begun_by,
  ends,
  ended_by,
  vague,
};

// The relation seen from the other side: inverse(before) == after.
constexpr Relation inverse(Relation r) {
  switch (r) {
    case Relation::before: return Relation::after;
    case Relation::after: return Relation::before;
    case Relation::includes: return Relation::is_included;
    case Relation::is_included: return Relation::includes;
    case Relation::during: return Relation::during_inv;
    case Relation::during_inv: return Relation::during;
    case Relation::ibefore: return Relation::iafter;
    case Relation::iafter: return Relation::ibefore;
    case Relation::begins: return Relation::begun_by;
    case Relation::begun_by: return Relation::begins;
    case Relation::ends: return Relation::ended_by;
    case Relation::ended_by: return Relation::ends;
    case Relation::simultaneous:
    case Relation::identity:
    case Relation::vague: return r;
  }
  return r;
}

struct Link {
  std::string id;          // lid: "l1"
  std::string from;        // event instance id ("ei3") or time id ("t2"; "t0" is the DCT)
  std::string to;
  Relation relation = Relation::vague;
  std::string provenance;  // the rule that produced it, or "input"
  double confidence = 1.0; // in [0, 1]; the graph drops the least confident link of a conflict
};

namespace detail {
inline constexpr std::pair<Relation, std::string_view> relation_names[] = {
    {Relation::before, "BEFORE"},
    {Relation::after, "AFTER"},
    {Relation::includes, "INCLUDES"},
    {Relation::is_included, "IS_INCLUDED"},
    {Relation::during, "DURING"},
    {Relation::during_inv, "DURING_INV"},
    {Relation::simultaneous, "SIMULTANEOUS"},
    {Relation::identity, "IDENTITY"},
    {Relation::ibefore, "IBEFORE"},
    {Relation::iafter, "IAFTER"},
    {Relation::begins, "BEGINS"},
    {Relation::begun_by, "BEGUN_BY"},
    {Relation::ends, "ENDS"},
    {Relation::ended_by, "ENDED_BY"},
    {Relation::vague, "VAGUE"},
};
}  // namespace detail

// TimeML spelling: "BEFORE", "IS_INCLUDED", ..., "VAGUE".
constexpr std::string_view to_string(Relation r) {
  return detail::name_of(detail::relation_names, r);
}
constexpr std::optional<Relation> parse_relation(std::string_view s) {
  return detail::value_of(detail::relation_names, s);
}

}  // namespace chronicle
