// A table of enum <-> name pairs, for the TimeML attribute spellings of chronicle's enums.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace chronicle::detail {

template <class Enum, std::size_t N>
constexpr std::string_view name_of(const std::pair<Enum, std::string_view> (&table)[N], Enum e) {
  for (const auto& [value, name] : table) {
    if (value == e) return name;
  }
  return {};
}

template <class Enum, std::size_t N>
constexpr std::optional<Enum> value_of(const std::pair<Enum, std::string_view> (&table)[N],
                                       std::string_view name) {
  for (const auto& [value, n] : table) {
    if (n == name) return value;
  }
  return std::nullopt;
}

}  // namespace chronicle::detail
