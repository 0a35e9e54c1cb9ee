#include <chronicle/calendar.hpp>

#include <catch2/catch.hpp>

using namespace chronicle;
using boost::gregorian::date;

TEST_CASE("weekday search is strict or inclusive") {
  const date thu(2022, 1, 6);  // a Thursday
  CHECK(calendar::iso_weekday(thu) == 4);
  CHECK(calendar::previous_weekday(thu, 4, Inclusion::inclusive) == thu);
  CHECK(calendar::previous_weekday(thu, 4, Inclusion::strict) == date(2021, 12, 30));
  CHECK(calendar::previous_weekday(thu, 3, Inclusion::strict) == date(2022, 1, 5));
  CHECK(calendar::previous_weekday(thu, 5, Inclusion::inclusive) == date(2021, 12, 31));
  CHECK(calendar::next_weekday(thu, 4, Inclusion::inclusive) == thu);
  CHECK(calendar::next_weekday(thu, 4, Inclusion::strict) == date(2022, 1, 13));
  CHECK(calendar::next_weekday(thu, 5, Inclusion::strict) == date(2022, 1, 7));
  CHECK(calendar::next_weekday(thu, 1, Inclusion::strict) == date(2022, 1, 10));
}

TEST_CASE("ISO weeks follow ISO 8601 at year edges") {
  CHECK(calendar::iso_week(date(2022, 1, 1)).year == 2021);  // Saturday in 2021-W52
  CHECK(calendar::iso_week(date(2022, 1, 1)).week == 52);
  CHECK(calendar::iso_week(date(2022, 1, 3)).week == 1);
  CHECK(calendar::iso_week(date(2020, 12, 31)).week == 53);
  CHECK(calendar::iso_week(date(2024, 12, 30)).year == 2025);
  CHECK(calendar::iso_week(date(2024, 12, 30)).week == 1);
  CHECK(calendar::iso_weeks_in_year(2020) == 53);
  CHECK(calendar::iso_weeks_in_year(2015) == 53);
  CHECK(calendar::iso_weeks_in_year(2022) == 52);
  CHECK(calendar::iso_week_start(2022, 1) == date(2022, 1, 3));
  CHECK(calendar::iso_week_start(2021, 1) == date(2021, 1, 4));
  // Agrees with Boost's own ISO week number for every day of several years.
  for (date d(1999, 1, 1); d < date(2026, 1, 1); d += boost::gregorian::days(1)) {
    REQUIRE(calendar::iso_week(d).week == d.week_number());
    REQUIRE(calendar::iso_week_start(calendar::iso_week(d).year, calendar::iso_week(d).week) <= d);
  }
}

TEST_CASE("month arithmetic clamps to the month's length") {
  CHECK(calendar::add_months(date(2022, 1, 31), 1) == date(2022, 2, 28));
  CHECK(calendar::add_months(date(2024, 1, 31), 1) == date(2024, 2, 29));
  CHECK(calendar::add_months(date(2022, 3, 15), -3) == date(2021, 12, 15));
  CHECK(calendar::add_months(date(2022, 12, 31), 2) == date(2023, 2, 28));
  CHECK(calendar::add_years(date(2024, 2, 29), 1) == date(2025, 2, 28));
  CHECK(calendar::days_in_month(2000, 2) == 29);
  CHECK(calendar::days_in_month(1900, 2) == 28);
  CHECK(calendar::days_in_month(2022, 13) == 0);
  CHECK_FALSE(calendar::valid_date(2022, 2, 30));
  CHECK(calendar::valid_date(2024, 2, 29));
}

TEST_CASE("movable feasts") {
  CHECK(calendar::easter(2022) == date(2022, 4, 17));
  CHECK(calendar::easter(2024) == date(2024, 3, 31));
  CHECK(calendar::easter(2000) == date(2000, 4, 23));
  CHECK(calendar::easter(1998) == date(1998, 4, 12));
  CHECK(calendar::easter(2038) == date(2038, 4, 25));
  CHECK(calendar::easter(2285) == date(2285, 3, 22));
  // Thanksgiving: the fourth Thursday of November. Memorial Day: the last Monday of May.
  CHECK(calendar::nth_weekday_of_month(2022, 11, 4, 4) == date(2022, 11, 24));
  CHECK(calendar::nth_weekday_of_month(1998, 11, 4, 4) == date(1998, 11, 26));
  CHECK(calendar::nth_weekday_of_month(2022, 5, 1, -1) == date(2022, 5, 30));
}

TEST_CASE("US daylight time follows the rules of each period") {
  using calendar::us_daylight_time;
  // 2022: March 13 to November 6, switching at 2 a.m.
  CHECK_FALSE(us_daylight_time(2022, 1, 6, 14));
  CHECK_FALSE(us_daylight_time(2022, 3, 13, 1));
  CHECK(us_daylight_time(2022, 3, 13, 3));
  CHECK(us_daylight_time(2022, 7, 4, 9));
  CHECK(us_daylight_time(2022, 11, 6, 0));
  CHECK_FALSE(us_daylight_time(2022, 11, 6, 14));
  // 1998: April 5 to October 25; 1985: April 28 to October 27.
  CHECK_FALSE(us_daylight_time(1998, 3, 20, 12));
  CHECK(us_daylight_time(1998, 4, 6, 12));
  CHECK_FALSE(us_daylight_time(1998, 10, 30, 12));
  CHECK_FALSE(us_daylight_time(1985, 4, 21, 12));
  CHECK(us_daylight_time(1985, 10, 26, 12));
  CHECK_FALSE(us_daylight_time(1985, 11, 3, 15));
  // None before 1967; impossible dates are not daylight time.
  CHECK_FALSE(us_daylight_time(1960, 7, 4, 12));
  CHECK_FALSE(us_daylight_time(2022, 2, 30, 12));
  CHECK_FALSE(us_daylight_time(2022, 13, 1, 12));
  CHECK_FALSE(us_daylight_time(99999, 7, 1, 12));
}

TEST_CASE("instants outside Boost's range widen instead of failing") {
  using boost::posix_time::ptime;
  CHECK(calendar::lower_instant(1300, 1, 1).is_neg_infinity());
  CHECK(calendar::upper_instant(10000, 1, 1).is_pos_infinity());
  CHECK(calendar::upper_instant(1300, 1, 1) == ptime(boost::date_time::min_date_time));
  CHECK(calendar::lower_instant(2022, 1, 6, 18) ==
        ptime(date(2022, 1, 6), boost::posix_time::hours(18)));
}

TEST_CASE("instants computed past the calendar's ends become infinite") {
  using boost::posix_time::hours;
  const Instant last(boost::date_time::max_date_time), first(boost::date_time::min_date_time);
  CHECK(calendar::within_calendar(last + hours(12)).is_pos_infinity());
  CHECK(calendar::within_calendar(first - hours(12)).is_neg_infinity());
  CHECK(calendar::within_calendar(last) == last);
  CHECK(calendar::within_calendar(Instant(date(2022, 1, 6))) == Instant(date(2022, 1, 6)));
  CHECK(calendar::to_iso(last + hours(12)) == "+inf");  // not an exception
}
