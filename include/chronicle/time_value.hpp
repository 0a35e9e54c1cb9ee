// TimeValue: a TIMEX3 value (TimeML 1.2.1) as a typed record, not a string.
//
//   auto v = chronicle::TimeValue::parse("2022-01-05TNI");
//   v->grain();     // Grain::part_of_day
//   v->bounds();    // [2022-01-05 18:00, 2022-01-06 06:00)
//   v->str();       // "2022-01-05TNI"
//
// Forms: calendar points (2022, 2022-01, 2022-01-06, 2022-01-06T14:30:05, 2022-W01, 2022-W01-3,
// 2022-W01-WE, 2022-SU, 2022-Q1, 2022-H2, 199 (a decade), 19 (a century), with X for unknown
// digits: XXXX-01-19, XXXX-WXX-3, 199X, 19XX), parts of day (TMO, TAF, TEV, TNI, TDT), the
// references PRESENT_REF / PAST_REF / FUTURE_REF, and durations (P3D, PT2H30M, P1Y6M, PXD, P1DE,
// P2CE, P1W, P1Q). SET values use the same forms.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "chronicle/calendar.hpp"
#include "chronicle/result.hpp"

namespace chronicle {

// The unit a value is given to, coarsest first.
enum class Grain : std::uint8_t {
  unspecified,  // PRESENT_REF and friends
  millennium,
  century,
  decade,
  year,
  half,
  quarter,
  season,
  month,
  week,
  day,
  part_of_day,
  hour,
  minute,
  second,
};

enum class PartOfDay : std::uint8_t { none, morning, afternoon, evening, night, daytime };
enum class Season : std::uint8_t { none, spring, summer, fall, winter };

// A small integer field that is absent, present but unknown ("X"), or known.
template <class Int>
class Field {
 public:
  constexpr Field() = default;
  static constexpr Field unknown() { return Field(state::unknown, 0); }
  static constexpr Field of(int v) { return Field(state::known, static_cast<Int>(v)); }

  constexpr bool present() const { return state_ != state::absent; }
  constexpr bool known() const { return state_ == state::known; }
  constexpr bool is_unknown() const { return state_ == state::unknown; }
  // The value of a known field; 0 otherwise.
  constexpr int value() const { return known() ? value_ : 0; }

  friend constexpr bool operator==(Field a, Field b) {
    return a.state_ == b.state_ && a.value_ == b.value_;
  }
  friend constexpr bool operator!=(Field a, Field b) { return !(a == b); }

 private:
  enum class state : std::uint8_t { absent, unknown, known };
  constexpr Field(state s, Int v) : state_(s), value_(v) {}
  state state_ = state::absent;
  Int value_ = 0;
};

// The year part of a calendar value. TIMEX3 writes a year with 4 digits, a decade with 3
// ("199" is the 1990s) and a century with 2 ("19" is 1900-1999); any digit may be X.
struct YearField {
  std::int16_t value = 0;    // the digits as a number, X digits counting as 0 (199X -> 1990)
  std::uint8_t digits = 0;   // 0 (no year), 2, 3 or 4
  std::uint8_t unknown = 0;  // bit i set: digit i from the left is X

  bool present() const { return digits != 0; }
  bool known() const { return digits != 0 && unknown == 0; }
  friend bool operator==(const YearField& a, const YearField& b) {
    return a.value == b.value && a.digits == b.digits && a.unknown == b.unknown;
  }
  friend bool operator!=(const YearField& a, const YearField& b) { return !(a == b); }
};

// Units of a duration. Decades, centuries and millennia have two spellings in the wild
// (P1DE / P1E, P2CE / P2C, P1ML / P1L); both are kept so that values print as written.
enum class DurationUnit : std::uint8_t {
  millennium,
  century,
  decade,
  year,
  quarter,
  month,
  week,
  weekend,
  day,
  hour,
  minute,
  second,
  unknown,  // "X", as in PXX
};

struct DurationPart {
  DurationUnit unit = DurationUnit::day;
  bool known = true;           // false: the amount is X
  bool short_spelling = false; // E/C/L instead of DE/CE/ML
  std::uint64_t whole = 0;     // integer part of the amount
  std::uint32_t fraction = 0;  // decimal digits after the point, as written (P1.5Y: 5)
  std::uint8_t fraction_digits = 0;

  friend bool operator==(const DurationPart& a, const DurationPart& b) {
    return a.unit == b.unit && a.known == b.known && a.short_spelling == b.short_spelling &&
           a.whole == b.whole && a.fraction == b.fraction &&
           a.fraction_digits == b.fraction_digits;
  }
};

// [earliest, latest): the instants a value can cover. Either end may be +/- infinity.
struct Bounds {
  Instant earliest;
  Instant latest;

