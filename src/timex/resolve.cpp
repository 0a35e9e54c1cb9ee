#include "resolve.hpp"

#include <chronicle/calendar.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace chronicle::detail {

namespace bg = boost::gregorian;
namespace bpt = boost::posix_time;

Anchor Anchor::of(const TimeValue& v, std::string_view id) {
  Anchor a;
  a.id = id;
  if (!v.is_point()) return a;
  const auto& p = v.point();
  if (p.year.digits == 4 && p.year.unknown == 0) a.year = p.year.value;
  if (p.year.digits == 3) a.decade = p.year.value;
  if (p.year.digits == 2) a.century = p.year.value;
  if (p.month.known()) a.month = p.month.value();
  if (p.quarter.known()) a.quarter = p.quarter.value();
  if (p.half.known()) a.half = p.half.value();
  if (p.month.known() && p.day.known()) a.day = p.day.value();
  if (a.year >= 0 && p.week.known() && p.weekday.known() && a.year > calendar::min_year &&
      a.year < calendar::max_year && p.week.value() <= calendar::iso_weeks_in_year(a.year)) {
    const Date d =
        calendar::iso_week_start(a.year, p.week.value()) + bg::days(p.weekday.value() - 1);
    a.year = d.year(), a.month = d.month(), a.day = d.day();
  }
  if (p.hour.known()) a.hour = p.hour.value();
  if (p.minute.known()) a.minute = p.minute.value();
  return a;
}

namespace {

// How far ahead of the anchor a month-day may sit in a past or present clause (deadlines a
// few days off are reported in the past tense: "said it must be returned by Jan. 14").
constexpr long days_window = 45;

bool date_ok(int y, int m, int d) {
  return calendar::valid_date(y, m, d);
}

// A day's start. A day that arithmetic carried past the calendar's range (9 days before
// 1400-01-03) widens to -inf or +inf, as calendar bounds do: never an instant that Boost
// cannot turn back into a date (the exports threw on one).
Instant day_start(const Date& d) {
  static const Date first(calendar::min_year, 1, 1), last(calendar::max_year, 12, 31);
  if (d < first) return Instant(boost::date_time::neg_infin);
  if (d > last) return Instant(boost::date_time::pos_infin);
  return Instant(d);
}

// ISO weekday (Monday 1 .. Sunday 7) of a valid date of a positive year, on plain numbers
// (Sakamoto's method): the weekdays (a third of the expressions) count a few days from their
// anchor, which Boost does through a date built, shifted and taken apart again.
int iso_weekday_of(int y, int m, int d) {
  static constexpr unsigned offsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  const auto year = static_cast<unsigned>(m < 3 ? y - 1 : y);
  const unsigned sunday_first =
      (year + year / 4 - year / 100 + year / 400 + offsets[m - 1] + static_cast<unsigned>(d)) % 7;
  return sunday_first == 0 ? 7 : static_cast<int>(sunday_first);
}

// The date `delta` days (at most a month's length) from a valid date.
struct Civil {
  int year, month, day;
};
Civil shift_days(int y, int m, int d, int delta) {
  d += delta;
  if (d < 1) {
    if (--m == 0) m = 12, --y;
    d += calendar::days_in_month(y, m);
  } else if (const int length = calendar::days_in_month(y, m); d > length) {
    d -= length;
    if (++m == 13) m = 1, ++y;
  }
  return Civil{y, m, d};
}

// Days from a fixed day to a date of a positive year (Hinnant's days_from_civil): differences
// of these are Boost's date differences, without a Boost date built for each.
long day_number(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = y / 400;
  const int year_of_era = y - era * 400;                                    // [0, 399]
  const int day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097L + day_of_era;
}

Date make_date(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(d));
}

// The direction a direction-less expression takes under the policy and the clause's tense.
// `coarse`: months, seasons, quarters, which news text leaves in the DCT's year unless the
// tense says otherwise (returned as Direction::policy).
Direction effective_direction(Direction given, DirectionPolicy policy, ClauseTense tense,
                              bool coarse, bool infinitive = false) {
  if (given != Direction::policy) return given;
  switch (policy) {
    case DirectionPolicy::closest:
      return Direction::nearest;
    case DirectionPolicy::future:
      return Direction::future;
    case DirectionPolicy::news:
      break;
  }
  if (tense == ClauseTense::future) return Direction::future;
  // A month, season or quarter leans to the past in a clause without a tense ("rising in June
  // from $29.75 in March"); in a present clause, or when it may date an intended act ("agreed
  // to buy the line in February"), it is the nearest one.
  if (coarse && (tense == ClauseTense::present || infinitive)) return Direction::policy;
  return Direction::past;
}

// Whether anchor a names a day after b's (both with known days of known years).
bool later_day(const Anchor& a, const Anchor& b) {
  if (!a.has_day() || !b.has_day() || !a.has_year() || !b.has_year()) return false;
  return std::tie(a.year, a.month, a.day) > std::tie(b.year, b.month, b.day);
}

// Builds TIMEX3 points.
struct PointBuilder {
  TimeValue::Point p;
  void year(int y) {
    if (y < 0) {
      p.year = YearField{0, 4, 0b1111};
    } else {
      p.year = YearField{static_cast<std::int16_t>(y), 4, 0};
    }
  }
  void year_unknown() { p.year = YearField{0, 4, 0b1111}; }
  void month(int m) { p.month = m > 0 ? Field<std::int8_t>::of(m) : Field<std::int8_t>::unknown(); }
  void day(int d) { p.day = d > 0 ? Field<std::int8_t>::of(d) : Field<std::int8_t>::unknown(); }
  void date(const Date& d) {
    year(d.year());
    month(d.month());
    day(d.day());
  }
  void week_of(const Date& d) {
    const auto w = calendar::iso_week(d);
    year(w.year);
    p.week = Field<std::int8_t>::of(w.week);
  }
};

class Resolver {
 public:
  // Writes into `out`, a fresh Resolved: the caller's own, so that a resolution constructs
  // one (a TimeValue of its own) and copies none.
  Resolver(const ResolveInput& in, Resolved& out) : in_(in), m_(*in.meaning), out_(out) {}

