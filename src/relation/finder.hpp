// find_links for reconstruct(): the same links, and with each the entities at its two ends, so
// that the timeline graph finds its nodes by index instead of looking their ids up again.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "chronicle/relation_finder.hpp"

namespace chronicle::detail::relation {

// One end of a link: the DCT, or a timex or an event by its index in the vectors given.
struct LinkEnd {
  enum class Kind : std::uint8_t { dct, time, event };
  Kind kind = Kind::dct;
  std::uint32_t index = 0;
};

struct LinkEnds {
  LinkEnd from, to;
};

// As chronicle::find_links; `ends` gets one entry per link, in the same order.
std::vector<Link> find_links(const Document& doc, const std::vector<Timex>& timexes,
                             const std::optional<Timex>& dct, const std::vector<Event>& events,
                             const RelationOptions& options, std::vector<LinkEnds>& ends);

}  // namespace chronicle::detail::relation
