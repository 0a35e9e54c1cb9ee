#include "meaning.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace chronicle::detail {

Unit parse_unit(std::string_view code) {
  if (code == "S") return Unit::second;
  if (code == "MI") return Unit::minute;
  if (code == "H") return Unit::hour;
  if (code == "D") return Unit::day;
  if (code == "WE") return Unit::weekend;
  if (code == "W") return Unit::week;
  if (code == "FN") return Unit::fortnight;
  if (code == "M") return Unit::month;
  if (code == "Q") return Unit::quarter;
  if (code == "HA") return Unit::half;
  if (code == "Y") return Unit::year;
  if (code == "DE") return Unit::decade;
  if (code == "CE") return Unit::century;
  if (code == "ML") return Unit::millennium;
  return Unit::none;
}

namespace {

class Builder {
 public:
  Builder(const Rule& rule, const Match& match, const Lexicon& lexicon,
          const std::vector<Meaning>& chunks, Meaning& out)
      : rule_(rule), match_(match), lexicon_(lexicon), chunks_(chunks), m_(out) {}

  void run() {
    for (const Statement& st : rule_.body) {
      // The statements every body has, with a word of the rule ("tag month-day", "type DATE"),
      // here without the call: apply() is large, and each call saves and restores its registers.
      if (st.literal_type >= 0) {  // the type's word read when the rules loaded
        m_.type = static_cast<TimexType>(st.literal_type);
        continue;
      }
      const bool literal = st.args.size() == 1 && st.args[0].capture < 0;
      if (literal && st.code == Op::tag) {
        m_.tag = st.args[0].text;
        continue;
      }
      if (!arguments_present(st)) continue;  // an optional capture that did not match
      apply(st);
    }
  }

 private:
  [[noreturn]] void fail(const Statement& st, std::string_view why) const {
    throw std::runtime_error(
        fmt::format("{}:{}: rule '{}': {} {}", rule_.file, st.line, rule_.name, st.op, why));
  }

  // A value that does not fit the statement: when it came from the text, the words are not
  // that kind of expression and the match is dropped; when the rule wrote it, the rule is wrong.
  void from_text_or_fail(const Statement& st, std::string_view why) {
    const bool captured = !st.args.empty() && st.args[0].capture >= 0;
    if (!captured) fail(st, why);
    m_.drop = true;
  }

  static bool digits(std::string_view s, std::size_t from, std::size_t n) {
    if (s.size() < from + n) return false;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  }

  bool arguments_present(const Statement& st) const {
    for (const auto& a : st.args) {
      if (a.capture >= 0 && !match_.captures[static_cast<std::size_t>(a.capture)].set()) {
        return false;
      }
    }
    return true;
  }

  const Capture& capture(const Statement::Arg& a) const {
    return match_.captures[static_cast<std::size_t>(a.capture)];
  }

  // A view of the rule's, the lexicon's or (a number) the builder's text: valid until the
  // next call.
  std::string_view text(const Statement& st, std::size_t i) const {
    if (i >= st.args.size()) fail(st, "needs more arguments");
    const auto& a = st.args[i];
    if (a.capture < 0) return a.text;
    const Capture& c = capture(a);
    if (c.value) return c.value->text;
    if (c.has_number) return number_text_ = std::to_string(c.number);
    if (c.word >= 0) return lexicon_.word(c.word);
    fail(st, "argument has no text");
  }

  // text() of a word of the rules or the lexicon, which live as long as the engine: a
  // meaning keeps a view of it. A captured number's text lives in this builder only.
  std::string_view lasting_text(const Statement& st, std::size_t i) const {
    if (i < st.args.size() && st.args[i].capture >= 0) {
      const Capture& c = capture(st.args[i]);
      if (!c.value && c.has_number) fail(st, "needs a word, not a number");
    }
    return text(st, i);
  }

  // The text of argument i read through a lexicon class: a captured word without a value of
  // its own takes its value in that class ("night" in class pod is "NI").
  std::string_view valued(const Statement& st, std::size_t i, std::string_view cls) const {
    const auto& a = st.args.at(i);
    if (a.capture >= 0) {
      const Capture& c = capture(a);
      if (!c.value && c.word >= 0 && lexicon_.has_class(cls)) {
        if (const LexValue* v = lexicon_.value_of(c.word, lexicon_.class_id(cls))) return v->text;
      }
    }
    return text(st, i);
  }

