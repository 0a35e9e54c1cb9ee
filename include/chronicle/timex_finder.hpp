// The temporal-expression stage: finds TIMEX3 expressions in a Document and normalizes them
// against the document creation time (DCT) or the story's dateline.
//
//   auto doc = chronicle::Document::parse(text);
//   chronicle::TimexOptions options;
//   options.dct = chronicle::TimeValue::date(2022, 1, 6);
//   for (const auto& t : chronicle::find_timexes(doc, options).timexes)
//     fmt::print("{} {} {}\n", doc.text(t.span), to_string(t.type), t.value.str());
//
// The rules and word lists are data (src/timex/data/), compiled into the library; each rule
// file has an example corpus (src/timex/examples/) that the tests run.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chronicle/document.hpp"
#include "chronicle/timex.hpp"

namespace chronicle {

// Which way an expression without a fixed date points ("Wednesday", "Dec. 28", "in March").
enum class DirectionPolicy : std::uint8_t {
  news,     // tense-aware, leaning to the past: the latest such day on or before the DCT in a
            // past or present clause, the next one in a future clause
  closest,  // the nearest one either way
  future,   // the next one on or after the DCT
};

// What relative expressions are anchored to.
enum class Anchoring : std::uint8_t {
  news,       // the DCT, except expressions that ask for the last mentioned time
              // ("the next day", "two days later", "that evening")
  narrative,  // the last mentioned time throughout
};

struct TimexOptions {
  // The document creation time: a date or date-time value, possibly year-less (XXXX-01-06).
  std::optional<TimeValue> dct;
  // A year for a year-less DCT or dateline.
  std::optional<int> year;
  DirectionPolicy policy = DirectionPolicy::news;
  Anchoring anchoring = Anchoring::news;
  // Take the DCT from a dateline ("Jan. 6 (UPI) --") when `dct` is not given.
  bool use_dateline = true;
};

// The dateline at the top of a story: "ALMATY, Kazakhstan, Jan. 6 (AP) --".
struct Dateline {
  Span span;                 // the whole dateline, through its dash
  std::optional<Span> date;  // the date in it, when there is one
  std::string agency;        // "AP", "UPI", "Reuters", "CNN"...
};

struct TimexResult {
  // The DCT as a TIMEX3 (tid "t0", functionInDocument CREATION_TIME); absent when neither the
  // options nor a dateline gave one.
  std::optional<Timex> dct;
  std::optional<Dateline> dateline;
  std::vector<Timex> timexes;  // in text order, tids t1, t2, ...
};

TimexResult find_timexes(const Document& doc, const TimexOptions& options = {});

}  // namespace chronicle