  void run() {
    out_.type = m_.type;
    out_.mod = m_.mod;
    bool valid = false;                            // known valid without a check of its own
    if (!m_.quant.empty()) out_.quant = m_.quant;  // sets only: most have neither
    if (m_.freq_times) {
      out_.freq = std::to_string(*m_.freq_times) + 'X';
    } else if (!m_.freq.empty()) {
      out_.freq = m_.freq;
    }
    if (m_.type == TimexType::set) {
      set();
    } else if (m_.ref) {
      reference();
    } else if (m_.type == TimexType::duration || (m_.duration.size > 0 && !m_.shifted)) {
      out_.type = TimexType::duration;
      out_.value = TimeValue::of(m_.duration);
    } else {
      point();
      if (out_.value.is_point()) {
        std::optional<Bounds> bounds = out_.value.bounds();
        // bounds() has checked the value: a point with bounds is valid.
        valid = bounds.has_value();
        // YYYY-WI may be either winter that touches the year; the one chosen for a winter
        // without a year ("until the winter is over") is the one that begins in December.
        const TimeValue::Point& p = out_.value.point();
        if (bounds && p.season == Season::winter && m_.season == Season::winter && m_.year < 0 &&
            m_.year2 < 0 && !m_.shifted && p.year.digits == 4 && p.year.unknown == 0 &&
            p.year.value < calendar::max_year) {
          bounds = Bounds{day_start(make_date(p.year.value, 12, 1)),
                          day_start(make_date(p.year.value + 1, 3, 1))};
        }
        out_.bounds = apply_mod(bounds, out_.mod);
      }
    }
    if (!valid && !out_.value.ok()) {
      // A rule produced something TIMEX3 cannot say; keep the expression, with an unknown
      // date, rather than an invalid value.
      PointBuilder b;
      b.year_unknown();
      out_.value = TimeValue::of(b.p);
      out_.bounds.reset();
    }
  }

 private:
  const Anchor& anchor() {
    if (m_.anchor == AnchorChoice::expression) return expression_anchor();
    if (m_.anchor == AnchorChoice::none) {
      static const Anchor nothing;
      return nothing;
    }
    AnchorChoice choice = m_.anchor;
    if (choice == AnchorChoice::document) {
      choice = in_.anchoring == Anchoring::narrative ? AnchorChoice::last : AnchorChoice::dct;
    }
    // A period anchor serves comparatives of a year or two ("a year ago" in a report on a
    // quarter), not "three days ago" or "41 years ago".
    const bool period_shift = (m_.shift_unit == Unit::year || m_.shift_unit == Unit::quarter ||
                               m_.shift_unit == Unit::month || m_.shift_unit == Unit::half) &&
                              m_.shift >= -2 && m_.shift <= 2;
    // "Earlier in the day", "hours later" after "in February": the day talked about is the last
    // one named, not the month since.
    const bool day_shift =
        m_.shift_unit == Unit::day || m_.shift_unit == Unit::hour || m_.shift_unit == Unit::minute;
    const Anchor& last =
        day_shift && in_.last.any() && !in_.last.has_day() && in_.last_day.has_day() ? in_.last_day
                                                                                     : in_.last;
    if (choice == AnchorChoice::last && last_ahead_of_past_clause(last)) choice = AnchorChoice::dct;
    const Anchor& a = choice == AnchorChoice::reported && in_.reported.is_period() ? in_.reported
                      : choice == AnchorChoice::last && last.any()                 ? last
                      : choice == AnchorChoice::period && period_shift && in_.last.is_period() &&
                              in_.last_is_recent
                          ? in_.last
                          : in_.dct;
    if (a.any()) {
      out_.temporal_function = true;
      out_.anchor_id = a.id;
    }
    return a;
  }

  // Nor does a future clause take one before it ("A curfew from 9 p.m. will remain in effect"
  // after the storm's Saturday): what is ahead happens from the DCT on.
  bool last_behind_future_clause(const Anchor& last) const {
    return in_.anchoring == Anchoring::news && later_day(in_.dct, last) &&
           tense() == ClauseTense::future;
  }

  // In news, a past clause does not take a last mentioned day after the DCT ("closed shortly
  // before midnight" after a forecast for Thursday afternoon): what is past happened by then.
  bool last_ahead_of_past_clause(const Anchor& last) const {
    return in_.anchoring == Anchoring::news && later_day(last, in_.dct) &&
           tense() == ClauseTense::past;
  }

  // "the day before Christmas": the date the captured expression names, read in this
  // expression's clause, and in its direction when the rule gives one. Empty when it names no
  // point.
  const Anchor& expression_anchor() {
    if (!expression_) {
      expression_.emplace();
      if (in_.meanings && m_.anchor_expression >= 0) {
        Meaning base = in_.meanings[m_.anchor_expression];
        if (base.direction == Direction::policy) base.direction = m_.direction;
        ResolveInput sub = in_;
        sub.meaning = &base;
        const Resolved r = resolve(sub);
        if (r.valid && r.value.is_point()) {
          *expression_ = Anchor::of(r.value, r.anchor_id.view());
          if (!r.anchor_id.empty()) {
            out_.temporal_function = true;
            out_.anchor_id = r.anchor_id;
          }
        }
      }
    }
    return *expression_;
  }

  const ClauseReading& clause() const {
    if (!clause_) clause_ = in_.read_clause ? in_.read_clause(in_.clause_source) : in_.clause;
    return *clause_;
  }
  ClauseTense tense() const { return m_.tense ? *m_.tense : clause().tense; }
  // The direction a rule left open takes the nearest reading after "until", "through".
  Direction given_direction() const {
    if (in_.policy != DirectionPolicy::news) return m_.direction;
    const bool open = m_.direction == Direction::policy ||
                      (m_.direction == Direction::past && clause().called_off);
    return open && clause().nearest ? Direction::nearest : m_.direction;
  }

  void set() {
    if (!m_.set_value.empty()) {
      if (m_.set_value[0] == 'T') {  // a part of day every day: "nightly"
        PointBuilder b;
        b.year_unknown();
        b.month(-1);
        b.day(-1);
        b.p.part_of_day = PartOfDay::night;
        out_.value = TimeValue::of(b.p);
      } else {
        const auto v = TimeValue::parse(m_.set_value);
        if (v) out_.value = *v;
      }
      return;
    }
    if (m_.duration.size > 0) {
      out_.value = TimeValue::of(m_.duration);
      return;
    }
    PointBuilder b;
    b.year_unknown();
    const std::string_view h = m_.holiday;
    if (!h.empty() && h[0] != 'E' && h.size() >= 5) {
      // "every Fourth of July": XXXX-07-04; "every Thanksgiving": XXXX-11-XX (its day moves).
      b.month((h[0] - '0') * 10 + (h[1] - '0'));
      b.day(h.size() == 5 ? (h[3] - '0') * 10 + (h[4] - '0') : -1);
    } else if (m_.weekday > 0) {
      b.p.week = Field<std::int8_t>::unknown();
      b.p.weekday = Field<std::int8_t>::of(m_.weekday);
    } else if (m_.month > 0) {
      b.month(m_.month);
      if (m_.day > 0) b.day(m_.day);
    } else if (m_.season != Season::none) {
      b.p.season = m_.season;
    } else if (m_.weekend) {  // "on weekends": XXXX-WXX-WE
      b.p.week = Field<std::int8_t>::unknown();
      b.p.weekend = true;
    } else {
      b.month(-1);
      b.day(-1);
    }
    if (b.p.season == Season::none && !m_.weekend) add_time_of_day(b);
    out_.value = TimeValue::of(b.p);
  }

