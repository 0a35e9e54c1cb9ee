// UTF-8 checks for the writers: every export must be valid UTF-8 even when the input text is
// not (the tokenizer treats bad bytes as separators, so spans may hold them).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace chronicle::detail::utf8 {

inline constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the well-formed UTF-8 sequence at the start of [p, end), or 0 when it is
// ill-formed; then `bad` is the length of its maximal subpart (at least 1), which one U+FFFD
// replaces, as the Unicode Standard (3.9, "U+FFFD Substitution of Maximal Subparts") advises.
inline std::size_t sequence(const unsigned char* p, const unsigned char* end, std::size_t& bad) {
  const unsigned char c = *p;
  bad = 1;
  if (c < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if (p + i >= end) return 0;
    const unsigned char b = p[i];
    const bool ok = i == 1 ? (b >= low && b <= high) : (b >= 0x80 && b <= 0xBF);
    if (!ok) return 0;
    bad = i + 1;
  }
  return length;
}

// Whether `s` is well-formed UTF-8.
inline bool valid(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    std::size_t bad = 0;
    const std::size_t n = sequence(p, end, bad);
    if (n == 0) return false;
    p += n;
  }
  return true;
}

// Appends `s` to `out`, each maximal ill-formed subpart replaced by U+FFFD.
inline void append_valid(std::string& out, std::string_view s) {
  const auto* begin = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = begin + s.size();
  const auto* run = begin;  // start of the pending well-formed run
  const auto* p = begin;
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    std::size_t bad = 0;
    const std::size_t n = sequence(p, end, bad);
    if (n != 0) {
      p += n;
      continue;
    }
    out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    out += replacement;
    p += bad;
    run = p;
  }
  out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
}

inline std::string make_valid(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_valid(out, s);
  return out;
}

}  // namespace chronicle::detail::utf8
