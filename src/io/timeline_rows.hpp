// What every export of a Timeline shows the same way: events in timeline order with their
// group, bounds and anchor, ISO 8601 instants, sentence text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chronicle/timeline.hpp"

namespace chronicle::detail {

struct EventRow {
  const Event* event = nullptr;
  std::size_t index = 0;    // in Timeline::events
  std::uint32_t order = 0;  // 1-based position among the events of the linear timeline
  std::uint32_t group = 0;  // 1-based; events the graph leaves mutually unordered share one
  NodeBounds bounds;        // from the graph
  // The time the event is anchored to: the timex (or the DCT) that a link of the graph (not
  // one dropped to resolve a contradiction) places it in or at, a timex in the text before the
  // DCT, then the most confident link, then the first. nullptr when no link does.
  const Timex* anchor = nullptr;
};

// Every event of the timeline, in the graph's timeline order.
std::vector<EventRow> event_rows(const Timeline& t);

// The event's earliest start and latest end, the interval it certainly lies in.
inline const Instant& earliest(const NodeBounds& b) {
  return b.earliest_start;
}
inline const Instant& latest(const NodeBounds& b) {
  return b.latest_end;
}

// Whether an instant is a real date (not +/- infinity nor not-a-date-time).
inline bool finite(const Instant& t) {
  return !t.is_special();
}

// Appends "2022-01-05T18:00" (":ss" when the seconds are not zero) for a finite instant,
// nothing otherwise. Allocates nothing.
void append_iso(std::string& out, const Instant& t);
inline std::string iso(const Instant& t) {
  std::string s;
  append_iso(s, t);
  return s;
}

// The text of the sentence that holds an event.
std::string_view sentence_text(const Timeline& t, const Event& e);

// The text a timex covers; for the DCT, the dateline's date when there is one.
std::string_view timex_text(const Timeline& t, const Timex& x);

}  // namespace chronicle::detail

namespace chronicle::detail {

// A reader's words for [earliest, latest): "2022-01-05", "2022-01", "1991",
// "2022-01-05 – 2022-01-18", "2022-01-05T18:00 – 2022-01-06T06:00", "before 2022-01-06",
// "from 2022-01-05", "undated".
std::string range_label(const Instant& earliest, const Instant& latest);

}  // namespace chronicle::detail