  void reference() {
    out_.type = TimexType::date;
    out_.value = TimeValue::reference(*m_.ref);
    const Anchor& a = in_.dct;
    if (a.any()) {
      out_.temporal_function = true;
      out_.anchor_id = a.id;
    }
    if (!a.has_year() || !a.has_day() || !date_ok(a.year, a.month, a.day)) return;
    const Date dct = make_date(a.year, a.month, a.day);
    const Instant start = day_start(dct), end = day_start(dct + bg::days(1));
    if (m_.vague_unit != Unit::none) {
      // "days ago": some (2 to 9) units back; "in the coming days": 1 to 9 ahead.
      const Anchor& from = anchor();
      const Date base =
          from.has_year() && from.has_day() && date_ok(from.year, from.month, from.day)
              ? make_date(from.year, from.month, from.day)
              : dct;
      const Unit u = m_.vague_unit;
      if (const auto period = period_dates(from)) {
        // "Months later", after "in 2019": 1 to 9 units after some time in the period, or
        // before it for "earlier".
        const Instant first = day_start(period->first), past = day_start(period->second);
        out_.bounds = m_.vague_future
                          ? Bounds{shift_instant(first, u, 1), shift_instant(past, u, 9)}
                          : Bounds{shift_instant(first, u, -9), shift_instant(past, u, -1)};
      } else if (u == Unit::hour || u == Unit::minute || u == Unit::second) {
        // "hours later", "minutes earlier": from the anchor's time when it has one, else from
        // its day.
        const long unit_seconds = u == Unit::hour ? 3600 : u == Unit::minute ? 60 : 1;
        const auto units = [&](long n) { return bpt::seconds(n * unit_seconds); };
        const bool timed = &from != &in_.dct && from.hour >= 0;
        const Instant first =
            timed ? day_start(base) + bpt::hours(from.hour) + bpt::minutes(std::max(from.minute, 0))
                  : day_start(base);
        const Instant last = timed ? first + bpt::minutes(1) : day_start(base + bg::days(1));
        out_.bounds = m_.vague_future ? Bounds{first + units(1), last + units(10)}
                                      : Bounds{first - units(9), last - units(1)};
      } else if (m_.vague_future) {
        out_.bounds = Bounds{day_start(shift_date(base, m_.vague_unit, 1)),
                             day_start(shift_date(base, m_.vague_unit, 10))};
      } else {
        out_.bounds = Bounds{day_start(shift_date(base, m_.vague_unit, -9)),
                             day_start(shift_date(base, m_.vague_unit, -1))};
      }
      // PAST_REF and FUTURE_REF are said from the DCT: "hours later" after a past day is past.
      if (&from != &in_.dct) {
        if (out_.bounds->latest <= start)
          out_.value = TimeValue::reference(TimeValue::Kind::past_ref);
        else if (out_.bounds->earliest >= end)
          out_.value = TimeValue::reference(TimeValue::Kind::future_ref);
      }
      return;
    }
    switch (*m_.ref) {
      case TimeValue::Kind::past_ref:
        out_.bounds = Bounds{Instant(boost::date_time::neg_infin), start};
        break;
      case TimeValue::Kind::future_ref:
        out_.bounds = Bounds{end, Instant(boost::date_time::pos_infin)};
        break;
      default:
        out_.bounds = Bounds{start, end};
        break;
    }
  }

  // The days a year, half, quarter or month anchor covers: its first and the one after its
  // last. None for a day, a coarser period or a year outside the calendar.
  static std::optional<std::pair<Date, Date>> period_dates(const Anchor& a) {
    if (!a.has_year() || a.has_day() || a.year <= calendar::min_year ||
        a.year >= calendar::max_year)
      return std::nullopt;
    const int first_month = a.first_month();
    const int months = a.quarter > 0 ? 3 : a.half > 0 ? 6 : a.month > 0 ? 1 : 12;
    const Date first = make_date(a.year, first_month > 0 ? first_month : 1, 1);
    return std::pair<Date, Date>(first, calendar::add_months(first, months));
  }

  // `t` moved by n units: clock units exactly, calendar units from its day.
  static Instant shift_instant(const Instant& t, Unit u, int n) {
    if (u == Unit::hour) return t + bpt::hours(n);
    if (u == Unit::minute) return t + bpt::minutes(n);
    if (u == Unit::second) return t + bpt::seconds(n);
    return day_start(shift_date(t.date(), u, n));
  }

  static Date shift_date(const Date& d, Unit u, int n) {
    switch (u) {
      case Unit::day:
        return d + bg::days(n);
      case Unit::weekend:
      case Unit::week:
        return d + bg::days(7 * n);
      case Unit::fortnight:
        return d + bg::days(14 * n);
      case Unit::month:
        return calendar::add_months(d, n);
      case Unit::quarter:
        return calendar::add_months(d, 3 * n);
      case Unit::half:
        return calendar::add_months(d, 6 * n);
      case Unit::year:
        return calendar::add_years(d, n);
      case Unit::decade:
        return calendar::add_years(d, 10 * n);
      case Unit::century:
        return calendar::add_years(d, 100 * n);
      case Unit::millennium:
        return calendar::add_years(d, 1000 * n);
      default:
        return d;
    }
  }

  void add_time_of_day(PointBuilder& b, bool day_named = true) {
    if (m_.overnight) {
      b.p.part_of_day = PartOfDay::night;
      return;
    }
    if (m_.pod != PartOfDay::none) {
      b.p.part_of_day = m_.pod;
      return;
    }
    if (m_.hour >= 0) {
      int h = m_.hour;
      if (m_.ampm == 2 && h < 12) h += 12;
      if (m_.ampm == 1 && h == 12) h = 0;
      if (m_.midnight) {
        const bool ahead = day_named || effective_direction(given_direction(), in_.policy, tense(),
                                                            false) == Direction::future;
        h = ahead ? 24 : 0;
      }
      b.p.hour = Field<std::int8_t>::of(h);
      b.p.minute = Field<std::int8_t>::of(m_.minute >= 0 ? m_.minute : 0);
      b.p.zone = m_.zone;
      int zone = m_.zone_minutes;
      if (m_.zone_us && b.p.year.known() && b.p.year.digits == 4 && b.p.month.known() &&
          b.p.day.known() &&
          calendar::us_daylight_time(b.p.year.value, b.p.month.value(), b.p.day.value(), h)) {
        zone += 60;
      }
      b.p.zone_minutes = static_cast<std::int16_t>(zone);
    }
  }

