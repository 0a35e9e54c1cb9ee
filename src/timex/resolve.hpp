// Anchoring a Meaning: turns what an expression says into a TIMEX3 value and date bounds,
// given the DCT, the last mentioned time, the direction policy and the clause's tense.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "chronicle/timex_finder.hpp"
#include "meaning.hpp"

namespace chronicle::detail {

// A timex id ("t0", "t12", or none) held in place: anchors are copied from expression to
// expression, and a std::string copy is a library call each time. The ids are the finder's
// own ("t" and a count), so 15 bytes hold them.
class AnchorId {
 public:
  AnchorId() = default;
  AnchorId(std::string_view s) {  // NOLINT(google-explicit-constructor): an id is its text
    if (s.size() > sizeof text_) throw std::length_error("timex id too long for an anchor");
    std::memcpy(text_, s.data(), s.size());
    size_ = static_cast<std::uint8_t>(s.size());
  }
  std::string_view view() const { return {text_, size_}; }
  bool empty() const { return size_ == 0; }

 private:
  char text_[15] = {};
  std::uint8_t size_ = 0;
};

// A time an expression can be counted from. Fields are -1 when unknown; a year-less DCT has
// month and day but no year.
struct Anchor {
  int year = -1, month = -1, day = -1, hour = -1, minute = -1;
  int decade = -1, century = -1;  // for coarse anchors ("the 1990s")
  int quarter = -1, half = -1;    // for period anchors ("the third quarter")
  AnchorId id;                    // "t0" for the DCT, "tN" for a mentioned time

  bool has_day() const { return month > 0 && day > 0; }
  bool has_month() const { return month > 0; }
  // The first month the anchor covers (a quarter's or half's first), 0 when it names none.
  int first_month() const {
    return quarter > 0 ? 3 * (quarter - 1) + 1 : half > 0 ? 6 * (half - 1) + 1 : std::max(month, 0);
  }
  bool has_year() const { return year >= 0; }
  bool any() const { return year >= 0 || month > 0 || decade >= 0 || century >= 0; }
  // A reporting period: a quarter, a half or a month of a known year.
  bool is_period() const {
    return year >= 0 && (quarter > 0 || half > 0 || (month > 0 && day < 0));
  }
  // The anchor of a point value; an empty anchor for anything else.
  static Anchor of(const TimeValue& v, std::string_view id);
};

// The clause around an expression as its direction reads it: the clause's tense (or what a
// signal word before the expression says instead), and whether a preposition before it asks
// for the nearest reading ("until Jan. 19").
struct ClauseReading {
  ClauseTense tense = ClauseTense::unknown;
  bool nearest = false;  // a preposition asks for the nearest reading ("until Jan. 19")
  // A verb before it calls off or moves what the expression dates ("canceled Saturday's
  // parade"): the nearest reading, even for a possessive that otherwise looks back.
  bool called_off = false;
  // "after" or "past" comes just before it ("shortly after midnight").
  bool after = false;
  // A to-infinitive sits between the expression and its clause's verb ("agreed to buy the
  // line in February"): the expression may date the intended act, not the clause's.
  bool infinitive = false;
  // The future comes from a timetable's present ("The trial opens Feb. 14"): a date of the
  // month is the next one unless it passed within 45 days ("The curfew runs from Jan. 3", on
  // Jan. 6); a weekday the next.
  bool timetable = false;
};

struct ResolveInput {
  const Meaning* meaning = nullptr;
  // Every meaning the scanner built, by index: what `anchor $expr` points into.
  const Meaning* meanings = nullptr;
  Anchor dct;                   // the document creation time (may be empty or year-less)
  Anchor last;                  // the last mentioned time (may be empty)
  Anchor last_day;              // the last mentioned day (may be empty)
  bool last_is_recent = false;  // mentioned in this sentence or the one before
  Anchor reported;              // the last quarter or half mentioned (may be empty)
  Anchor sentence_day;          // a day mentioned earlier in the same sentence (may be empty)
  // A year alone that sets the sentence in it, earlier in the sentence ("in 2012", "of 2012").
  Anchor sentence_year;
  bool day_follows = false;  // sentence_day is the day just after ("midnight on Dec. 31")
  bool range_end = false;    // read as the end of a range from the `dct` anchor (its start)
  DirectionPolicy policy = DirectionPolicy::news;
  Anchoring anchoring = Anchoring::news;
  // The clause: read_clause(clause_source) when given, called only when a direction depends
  // on it (durations, years and most named dates never ask); else `clause`.
  ClauseReading (*read_clause)(const void* source) = nullptr;
  const void* clause_source = nullptr;
  ClauseReading clause;
};

struct Resolved {
  bool valid = true;  // false: the words name no possible date ("Feb. 30")
  TimexType type = TimexType::date;
  TimeValue value;
  TimexMod mod = TimexMod::none;
  bool temporal_function = false;
  // In place, as an anchor holds it: a std::string assigned from a view is a library call
  // per anchored expression; the finder writes it into the timex byte by byte.
  AnchorId anchor_id;
  std::optional<Bounds> bounds;
  std::string quant, freq;
};

Resolved resolve(const ResolveInput& in);

// Narrows or widens bounds as a TIMEX3 mod says ("early 2021" is its first third).
std::optional<Bounds> apply_mod(const std::optional<Bounds>& b, TimexMod mod);

}  // namespace chronicle::detail
