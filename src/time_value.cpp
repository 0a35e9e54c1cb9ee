#include "chronicle/time_value.hpp"

#include <fmt/format.h>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include <cmath>

namespace chronicle {

namespace bg = boost::gregorian;
namespace bpt = boost::posix_time;

std::string_view to_string(Grain g) {
  switch (g) {
    case Grain::unspecified:
      return "unspecified";
    case Grain::millennium:
      return "millennium";
    case Grain::century:
      return "century";
    case Grain::decade:
      return "decade";
    case Grain::year:
      return "year";
    case Grain::half:
      return "half";
    case Grain::quarter:
      return "quarter";
    case Grain::season:
      return "season";
    case Grain::month:
      return "month";
    case Grain::week:
      return "week";
    case Grain::day:
      return "day";
    case Grain::part_of_day:
      return "part_of_day";
    case Grain::hour:
      return "hour";
    case Grain::minute:
      return "minute";
    case Grain::second:
      return "second";
  }
  return "unspecified";
}

std::string_view to_string(PartOfDay p) {
  switch (p) {
    case PartOfDay::morning:
      return "MO";
    case PartOfDay::afternoon:
      return "AF";
    case PartOfDay::evening:
      return "EV";
    case PartOfDay::night:
      return "NI";
    case PartOfDay::daytime:
      return "DT";
    case PartOfDay::none:
      break;
  }
  return "";
}

std::string_view to_string(Season s) {
  switch (s) {
    case Season::spring:
      return "SP";
    case Season::summer:
      return "SU";
    case Season::fall:
      return "FA";
    case Season::winter:
      return "WI";
    case Season::none:
      break;
  }
  return "";
}

bool operator==(const TimeValue::Point& a, const TimeValue::Point& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day && a.week == b.week &&
         a.weekday == b.weekday && a.week_digits == b.week_digits && a.weekend == b.weekend &&
         a.season == b.season && a.quarter == b.quarter && a.half == b.half &&
         a.part_of_day == b.part_of_day && a.hour == b.hour && a.minute == b.minute &&
         a.second == b.second && a.zone == b.zone && a.zone_minutes == b.zone_minutes;
}

bool operator==(const TimeValue::Duration& a, const TimeValue::Duration& b) {
  if (a.size != b.size) return false;
  for (std::size_t i = 0; i < a.size; ++i) {
    if (!(a.parts[i] == b.parts[i])) return false;
  }
  return true;
}

bool operator==(const TimeValue& a, const TimeValue& b) {
  if (a.kind_ != b.kind_) return false;
  if (a.kind_ == TimeValue::Kind::point) return a.point_ == b.point_;
  if (a.kind_ == TimeValue::Kind::duration) return a.duration_ == b.duration_;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Factories

TimeValue TimeValue::of(const Point& p) {
  TimeValue v;
  v.kind_ = Kind::point;
  v.point_ = p;
  return v;
}

TimeValue TimeValue::of(const Duration& d) {
  TimeValue v;
  v.kind_ = Kind::duration;
  v.duration_ = d;
  return v;
}

TimeValue TimeValue::reference(Kind k) {
  TimeValue v;
  v.kind_ = k;
  return v;
}

TimeValue TimeValue::year_only(int year) {
  Point p;
  p.year = YearField{static_cast<std::int16_t>(year), 4, 0};
  return of(p);
}

TimeValue TimeValue::year_month(int year, int month) {
  TimeValue v = year_only(year);
  v.point_.month = Field<std::int8_t>::of(month);
  return v;
}

TimeValue TimeValue::date(int year, int month, int day) {
  TimeValue v = year_month(year, month);
  v.point_.day = Field<std::int8_t>::of(day);
  return v;
}

TimeValue TimeValue::duration(std::uint64_t amount, DurationUnit unit) {
  Duration d;
  DurationPart part;
  part.unit = unit;
  part.whole = amount;
  d.push(part);
  return of(d);
}

TimeValue TimeValue::vague_duration(DurationUnit unit) {
  Duration d;
  DurationPart part;
  part.unit = unit;
  part.known = false;
  d.push(part);
  return of(d);
}

// ---------------------------------------------------------------------------------------------
// Validation

namespace {

bool is_time_unit(DurationUnit u) {
  return u == DurationUnit::hour || u == DurationUnit::minute || u == DurationUnit::second;
}

template <class Int>
bool in_range(Field<Int> f, int lo, int hi) {
  return !f.known() || (f.value() >= lo && f.value() <= hi);
}

// Why a value is not well formed, or null when it is: a literal, so that ok() builds no
// string for every value it checks.
// A date of a known year and nothing else ("2022-01-06"), the most common value: point_problem
// checks it with the few tests that can fail for it, in the order of the full list.
bool plain_date(const TimeValue::Point& p) {
  return p.year.digits == 4 && p.year.unknown == 0 && p.month.known() && p.day.known() &&
         !p.week.present() && !p.weekday.present() && !p.weekend && p.season == Season::none &&
         !p.quarter.present() && !p.half.present() && p.part_of_day == PartOfDay::none &&
         !p.hour.present() && !p.minute.present() && !p.second.present() &&
         p.zone == TimeValue::Point::Zone::none;
}

const char* point_problem(const TimeValue::Point& p) {
  const auto& y = p.year;
  if (plain_date(p)) {
    if (y.value < 0 || y.value > 9999) return "year out of range";
    if (p.week_digits != 1 && p.week_digits != 2) return "a week number has 1 or 2 digits";
    if (!in_range(p.month, 1, 12)) return "month out of range";
    const int max_day = calendar::days_in_month(y.value, p.month.value());
    if (p.day.value() < 1 || p.day.value() > max_day) return "day out of range for its month";
    if (p.zone_minutes < -24 * 60 || p.zone_minutes > 24 * 60) return "zone offset out of range";
    return nullptr;
  }
  if (y.digits != 2 && y.digits != 3 && y.digits != 4)
    return "a date needs a year of 2 to 4 digits";
  if (y.value < 0 || y.value > 9999) return "year out of range";
  const bool has_month = p.month.present() || p.day.present();
  const bool has_week = p.week.present() || p.weekday.present() || p.weekend;
  const int groups = int{has_month} + int{has_week} + int{p.season != Season::none} +
                     int{p.quarter.present()} + int{p.half.present()};
  if (groups > 1) return "a date has at most one of month, week, season, quarter or half";
  const bool has_time = p.part_of_day != PartOfDay::none || p.hour.present();
  if (y.digits < 4 && (groups > 0 || has_time)) return "a decade or century takes no month or time";
  if (p.day.present() && !p.month.present()) return "a day needs a month";
  if ((p.weekday.present() || p.weekend) && !p.week.present()) return "a weekday needs a week";
  if (p.weekday.present() && p.weekend) return "a week has a weekday or a weekend, not both";
  if (p.week_digits != 1 && p.week_digits != 2) return "a week number has 1 or 2 digits";
  if (!in_range(p.month, 1, 12)) return "month out of range";
  if (p.month.known() && p.day.known()) {
    const int max_day = y.known() ? calendar::days_in_month(y.value, p.month.value())
                                  : calendar::days_in_month(2000, p.month.value());  // leap
    if (p.day.value() < 1 || p.day.value() > max_day) return "day out of range for its month";
  } else if (!in_range(p.day, 1, 31)) {
    return "day out of range";
  }
  // The year's week count only for a week number: most values have none.
  if (p.week.known() &&
      !in_range(p.week, 1, y.known() ? calendar::iso_weeks_in_year(y.value) : 53)) {
    return "week out of range for its year";
  }
  if (p.week.known() && p.week_digits == 1 && p.week.value() > 9) return "week needs 2 digits";
  if (!in_range(p.weekday, 1, 7)) return "weekday out of range";
  if (!in_range(p.quarter, 1, 4)) return "quarter out of range";
  if (!in_range(p.half, 1, 2)) return "half out of range";
  if (has_time && !p.day.present() && !p.weekday.present()) return "a time of day needs a day";
  if (p.part_of_day != PartOfDay::none && p.hour.present()) {
    return "a time has a part of day or a clock time, not both";
  }
  if (p.minute.present() && !p.hour.present()) return "minutes need an hour";
  if (p.second.present() && !p.minute.present()) return "seconds need minutes";
  if (!in_range(p.hour, 0, 24) || !in_range(p.minute, 0, 59) || !in_range(p.second, 0, 59)) {
    return "time out of range";
  }
  if (p.hour.value() == 24 && (p.minute.value() != 0 || p.second.value() != 0)) {
    return "24:00 is the only time with hour 24";
  }
  if (p.zone != TimeValue::Point::Zone::none && !p.hour.present()) {
    return "a zone needs a clock time";
  }
  if (p.zone_minutes < -24 * 60 || p.zone_minutes > 24 * 60) return "zone offset out of range";
  return nullptr;
}

const char* duration_problem(const TimeValue::Duration& d) {
  if (d.size == 0) return "a duration needs at least one amount and unit";
  bool in_time = false;
  for (std::size_t i = 0; i < d.size; ++i) {
    const auto& part = d.parts[i];
    if (is_time_unit(part.unit)) {
      in_time = true;
    } else if (in_time) {
      return "date units must come before time units";
    }
    if (part.fraction_digits > 9) return "too many decimal digits";
    std::uint64_t limit = 1;
    for (int k = 0; k < part.fraction_digits; ++k) limit *= 10;
    if (part.fraction >= limit) return "more decimals than fraction_digits says";
    if (!part.known && (part.whole != 0 || part.fraction_digits != 0)) {
      return "an unknown amount has no digits";
    }
    if (part.short_spelling && part.unit != DurationUnit::decade &&
        part.unit != DurationUnit::century && part.unit != DurationUnit::millennium) {
      return "only decades, centuries and millennia have a short spelling";
    }
  }
  return nullptr;
}

const char* value_problem(const TimeValue& v) {
  switch (v.kind()) {
    case TimeValue::Kind::point:
      return point_problem(v.point());
    case TimeValue::Kind::duration:
      return duration_problem(v.duration());
    default:
      return nullptr;
  }
}

}  // namespace

std::string TimeValue::problem() const {
  const char* why = value_problem(*this);
  return why ? std::string(why) : std::string();
}

bool TimeValue::ok() const {
  return value_problem(*this) == nullptr;
}

// ---------------------------------------------------------------------------------------------
// Printing

namespace {

// Values print into a stack buffer with direct digit writes: str() runs once per exported
// value, and fmt's general machinery cost ~1,300 instructions a call. The output matches
// what "{}" and "{:0N}" would print, including for values that are not ok().
class Writer {
 public:
  void put(char c) { buf_[n_++] = c; }
  void put(std::string_view s) {
    for (char c : s) buf_[n_++] = c;
  }
  // Decimal digits of v, left-padded with zeros to width (width counts the sign, as in fmt).
  void number(std::int64_t v, int width = 0) {
    if (width == 2 && v >= 0 && v < 100) {  // months, days, clock fields: almost every call
      put(static_cast<char>('0' + v / 10));
      put(static_cast<char>('0' + v % 10));
      return;
    }
    std::uint64_t u = static_cast<std::uint64_t>(v);
    if (v < 0) {
      put('-');
      u = 0 - u;
      --width;
    }
    unsigned_number(u, width);
  }
  void unsigned_number(std::uint64_t u, int width = 0) {
    char digits[20];
    int k = 0;
    do {
      digits[k++] = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u != 0);
    for (int i = k; i < width; ++i) put('0');
    while (k > 0) put(digits[--k]);
  }
  std::string str() const { return std::string(buf_, n_); }

 private:
  // Longest output: 8 duration parts of 20 digits, '.', up to 255 padded fraction digits and
  // 2 unit letters, plus "PT".
  char buf_[2 + TimeValue::Duration::max_parts * (20 + 1 + 255 + 2)];
  std::size_t n_ = 0;
};

void append_two(Writer& out, Field<std::int8_t> f) {
  if (f.known()) {
    out.number(f.value(), 2);
  } else {
    out.put("XX");
  }
}

void append_one(Writer& out, Field<std::int8_t> f) {
  if (f.known()) {
    out.put(static_cast<char>('0' + f.value()));
  } else {
    out.put('X');
  }
}

std::string_view unit_letters(const DurationPart& p) {
  switch (p.unit) {
    case DurationUnit::millennium:
      return p.short_spelling ? "L" : "ML";
    case DurationUnit::century:
      return p.short_spelling ? "C" : "CE";
    case DurationUnit::decade:
      return p.short_spelling ? "E" : "DE";
    case DurationUnit::year:
      return "Y";
    case DurationUnit::quarter:
      return "Q";
    case DurationUnit::month:
      return "M";
    case DurationUnit::week:
      return "W";
    case DurationUnit::weekend:
      return "WE";
    case DurationUnit::day:
      return "D";
    case DurationUnit::hour:
      return "H";
    case DurationUnit::minute:
      return "M";
    case DurationUnit::second:
      return "S";
    case DurationUnit::unknown:
      return "X";
  }
  return "X";
}

void print_point(Writer& out, const TimeValue::Point& p) {
  using Zone = TimeValue::Point::Zone;
  const int y = p.year.value;
  if (p.year.digits == 4 && p.year.unknown == 0 && y >= 0 && y <= 9999) {  // the usual year
    out.number(y / 100, 2);
    out.number(y % 100, 2);
  } else {
    int divisor = 1;
    for (int i = 1; i < p.year.digits; ++i) divisor *= 10;
    for (int i = 0; i < p.year.digits; ++i, divisor /= 10) {
      out.put((p.year.unknown >> i) & 1 ? 'X' : static_cast<char>('0' + (y / divisor) % 10));
    }
  }
  if (p.month.present()) {
    out.put('-');
    append_two(out, p.month);
    if (p.day.present()) {
      out.put('-');
      append_two(out, p.day);
    }
  } else if (p.week.present()) {
    out.put("-W");
    if (p.week_digits == 1) {
      append_one(out, p.week);
    } else {
      append_two(out, p.week);
    }
    if (p.weekday.present()) {
      out.put('-');
      append_one(out, p.weekday);
    } else if (p.weekend) {
      out.put("-WE");
    }
  } else if (p.season != Season::none) {
    out.put('-');
    out.put(to_string(p.season));
  } else if (p.quarter.present()) {
    out.put("-Q");
    append_one(out, p.quarter);
  } else if (p.half.present()) {
    out.put("-H");
    append_one(out, p.half);
  }
  if (p.part_of_day != PartOfDay::none) {
    out.put('T');
    out.put(to_string(p.part_of_day));
  } else if (p.hour.present()) {
    out.put('T');
    append_two(out, p.hour);
    if (p.minute.present()) {
      out.put(':');
      append_two(out, p.minute);
      if (p.second.present()) {
        out.put(':');
        append_two(out, p.second);
      }
    }
    const int offset = p.zone_minutes < 0 ? -p.zone_minutes : p.zone_minutes;
    const char sign = p.zone_minutes < 0 ? '-' : '+';
    switch (p.zone) {
      case Zone::none:
        break;
      case Zone::utc:
        out.put('Z');
        break;
      case Zone::hours:
        out.put(sign);
        out.number(offset / 60, 2);
        break;
      case Zone::hours_minutes:
        out.put(sign);
        out.number(offset / 60, 2);
        out.number(offset % 60, 2);
        break;
      case Zone::hours_colon_minutes:
        out.put(sign);
        out.number(offset / 60, 2);
        out.put(':');
        out.number(offset % 60, 2);
        break;
    }
  }
}

void print_duration(Writer& out, const TimeValue::Duration& d) {
  out.put('P');
  bool in_time = false;
  for (std::size_t i = 0; i < d.size; ++i) {
    const auto& part = d.parts[i];
    if (is_time_unit(part.unit) && !in_time) {
      out.put('T');
      in_time = true;
    }
    if (!part.known) {
      out.put('X');
    } else {
      out.unsigned_number(part.whole);
      if (part.fraction_digits > 0) {
        out.put('.');
        out.unsigned_number(part.fraction, part.fraction_digits);
      }
    }
    out.put(unit_letters(part));
  }
}

}  // namespace

std::string TimeValue::str() const {
  switch (kind_) {
    case Kind::present_ref:
      return "PRESENT_REF";
    case Kind::past_ref:
      return "PAST_REF";
    case Kind::future_ref:
      return "FUTURE_REF";
    case Kind::duration: {
      Writer out;
      print_duration(out, duration_);
      return out.str();
    }
    case Kind::point: {
      Writer out;
      print_point(out, point_);
      return out.str();
    }
  }
  return std::string();
}

// ---------------------------------------------------------------------------------------------
// Parsing

namespace {

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek(std::size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  bool eat(std::string_view lit) {
    if (s_.substr(i_, lit.size()) != lit) return false;
    i_ += lit.size();
    return true;
  }
  void skip(std::size_t n = 1) { i_ += n; }
  std::size_t pos() const { return i_; }
  Diagnostic fail(std::string_view what) const {
    return Diagnostic{fmt::format("invalid TIMEX3 value \"{}\": {}", s_, what), i_};
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Two characters: "XX" or two digits.
bool read_two(Reader& r, Field<std::int8_t>& out) {
  const char a = r.peek(), b = r.peek(1);
  if (a == 'X' && b == 'X') {
    out = Field<std::int8_t>::unknown();
  } else if (is_digit(a) && is_digit(b)) {
    out = Field<std::int8_t>::of((a - '0') * 10 + (b - '0'));
  } else {
    return false;
  }
  r.skip(2);
  return true;
}

// One character: "X" or a digit.
bool read_one(Reader& r, Field<std::int8_t>& out) {
  const char a = r.peek();
  if (a == 'X') {
    out = Field<std::int8_t>::unknown();
  } else if (is_digit(a)) {
    out = Field<std::int8_t>::of(a - '0');
  } else {
    return false;
  }
  r.skip();
  return true;
}

Result<TimeValue> parse_duration(Reader& r) {
  TimeValue::Duration d;
  bool in_time = false;
  if (!r.eat('P')) return r.fail("a duration starts with P");
  while (!r.done()) {
    if (r.eat('T')) {
      if (in_time) return r.fail("T appears twice");
      in_time = true;
      if (r.done()) return r.fail("T needs a time amount after it");
      continue;
    }
    DurationPart part;
    if (r.eat('X')) {
      part.known = false;
    } else {
      if (!is_digit(r.peek())) return r.fail("expected an amount");
      int n = 0;
      while (is_digit(r.peek())) {
        if (++n > 18) return r.fail("amount too large");
        part.whole = part.whole * 10 + static_cast<std::uint64_t>(r.peek() - '0');
        r.skip();
      }
      if (r.eat('.')) {
        if (!is_digit(r.peek())) return r.fail("expected decimals after the point");
        while (is_digit(r.peek())) {
          if (part.fraction_digits == 9) return r.fail("too many decimal digits");
          part.fraction = part.fraction * 10 + static_cast<std::uint32_t>(r.peek() - '0');
          ++part.fraction_digits;
          r.skip();
        }
      }
    }
    if (in_time) {
      if (r.eat('H')) {
        part.unit = DurationUnit::hour;
      } else if (r.eat('M')) {
        part.unit = DurationUnit::minute;
      } else if (r.eat('S')) {
        part.unit = DurationUnit::second;
      } else {
        return r.fail("expected H, M or S after T");
      }
    } else if (r.eat("DE")) {
      part.unit = DurationUnit::decade;
    } else if (r.eat("CE")) {
      part.unit = DurationUnit::century;
    } else if (r.eat("ML")) {
      part.unit = DurationUnit::millennium;
    } else if (r.eat("WE")) {
      part.unit = DurationUnit::weekend;
    } else {
      const char c = r.peek();
      r.skip();
      switch (c) {
        case 'Y':
          part.unit = DurationUnit::year;
          break;
        case 'M':
          part.unit = DurationUnit::month;
          break;
        case 'W':
          part.unit = DurationUnit::week;
          break;
        case 'D':
          part.unit = DurationUnit::day;
          break;
        case 'Q':
          part.unit = DurationUnit::quarter;
          break;
        case 'E':
          part.unit = DurationUnit::decade, part.short_spelling = true;
          break;
        case 'C':
          part.unit = DurationUnit::century, part.short_spelling = true;
          break;
        case 'L':
          part.unit = DurationUnit::millennium, part.short_spelling = true;
          break;
        case 'X':
          part.unit = DurationUnit::unknown;
          break;
        default:
          return r.fail("expected a duration unit");
      }
    }
    if (d.size == TimeValue::Duration::max_parts) return r.fail("too many duration parts");
    d.push(part);
  }
  if (d.size == 0) return r.fail("a duration needs at least one amount and unit");
  return TimeValue::of(d);
}

Result<TimeValue> parse_point(Reader& r) {
  TimeValue::Point p;
  // Year: 2 to 4 characters, digits or X.
  while (p.year.digits < 4 && (is_digit(r.peek()) || r.peek() == 'X')) {
    const char c = r.peek();
    if (c == 'X') {
      p.year.unknown = static_cast<std::uint8_t>(p.year.unknown | (1u << p.year.digits));
    }
    p.year.value = static_cast<std::int16_t>(p.year.value * 10 + (c == 'X' ? 0 : c - '0'));
    ++p.year.digits;
    r.skip();
  }
  if (p.year.digits < 2) return r.fail("expected a year, decade or century");
  if (is_digit(r.peek()) || r.peek() == 'X') return r.fail("a year has at most 4 digits");

  if (r.eat('-')) {
    if (r.eat("WI")) {
      p.season = Season::winter;
    } else if (r.eat("SP")) {
      p.season = Season::spring;
    } else if (r.eat("SU")) {
      p.season = Season::summer;
    } else if (r.eat("FA")) {
      p.season = Season::fall;
    } else if (r.eat('W')) {
      if (r.peek() == 'X' && r.peek(1) == 'X') {
        p.week = Field<std::int8_t>::unknown();
        r.skip(2);
      } else if (is_digit(r.peek()) && is_digit(r.peek(1))) {
        read_two(r, p.week);
      } else if (read_one(r, p.week)) {
        p.week_digits = 1;
      } else {
        return r.fail("expected a week number");
      }
      if (r.eat('-')) {
        if (r.eat("WE")) {
          p.weekend = true;
        } else if (!read_one(r, p.weekday)) {
          return r.fail("expected a weekday or WE");
        }
      }
    } else if (r.eat('Q')) {
      if (!read_one(r, p.quarter)) return r.fail("expected a quarter");
    } else if (r.eat('H')) {
      if (!read_one(r, p.half)) return r.fail("expected a half");
    } else {
      if (!read_two(r, p.month)) return r.fail("expected a month");
      if (r.eat('-') && !read_two(r, p.day)) return r.fail("expected a day");
    }
  }

  if (r.eat('T')) {
    if (r.eat("MO")) {
      p.part_of_day = PartOfDay::morning;
    } else if (r.eat("AF")) {
      p.part_of_day = PartOfDay::afternoon;
    } else if (r.eat("EV")) {
      p.part_of_day = PartOfDay::evening;
    } else if (r.eat("NI")) {
      p.part_of_day = PartOfDay::night;
    } else if (r.eat("DT")) {
      p.part_of_day = PartOfDay::daytime;
    } else {
      if (!read_two(r, p.hour)) return r.fail("expected an hour or a part of day");
      if (r.eat(':')) {
        if (!read_two(r, p.minute)) return r.fail("expected minutes");
        if (r.eat(':') && !read_two(r, p.second)) return r.fail("expected seconds");
      }
      using Zone = TimeValue::Point::Zone;
      if (r.eat('Z')) {
        p.zone = Zone::utc;
      } else if (r.peek() == '+' || r.peek() == '-') {
        const int sign = r.peek() == '-' ? -1 : 1;
        r.skip();
        Field<std::int8_t> hh, mm;
        if (!read_two(r, hh) || !hh.known()) return r.fail("expected zone hours");
        p.zone = Zone::hours;
        if (r.eat(':')) {
          if (!read_two(r, mm) || !mm.known()) return r.fail("expected zone minutes");
          p.zone = Zone::hours_colon_minutes;
        } else if (is_digit(r.peek())) {
          if (!read_two(r, mm) || !mm.known()) return r.fail("expected zone minutes");
          p.zone = Zone::hours_minutes;
        }
        p.zone_minutes = static_cast<std::int16_t>(sign * (hh.value() * 60 + mm.value()));
      }
    }
  }
  if (!r.done()) return r.fail("unexpected characters");
  return TimeValue::of(p);
}

}  // namespace

Result<TimeValue> TimeValue::parse(std::string_view text) {
  Reader r(text);
  if (text == "PRESENT_REF") return reference(Kind::present_ref);
  if (text == "PAST_REF") return reference(Kind::past_ref);
  if (text == "FUTURE_REF") return reference(Kind::future_ref);
  if (text.empty()) return r.fail("empty");
  auto parsed = text[0] == 'P' ? parse_duration(r) : parse_point(r);
  if (!parsed.ok()) return parsed;
  const std::string why = parsed->problem();
  if (!why.empty()) return Diagnostic{fmt::format("invalid TIMEX3 value \"{}\": {}", text, why), 0};
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Grain

Grain TimeValue::grain() const {
  if (kind_ == Kind::duration) {
    Grain g = Grain::unspecified;
    for (std::size_t i = 0; i < duration_.size; ++i) {
      Grain part_grain = Grain::unspecified;
      switch (duration_.parts[i].unit) {
        case DurationUnit::millennium:
          part_grain = Grain::millennium;
          break;
        case DurationUnit::century:
          part_grain = Grain::century;
          break;
        case DurationUnit::decade:
          part_grain = Grain::decade;
          break;
        case DurationUnit::year:
          part_grain = Grain::year;
          break;
        case DurationUnit::quarter:
          part_grain = Grain::quarter;
          break;
        case DurationUnit::month:
          part_grain = Grain::month;
          break;
        case DurationUnit::week:
          part_grain = Grain::week;
          break;
        case DurationUnit::weekend:
          part_grain = Grain::day;
          break;
        case DurationUnit::day:
          part_grain = Grain::day;
          break;
        case DurationUnit::hour:
          part_grain = Grain::hour;
          break;
        case DurationUnit::minute:
          part_grain = Grain::minute;
          break;
        case DurationUnit::second:
          part_grain = Grain::second;
          break;
        case DurationUnit::unknown:
          break;
      }
      if (part_grain > g) g = part_grain;
    }
    return g;
  }
  if (kind_ != Kind::point) return Grain::unspecified;
  const Point& p = point_;
  if (p.second.present()) return Grain::second;
  if (p.minute.present()) return Grain::minute;
  if (p.hour.present()) return Grain::hour;
  if (p.part_of_day != PartOfDay::none) return Grain::part_of_day;
  if (p.day.present() || p.weekday.present() || p.weekend) return Grain::day;
  if (p.week.present()) return Grain::week;
  if (p.month.present()) return Grain::month;
  if (p.season != Season::none) return Grain::season;
  if (p.quarter.present()) return Grain::quarter;
  if (p.half.present()) return Grain::half;
  if (p.year.digits == 3) return Grain::decade;
  if (p.year.digits == 2) return Grain::century;
  switch (p.year.unknown) {  // trailing X digits widen a year: 199X, 19XX, 1XXX
    case 0b1000:
      return Grain::decade;
    case 0b1100:
      return Grain::century;
    case 0b1110:
      return Grain::millennium;
    default:
      return Grain::year;
  }
}

// ---------------------------------------------------------------------------------------------
// Bounds

namespace {

using calendar::lower_instant;
using calendar::upper_instant;

Bounds years_bounds(int first, int last_exclusive) {
  return Bounds{lower_instant(first, 1, 1), upper_instant(last_exclusive, 1, 1)};
}

Bounds months_bounds(int year, int first_month, int month_count) {
  const int end_index = year * 12 + first_month - 1 + month_count;
  return Bounds{lower_instant(year, first_month, 1),
                upper_instant(end_index / 12, end_index % 12 + 1, 1)};
}

Bounds days_bounds(const Date& first, long count) {
  const Date end = first + bg::days(count);
  return Bounds{Instant(first), Instant(end)};
}

// Hours of each part of day, from its day's midnight; the night runs into the next morning.
struct HourSpan {
  int from;
  int to;
};
HourSpan part_of_day_hours(PartOfDay p) {
  switch (p) {
    case PartOfDay::morning:
      return {6, 12};
    case PartOfDay::afternoon:
      return {12, 18};
    case PartOfDay::evening:
      return {18, 24};
    case PartOfDay::night:
      return {18, 30};
    case PartOfDay::daytime:
      return {6, 18};
    case PartOfDay::none:
      break;
  }
  return {0, 24};
}

// Narrows a day's bounds by the point's time of day.
Bounds time_of_day_bounds(const Date& day, const TimeValue::Point& p) {
  if (p.part_of_day != PartOfDay::none) {
    const HourSpan h = part_of_day_hours(p.part_of_day);
    return Bounds{Instant(day, bpt::hours(h.from)), Instant(day, bpt::hours(h.to))};
  }
  if (!p.hour.known()) return days_bounds(day, 1);
  const Instant start = Instant(day, bpt::hours(p.hour.value()));
  if (!p.minute.known()) return Bounds{start, start + bpt::hours(1)};
  const Instant at_minute = start + bpt::minutes(p.minute.value());
  if (!p.second.known()) return Bounds{at_minute, at_minute + bpt::minutes(1)};
  const Instant at_second = at_minute + bpt::seconds(p.second.value());
  return Bounds{at_second, at_second + bpt::seconds(1)};
}

// Bounds when the year is a single known year.
Bounds year_point_bounds(const TimeValue::Point& p, int y) {
  const bool dates_ok = y > calendar::min_year && y < calendar::max_year;
  if (p.month.present()) {
    if (!p.month.known()) return years_bounds(y, y + 1);
    if (!p.day.known() || !dates_ok) return months_bounds(y, p.month.value(), 1);
    const Date day(static_cast<unsigned short>(y), static_cast<unsigned short>(p.month.value()),
                   static_cast<unsigned short>(p.day.value()));
    return time_of_day_bounds(day, p);
  }
  if (p.week.present()) {
    if (!dates_ok) return years_bounds(y, y + 1);
    if (!p.week.known()) {
      return Bounds{Instant(calendar::iso_week_start(y, 1)),
                    Instant(calendar::iso_week_start(y + 1, 1))};
    }
    const Date monday = calendar::iso_week_start(y, p.week.value());
    if (p.weekend) return days_bounds(monday + bg::days(5), 2);
    if (!p.weekday.known()) return days_bounds(monday, 7);
    return time_of_day_bounds(monday + bg::days(p.weekday.value() - 1), p);
  }
  switch (p.season) {
    case Season::spring:
      return months_bounds(y, 3, 3);
    case Season::summer:
      return months_bounds(y, 6, 3);
    case Season::fall:
      return months_bounds(y, 9, 3);
    case Season::winter:
      return Bounds{lower_instant(y - 1, 12, 1), upper_instant(y + 1, 3, 1)};
    case Season::none:
      break;
  }
  if (p.quarter.known()) return months_bounds(y, 3 * p.quarter.value() - 2, 3);
  if (p.half.known()) return months_bounds(y, 6 * p.half.value() - 5, 6);
  return years_bounds(y, y + 1);
}

}  // namespace

std::optional<Bounds> TimeValue::bounds() const {
  if (kind_ != Kind::point || !ok()) return std::nullopt;
  const Point& p = point_;
  const int v = p.year.value;
  // Only trailing X digits keep a range of years: 19X is a century, 1X a millennium.
  if (p.year.digits == 2) {
    if (p.year.unknown == 0) return years_bounds(v * 100, v * 100 + 100);
    if (p.year.unknown == 0b10) return years_bounds(v * 100, v * 100 + 1000);
    return std::nullopt;
  }
  if (p.year.digits == 3) {
    if (p.year.unknown == 0) return years_bounds(v * 10, v * 10 + 10);
    if (p.year.unknown == 0b100) return years_bounds(v * 10, v * 10 + 100);
    if (p.year.unknown == 0b110) return years_bounds(v * 10, v * 10 + 1000);
    return std::nullopt;
  }
  switch (p.year.unknown) {
    case 0:
      return year_point_bounds(p, v);
    case 0b1000:
      return years_bounds(v, v + 10);
    case 0b1100:
      return years_bounds(v, v + 100);
    case 0b1110:
      return years_bounds(v, v + 1000);
    default:
      return std::nullopt;  // the year is not known: no absolute bounds
  }
}

std::optional<TimeValue::Length> TimeValue::length() const {
  if (kind_ != Kind::duration || duration_.size == 0) return std::nullopt;
  constexpr double day = 86400.0;
  Length total{0.0, 0.0};
  for (std::size_t i = 0; i < duration_.size; ++i) {
    const auto& part = duration_.parts[i];
    if (!part.known || part.unit == DurationUnit::unknown) return std::nullopt;
    double lo = 0, hi = 0;
    switch (part.unit) {
      case DurationUnit::second:
        lo = hi = 1;
        break;
      case DurationUnit::minute:
        lo = hi = 60;
        break;
      case DurationUnit::hour:
        lo = hi = 3600;
        break;
      case DurationUnit::day:
        lo = hi = day;
        break;
      case DurationUnit::weekend:
        lo = hi = 2 * day;
        break;
      case DurationUnit::week:
        lo = hi = 7 * day;
        break;
      case DurationUnit::month:
        lo = 28 * day, hi = 31 * day;
        break;
      case DurationUnit::quarter:
        lo = 89 * day, hi = 92 * day;
        break;
      case DurationUnit::year:
        lo = 365 * day, hi = 366 * day;
        break;
      case DurationUnit::decade:
        lo = 3652 * day, hi = 3653 * day;
        break;
      case DurationUnit::century:
        lo = 36524 * day, hi = 36525 * day;
        break;
      case DurationUnit::millennium:
        lo = 365242 * day, hi = 365243 * day;
        break;
      case DurationUnit::unknown:
        return std::nullopt;
    }
    const double amount = static_cast<double>(part.whole) +
                          static_cast<double>(part.fraction) /
                              std::pow(10.0, static_cast<double>(part.fraction_digits));
    total.min_seconds += amount * lo;
    total.max_seconds += amount * hi;
  }
  return total;
}

}  // namespace chronicle