  // Shift from the anchor: "yesterday", "last week", "three days ago", "next year".
  void shifted(PointBuilder& b) {
    const Anchor& a = anchor();
    // A period anchor keeps its grain when asked: a year before 1989-Q3 is 1988-Q3.
    const bool names_period =
        m_.month > 0 || m_.quarter > 0 || m_.half > 0 || m_.season != Season::none;
    if (m_.grain_of_anchor && !names_period && a.is_period() && &a != &in_.dct &&
        (m_.shift_unit == Unit::year || m_.shift_unit == Unit::quarter ||
         m_.shift_unit == Unit::month)) {
      const int months = m_.shift_unit == Unit::year      ? 12 * m_.shift
                         : m_.shift_unit == Unit::quarter ? 3 * m_.shift
                                                          : m_.shift;
      const int first = a.first_month();
      const int index = a.year * 12 + first - 1 + months;
      b.year(index / 12);
      const int month = index % 12 + 1;
      if (a.quarter > 0)
        b.p.quarter = Field<std::int8_t>::of((month - 1) / 3 + 1);
      else if (a.half > 0)
        b.p.half = Field<std::int8_t>::of((month - 1) / 6 + 1);
      else
        b.month(month);
      return;
    }
    const Unit unit = m_.shift_unit;
    // "a decade ago" is a year: TIMEX3 names the year ten years back, not a decade.
    const Unit grain = m_.grain != Unit::none ? m_.grain
                       : unit == Unit::decade || unit == Unit::century || unit == Unit::millennium
                           ? Unit::year
                           : unit;
    const bool day_units = unit == Unit::day || unit == Unit::week || unit == Unit::weekend ||
                           unit == Unit::fortnight || unit == Unit::hour || unit == Unit::minute ||
                           unit == Unit::second;
    if (a.has_year() && a.has_day() && date_ok(a.year, a.month, a.day)) {
      Date d = make_date(a.year, a.month, a.day);
      if (unit == Unit::hour || unit == Unit::minute || unit == Unit::second) {
        // Clock shifts: from the anchor's time when it has one.
        if (a.hour >= 0) {
          Instant t(d, bpt::hours(a.hour) + bpt::minutes(std::max(a.minute, 0)));
          const int per_unit = unit == Unit::hour ? 3600 : unit == Unit::minute ? 60 : 1;
          const bpt::time_duration step = bpt::seconds(static_cast<long>(m_.shift) * per_unit);
          t += step;
          b.date(t.date());
          b.p.hour = Field<std::int8_t>::of(static_cast<int>(t.time_of_day().hours()));
          b.p.minute = Field<std::int8_t>::of(static_cast<int>(t.time_of_day().minutes()));
          return;
        }
        d += bg::days((unit == Unit::hour ? m_.shift / 24 : 0));
        b.date(d);
        return;
      }
      d = shift_date(d, unit, m_.shift);
      write_grain(b, d, grain);
      return;
    }
    const bool calendar_units = day_units || unit == Unit::month || unit == Unit::year;
    if (a.has_day() && (unit == Unit::day || (calendar_units && grain == Unit::day))) {
      // A year-less anchor still fixes month-day arithmetic (in a common year; the rare
      // leap-day case is within a day): "this time last month" is XXXX-12-06.
      const int ref_year = a.month == 2 && a.day == 29 ? 2000 : 2001;
      const Date d = shift_date(make_date(ref_year, a.month, a.day), unit, m_.shift);
      b.year_unknown();
      b.month(d.month());
      b.day(d.day());
      return;
    }
    if (a.has_year() && !day_units) {
      // A year anchor: whole years, decades, centuries.
      const int months = unit == Unit::year      ? 12 * m_.shift
                         : unit == Unit::decade  ? 120 * m_.shift
                         : unit == Unit::century ? 1200 * m_.shift
                         : unit == Unit::month   ? m_.shift
                         : unit == Unit::quarter ? 3 * m_.shift
                                                 : 6 * m_.shift;
      // A quarter or half anchor places the count within its year, as a month does.
      const int first = a.first_month();
      const int month = first > 0 ? first : 1;
      const int index = a.year * 12 + (month - 1) + months;
      if (index >= 0 && (first > 0 || months % 12 == 0)) {
        write_grain(b, make_date(std::clamp(index / 12, 1401, 9998), index % 12 + 1, 1), grain);
        if (first == 0 && (grain == Unit::month || grain == Unit::quarter)) {
          b.p.month = Field<std::int8_t>();
          b.p.quarter = Field<std::int8_t>();
        }
        if (index / 12 != std::clamp(index / 12, 1401, 9998)) b.year_unknown();
        return;
      }
    }
    if (a.has_month() && unit == Unit::month) {
      b.year_unknown();
      b.month(((a.month - 1 + m_.shift) % 12 + 12) % 12 + 1);
      return;
    }
    // Nothing to count from: the unit is all that is known.
    b.year_unknown();
    switch (grain) {
      case Unit::day:
        b.month(-1), b.day(-1);
        break;
      case Unit::week:
      case Unit::fortnight:
        b.p.week = Field<std::int8_t>::unknown();
        break;
      case Unit::weekend:
        b.p.week = Field<std::int8_t>::unknown(), b.p.weekend = true;
        break;
      case Unit::month:
        b.month(-1);
        break;
      case Unit::quarter:
        b.p.quarter = Field<std::int8_t>::unknown();
        break;
      case Unit::half:
        b.p.half = Field<std::int8_t>::unknown();
        break;
      default:
        break;
    }
  }

  static void write_grain(PointBuilder& b, const Date& d, Unit grain) {
    switch (grain) {
      case Unit::week:
      case Unit::fortnight:
        b.week_of(d);
        break;
      case Unit::weekend:
        b.week_of(d);
        b.p.weekend = true;
        break;
      case Unit::month:
        b.year(d.year());
        b.month(d.month());
        break;
      case Unit::quarter:
        b.year(d.year());
        b.p.quarter = Field<std::int8_t>::of((d.month() - 1) / 3 + 1);
        break;
      case Unit::half:
        b.year(d.year());
        b.p.half = Field<std::int8_t>::of((d.month() - 1) / 6 + 1);
        break;
      case Unit::year:
        b.year(d.year());
        break;
      case Unit::decade:
        b.p.year = YearField{static_cast<std::int16_t>(d.year() / 10), 3, 0};
        break;
      case Unit::century:
        b.p.year = YearField{static_cast<std::int16_t>(d.year() / 100), 2, 0};
        break;
      case Unit::millennium:
        b.p.year = YearField{static_cast<std::int16_t>(d.year() / 1000 * 1000), 4, 0b1110};
        break;
      default:
        b.date(d);
        break;
    }
  }

