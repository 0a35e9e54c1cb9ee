// Temporal expressions: the TIMEX3 record. The recognizer that finds them is declared in
// timex_finder.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "chronicle/detail/enum_names.hpp"
#include "chronicle/span.hpp"
#include "chronicle/time_value.hpp"

namespace chronicle {

enum class TimexType : std::uint8_t { date, time, duration, set };

// TIMEX3 mod: how the expression shifts or widens its value ("about two weeks": approx).
enum class TimexMod : std::uint8_t {
  none,
  before,
  after,
  on_or_before,
  on_or_after,
  less_than,
  more_than,
  equal_or_less,
  equal_or_more,
  start,
  mid,
  end,
  approx,
};

// TIMEX3 functionInDocument.
enum class DocumentFunction : std::uint8_t {
  none,
  creation_time,
  expiration_time,
  modification_time,
  publication_time,
  release_time,
  reception_time,
};

struct Timex {
  std::string id;                       // tid: "t1"; the DCT is conventionally "t0"
  Span span;                            // byte offsets of the expression in the text
  TimexType type = TimexType::date;
  TimeValue value;
  TimexMod mod = TimexMod::none;
  bool temporal_function = false;       // the value was computed from an anchor
  DocumentFunction function = DocumentFunction::none;
  std::string anchor_id;                // anchorTimeID; empty when the value is absolute
  std::string begin_point, end_point;   // beginPoint / endPoint, for anchored durations
  std::string quant, freq;              // SET attributes, as written ("EVERY", "2X")
  std::optional<Bounds> bounds;         // date bounds after resolution (value, mod, anchor)
  std::string rule;                     // the rule that produced it; empty for given input
};

namespace detail {
inline constexpr std::pair<TimexType, std::string_view> timex_type_names[] = {
    {TimexType::date, "DATE"},
    {TimexType::time, "TIME"},
    {TimexType::duration, "DURATION"},
    {TimexType::set, "SET"},
};
inline constexpr std::pair<TimexMod, std::string_view> timex_mod_names[] = {
    {TimexMod::none, ""},
    {TimexMod::before, "BEFORE"},
    {TimexMod::after, "AFTER"},
    {TimexMod::on_or_before, "ON_OR_BEFORE"},
    {TimexMod::on_or_after, "ON_OR_AFTER"},
    {TimexMod::less_than, "LESS_THAN"},
    {TimexMod::more_than, "MORE_THAN"},
    {TimexMod::equal_or_less, "EQUAL_OR_LESS"},
    {TimexMod::equal_or_more, "EQUAL_OR_MORE"},
    {TimexMod::start, "START"},
    {TimexMod::mid, "MID"},
    {TimexMod::end, "END"},
    {TimexMod::approx, "APPROX"},
};
inline constexpr std::pair<DocumentFunction, std::string_view> document_function_names[] = {
    {DocumentFunction::none, "NONE"},
    {DocumentFunction::creation_time, "CREATION_TIME"},
    {DocumentFunction::expiration_time, "EXPIRATION_TIME"},
    {DocumentFunction::modification_time, "MODIFICATION_TIME"},
    {DocumentFunction::publication_time, "PUBLICATION_TIME"},
    {DocumentFunction::release_time, "RELEASE_TIME"},
    {DocumentFunction::reception_time, "RECEPTION_TIME"},
};
}  // namespace detail

// TimeML spellings ("DATE", "APPROX", "CREATION_TIME"); TimexMod::none is "".
constexpr std::string_view to_string(TimexType t) {
  return detail::name_of(detail::timex_type_names, t);
}
constexpr std::string_view to_string(TimexMod m) {
  return detail::name_of(detail::timex_mod_names, m);
}
constexpr std::string_view to_string(DocumentFunction f) {
  return detail::name_of(detail::document_function_names, f);
}
constexpr std::optional<TimexType> parse_timex_type(std::string_view s) {
  return detail::value_of(detail::timex_type_names, s);
}
constexpr std::optional<TimexMod> parse_timex_mod(std::string_view s) {
  return detail::value_of(detail::timex_mod_names, s);
}
constexpr std::optional<DocumentFunction> parse_document_function(std::string_view s) {
  return detail::value_of(detail::document_function_names, s);
}

}  // namespace chronicle
