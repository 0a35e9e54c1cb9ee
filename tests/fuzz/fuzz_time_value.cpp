// The TIMEX3 value parser on arbitrary bytes: a value or a diagnostic. A value parsed prints
// as a string that parses to an equal value and prints the same again; its grain, bounds and
// length are defined, and bounds are never reversed.
#include <chronicle/time_value.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"

using namespace chronicle;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto v = TimeValue::parse(text);
  if (!v) {
    FUZZ_CHECK(!v.error().message.empty(), "a diagnostic says what is wrong");
    return 0;
  }
  FUZZ_CHECK(v->ok(), "parse gives ok() values");
  FUZZ_CHECK(v->problem().empty(), "an ok() value has no problem");
  const std::string printed = v->str();
  const auto again = TimeValue::parse(printed);
  FUZZ_CHECK(again.ok(), "what str() prints parses");
  FUZZ_CHECK(*again == *v, "parse, print, parse gives an equal value");
  FUZZ_CHECK(again->str() == printed, "printing is stable");
  (void)v->grain();
  if (const auto b = v->bounds()) {
    FUZZ_CHECK(!(b->latest < b->earliest), "bounds are not reversed");
  }
  if (const auto l = v->length()) {
    FUZZ_CHECK(l->min_seconds <= l->max_seconds, "length min <= max");
  }
  return 0;
}
