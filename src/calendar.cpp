#include "chronicle/calendar.hpp"

#include <fmt/format.h>
#include <boost/date_time/gregorian/gregorian.hpp>

namespace chronicle::calendar {

namespace bg = boost::gregorian;
namespace bpt = boost::posix_time;

bool is_leap_year(int year) noexcept {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) noexcept {
  static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : lengths[month - 1];
}

int days_in_year(int year) noexcept {
  return is_leap_year(year) ? 366 : 365;
}

bool valid_date(int year, int month, int day) noexcept {
  return year >= min_year && year <= max_year && day >= 1 && day <= days_in_month(year, month);
}

IsoWeekday iso_weekday(const Date& d) {
  const int w = d.day_of_week().as_number();  // Sunday = 0
  return w == 0 ? 7 : w;
}

Date previous_weekday(const Date& from, IsoWeekday w, Inclusion inc) {
  const Date start = inc == Inclusion::strict ? from - bg::days(1) : from;
  const int back = (iso_weekday(start) - w + 7) % 7;
  return start - bg::days(back);
}

Date next_weekday(const Date& from, IsoWeekday w, Inclusion inc) {
  const Date start = inc == Inclusion::strict ? from + bg::days(1) : from;
  const int ahead = (w - iso_weekday(start) + 7) % 7;
  return start + bg::days(ahead);
}

namespace {
// Monday of ISO week 1: the week holding January 4th.
Date iso_year_start(int iso_year) {
  const Date jan4(static_cast<unsigned short>(iso_year), 1, 4);
  return jan4 - bg::days(iso_weekday(jan4) - 1);
}
}  // namespace

IsoWeek iso_week(const Date& d) {
  int year = d.year();
  if (year < max_year && d >= iso_year_start(year + 1)) {
    ++year;
  } else if (d < iso_year_start(year)) {
    --year;
  }
  const auto days = (d - iso_year_start(year)).days();
  return IsoWeek{year, static_cast<int>(days / 7) + 1, iso_weekday(d)};
}

int iso_weeks_in_year(int iso_year) noexcept {
  // A year has 53 ISO weeks when it starts on a Thursday, or is a leap year starting on a
  // Wednesday. Computed arithmetically so that any year works, not only Boost's range.
  auto jan1_weekday = [](int y) {  // 1..7, Monday = 1; Zeller-style on the proleptic calendar
    const int yy = y - 1;
    const int d = (1 + 5 * (yy % 4) + 4 * (yy % 100) + 6 * (yy % 400)) % 7;  // 0 = Sunday
    return d == 0 ? 7 : d;
  };
  const int w = jan1_weekday(iso_year);
  return (w == 4 || (w == 3 && is_leap_year(iso_year))) ? 53 : 52;
}

Date iso_week_start(int iso_year, int week) {
  return iso_year_start(iso_year) + bg::days(7 * (week - 1));
}

Date add_months(const Date& d, int months) {
  const int index = d.year() * 12 + (d.month() - 1) + months;
  const int year = index / 12;
  const int month = index % 12 + 1;
  const int day = std::min<int>(d.day(), days_in_month(year, month));
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
              static_cast<unsigned short>(day));
}

Date add_years(const Date& d, int years) {
  return add_months(d, 12 * years);
}

Date easter(int year) {
  // The anonymous Gregorian computus (Meeus/Jones/Butcher).
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
              static_cast<unsigned short>(day));
}

Date nth_weekday_of_month(int year, int month, IsoWeekday w, int n) {
  const auto y = static_cast<unsigned short>(year);
  const auto m = static_cast<unsigned short>(month);
  if (n < 0) {
    const Date last(y, m, static_cast<unsigned short>(days_in_month(year, month)));
    return previous_weekday(last, w, Inclusion::inclusive);
  }
  const Date first(y, m, 1);
  return next_weekday(first, w, Inclusion::inclusive) + bg::days(7 * (n - 1));
}

bool us_daylight_time(int year, int month, int day, int hour) noexcept {
  if (year < 1967 || year > max_year || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month)) {
    return false;
  }
  constexpr IsoWeekday sunday = 7;
  Date start, end;  // the first and last days of daylight time
  if (year >= 2007) {
    start = nth_weekday_of_month(year, 3, sunday, 2);
    end = nth_weekday_of_month(year, 11, sunday, 1);
  } else if (year >= 1987) {
    start = nth_weekday_of_month(year, 4, sunday, 1);
    end = nth_weekday_of_month(year, 10, sunday, -1);
  } else {
    start = nth_weekday_of_month(year, 4, sunday, -1);
    end = nth_weekday_of_month(year, 10, sunday, -1);
  }
  const Date d(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
               static_cast<unsigned short>(day));
  if (d < start || d > end) return false;
  if (d == start) return hour >= 2;  // clocks go from 2 a.m. to 3 a.m.
  if (d == end) return hour < 1;     // the hour from 1 a.m. repeats; read it as standard time
  return true;
}

namespace {
Instant instant(int year, int month, int day, int hour, int minute, int second) {
  const Date d(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
               static_cast<unsigned short>(day));
  return Instant(d, bpt::hours(hour) + bpt::minutes(minute) + bpt::seconds(second));
}
}  // namespace

Instant lower_instant(int year, int month, int day, int hour, int minute, int second) {
  if (year < min_year) return Instant(boost::date_time::neg_infin);
  if (year > max_year) return Instant(boost::date_time::max_date_time);
  return instant(year, month, day, hour, minute, second);
}

Instant upper_instant(int year, int month, int day, int hour, int minute, int second) {
  if (year < min_year) return Instant(boost::date_time::min_date_time);
  if (year > max_year) return Instant(boost::date_time::pos_infin);
  return instant(year, month, day, hour, minute, second);
}

Instant within_calendar(const Instant& t) {
  // The ends are made once: building an Instant from a special value costs more than the test.
  static const Instant first(boost::date_time::min_date_time),
      last(boost::date_time::max_date_time);
  if (t.is_special()) return t;
  if (t < first) return Instant(boost::date_time::neg_infin);
  if (t > last) return Instant(boost::date_time::pos_infin);
  return t;
}

std::string to_iso(const Instant& instant) {
  const Instant t = within_calendar(instant);  // no Date past the calendar's ends
  if (t.is_neg_infinity()) return "-inf";
  if (t.is_pos_infinity()) return "+inf";
  if (t.is_special()) return {};
  const Date d = t.date();
  const auto tod = t.time_of_day();
  const auto s = tod.seconds();
  if (s != 0) {
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", int{d.year()}, int{d.month()},
                       int{d.day()}, tod.hours(), tod.minutes(), s);
  }
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}", int{d.year()}, int{d.month()}, int{d.day()},
                     tod.hours(), tod.minutes());
}

}  // namespace chronicle::calendar