  std::int64_t number(const Statement& st, std::size_t i) const {
    if (i >= st.args.size()) fail(st, "needs more arguments");
    const auto& a = st.args[i];
    std::int64_t v = 0;
    if (a.capture >= 0) {
      const Capture& c = capture(a);
      if (c.has_number) {
        v = c.number;
      } else if (c.value && c.value->is_number) {
        v = c.value->number;
      } else {
        fail(st, "argument is not a number");
      }
    } else {
      std::string_view t = a.text;
      if (!t.empty() && t[0] == '+') t.remove_prefix(1);
      const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (ec != std::errc() || ptr != t.data() + t.size()) fail(st, "argument is not a number");
    }
    return a.negate ? -v : v;
  }

  // A field value from the text. One outside the field's range ("the 99999th century",
  // "Feb. 30") means the words are not that kind of expression: the match is dropped.
  int small(const Statement& st, std::size_t i, int lo, int hi) {
    const std::int64_t v = number(st, i);
    if (v < lo || v > hi) {
      m_.drop = true;
      return lo;
    }
    return static_cast<int>(v);
  }

  const Meaning& chunk(const Statement& st, std::size_t i) const {
    if (i >= st.args.size() || st.args[i].capture < 0) fail(st, "needs a captured expression");
    const Capture& c = capture(st.args[i]);
    if (c.chunk < 0) fail(st, "argument is not an expression");
    return chunks_[static_cast<std::size_t>(c.chunk)];
  }

  Unit unit(const Statement& st, std::size_t i) const {
    const Unit u = parse_unit(valued(st, i, "unit"));
    if (u == Unit::none) fail(st, "needs a unit (D W M Y ...)");
    return u;
  }

  static void in_years(DurationPart& p, std::uint64_t years_per_unit) {
    constexpr std::uint64_t limit = std::uint64_t{1} << 50;  // far past any calendar; no overflow
    if (!p.known || p.whole > limit) return;
    p.unit = DurationUnit::year;
    p.whole *= years_per_unit;
  }

  static void add_duration(TimeValue::Duration& d, Unit u, bool known, std::uint64_t amount) {
    DurationPart p;
    p.known = known;
    p.whole = known ? amount : 0;
    switch (u) {
      case Unit::second:
        p.unit = DurationUnit::second;
        break;
      case Unit::minute:
        p.unit = DurationUnit::minute;
        break;
      case Unit::hour:
        p.unit = DurationUnit::hour;
        break;
      case Unit::day:
        p.unit = DurationUnit::day;
        break;
      case Unit::weekend:
        p.unit = DurationUnit::weekend;
        break;
      case Unit::week:
        p.unit = DurationUnit::week;
        break;
      case Unit::fortnight:
        p.unit = DurationUnit::week, p.whole = known ? 2 * amount : 0;
        break;
      case Unit::month:
        p.unit = DurationUnit::month;
        break;
      case Unit::quarter:
        p.unit = DurationUnit::quarter;
        break;
      case Unit::half:
        p.unit = DurationUnit::month, p.whole = known ? 6 * amount : 0;
        break;
      case Unit::year:
        p.unit = DurationUnit::year;
        break;
      // A known number of decades, centuries or millennia is written in years, as the
      // TempEval-3 corpus does ("two decades": P20Y); a vague number keeps its unit
      // ("for decades": PXDE), which years would lose.
      case Unit::decade:
        p.unit = DurationUnit::decade, in_years(p, 10);
        break;
      case Unit::century:
        p.unit = DurationUnit::century, in_years(p, 100);
        break;
      case Unit::millennium:
        p.unit = DurationUnit::millennium, in_years(p, 1000);
        break;
      case Unit::none:
        return;
    }
    // Time units go after date units, as TIMEX3 writes them.
    d.push(p);
  }

