// Byte tricks on a 64-bit word, eight bytes of text at a time (SWAR): shared by the timex
// lexicon's look-ups, the event stage's lower-casing and the CSV writer's quoting test.
#pragma once

#include <cstdint>

namespace chronicle::detail::swar {

constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;

// Nonzero when some byte of w is b: the "has a zero byte" test on w ^ b...b. The lowest such
// byte has its high bit set; a borrow may also mark bytes above it, never below.
inline std::uint64_t has_byte(std::uint64_t w, unsigned char b) {
  const std::uint64_t x = w ^ (ones * b);
  return (x - ones) & ~x & highs;
}

// ASCII A-Z to a-z in every byte of w, other bytes (UTF-8 ones included) unchanged.
inline std::uint64_t to_lower(std::uint64_t w) {
  const std::uint64_t low7 = w & ~highs;
  const std::uint64_t at_least_a = low7 + (0x80 - 'A') * ones;   // top bit: byte >= 'A'
  const std::uint64_t above_z = low7 + (0x80 - 'Z' - 1) * ones;  // top bit: byte > 'Z'
  const std::uint64_t upper = at_least_a & ~above_z & ~w & highs;
  return w | (upper >> 2);  // 0x80 >> 2 == 0x20, within the byte
}

}  // namespace chronicle::detail::swar
