// The timex stage on input no one should send: it gives a defined result, never a crash,
// an exception, or an out-of-range value.
#include <chronicle/timex_finder.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace chronicle;

namespace {

TimexResult run(const std::string& text, const char* dct = "2022-01-06") {
  TimexOptions options;
  if (dct) options.dct = *TimeValue::parse(dct);
  return find_timexes(Document::parse(text), options);
}

std::string texts(const TimexResult& r, const std::string& text) {
  std::string out;
  for (const auto& t : r.timexes) out += std::string(t.span.in(text)) + "=" + t.value.str() + ";";
  return out;
}

}  // namespace

TEST_CASE("empty and blank text give nothing") {
  CHECK(run("").timexes.empty());
  CHECK(run("   \n\n\t  ").timexes.empty());
  CHECK(run(std::string(1000, '\n')).timexes.empty());
}

TEST_CASE("NUL bytes and invalid UTF-8 separate words") {
  const std::string nul = std::string("Protests began on") + '\0' + "Friday.";
  CHECK(texts(run(nul), nul) == "Friday=2021-12-31;");
  const std::string bad = "Talks resumed on\xff\xfeThursday and ended Jan.\xc3 5.";
  const auto r = run(bad);
  REQUIRE(r.timexes.size() == 2);
  CHECK(r.timexes[0].value.str() == "2022-01-06");
  CHECK(r.timexes[1].value.str() == "2022-01-05");
  // Truncated multi-byte sequences at the very end.
  for (const char* tail : {"\xe2", "\xe2\x80", "\xf0\x9f\x98", "\xc3"}) {
    CHECK_NOTHROW(run(std::string("on Monday ") + tail));
  }
}

TEST_CASE("absurd numbers give no value or an unknown one, never an overflow") {
  const std::string huge = "The feud began 99999999999999999999 days ago.";
  const auto r = run(huge);
  for (const auto& t : r.timexes) CHECK(t.value.ok());
  CHECK(texts(r, huge).find("99999999999999999999") == std::string::npos);

  const std::string far = "It began 100000 years ago, or 99999 years ago, in year 99999.";
  const auto f = run(far);
  for (const auto& t : f.timexes) {
    CHECK(t.value.ok());
    CHECK(t.value.str() == "XXXX");  // no calendar reaches that far
  }
  CHECK(texts(run("Settled in year 10000 and year 0.", nullptr),
              "Settled in year 10000 and year 0.") == "");
  CHECK(run("It is the 99999th century.").timexes.empty());
  CHECK(run("It was Feb. 30 or Jan. 32.").timexes.empty());
  // Arithmetic beyond the calendar from an early DCT.
  const auto early = run("It rained 100000 days ago.", "1500-01-06");
  REQUIRE(early.timexes.size() == 1);
  CHECK(early.timexes[0].value.str() == "XXXX");
}

TEST_CASE("counts, scores and phone numbers are not times") {
  CHECK(run("Nearly 1,000 people of the country of 19 million marched.").timexes.empty());
  CHECK(run("The team won 3-1 and fans called 555-0142.").timexes.empty());
}

TEST_CASE("a long run of expressions stays linear") {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "On Jan. 6 and on Friday, ";
  text += "it ended.";
  const auto r = run(text);
  CHECK(r.timexes.size() == 40000);
}

// A DCT at the edge of the calendar: "days ago" on 1400-01-02 reached back past 1400-01-01,
// an instant Boost cannot turn into a date, and every export of it threw. Bounds past the
// range now widen to infinity.
TEST_CASE("bounds near the calendar's edges stay printable") {
  const auto every_bound_is_a_date = [](const TimexResult& r) {
    for (const auto& t : r.timexes) {
      if (!t.bounds) continue;
      for (const Instant& i : {t.bounds->earliest, t.bounds->latest}) {
        if (!i.is_special()) CHECK_NOTHROW(i.date().year());
      }
    }
  };
  const auto ago = run("It happened days ago.", "1400-01-02");
  REQUIRE(ago.timexes.size() == 1);
  REQUIRE(ago.timexes[0].bounds);
  CHECK(ago.timexes[0].bounds->earliest.is_neg_infinity());
  every_bound_is_a_date(ago);
  const auto future = run("It will happen in the future, in the coming days.", "9999-12-31");
  CHECK(!future.timexes.empty());
  for (const auto& t : future.timexes) {
    if (t.bounds) CHECK(t.bounds->latest.is_pos_infinity());
  }
  every_bound_is_a_date(future);
}
