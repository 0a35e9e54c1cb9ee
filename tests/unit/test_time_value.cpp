#include <chronicle/time_value.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace chronicle;
using boost::gregorian::date;
using boost::posix_time::hours;
using boost::posix_time::minutes;
using boost::posix_time::ptime;

namespace {

TimeValue parsed(const std::string& s) {
  auto v = TimeValue::parse(s);
  INFO(s << ": " << (v ? "" : v.error().message));
  REQUIRE(v.ok());
  return *v;
}

Bounds bounds_of(const std::string& s) {
  const auto b = parsed(s).bounds();
  INFO(s);
  REQUIRE(b.has_value());
  return *b;
}

ptime at(int y, int m, int d, int h = 0, int mi = 0) {
  return ptime(date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                    static_cast<unsigned short>(d)),
               hours(h) + minutes(mi));
}

}  // namespace

TEST_CASE("every TIMEX3 value form parses and prints back") {
  // clang-format off
  const char* forms[] = {
      "2022", "2022-01", "2022-01-06", "2022-01-06T14", "2022-01-06T14:30", "2022-01-06T14:30:05",
      "2022-01-06T14:30Z", "2022-01-06T15:00-05", "2022-01-06T15:00+0530",
      "2022-01-06T15:00+05:30", "XXXX-01-19", "XXXX-WXX-3", "XXXX-WXX-1TNI", "199X", "19XX",
      "1XXX", "XXXX", "XXXX-XX", "XXXX-XX-XX", "1998-XX", "1998-XX-XX", "1998-05-XX",
      "199X-XX-XX", "2022-W01", "2022-W01-WE", "2022-W01-3", "2000-W7", "2022-WXX",
      "2022-01-05TNI", "2022-01-05TMO", "2022-01-05TAF", "2022-01-05TEV", "2022-01-05TDT",
      "2022-SU", "2022-SP", "2022-FA", "2022-WI", "XXXX-SU", "2022-Q1", "2022-QX", "XXXX-Q3",
      "2022-H2", "199", "19", "PRESENT_REF", "PAST_REF", "FUTURE_REF", "P3D", "PT2H30M",
      "P1Y6M", "PXD", "PXY", "PXX", "P1DE", "P1E", "P2CE", "P2C", "P1ML", "P2L", "P1W", "P1Q",
      "P1WE", "PT1M30S", "PTXH", "P1.5Y", "P0.25D", "P1DT12H", "P100Y", "2022-01-06T24:00"};
  // clang-format on
  for (const char* s : forms) {
    const TimeValue v = parsed(s);
    CHECK(v.str() == s);
    CHECK(v.ok());
  }
}

TEST_CASE("invalid values are rejected with a diagnostic") {
  // clang-format off
  const char* bad[] = {"",          "P",           "PT",          "garbage",     "2022-02-30",
                       "2022-13",   "2022-00",     "2022-W54",    "2022-W53",    "2021-02-29",
                       "2022-01-32", "2022-01-06T25", "2022-01-06T24:30", "2022-01-06T12:60",
                       "2022-Q5",   "2022-H3",     "2022-W01-8",  "199-01",      "19-SU",
                       "2022TNI",   "2022-01TNI",  "2022-01-06TXY", "20221",     "1",
                       "P3",        "P3Z",         "PT3D",        "P1H",         "P99999999999999999999D",
                       "P1.D",      "2022-01-06T14:30+",          "PRESENT",     "2022-01-6",
                       "2022-1-06", "XXXX-02-30",  "2022-W1X",    "P1TD",        "2022-01-06T10:00Z5"};
  // clang-format on
  for (const char* s : bad) {
    const auto v = TimeValue::parse(s);
    INFO(s);
    CHECK_FALSE(v.ok());
    if (!v.ok()) CHECK_FALSE(v.error().message.empty());
  }
  CHECK(TimeValue::parse("2020-W53").ok());    // 2020 has 53 ISO weeks
  CHECK(TimeValue::parse("XXXX-02-29").ok());  // a leap day of an unknown year
}