  bool empty() const { return !(earliest < latest); }
  bool contains(const Instant& t) const { return earliest <= t && t < latest; }
  friend bool operator==(const Bounds& a, const Bounds& b) {
    return a.earliest == b.earliest && a.latest == b.latest;
  }
};

class TimeValue {
 public:
  enum class Kind : std::uint8_t { point, duration, present_ref, past_ref, future_ref };

  // A calendar point. Each field is independent; ok() checks that they form a TIMEX3 value.
  struct Point {
    YearField year;
    // Exactly one of the following groups may follow the year.
    Field<std::int8_t> month, day;       // YYYY-MM, YYYY-MM-DD
    Field<std::int8_t> week, weekday;    // YYYY-Www, YYYY-Www-D
    std::uint8_t week_digits = 2;        // some corpora write W7 for W07; kept as written
    bool weekend = false;                // YYYY-Www-WE
    Season season = Season::none;        // YYYY-SU
    Field<std::int8_t> quarter, half;    // YYYY-Qn, YYYY-Hn
    // Time of day, after "T": a part of day or a clock time.
    PartOfDay part_of_day = PartOfDay::none;
    Field<std::int8_t> hour, minute, second;
    // Zone offset as written: none, "Z", "+hh", "+hhmm" or "+hh:mm".
    enum class Zone : std::uint8_t { none, utc, hours, hours_minutes, hours_colon_minutes };
    Zone zone = Zone::none;
    std::int16_t zone_minutes = 0;  // signed offset from UTC

    friend bool operator==(const Point& a, const Point& b);
  };

  struct Duration {
    static constexpr std::size_t max_parts = 8;
    std::array<DurationPart, max_parts> parts{};
    std::uint8_t size = 0;

    void push(const DurationPart& p) {
      if (size < max_parts) parts[size++] = p;
    }
    friend bool operator==(const Duration& a, const Duration& b);
  };

  TimeValue() = default;  // an empty (invalid) value; parse or a factory makes real ones

  // Parses every value form above. Returns a diagnostic for anything else, including
  // impossible dates (2022-02-30), months past 12, weeks a year does not have (2022-W53).
  static Result<TimeValue> parse(std::string_view text);

  // Factories for the common forms.
  static TimeValue of(const Point& p);
  static TimeValue of(const Duration& d);
  static TimeValue reference(Kind k);  // present_ref, past_ref or future_ref
  static TimeValue date(int year, int month, int day);
  static TimeValue year_month(int year, int month);
  static TimeValue year_only(int year);
  static TimeValue duration(std::uint64_t amount, DurationUnit unit);  // P3D, PT2H, P1DE...
  static TimeValue vague_duration(DurationUnit unit);                   // PXD, PXY...

  Kind kind() const { return kind_; }
  bool is_point() const { return kind_ == Kind::point; }
  bool is_duration() const { return kind_ == Kind::duration; }
  bool is_reference() const {
    return kind_ == Kind::present_ref || kind_ == Kind::past_ref || kind_ == Kind::future_ref;
  }
  const Point& point() const { return point_; }
  Point& point() { return point_; }
  const Duration& duration() const { return duration_; }
  Duration& duration() { return duration_; }

  // True when the value is well formed (what parse() accepts).
  bool ok() const;
  // Why it is not ok (empty when it is).
  std::string problem() const;

  // The TIMEX3 string. For an ok() value, parse(str()) gives back an equal value.
  std::string str() const;

  Grain grain() const;

  // Calendar bounds of a point whose year is known (or whose decade or century is); none
  // for durations, references and year-less values (XXXX-01-19 keeps its month and day but
  // has no absolute bounds). Parts of day: MO 06:00-12:00, AF 12:00-18:00, EV 18:00-24:00,
  // NI 18:00-06:00 next day, DT 06:00-18:00. Seasons (northern meteorological): SP Mar-May,
  // SU Jun-Aug, FA Sep-Nov; WI with year Y is read as either the winter that ends in Y or the
  // one that starts in Y, so its bounds are Dec Y-1 .. Mar Y+1. A zone offset is kept in the
  // value but not applied: bounds are in the text's local time.
  std::optional<Bounds> bounds() const;

  // Shortest and longest length of a duration in seconds (a month is 28..31 days, a year
  // 365..366); none for anything that is not a duration with every amount known.
  struct Length {
    double min_seconds;
    double max_seconds;
  };
  std::optional<Length> length() const;

  friend bool operator==(const TimeValue& a, const TimeValue& b);
  friend bool operator!=(const TimeValue& a, const TimeValue& b) { return !(a == b); }

 private:
  Kind kind_ = Kind::point;
  Point point_{};
  Duration duration_{};
};

// Names used in TIMEX3 strings and in messages.
std::string_view to_string(Grain g);
std::string_view to_string(PartOfDay p);  // "MO", "AF", "EV", "NI", "DT"; "" for none
std::string_view to_string(Season s);     // "SP", "SU", "FA", "WI"; "" for none

}  // namespace chronicle