  // A weekday from the anchor: "Wednesday", "last Friday", "next Monday".
  void weekday(PointBuilder& b, int w) {
    const Anchor& a = anchor();
    if (!(a.has_year() && a.has_day() && date_ok(a.year, a.month, a.day))) {
      b.year_unknown();
      b.p.week = Field<std::int8_t>::unknown();
      b.p.weekday = Field<std::int8_t>::of(w);
      return;
    }
    const Direction dir = effective_direction(given_direction(), in_.policy, tense(), false);
    // A week either way stays within the calendar's years: counted on day numbers.
    if (!m_.weekend && a.year > calendar::min_year && a.year < calendar::max_year) {
      // Days from the anchor to the weekday before (after) the day `start` days away.
      const int anchor_day = iso_weekday_of(a.year, a.month, a.day);
      const auto back = [&](int start) { return start - ((anchor_day + start) - w + 14) % 7; };
      const auto ahead = [&](int start) { return start + (w - (anchor_day + start) + 14) % 7; };
      int delta = 0;
      switch (dir) {
        case Direction::past:
          delta = back(0);
          break;
        case Direction::past_strict:
          delta = back(-1);
          break;
        case Direction::future:
          delta = ahead(0);
          break;
        case Direction::future_strict:
          delta = ahead(1);
          break;
        case Direction::nearest:
        case Direction::policy: {
          const int before = back(0), after = ahead(1);
          delta = -before <= after ? before : after;
          break;
        }
      }
      const Civil c = shift_days(a.year, a.month, a.day, delta);
      b.year(c.year);
      b.month(c.month);
      b.day(c.day);
      return;
    }
    const Date from = make_date(a.year, a.month, a.day);
    Date d = from;
    switch (dir) {
      case Direction::past:
        d = calendar::previous_weekday(from, w, Inclusion::inclusive);
        break;
      case Direction::past_strict:
        d = calendar::previous_weekday(from, w, Inclusion::strict);
        break;
      case Direction::future:
        d = calendar::next_weekday(from, w, Inclusion::inclusive);
        break;
      case Direction::future_strict:
        d = calendar::next_weekday(from, w, Inclusion::strict);
        break;
      case Direction::nearest:
      case Direction::policy: {
        const Date back = calendar::previous_weekday(from, w, Inclusion::inclusive);
        const Date ahead = calendar::next_weekday(from, w, Inclusion::strict);
        d = (from - back).days() <= (ahead - from).days() ? back : ahead;
        break;
      }
    }
    if (m_.weekend) {
      b.week_of(d);
      b.p.weekend = true;
      return;
    }
    b.date(d);
  }

  // month_day() for a month and day the words give ("Jan. 6"), on day numbers: there each of
  // the three years around the anchor's is a Boost date built, compared and taken apart.
  // month_day() itself at the calendar's ends.
  void fixed_month_day(PointBuilder& b, int month, int day) {
    if (const int y = sentence_year(); y >= 0 && date_ok(y, month, day)) {
      b.date(make_date(y, month, day));
      return;
    }
    const Anchor& a = anchor();
    if (!(a.has_year() && a.has_day() && date_ok(a.year, a.month, a.day)) ||
        a.year <= calendar::min_year || a.year >= calendar::max_year) {
      month_day(b, [month, day](int y) -> std::optional<Date> {
        if (!date_ok(y, month, day)) return std::nullopt;
        return make_date(y, month, day);
      });
      return;
    }
    YearChoice choice;
    const long from = day_number(a.year, a.month, a.day);
    for (int k = 0; k < 3; ++k) {
      const int y = a.year - 1 + k;
      choice.has[k] = date_ok(y, month, day);
      if (!choice.has[k]) continue;
      choice.days[k] = day_number(y, month, day) - from;
      if (m_.weekday > 0) choice.weekday[k] = iso_weekday_of(y, month, day);
    }
    int best = choose_year(choice);
    int year = best >= 0 ? a.year - 1 + best : -1;
    if (best < 0 && m_.weekday > 0 && choice.nearest >= 0) {
      year = weekday_year_beyond(a.year, choice.ahead, [&](int y) {
        return date_ok(y, month, day) ? iso_weekday_of(y, month, day) : 0;
      });
    }
    if (year >= 0) {
      b.year(year);
      b.month(month);
      b.day(day);
    } else {
      b.year_unknown();
      if (choice.nearest < 0) out_.valid = false;  // no year has this day: "Feb. 30"
    }
  }

  // The year before the anchor's, the anchor's and the one after, for a month-day: whether
  // each has the day, the days from the anchor to it, its weekday (read when the words name
  // one); choose_year() fills `nearest`.
  struct YearChoice {
    bool has[3] = {false, false, false};
    long days[3] = {0, 0, 0};
    int weekday[3] = {0, 0, 0};
    int nearest = -1;
    bool ahead = false;  // the clause looks forward (set by choose_year())
  };

  // "opened on Monday, 6 January" in a June 2024 story: no Jan. 6 on a Monday within a year
  // of the anchor, so the latest year before it in which the date falls on that weekday (the
  // next one after it in a future clause); -1 when none within 11 years. `weekday_of(y)` is the
  // date's weekday in year y, 0 when y lacks the date.
  template <class WeekdayOf>
  int weekday_year_beyond(int anchor_year, bool ahead, WeekdayOf weekday_of) const {
    for (int k = 1; k <= 11; ++k) {
      const int y = ahead ? anchor_year + 1 + k : anchor_year - 1 - k;
      if (weekday_of(y) == m_.weekday) return y;
    }
    return -1;
  }

  // Which of the three years a month-day given without one falls in (-1: none), by the
  // clause's direction.
  int choose_year(YearChoice& c) {
    // A present clause ("the summit is on April 24") takes the nearest year, as months do; a
    // clause without a tense still leans to the past.
    const bool timetable = in_.policy == DirectionPolicy::news && !m_.tense && clause().timetable;
    const Direction dir = timetable && given_direction() == Direction::policy
                              ? Direction::nearest
                              : effective_direction(given_direction(), in_.policy, tense(),
                                                    tense() == ClauseTense::present);
    // "Sunday, Nov. 3": only a year in which the day falls on that weekday, when one of the
    // three does (a weekday at odds with every year is the writer's slip, and is left aside).
    if (m_.weekday > 0) {
      bool any = false;
      for (int k = 0; k < 3; ++k) any = any || (c.has[k] && c.weekday[k] == m_.weekday);
      for (int k = 0; k < 3; ++k) {
        if (any && c.has[k] && c.weekday[k] != m_.weekday) c.has[k] = false;
      }
    }
    // The nearest one; a future clause takes the next one, a past clause the last one unless
    // the nearest is only a few days ahead.
    for (int k = 0; k < 3; ++k) {
      if (c.has[k] && (c.nearest < 0 || std::labs(c.days[k]) < std::labs(c.days[c.nearest]))) {
        c.nearest = k;
      }
    }
    int best = c.nearest;
    c.ahead = dir == Direction::future || dir == Direction::future_strict;
    const auto first_where = [&c](auto&& ok, bool latest) {
      int found = -1;
      for (int k = 0; k < 3; ++k) {
        if (c.has[k] && ok(c.days[k]) && (found < 0 || latest)) found = k;
      }
      return found;
    };
    switch (dir) {
      case Direction::past:
        if (best >= 0 && c.days[best] > days_window) {
          best = first_where([](long d) { return d <= 0; }, true);
        }
        break;
      case Direction::past_strict:
        best = first_where([](long d) { return d < 0; }, true);
        break;
      case Direction::future:
        // A future clause looks ahead: the first one on or after the anchor.
        best = first_where([](long d) { return d >= 0; }, false);
        break;
      case Direction::future_strict:
        best = first_where([](long d) { return d > 0; }, false);
        break;
      case Direction::nearest:
        // A timetable's present looks ahead ("The trial opens Feb. 14" in June is next
        // February's) unless the date has just passed ("The curfew runs from Jan. 3", on Jan. 6).
        if (timetable) {
          const int last = first_where([](long d) { return d <= 0; }, true);
          const int next = first_where([](long d) { return d >= 0; }, false);
          if (last >= 0 && -c.days[last] <= days_window) {
            best = last;
          } else if (next >= 0) {
            best = next;
          }
        }
        break;
      case Direction::policy:
        break;
    }
    return best;
  }