TEST_CASE("grain is the finest field given") {
  CHECK(parsed("2022").grain() == Grain::year);
  CHECK(parsed("199").grain() == Grain::decade);
  CHECK(parsed("199X").grain() == Grain::decade);
  CHECK(parsed("19").grain() == Grain::century);
  CHECK(parsed("19XX").grain() == Grain::century);
  CHECK(parsed("2022-Q3").grain() == Grain::quarter);
  CHECK(parsed("2022-H1").grain() == Grain::half);
  CHECK(parsed("2022-SU").grain() == Grain::season);
  CHECK(parsed("2022-01").grain() == Grain::month);
  CHECK(parsed("2022-W05").grain() == Grain::week);
  CHECK(parsed("XXXX-WXX-3").grain() == Grain::day);
  CHECK(parsed("XXXX-01-19").grain() == Grain::day);
  CHECK(parsed("2022-01-05TNI").grain() == Grain::part_of_day);
  CHECK(parsed("2022-01-05T10").grain() == Grain::hour);
  CHECK(parsed("2022-01-05T10:30").grain() == Grain::minute);
  CHECK(parsed("2022-01-05T10:30:01").grain() == Grain::second);
  CHECK(parsed("P3D").grain() == Grain::day);
  CHECK(parsed("P1Y6M").grain() == Grain::month);
  CHECK(parsed("PT2H30M").grain() == Grain::minute);
  CHECK(parsed("P2CE").grain() == Grain::century);
  CHECK(parsed("PAST_REF").grain() == Grain::unspecified);
}

TEST_CASE("bounds of each value form") {
  CHECK(bounds_of("2022") == Bounds{at(2022, 1, 1), at(2023, 1, 1)});
  CHECK(bounds_of("2022-01") == Bounds{at(2022, 1, 1), at(2022, 2, 1)});
  CHECK(bounds_of("2022-12") == Bounds{at(2022, 12, 1), at(2023, 1, 1)});
  CHECK(bounds_of("2022-01-06") == Bounds{at(2022, 1, 6), at(2022, 1, 7)});
  CHECK(bounds_of("2022-01-06T14") == Bounds{at(2022, 1, 6, 14), at(2022, 1, 6, 15)});
  CHECK(bounds_of("2022-01-06T14:30") == Bounds{at(2022, 1, 6, 14, 30), at(2022, 1, 6, 14, 31)});
  CHECK(bounds_of("2022-01-06T15:00-05") == Bounds{at(2022, 1, 6, 15), at(2022, 1, 6, 15, 1)});
  const Bounds sec = bounds_of("2022-01-06T14:30:05");
  CHECK((sec.latest - sec.earliest).total_seconds() == 1);
  // Parts of day, the night running into the next morning.
  CHECK(bounds_of("2022-01-05TMO") == Bounds{at(2022, 1, 5, 6), at(2022, 1, 5, 12)});
  CHECK(bounds_of("2022-01-05TAF") == Bounds{at(2022, 1, 5, 12), at(2022, 1, 5, 18)});
  CHECK(bounds_of("2022-01-05TEV") == Bounds{at(2022, 1, 5, 18), at(2022, 1, 6)});
  CHECK(bounds_of("2022-01-05TNI") == Bounds{at(2022, 1, 5, 18), at(2022, 1, 6, 6)});
  CHECK(bounds_of("2022-01-05TDT") == Bounds{at(2022, 1, 5, 6), at(2022, 1, 5, 18)});
  // Weeks are ISO weeks; the weekend is Saturday and Sunday.
  CHECK(bounds_of("2022-W01") == Bounds{at(2022, 1, 3), at(2022, 1, 10)});
  CHECK(bounds_of("2022-W01-3") == Bounds{at(2022, 1, 5), at(2022, 1, 6)});
  CHECK(bounds_of("2022-W01-WE") == Bounds{at(2022, 1, 8), at(2022, 1, 10)});
  CHECK(bounds_of("2000-W7") == Bounds{at(2000, 2, 14), at(2000, 2, 21)});
  CHECK(bounds_of("2022-WXX") == Bounds{at(2022, 1, 3), at(2023, 1, 2)});
  // Seasons, quarters, halves.
  CHECK(bounds_of("2022-SP") == Bounds{at(2022, 3, 1), at(2022, 6, 1)});
  CHECK(bounds_of("2022-SU") == Bounds{at(2022, 6, 1), at(2022, 9, 1)});
  CHECK(bounds_of("2022-FA") == Bounds{at(2022, 9, 1), at(2022, 12, 1)});
  CHECK(bounds_of("2022-WI") == Bounds{at(2021, 12, 1), at(2023, 3, 1)});
  CHECK(bounds_of("2022-Q1") == Bounds{at(2022, 1, 1), at(2022, 4, 1)});
  CHECK(bounds_of("2022-Q4") == Bounds{at(2022, 10, 1), at(2023, 1, 1)});
  CHECK(bounds_of("2022-QX") == Bounds{at(2022, 1, 1), at(2023, 1, 1)});
  CHECK(bounds_of("2022-H2") == Bounds{at(2022, 7, 1), at(2023, 1, 1)});
  // Decades and centuries, written either way.
  CHECK(bounds_of("199") == Bounds{at(1990, 1, 1), at(2000, 1, 1)});
  CHECK(bounds_of("199X") == Bounds{at(1990, 1, 1), at(2000, 1, 1)});
  CHECK(bounds_of("19") == Bounds{at(1900, 1, 1), at(2000, 1, 1)});
  CHECK(bounds_of("19XX") == Bounds{at(1900, 1, 1), at(2000, 1, 1)});
  CHECK(bounds_of("19X") == Bounds{at(1900, 1, 1), at(2000, 1, 1)});
  CHECK(bounds_of("1X").earliest.is_neg_infinity());  // year 1000 is before Boost's range
  CHECK(bounds_of("1X").latest == at(2000, 1, 1));
  CHECK_FALSE(parsed("XX").bounds());
  CHECK_FALSE(parsed("XXX").bounds());
  CHECK(bounds_of("1998-XX-XX") == Bounds{at(1998, 1, 1), at(1999, 1, 1)});
  CHECK(bounds_of("1998-05-XX") == Bounds{at(1998, 5, 1), at(1998, 6, 1)});
  // Years Boost cannot represent widen to infinity rather than fail.
  CHECK(bounds_of("1066").earliest.is_neg_infinity());
  CHECK(bounds_of("9999-12-31").latest.is_pos_infinity());
  CHECK(bounds_of("9999").latest.is_pos_infinity());
  // No absolute bounds without a year, nor for durations and references.
  CHECK_FALSE(parsed("XXXX-01-19").bounds());
  CHECK_FALSE(parsed("XXXX-WXX-3").bounds());
  CHECK_FALSE(parsed("P3D").bounds());
  CHECK_FALSE(parsed("PAST_REF").bounds());
  // A year-less value keeps its month and day.
  CHECK(parsed("XXXX-01-19").point().month.value() == 1);
  CHECK(parsed("XXXX-01-19").point().day.value() == 19);
}

