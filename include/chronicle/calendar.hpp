// Calendar helpers over boost::gregorian: weekday stepping (strict and inclusive), ISO weeks,
// month arithmetic with clamping, and the movable dates news text refers to (Easter,
// "fourth Thursday of November").
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <string>

namespace chronicle {

using Date = boost::gregorian::date;
using Instant = boost::posix_time::ptime;

// ISO 8601 weekday number: Monday = 1 ... Sunday = 7.
using IsoWeekday = int;

// Whether a search may return the day it starts from.
enum class Inclusion { strict, inclusive };

namespace calendar {

// Boost.Date_Time covers 1400-01-01 .. 9999-12-31; years outside have no Date.
constexpr int min_year = 1400;
constexpr int max_year = 9999;

bool is_leap_year(int year) noexcept;
int days_in_month(int year, int month) noexcept;  // 0 for a month outside 1..12
int days_in_year(int year) noexcept;

// True when year/month/day names a real day that Boost can represent.
bool valid_date(int year, int month, int day) noexcept;

IsoWeekday iso_weekday(const Date& d);

// The latest day with weekday `w` before `from` (or on it, when inclusive).
// Boost's previous_weekday() is inclusive; news text needs both readings.
Date previous_weekday(const Date& from, IsoWeekday w, Inclusion inc);
// The earliest day with weekday `w` after `from` (or on it, when inclusive).
Date next_weekday(const Date& from, IsoWeekday w, Inclusion inc);

struct IsoWeek {
  int year;     // the ISO week-numbering year (may differ from the calendar year at its edges)
  int week;     // 1..53
  int weekday;  // 1..7
};
IsoWeek iso_week(const Date& d);
int iso_weeks_in_year(int iso_year) noexcept;  // 52 or 53
// Monday of ISO week `week` of `iso_year`; the week must exist.
Date iso_week_start(int iso_year, int week);

// Adds months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29).
Date add_months(const Date& d, int months);
Date add_years(const Date& d, int years);

// Western (Gregorian) Easter Sunday.
Date easter(int year);
// The n-th (1-based) weekday `w` of a month; n = -1 is the last one.
Date nth_weekday_of_month(int year, int month, IsoWeekday w, int n);

// Whether US daylight saving time is in force at a local wall-clock hour of a day: from the
// second Sunday of March to the first Sunday of November since 2007, the first Sunday of April
// to the last Sunday of October in 1987-2006, the last Sunday of April to the last Sunday of
// October in 1967-1986 (the 1974-75 emergency years left out); never before 1967. The switch
// happens at 2 a.m. local time.
bool us_daylight_time(int year, int month, int day, int hour) noexcept;

// Instants at a day's start. For years outside Boost's range, the bound is widened to
// +/- infinity (for a lower bound) or the nearest representable instant (for an upper
// bound), so that a bound is never tighter than the truth.
Instant lower_instant(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);
Instant upper_instant(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);
// An instant computed by arithmetic ("about a century" around 9990) may fall outside what a
// Date covers: before it, -infinity; after it, +infinity; special values and instants inside
// pass unchanged.
Instant within_calendar(const Instant& t);

// ISO 8601 text of an instant: "2022-01-05T18:00", with ":ss" only when the seconds are not
// zero; "-inf" and "+inf" for the infinite bounds, "" for not-a-date-time.
std::string to_iso(const Instant& t);

}  // namespace calendar
}  // namespace chronicle