  // The year of a month-day (or holiday) given without one.
  template <class DayOfYear>
  void month_day(PointBuilder& b, DayOfYear day_in) {
    if (const int y = sentence_year(); y >= 0) {
      if (const auto d = day_in(y)) {
        b.date(*d);
        return;
      }
    }
    const Anchor& a = anchor();
    if (!(a.has_year() && a.has_day() && date_ok(a.year, a.month, a.day))) {
      b.year_unknown();
      if (auto d = day_in(2000)) {  // a leap year, so that Feb. 29 stays possible
        // A movable feast keeps only what every year shares: Thanksgiving is XXXX-11-XX,
        // Easter XXXX-XX-XX. 28 years hold every weekday calendar; Easter's months too.
        bool same_month = true, same_day = true;
        for (int y = 2001; y < 2028; ++y) {
          if (const auto other = day_in(y)) {
            same_month = same_month && other->month() == d->month();
            same_day = same_day && other->day() == d->day();
          }
        }
        b.month(same_month ? static_cast<int>(d->month()) : -1);
        b.day(same_month && same_day ? static_cast<int>(d->day()) : -1);
      } else {
        out_.valid = false;  // no year has this day
      }
      if (a.has_year() && a.year >= 0) {
        // A year without a day: take it (month-days in the same year).
        if (auto d = day_in(a.year)) b.date(*d);
      }
      return;
    }
    const Date from = make_date(a.year, a.month, a.day);
    std::optional<Date> candidates[3];
    YearChoice choice;
    for (int k = 0; k < 3; ++k) {
      candidates[k] = day_in(a.year - 1 + k);
      choice.has[k] = candidates[k].has_value();
      if (!choice.has[k]) continue;
      choice.days[k] = static_cast<long>((*candidates[k] - from).days());
      if (m_.weekday > 0) choice.weekday[k] = calendar::iso_weekday(*candidates[k]);
    }
    int best = choose_year(choice);
    if (best < 0 && m_.weekday > 0 && choice.nearest >= 0) {
      const int y = weekday_year_beyond(a.year, choice.ahead, [&](int year) {
        const auto c = day_in(year);
        return c ? calendar::iso_weekday(*c) : 0;
      });
      if (y >= 0) {
        b.date(*day_in(y));
        return;
      }
    }
    if (best >= 0) {
      b.date(*candidates[best]);
    } else {
      b.year_unknown();
      if (choice.nearest < 0) out_.valid = false;  // no year has this day: "Feb. 30"
    }
  }

  // "the 6th": a day of the anchor's month (the month before when that day is still ahead in
  // a past clause).
  void day_of_month(PointBuilder& b, int day) {
    const Anchor& a = anchor();
    if (!(a.has_year() && a.has_day())) {
      b.year_unknown();
      if (a.has_month())
        b.month(a.month);
      else
        b.month(-1);
      b.day(day);
      return;
    }
    const int month = m_.month > 0 ? m_.month : a.month;
    month_day(b, [this, month, day, &a](int y) -> std::optional<Date> {
      (void)this;
      (void)a;
      if (!date_ok(y, month, day)) return std::nullopt;
      return make_date(y, month, day);
    });
    // A day ahead of the anchor in a past clause is last month's.
    const Direction dir = effective_direction(given_direction(), in_.policy, tense(), false);
    if (dir == Direction::past && b.p.day.known() && day > a.day && b.p.month.value() == a.month) {
      const Date prev = calendar::add_months(make_date(a.year, a.month, 1), -1);
      if (date_ok(prev.year(), prev.month(), day))
        b.date(make_date(prev.year(), prev.month(), day));
    }
  }

  // A story told in a past year goes on in it: "When the levee broke in March 2023 ... By June,
  // most residents had returned" is June 2023. In news mode, a month or season without a year
  // in a past clause is in the year its sentence is set in (sentence_year), or, later in the
  // year than a month of an earlier year mentioned in this sentence or the one before, in that
  // year (and anchored to it); else -1.
  int story_year(int first_month) {
    if (const int y = sentence_year(); y >= 0) return y;
    const Anchor& last = in_.last;
    if (in_.anchoring != Anchoring::news || m_.direction != Direction::policy ||
        in_.policy != DirectionPolicy::news || !in_.last_is_recent || !last.has_year() ||
        !last.has_month() || !in_.dct.has_year() || last.year >= in_.dct.year ||
        first_month + 1 <= last.month || tense() != ClauseTense::past) {
      return -1;
    }
    out_.temporal_function = true;
    out_.anchor_id = last.id;
    return last.year;
  }

  // "The last crisis, in 2012, ended at Easter": in news mode, a past clause's year-less date
  // takes the year that the sentence is set in, when that year has passed; else -1.
  int sentence_year() {
    const Anchor& y = in_.sentence_year;
    if (!y.has_year() || in_.anchoring != Anchoring::news || m_.direction != Direction::policy ||
        in_.policy != DirectionPolicy::news || !in_.dct.has_year() || y.year >= in_.dct.year ||
        y.year <= calendar::min_year || tense() != ClauseTense::past) {
      return -1;
    }
    out_.temporal_function = true;
    out_.anchor_id = y.id;
    return y.year;
  }

  // The year of a month, season, quarter or half given without one. `first_month` (0-based
  // from January) and `months` place the period in its year. Like month-days: the nearest
  // one, unless the tense says otherwise by more than a few weeks.
  int coarse_year(Direction given, int first_month, int months) {
    const Anchor& a = anchor();
    const Direction dir =
        effective_direction(given, in_.policy, tense(), true, clause().infinitive);
    const int day = a.has_day() ? a.day : 1;
    const long here = static_cast<long>(a.year) * 372 + (a.month - 1) * 31 + (day - 1);
    struct Candidate {
      int year;
      long start, end;  // in "372-day years" of 31-day months: enough to order and compare
    };
    Candidate c[3];
    for (int k = 0; k < 3; ++k) {
      const int y = a.year - 1 + k;
      const long start = static_cast<long>(y) * 372 + first_month * 31;
      c[k] = Candidate{y, start, start + months * 31};
    }
    auto distance = [&](const Candidate& x) {
      return here < x.start ? x.start - here : here >= x.end ? here - x.end + 1 : 0;
    };
    int nearest = 0;
    for (int k = 1; k < 3; ++k) {
      if (distance(c[k]) < distance(c[nearest])) nearest = k;
    }
    switch (dir) {
      case Direction::past:
        if (c[nearest].start - here > days_window) {
          for (int k = 2; k >= 0; --k) {
            if (c[k].start <= here) return c[k].year;
          }
        }
        return c[nearest].year;
      case Direction::past_strict:
        for (int k = 2; k >= 0; --k) {
          if (c[k].end <= here - (here % 372 % 31)) return c[k].year;
        }
        return c[0].year;
      case Direction::future:
        for (int k = 0; k < 3; ++k) {
          if (c[k].end > here) return c[k].year;
        }
        return c[2].year;
      case Direction::future_strict:
        for (int k = 0; k < 3; ++k) {
          if (c[k].start > here) return c[k].year;
        }
        return c[2].year;
      case Direction::nearest:
      case Direction::policy:
        return c[nearest].year;
    }
    return a.year;
  }