TEST_CASE("duration lengths") {
  const auto len = [](const char* s) { return *parsed(s).length(); };
  CHECK(len("P3D").min_seconds == 3 * 86400.0);
  CHECK(len("PT2H30M").max_seconds == 9000.0);
  CHECK(len("P1M").min_seconds == 28 * 86400.0);
  CHECK(len("P1M").max_seconds == 31 * 86400.0);
  CHECK(len("P1.5Y").min_seconds == Approx(1.5 * 365 * 86400.0));
  CHECK_FALSE(parsed("PXD").length());
  CHECK_FALSE(parsed("2022").length());
}

TEST_CASE("factories build well-formed values") {
  CHECK(TimeValue::date(2022, 1, 6).str() == "2022-01-06");
  CHECK(TimeValue::year_month(1991, 12).str() == "1991-12");
  CHECK(TimeValue::year_only(1991).str() == "1991");
  CHECK(TimeValue::duration(3, DurationUnit::day).str() == "P3D");
  CHECK(TimeValue::duration(2, DurationUnit::hour).str() == "PT2H");
  CHECK(TimeValue::duration(1, DurationUnit::decade).str() == "P1DE");
  CHECK(TimeValue::vague_duration(DurationUnit::day).str() == "PXD");
  CHECK(TimeValue::reference(TimeValue::Kind::past_ref).str() == "PAST_REF");
  CHECK_FALSE(TimeValue::date(2022, 2, 30).ok());
  CHECK_FALSE(TimeValue().ok());  // an empty point has no year
}

TEST_CASE("values that are not ok() still print every field as written") {
  // str() prints what a value holds, checked or not: negative and wide fields, 5-digit
  // years, long fractions, big amounts (the forms fmt's "{:02}" and "{:0N}" gave).
  TimeValue::Point p;
  p.year = YearField{12345, 4, 0};
  p.month = Field<std::int8_t>::of(-5);
  p.day = Field<std::int8_t>::of(123);
  p.hour = Field<std::int8_t>::of(7);
  p.minute = Field<std::int8_t>::of(-1);
  p.zone = TimeValue::Point::Zone::hours_colon_minutes;
  p.zone_minutes = -330;
  CHECK_FALSE(TimeValue::of(p).ok());
  CHECK(TimeValue::of(p).str() == "2345--5-123T07:-1-05:30");
  p.year = YearField{-7, 4, 0};
  p.zone = TimeValue::Point::Zone::hours_minutes;
  p.zone_minutes = 1500;
  CHECK(TimeValue::of(p).str() == "000)--5-123T07:-1+2500");
  TimeValue::Duration d;
  DurationPart part;
  part.unit = DurationUnit::year;
  part.whole = 18446744073709551615ull;
  part.fraction = 25;
  part.fraction_digits = 12;
  d.push(part);
  part.unit = DurationUnit::second;
  part.whole = 0;
  part.fraction = 1234567;
  part.fraction_digits = 3;
  d.push(part);
  CHECK(TimeValue::of(d).str() == "P18446744073709551615.000000000025YT0.1234567S");
}