  void apply(const Statement& st) {
    const Op op = st.code;
    if (op == Op::type) {
      const auto t = parse_timex_type(text(st, 0));
      if (!t) fail(st, "needs DATE, TIME, DURATION or SET");
      m_.type = *t;
    } else if (op == Op::tag) {
      m_.tag = lasting_text(st, 0);
    } else if (op == Op::drop) {
      m_.drop = true;
    } else if (op == Op::copy) {
      const std::string_view keep_tag = m_.tag;
      m_ = chunk(st, 0);
      if (!keep_tag.empty()) m_.tag = keep_tag;
    } else if (op == Op::merge) {
      const Meaning& o = chunk(st, 0);
      auto take = [](int& mine, int theirs) {
        if (mine < 0) mine = theirs;
      };
      take(m_.month, o.month);
      take(m_.day, o.day);
      take(m_.weekday, o.weekday);
      take(m_.quarter, o.quarter);
      take(m_.half, o.half);
      take(m_.hour, o.hour);
      take(m_.minute, o.minute);
      if (m_.season == Season::none) m_.season = o.season;
      if (m_.pod == PartOfDay::none) m_.pod = o.pod;
      m_.overnight = m_.overnight || o.overnight;    // "overnight Tuesday": Tuesday's night
      if (m_.mod == TimexMod::none) m_.mod = o.mod;  // "mid-afternoon yesterday" stays MID
      if (o.type == TimexType::time) m_.type = TimexType::time;
    } else if (op == Op::year) {
      m_.year = small(st, 0, 0, 9999);
    } else if (op == Op::year2) {
      m_.year2 = small(st, 0, 0, 99);
    } else if (op == Op::month) {
      m_.month = small(st, 0, 1, 12);
    } else if (op == Op::day) {
      m_.day = small(st, 0, 1, 31);
    } else if (op == Op::weekday) {
      m_.weekday = small(st, 0, 1, 7);
    } else if (op == Op::week) {
      m_.week = small(st, 0, 1, 53);
    } else if (op == Op::quarter) {
      m_.quarter = small(st, 0, 1, 4);
    } else if (op == Op::half) {
      m_.half = small(st, 0, 1, 2);
    } else if (op == Op::season) {
      const std::string_view s = valued(st, 0, "season");
      m_.season = s == "SP"   ? Season::spring
                  : s == "SU" ? Season::summer
                  : s == "FA" ? Season::fall
                  : s == "WI" ? Season::winter
                              : Season::none;
      if (m_.season == Season::none) fail(st, "needs SP, SU, FA or WI");
    } else if (op == Op::pod) {
      const std::string_view p = valued(st, 0, "pod");
      m_.pod = p == "MO"   ? PartOfDay::morning
               : p == "AF" ? PartOfDay::afternoon
               : p == "EV" ? PartOfDay::evening
               : p == "NI" ? PartOfDay::night
               : p == "DT" ? PartOfDay::daytime
                           : PartOfDay::none;
      if (m_.pod == PartOfDay::none) fail(st, "needs MO, AF, EV, NI or DT");
      m_.type = TimexType::time;
    } else if (op == Op::weekend) {
      m_.weekend = true;
    } else if (op == Op::hour) {
      m_.hour = small(st, 0, 0, 24);
      m_.type = TimexType::time;
    } else if (op == Op::minute) {
      m_.minute = small(st, 0, 0, 59);
    } else if (op == Op::clock) {
      const std::string t(text(st, 0));
      const auto colon = t.find(':');
      if (colon != std::string::npos) {  // a clock_word value: "12:00"
        m_.hour = std::stoi(t.substr(0, colon));
        m_.minute = std::stoi(t.substr(colon + 1));
      } else {  // a #clock capture: minutes since midnight
        const std::int64_t minutes = number(st, 0);
        m_.hour = static_cast<int>(minutes / 60);
        m_.minute = static_cast<int>(minutes % 60);
      }
      m_.type = TimexType::time;
    } else if (op == Op::midnight) {
      m_.midnight = true;
      m_.hour = 0;
      m_.minute = 0;
      m_.type = TimexType::time;
    } else if (op == Op::clock_of) {
      const Meaning& c = chunk(st, 0);
      // A clock time says more than the part of the day it falls in ("8 p.m. tonight"), except
      // in the small hours of a night, which belong to the next day ("2 a.m. last night"): that
      // stays the night.
      if (m_.pod == PartOfDay::night &&
          (c.midnight || c.ampm == 1 || (c.ampm == 0 && c.hour >= 0 && c.hour < 12))) {
        return;
      }
      m_.pod = PartOfDay::none;
      m_.hour = c.hour;
      m_.minute = c.minute;
      m_.ampm = c.ampm;
      m_.zone = c.zone;
      m_.zone_minutes = c.zone_minutes;
      m_.midnight = c.midnight;
      m_.type = TimexType::time;
    } else if (op == Op::half_of) {
      const Unit u = unit(st, 0);
      switch (u) {
        case Unit::year:
          add_duration(m_.duration, Unit::month, true, 6);
          break;
        case Unit::month:
          add_duration(m_.duration, Unit::day, true, 15);
          break;
        case Unit::day:
          add_duration(m_.duration, Unit::hour, true, 12);
          break;
        case Unit::hour:
          add_duration(m_.duration, Unit::minute, true, 30);
          break;
        case Unit::minute:
          add_duration(m_.duration, Unit::second, true, 30);
          break;
        case Unit::decade:
          add_duration(m_.duration, Unit::year, true, 5);
          break;
        case Unit::century:
          add_duration(m_.duration, Unit::year, true, 50);
          break;
        default:
          if (m_.duration.size > 0) {  // P2.5W
            auto& last = m_.duration.parts[m_.duration.size - 1];
            last.fraction = 5;
            last.fraction_digits = 1;
          }
          break;
      }
    } else if (op == Op::ampm_of_pod) {
      // "4 in the morning" is 04:00, "9 in the evening" 21:00, "10 at night" 22:00 but
      // "3 in the night" 03:00.
      const std::string_view p = valued(st, 0, "pod");
      m_.ampm = p == "MO" ? 1 : p == "NI" && m_.hour >= 0 && m_.hour < 6 ? 1 : 2;
    } else if (op == Op::ampm) {
      const std::string_view a = text(st, 0);
      m_.ampm = a == "AM" ? 1 : a == "PM" ? 2 : 0;
      if (m_.ampm == 0) fail(st, "needs AM or PM");
    } else if (op == Op::zone) {
      std::string z(text(st, 0));
      using Zone = TimeValue::Point::Zone;
      // "US-05": a US zone written without standard or daylight ("2 p.m. ET"); the offset is
      // its standard time's, moved an hour when the date falls in daylight time.
      m_.zone_us = z.size() > 2 && z.compare(0, 2, "US") == 0;
      if (m_.zone_us) z.erase(0, 2);
      if (z == "Z") {
        m_.zone = Zone::utc;
        m_.zone_minutes = 0;
      } else if (z.size() >= 3 && (z[0] == '+' || z[0] == '-') && digits(z, 1, 2) &&
                 (z.size() < 6 || digits(z, 4, 2))) {
        const int sign = z[0] == '-' ? -1 : 1;
        const int hours = std::stoi(z.substr(1, 2));
        const int minutes = z.size() >= 6 ? std::stoi(z.substr(4, 2)) : 0;
        m_.zone = z.size() >= 6 ? Zone::hours_colon_minutes : Zone::hours;
        m_.zone_minutes = sign * (hours * 60 + minutes);
      } else {
        from_text_or_fail(st, "needs Z or a +hh / -hh:mm offset");
      }
    } else if (op == Op::decade) {
      const std::int64_t y = number(st, 0);
      if (y >= 1000 && y < 2000 && y % 100 == 0) {
        m_.century = static_cast<int>(y / 100);  // "the 1800s" is the 19th century
      } else if (y >= 100 && y <= 9999) {
        m_.decade = static_cast<int>(y / 10);
      } else if (y >= 0 && y < 100 && y % 10 == 0) {
        m_.decade_digit = static_cast<int>(y / 10);
      } else {
        from_text_or_fail(st, "needs a year ending in 0");  // "the 21s" is no decade
      }
    } else if (op == Op::decade_word) {
      m_.decade_digit = small(st, 0, 0, 9);
    } else if (op == Op::century) {
      m_.century = small(st, 0, 0, 99);
    } else if (op == Op::century_ordinal) {
      m_.century = small(st, 0, 1, 100) - 1;
    } else if (op == Op::nth) {
      m_.nth = small(st, 0, -1, 5);
      if (m_.nth == 0) m_.drop = true;
    } else if (op == Op::holiday) {
      m_.holiday = lasting_text(st, 0);
    } else if (op == Op::shift) {
      m_.shifted = true;
      m_.shift_unit = unit(st, 0);
      const std::int64_t n = number(st, 1);
      if (n < -100000 || n > 100000) fail(st, "shift out of range");
      m_.shift = static_cast<int>(n);
      // A named decade or century ("this decade", "next century") is that period; only a
      // count of them ("a decade ago", shift_by) names a year.
      if (m_.grain == Unit::none &&
          (m_.shift_unit == Unit::decade || m_.shift_unit == Unit::century ||
           m_.shift_unit == Unit::millennium)) {
        m_.grain = m_.shift_unit;
      }
    } else if (op == Op::shift_by) {
      const Meaning& d = chunk(st, 0);
      // The sign read once, not kept as a string compared by a library call at each use.
      const bool minus = text(st, 1) == "-";
      if (d.duration.size == 0) fail(st, "needs a duration");
      const DurationPart& part = d.duration.parts[0];
      Unit u = Unit::none;
      switch (part.unit) {
        case DurationUnit::second:
          u = Unit::second;
          break;
        case DurationUnit::minute:
          u = Unit::minute;
          break;
        case DurationUnit::hour:
          u = Unit::hour;
          break;
        case DurationUnit::day:
          u = Unit::day;
          break;
        case DurationUnit::weekend:
          u = Unit::weekend;
          break;
        case DurationUnit::week:
          u = Unit::week;
          break;
        case DurationUnit::month:
          u = Unit::month;
          break;
        case DurationUnit::quarter:
          u = Unit::quarter;
          break;
        case DurationUnit::year:
          u = Unit::year;
          break;
        case DurationUnit::decade:
          u = Unit::decade;
          break;
        case DurationUnit::century:
          u = Unit::century;
          break;
        case DurationUnit::millennium:
          u = Unit::millennium;
          break;
        case DurationUnit::unknown:
          break;
      }
      if (u == Unit::none) fail(st, "duration unit cannot be shifted");
      // "more than a decade ago" is before the day a decade back; "less than ... ago" after it.
      const bool back = minus;
      switch (d.mod) {
        case TimexMod::more_than:
          m_.mod = back ? TimexMod::before : TimexMod::after;
          break;
        case TimexMod::less_than:
          m_.mod = back ? TimexMod::after : TimexMod::before;
          break;
        case TimexMod::equal_or_more:
          m_.mod = back ? TimexMod::on_or_before : TimexMod::on_or_after;
          break;
        case TimexMod::equal_or_less:
          m_.mod = back ? TimexMod::on_or_after : TimexMod::on_or_before;
          break;
        default:
          m_.mod = d.mod;
          break;
      }
      if (!part.known) {
        m_.ref = minus ? TimeValue::Kind::past_ref : TimeValue::Kind::future_ref;
        m_.vague_unit = u;
        m_.vague_future = !minus;
        return;
      }
      if (part.whole > 100000) {
        // Absurd amounts ("99999999999 days ago") keep their direction but no date.
        m_.ref = minus ? TimeValue::Kind::past_ref : TimeValue::Kind::future_ref;
        return;
      }
      m_.shifted = true;
      m_.shift_unit = u;
      m_.shift = static_cast<int>(part.whole) * (minus ? -1 : 1);
    } else if (op == Op::shift_ordinal) {
      // "the third day" counts the anchor as the first: two days on.
      m_.shifted = true;
      m_.shift_unit = unit(st, 0);
      m_.shift = static_cast<int>(std::clamp<std::int64_t>(number(st, 1), 1, 100000)) - 1;
    } else if (op == Op::hhmm) {
      // "0900 GMT": four digits of a 24-hour clock.
      const std::int64_t v = number(st, 0);
      if (v < 0 || v > 2400 || v % 100 > 59) {
        m_.drop = true;
        return;
      }
      m_.hour = static_cast<int>(v / 100);
      m_.minute = static_cast<int>(v % 100);
      m_.type = TimexType::time;
    } else if (op == Op::grain) {
      if (text(st, 0) == "anchor") {
        m_.grain_of_anchor = true;
      } else {
        m_.grain = unit(st, 0);
      }
    } else if (op == Op::anchor) {
      if (!st.args.empty() && st.args[0].capture >= 0) {
        const Capture& c = capture(st.args[0]);
        if (c.chunk < 0) fail(st, "argument is not an expression");
        m_.anchor = AnchorChoice::expression;
        m_.anchor_expression = c.chunk;
        return;
      }
      const std::string_view a = text(st, 0);
      m_.anchor = a == "last"       ? AnchorChoice::last
                  : a == "dct"      ? AnchorChoice::dct
                  : a == "period"   ? AnchorChoice::period
                  : a == "reported" ? AnchorChoice::reported
                  : a == "none"     ? AnchorChoice::none
                                    : AnchorChoice::document;
    } else if (op == Op::direction) {
      const std::string_view d = text(st, 0);
      if (d == "past")
        m_.direction = Direction::past;
      else if (d == "past_strict")
        m_.direction = Direction::past_strict;
      else if (d == "future")
        m_.direction = Direction::future;
      else if (d == "future_strict")
        m_.direction = Direction::future_strict;
      else if (d == "nearest")
        m_.direction = Direction::nearest;
      else
        fail(st, "needs past, past_strict, future, future_strict or nearest");
    } else if (op == Op::tense) {
      const std::string_view t = text(st, 0);
      m_.tense = t == "past"     ? ClauseTense::past
                 : t == "future" ? ClauseTense::future
                                 : ClauseTense::present;
    } else if (op == Op::overnight) {
      m_.overnight = true;
      m_.type = TimexType::time;
    } else if (op == Op::duration) {
      // Read before unit(), which may overwrite the text of a captured number.
      const bool known = text(st, 0) != "X";
      const Unit u = unit(st, 1);
      const std::int64_t n = known ? number(st, 0) : 0;
      if (n < 0) fail(st, "negative duration");
      add_duration(m_.duration, u, known, static_cast<std::uint64_t>(n));
      if (m_.type == TimexType::date) m_.type = TimexType::duration;
    } else if (op == Op::duration_of) {
      const Meaning& d = chunk(st, 0);
      m_.duration = d.duration;
      if (m_.mod == TimexMod::none) m_.mod = d.mod;
    } else if (op == Op::ref) {
      const std::string_view r = text(st, 0);
      if (r == "PAST" || r == "past")
        m_.ref = TimeValue::Kind::past_ref;
      else if (r == "PRESENT" || r == "present")
        m_.ref = TimeValue::Kind::present_ref;
      else if (r == "FUTURE" || r == "future")
        m_.ref = TimeValue::Kind::future_ref;
      else
        fail(st, "needs PAST, PRESENT or FUTURE");
    } else if (op == Op::vague_past || op == Op::vague_future) {
      m_.vague_unit = unit(st, 0);
      m_.vague_future = op == Op::vague_future;
      m_.ref = m_.vague_future ? TimeValue::Kind::future_ref : TimeValue::Kind::past_ref;
    } else if (op == Op::mod) {
      const auto mod = parse_timex_mod(text(st, 0));
      if (!mod) fail(st, "needs a TIMEX3 mod");
      m_.mod = *mod;
    } else if (op == Op::quant) {
      m_.quant = lasting_text(st, 0);
    } else if (op == Op::freq) {
      const auto& a = st.args.at(0);
      if (a.capture >= 0) {
        m_.freq_times = number(st, 0);
        m_.freq = {};
      } else {
        m_.freq_times.reset();
        m_.freq = a.text;
      }
    } else if (op == Op::set_word) {
      m_.set_value = lasting_text(st, 0);
      m_.type = TimexType::set;
    } else {
      fail(st, "is not implemented");
    }
  }

  const Rule& rule_;
  const Match& match_;
  const Lexicon& lexicon_;
  const std::vector<Meaning>& chunks_;
  Meaning& m_;                       // built in place: no copy of the result
  mutable std::string number_text_;  // what text() returns for a captured number
};

}  // namespace

void build_meaning(const Rule& rule, const Match& match, const Lexicon& lexicon,
                   const std::vector<Meaning>& chunk_meanings, Meaning& out) {
  Builder(rule, match, lexicon, chunk_meanings, out).run();
}

}  // namespace chronicle::detail