  std::optional<Date> holiday_date(int year) const {
    if (year <= calendar::min_year || year >= calendar::max_year) return std::nullopt;
    const std::string h(m_.holiday);  // holidays are few: read with std::stoi
    if (h.size() > 1 && h[0] == 'E') {
      return calendar::easter(year) + bg::days(std::stoi(h.substr(1)));
    }
    const int month = std::stoi(h.substr(0, 2));
    if (h.size() == 5) {
      const int day = std::stoi(h.substr(3, 2));
      if (!date_ok(year, month, day)) return std::nullopt;
      return make_date(year, month, day);
    }
    // MM-w-n: the n-th weekday w (n = L for the last), then +k days ("11-1-1+1": the Tuesday
    // after the first Monday of November).
    const int w = h[3] - '0';
    const int n = h[5] == 'L' ? -1 : h[5] - '0';
    const int plus = h.size() > 7 && h[6] == '+' ? std::stoi(h.substr(7)) : 0;
    return calendar::nth_weekday_of_month(year, month, w, n) + bg::days(plus);
  }

  void point() {
    PointBuilder b;
    const Anchor* anchor_used = nullptr;
    if (m_.shifted) {
      shifted(b);
      // "the first half of last year", "the summer of last year"
      if (b.p.year.digits == 4 && !b.p.month.present() && !b.p.week.present() &&
          !b.p.quarter.present() && !b.p.half.present()) {
        calendar_fields(b);
      }
      // "the first of next month": a day of the month counted to.
      if (m_.day > 0 && b.p.month.known() && !b.p.day.present()) {
        if (!b.p.year.known() || date_ok(b.p.year.value, b.p.month.value(), m_.day)) {
          b.day(m_.day);
        } else {
          out_.valid = false;  // no such day in that month ("the 31st of next month" in June)
        }
      }
    } else if (!m_.holiday.empty()) {
      if (m_.year >= 0) {
        if (auto d = holiday_date(m_.year))
          b.date(*d);
        else
          b.year(m_.year);
      } else {
        month_day(b, [this](int y) { return holiday_date(y); });
      }
    } else if (m_.nth != 0 && m_.month > 0 && m_.weekday > 0) {
      // "the second Tuesday of May": a day that moves with the year, as a holiday does.
      const auto nth_day = [this](int y) -> std::optional<Date> {
        if (y <= calendar::min_year || y >= calendar::max_year) return std::nullopt;
        const Date d = calendar::nth_weekday_of_month(y, m_.month, m_.weekday, m_.nth);
        if (d.month() != m_.month) return std::nullopt;  // no fifth Monday this February
        return d;
      };
      if (m_.year >= 0) {
        if (auto d = nth_day(m_.year))
          b.date(*d);
        else
          out_.valid = false;
      } else {
        month_day(b, nth_day);
      }
    } else if (m_.year >= 0 || m_.year2 >= 0 || m_.decade >= 0 || m_.decade_digit >= 0 ||
               m_.century >= 0) {
      explicit_year(b);
      calendar_fields(b);
      period_of_year(b);
    } else if (m_.month > 0 && m_.day > 0) {
      fixed_month_day(b, m_.month, m_.day);
    } else if (m_.day > 0 && m_.month < 0) {
      day_of_month(b, m_.day);
    } else if (m_.weekday > 0) {
      weekday(b, m_.weekday);
    } else if (m_.weekend) {
      weekday(b, 6);
    } else if (m_.month > 0 || m_.season != Season::none || m_.quarter > 0 || m_.half > 0) {
      const Anchor& a = anchor();
      if (a.has_year() && a.has_month()) {
        int y = a.year;
        if (m_.month > 0) {
          const int story = story_year(m_.month - 1);
          y = story >= 0 ? story : coarse_year(given_direction(), m_.month - 1, 1);
        } else if (m_.season != Season::none) {
          const int season = static_cast<int>(m_.season) - 1;  // SP SU FA WI: 0..3
          const int story = story_year(2 + 3 * season);
          y = story >= 0 ? story : coarse_year(given_direction(), 2 + 3 * season, 3);
        } else if (m_.quarter > 0) {
          // Business news names the quarter being reported: the nearest, unless a past clause
          // puts it behind ("earnings soared in the fiscal first quarter", in October).
          const Direction given =
              given_direction() == Direction::policy && tense() != ClauseTense::past
                  ? Direction::nearest
                  : given_direction();
          y = coarse_year(given, 3 * (m_.quarter - 1), 3);
        } else {
          y = coarse_year(given_direction(), 6 * (m_.half - 1), 6);
        }
        b.year(y);
      } else if (a.has_year()) {
        b.year(a.year);
      } else {
        b.year_unknown();
      }
      calendar_fields(b);
    } else if (m_.overnight || m_.pod != PartOfDay::none || m_.hour >= 0) {
      // A time of day alone: on the day mentioned earlier in the sentence, or in the one
      // before ("was killed on Oct. 23 ... He was shot at 10 p.m."), else the anchor's.
      if (in_.sentence_day.has_day()) {
        anchor_used = &in_.sentence_day;
      } else if (!m_.overnight && in_.last_is_recent && in_.last.has_day() && in_.last.has_year() &&
                 !m_.shifted && !last_ahead_of_past_clause(in_.last) &&
                 !last_behind_future_clause(in_.last)) {
        anchor_used = &in_.last;
        out_.temporal_function = true;
        out_.anchor_id = in_.last.id;
      } else {
        anchor_used = &anchor();
      }
      const Anchor& a = *anchor_used;
      const bool future =
          effective_direction(given_direction(), in_.policy, tense(), false) == Direction::future;
      // The end of a clock range that does not come later in the day is in the next one
      // ("a curfew from 9 p.m. to 6 a.m.").
      const bool next_day =
          in_.range_end && m_.hour >= 0 && a.hour >= 0 &&
          m_.hour * 60 + std::max(m_.minute, 0) <= a.hour * 60 + std::max(a.minute, 0);
      const int days_on = m_.overnight && !future && anchor_used == &in_.dct ? -1
                          : next_day                                         ? 1
                                                                             : 0;
      if (a.has_year() && a.has_day() && date_ok(a.year, a.month, a.day)) {
        b.date(make_date(a.year, a.month, a.day) + bg::days(days_on));
      } else if (a.has_day()) {
        const Date d = make_date(a.month == 2 && a.day == 29 ? 2000 : 2001, a.month, a.day) +
                       bg::days(days_on);
        b.year_unknown();
        b.month(d.month());
        b.day(d.day());
      } else {
        b.year_unknown();
        b.month(-1);
        b.day(-1);
      }
      if (anchor_used != &in_.dct && !a.id.empty()) {
        out_.temporal_function = true;
        out_.anchor_id = a.id;
      }
    } else {
      b.year_unknown();
    }
    // "the week of March 6": the ISO week that holds the date.
    if (!m_.shifted && m_.grain == Unit::week && b.p.year.known() && b.p.year.digits == 4 &&
        b.p.month.known() && b.p.day.known() &&
        date_ok(b.p.year.value, b.p.month.value(), b.p.day.value())) {
      const Date d = make_date(b.p.year.value, b.p.month.value(), b.p.day.value());
      b = PointBuilder();
      b.week_of(d);
    }
    // Weekdays and shifts that land on a day take the time of day given with them.
    // "midnight Friday", "midnight on Dec. 31": the end of the day named with it; so is a
    // midnight on a day named earlier in the sentence ("late Saturday, hours before a midnight
    // deadline"), unless it is passed ("On Saturday, shortly after midnight, ...").
    const bool day_named = anchor_used == nullptr || (anchor_used == &in_.sentence_day &&
                                                      (in_.day_follows || !clause().after));
    if (b.p.day.present() || b.p.weekday.present()) add_time_of_day(b, day_named);
    if (b.p.part_of_day != PartOfDay::none || b.p.hour.present()) {
      out_.type = TimexType::time;
    }
    // TimeValue::of(b.p) in place: the value is still the fresh one, a point, whose fields are
    // all the builder's (of() would build a whole value, durations included, to copy it over).
    out_.value.point() = b.p;
  }