TEST_CASE("round trip: parse(print(v)) == v for random well-formed values") {
  std::mt19937 rng(20220106);  // fixed seed: the same values on every run and machine
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto field = [&](int lo, int hi) {
    const int r = pick(0, 9);
    if (r == 0) return Field<std::int8_t>::unknown();
    return Field<std::int8_t>::of(pick(lo, hi));
  };
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    TimeValue v;
    if (pick(0, 3) == 0) {
      TimeValue::Duration d;
      const int n = pick(1, 3);
      bool time = false;
      for (int k = 0; k < n; ++k) {
        DurationPart part;
        time = time || pick(0, 2) == 0;
        part.unit =
            time ? static_cast<DurationUnit>(pick(9, 11)) : static_cast<DurationUnit>(pick(0, 8));
        part.known = pick(0, 5) != 0;
        if (part.known) part.whole = static_cast<std::uint64_t>(pick(0, 5000));
        if (part.known && pick(0, 6) == 0) {
          part.fraction_digits = static_cast<std::uint8_t>(pick(1, 3));
          part.fraction = static_cast<std::uint32_t>(pick(0, 99) % 100);
        }
        const auto u = part.unit;
        part.short_spelling = (u == DurationUnit::decade || u == DurationUnit::century ||
                               u == DurationUnit::millennium) &&
                              pick(0, 1) == 1;
        d.push(part);
      }
      v = TimeValue::of(d);
    } else {
      TimeValue::Point p;
      p.year.digits = static_cast<std::uint8_t>(pick(0, 5) == 0 ? pick(2, 3) : 4);
      p.year.value = static_cast<std::int16_t>(pick(0, 9999) % (p.year.digits == 4   ? 10000
                                                                : p.year.digits == 3 ? 1000
                                                                                     : 100));
      if (pick(0, 6) == 0) {
        p.year.unknown = static_cast<std::uint8_t>(pick(1, (1 << p.year.digits) - 1));
        // X digits count as 0 in the stored value.
        int divisor = 1;
        for (int k = 1; k < p.year.digits; ++k) divisor *= 10;
        int value = 0;
        for (int k = 0; k < p.year.digits; ++k, divisor /= 10) {
          const int digit = (p.year.value / divisor) % 10;
          value = value * 10 + (((p.year.unknown >> k) & 1) ? 0 : digit);
        }
        p.year.value = static_cast<std::int16_t>(value);
      }
      if (p.year.digits == 4) {
        switch (pick(0, 5)) {
          case 0:
            break;
          case 1:
            p.month = field(1, 12);
            if (pick(0, 1)) p.day = field(1, 28);
            break;
          case 2:
            p.week = field(1, 52);
            if (pick(0, 1))
              p.weekday = field(1, 7);
            else if (pick(0, 1))
              p.weekend = true;
            break;
          case 3:
            p.season = static_cast<Season>(pick(1, 4));
            break;
          case 4:
            p.quarter = field(1, 4);
            break;
          default:
            p.half = field(1, 2);
            break;
        }
        if ((p.day.present() || p.weekday.present()) && pick(0, 1)) {
          if (pick(0, 1)) {
            p.part_of_day = static_cast<PartOfDay>(pick(1, 5));
          } else {
            p.hour = field(0, 23);
            if (pick(0, 1)) {
              p.minute = field(0, 59);
              if (pick(0, 1)) p.second = field(0, 59);
            }
            if (pick(0, 3) == 0) {
              p.zone = static_cast<TimeValue::Point::Zone>(pick(1, 4));
              if (p.zone != TimeValue::Point::Zone::utc) {
                p.zone_minutes = static_cast<std::int16_t>(
                    pick(-12, 12) * 60 +
                    (p.zone == TimeValue::Point::Zone::hours ? 0 : pick(0, 1) * 30));
              }
            }
          }
        }
      }
      v = TimeValue::of(p);
    }
    if (!v.ok()) continue;
    const std::string text = v.str();
    const auto back = TimeValue::parse(text);
    INFO(text);
    REQUIRE(back.ok());
    REQUIRE(*back == v);
    REQUIRE(back->str() == text);
    if (const auto b = v.bounds()) REQUIRE(!b->empty());
    ++checked;
  }
  CHECK(checked > 10000);
}
