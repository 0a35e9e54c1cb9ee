// Meaning: what a matched expression says, before it is anchored to a date. Rule statements
// build it; resolve.hpp turns it into a TIMEX3 value against the DCT or the last mentioned
// time.
//
// Statements (arguments: a literal, or $capture, or -$capture for a negated number):
//   type DATE|TIME|DURATION|SET     the TIMEX3 type (default DATE)
//   tag NAME                        a label later layers can match as <NAME>
//   drop                            found, but not a temporal expression (names)
//   year Y | year2 YY               a year; a two-digit year takes its century from the anchor
//   month M | day D | weekday W | quarter Q | half H | week N
//   season S | pod P | weekend      season SP/SU/FA/WI, part of day MO/AF/EV/NI/DT
//   hour H | minute M | clock HH:MM | ampm AM|PM | zone Z
//   ampm_of_pod P                   AM or PM from a part of the day ("4 in the morning"); after
//   hour midnight                        midnight: the end of the day named with it, or of the
//   DCT's
//                                   day in a future clause; the midnight just past otherwise
//   clock_of $clock                 take the time of day of a captured clock time
//   decade YYYY | decade_word D     "the 1990s" (from 1990), "the nineties" (digit 9)
//   century N | century_ordinal N  "the 20th century": century_ordinal 20 -> 19
//   holiday SPEC                    MM-DD, MM-w-n, E+n (see lexicon.lex)
//   shift UNIT N                    N units from the anchor (UNIT: D W WE FN M Q Y DE CE H MI S)
//   shift_by $duration SIGN         as many units as a captured duration, SIGN + or -
//   grain UNIT                      the unit of the value ("a week ago" is a day: grain D)
//   anchor last|dct|period|none|$expr  what shift counts from (default: the document's
//                                   anchoring); none: nothing ("the second Tuesday after the
//                                   vote": XXXX-WXX-2);
//                                   $expr: the date a captured expression names ("the day
//                                   before Christmas");
//                                   period: the last mentioned quarter, half or month when
//                                   there is one ("a year ago" in an earnings report), else the
//                                   DCT; reported: the last quarter or half mentioned anywhere
//                                   before
//                                   ("the year-ago quarter", "the 1988 period"), else the DCT
//   grain anchor                    keep the grain of a period anchor: 1989-Q3 a year back is
//                                   1988-Q3
//   direction past|past_strict|future|future_strict|nearest   for weekdays, month-days...
//   overnight                       the night before the anchor (of the anchor in a future clause)
//   duration N|X UNIT               a duration part ("duration $n $u")
//   duration_of $duration           the duration of a captured expression
//   half_of UNIT                    add half a UNIT ("two and a half years": P2Y6M)
//   ref PAST|PRESENT|FUTURE         PAST_REF, ...
//   vague_past UNIT                 "days ago": PAST_REF, bounded a few UNITs back
//   vague_future UNIT               "in the coming days": FUTURE_REF, bounded a few UNITs ahead
//   mod MOD                         a TIMEX3 mod (START, APPROX...)
//   quant TEXT | freq NX            SET attributes; "freq $n" writes nX
//   set_word VALUE                  a SET value from the lexicon (P1D, TNI)
//   copy $expr                      start from a captured expression's meaning
//   merge $expr                     take the calendar fields (month, day, quarter, half, season,
//                                   weekday, time of day) a captured expression gives and this
//                                   one does not ("this year's" + "third quarter")
//   tense past|present|future       override the clause tense the direction policy reads
//   nth N                           with weekday and month: the N-th such weekday of the month
//                                   (-1: the last), "the second Tuesday of May"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chronicle/time_value.hpp"
#include "chronicle/timex.hpp"
#include "grammar.hpp"
#include "matcher.hpp"