  // "the 1988 quarter", "the 1989 period": the period being reported, in the year named.
  void period_of_year(PointBuilder& b) {
    if (!m_.grain_of_anchor || m_.year < 0 || b.p.month.present() || b.p.quarter.present() ||
        b.p.half.present() || b.p.season != Season::none) {
      return;
    }
    const Anchor& a = anchor();
    if (&a == &in_.dct || !a.is_period() || std::abs(a.year - m_.year) > 2) return;
    if (a.quarter > 0)
      b.p.quarter = Field<std::int8_t>::of(a.quarter);
    else if (a.half > 0)
      b.p.half = Field<std::int8_t>::of(a.half);
    else
      b.month(a.month);
  }

  void explicit_year(PointBuilder& b) {
    if (m_.century >= 0) {
      b.p.year = YearField{static_cast<std::int16_t>(m_.century), 2, 0};
      return;
    }
    if (m_.decade >= 0) {
      b.p.year = YearField{static_cast<std::int16_t>(m_.decade), 3, 0};
      return;
    }
    const Anchor& a = in_.dct;
    if (m_.decade_digit >= 0) {
      // "the '90s": the latest such decade that has begun by the anchor.
      const int now = a.has_year() ? a.year : -1;
      if (now < 0) {
        b.year_unknown();  // the century is not known without a year
        return;
      }
      int decade = now / 100 * 10 + m_.decade_digit;
      if (decade * 10 > now) decade -= 10;
      b.p.year = YearField{static_cast<std::int16_t>(decade), 3, 0};
      out_.temporal_function = true;
      out_.anchor_id = a.id;
      return;
    }
    if (m_.year2 >= 0) {
      const int now = a.has_year() ? a.year : 2000;
      int y = now / 100 * 100 + m_.year2;
      if (y > now + 10) y -= 100;
      b.year(y);
      return;
    }
    b.year(m_.year);
  }

  void calendar_fields(PointBuilder& b) {
    if (b.p.year.digits != 4) return;
    if (m_.month > 0) {
      b.month(m_.month);
      if (m_.day > 0) b.day(m_.day);
    } else if (m_.season != Season::none) {
      b.p.season = m_.season;
    } else if (m_.quarter > 0) {
      b.p.quarter = Field<std::int8_t>::of(m_.quarter);
    } else if (m_.half > 0) {
      b.p.half = Field<std::int8_t>::of(m_.half);
    } else if (m_.week > 0) {
      b.p.week = Field<std::int8_t>::of(m_.week);
    }
  }

  const ResolveInput& in_;
  mutable std::optional<ClauseReading> clause_;  // read on first use
  std::optional<Anchor> expression_;             // expression_anchor(), on first use
  const Meaning& m_;
  Resolved& out_;
};

}  // namespace

std::optional<Bounds> apply_mod(const std::optional<Bounds>& b, TimexMod mod) {
  if (!b || b->earliest.is_special() || b->latest.is_special()) return b;
  const auto length = b->latest - b->earliest;
  const Bounds out = [&] {
    switch (mod) {
      case TimexMod::start:
        return Bounds{b->earliest, b->earliest + length / 3};
      case TimexMod::mid:
        return Bounds{b->earliest + length / 3, b->latest - length / 3};
      case TimexMod::end:
        return Bounds{b->latest - length / 3, b->latest};
      case TimexMod::before:
        return Bounds{Instant(boost::date_time::neg_infin), b->earliest};
      case TimexMod::on_or_before:
        return Bounds{Instant(boost::date_time::neg_infin), b->latest};
      case TimexMod::after:
        return Bounds{b->latest, Instant(boost::date_time::pos_infin)};
      case TimexMod::on_or_after:
        return Bounds{b->earliest, Instant(boost::date_time::pos_infin)};
      case TimexMod::approx:
        return Bounds{b->earliest - length / 2, b->latest + length / 2};
      default:
        return *b;
    }
  }();
  // "about" widens past the calendar's ends near years 1400 and 9999.
  return Bounds{calendar::within_calendar(out.earliest), calendar::within_calendar(out.latest)};
}

Resolved resolve(const ResolveInput& in) {
  Resolved r;  // returned on every path: built where the caller wants it
  try {
    Resolver(in, r).run();
  } catch (const std::out_of_range&) {
    // Arithmetic past the calendar's range ("100000 years ago" in a 1500 story): the
    // expression stays, with a date nobody can know. What the resolver had set is dropped.
    r = Resolved{};
    r.type = in.meaning->type == TimexType::time ? TimexType::time : TimexType::date;
    TimeValue::Point p;
    p.year = YearField{0, 4, 0b1111};
    r.value = TimeValue::of(p);
    r.mod = in.meaning->mod;
  }
  return r;
}

}  // namespace chronicle::detail