namespace chronicle::detail {

enum class Unit : std::uint8_t {
  none,
  second,
  minute,
  hour,
  day,
  weekend,
  week,
  fortnight,
  month,
  quarter,
  half,
  year,
  decade,
  century,
  millennium,
};

// The lexicon's unit codes (Y M W D H MI S Q DE CE ML WE FN).
Unit parse_unit(std::string_view code);

enum class Direction : std::uint8_t { policy, past, past_strict, future, future_strict, nearest };
// none: nothing to count from ("the second Tuesday after the vote" names no date of its own).
enum class AnchorChoice : std::uint8_t { document, dct, last, period, reported, expression, none };
enum class ClauseTense : std::uint8_t { unknown, past, present, future };

struct Meaning {
  TimexType type = TimexType::date;
  // A word of the rule that set it ("tag monthday"): a view of the rules' text, which lives
  // as long as the engine, not a copy per expression.
  std::string_view tag;
  bool drop = false;

  // Calendar fields the text gives; -1 when not given.
  int year = -1, year2 = -1, month = -1, day = -1, weekday = -1, week = -1;
  int quarter = -1, half = -1, hour = -1, minute = -1;
  int decade = -1;        // three digits: 199 for the 1990s
  int decade_digit = -1;  // the decade's digit when the century is implied ("the '90s")
  int century = -1;       // two digits: 19 for the 20th century
  Season season = Season::none;
  PartOfDay pod = PartOfDay::none;
  bool weekend = false;
  int ampm = 0;  // 1 a.m., 2 p.m.
  bool midnight = false;
  TimeValue::Point::Zone zone = TimeValue::Point::Zone::none;
  int zone_minutes = 0;      // for a US zone ("ET"), its standard time
  bool zone_us = false;      // a US zone named without saying standard or daylight: by the date
  std::string_view holiday;  // views of the rules' or the lexicon's words, as the tag
  int nth = 0;               // the n-th `weekday` of `month` (-1: the last); 0: none

  // Relative to an anchor.
  bool shifted = false;
  Unit shift_unit = Unit::none;
  int shift = 0;
  Unit grain = Unit::none;
  bool grain_of_anchor = false;
  AnchorChoice anchor = AnchorChoice::document;
  std::int32_t anchor_expression = -1;  // AnchorChoice::expression: its index among the meanings
  Direction direction = Direction::policy;
  bool overnight = false;
  std::optional<ClauseTense> tense;

  // Durations, references, sets.
  TimeValue::Duration duration;
  std::optional<TimeValue::Kind> ref;
  Unit vague_unit = Unit::none;  // "days ago": PAST_REF bounded in days
  bool vague_future = false;
  std::string_view set_value;  // a SET value given whole (P1D, TNI)
  TimexMod mod = TimexMod::none;
  std::string_view quant, freq;
  std::optional<std::int64_t> freq_times;  // "freq $n": the freq is nX (and `freq` empty)

  bool has_calendar_fields() const {
    return year >= 0 || year2 >= 0 || month >= 0 || day >= 0 || weekday >= 0 || week >= 0 ||
           quarter >= 0 || half >= 0 || decade >= 0 || decade_digit >= 0 || century >= 0 ||
           season != Season::none || !holiday.empty();
  }
  bool has_time_of_day() const { return hour >= 0 || pod != PartOfDay::none || overnight; }
};

// Runs a rule's statements over its match. A captured word without a value reads as itself
// ("u=(week | month)" gives "week", and units read through the lexicon's unit class).
// `chunk_meanings` are the meanings of the expressions earlier layers found (captured by <kind>
// items). `out` is a default Meaning the statements fill; it may be an element of
// `chunk_meanings` that no capture names (so that a caller builds in place). Throws
// std::runtime_error for a statement whose argument makes no sense (reported with the rule's
// file and line).
void build_meaning(const Rule& rule, const Match& match, const Lexicon& lexicon,
                   const std::vector<Meaning>& chunk_meanings, Meaning& out);

}  // namespace chronicle::detail
