// The tokenizer: one pass over the bytes, classifying ASCII by table and decoding UTF-8 only
// for bytes >= 0x80.
#include <array>
#include <cstdint>
#include <cstring>

#include "chronicle/document.hpp"

namespace chronicle::detail {

namespace {

enum class CharClass : std::uint8_t { space, letter, digit, punct };

constexpr std::array<CharClass, 128> make_ascii_classes() {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) {
    CharClass k = CharClass::punct;
    if (c <= ' ' || c == 127) k = CharClass::space;  // controls, NUL and blanks separate
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) k = CharClass::letter;
    if (c >= '0' && c <= '9') k = CharClass::digit;
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}
constexpr auto ascii_classes = make_ascii_classes();

// Per byte: letter_bit for an ASCII letter, lower_bit for an ASCII lowercase one (bytes >= 0x80
// are neither). One load answers what two range tests did, in the loops every letter passes.
constexpr std::uint8_t letter_bit = 1, lower_bit = 2;
constexpr std::array<std::uint8_t, 256> make_letter_bits() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = letter_bit;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = letter_bit | lower_bit;
  return t;
}
constexpr auto letter_bits = make_letter_bits();

// A decoded character: its class and its length in bytes. Invalid UTF-8 decodes as one
// separator byte.
struct Char {
  CharClass cls;
  std::uint32_t len;
  char32_t cp;
};

CharClass classify_code_point(char32_t cp) {
  if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
      cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF) {
    return CharClass::space;
  }
  if ((cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2010 && cp <= 0x205E) ||
      (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x23FF) ||
      (cp >= 0x2500 && cp <= 0x27BF) || (cp >= 0x3001 && cp <= 0x303F) ||
      (cp >= 0xFF01 && cp <= 0xFF0F)) {
    return CharClass::punct;
  }
  if (cp >= 0xFF10 && cp <= 0xFF19) return CharClass::digit;
  return CharClass::letter;
}

Char decode(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {ascii_classes[b0], 1, b0};
  std::uint32_t len = 0;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, cp = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, cp = b0 & 0x0Fu;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07u;
  } else {
    return {CharClass::space, 1, 0};
  }
  if (i + len > s.size()) return {CharClass::space, 1, 0};
  for (std::uint32_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {CharClass::space, 1, 0};
    cp = (cp << 6) | (b & 0x3Fu);
  }
  // Overlong forms, surrogates and values past U+10FFFF are invalid.
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return {CharClass::space, 1, 0};
  }
  return {classify_code_point(cp), len, cp};
}

bool is_apostrophe(std::string_view s, std::size_t i, std::size_t* len) {
  if (s[i] == '\'') {
    *len = 1;
    return true;
  }
  // U+2019 RIGHT SINGLE QUOTATION MARK, the typographic apostrophe.
  if (i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' && s[i + 2] == '\x99') {
    *len = 3;
    return true;
  }
  return false;
}

bool ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Clitics split off a word, PTB style: 's 're 've 'll 'd 'm (after the apostrophe).
bool is_clitic(std::string_view rest) {
  if (rest.size() > 2) return false;
  char a = rest.empty() ? '\0' : lower(rest[0]);
  char b = rest.size() > 1 ? lower(rest[1]) : '\0';
  if (rest.size() == 1) return a == 's' || a == 'd' || a == 'm';
  return (a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l');
}

class Tokenizer {
 public:
  Tokenizer(std::string_view text, std::vector<Token>& out) : s_(text), out_(out) {}

  void run() {
    std::size_t i = 0;
    const std::size_t n = s_.size();
    while (i < n) {
      const auto b = static_cast<unsigned char>(s_[i]);
      if (b < 0x80) {  // ASCII: no decoding
        const CharClass cls = ascii_classes[b];
        if (cls == CharClass::space) {
          if (b == '\n') line_start_ = true;
          adjacent_ = false;
          ++i;
        } else if (cls == CharClass::letter) {
          i = word(i);
        } else if (cls == CharClass::digit) {
          i = number(i);
        } else {
          i = punct(i, Char{cls, 1, b});
        }
        continue;
      }
      const Char c = decode(s_, i);
      if (c.cls == CharClass::space) {
        if (s_[i] == '\n') line_start_ = true;
        adjacent_ = false;
        i += c.len;
        continue;
      }
      switch (c.cls) {
        case CharClass::letter:
          i = word(i);
          break;
        case CharClass::digit:
          i = number(i);
          break;
        default:
          i = punct(i, c);
          break;
      }
    }
  }

 private:
  void emit(std::size_t begin, std::size_t end, TokenKind kind) {
    Token t;
    t.begin = static_cast<std::uint32_t>(begin);
    t.end = static_cast<std::uint32_t>(end);
    t.kind = kind;
    std::uint8_t flags = 0;
    if (adjacent_) flags |= Token::glued;
    if (line_start_) flags |= Token::line_start;
    if (kind == TokenKind::word) {
      const char first = s_[begin];
      if (first >= 'A' && first <= 'Z') flags |= Token::capitalized;
      // All caps: two letters or more and no lowercase one. A lowercase letter settles it, and
      // most words have one within their first two bytes.
      int letters = 0;
      bool lower_seen = false;
      for (std::size_t k = begin; k < end; ++k) {
        const std::uint8_t bits = letter_bits[static_cast<unsigned char>(s_[k])];
        if (bits & lower_bit) {
          lower_seen = true;
          break;
        }
        letters += bits & letter_bit;
      }
      if (letters >= 2 && !lower_seen) flags |= Token::all_caps;
    }
    t.flags = flags;
    out_.push_back(t);
    adjacent_ = true;
    line_start_ = false;
  }

  // How many of the eight bytes from i (i + 8 <= size) are ASCII letters before the first that
  // is not. A byte b < 0x80 is one when b | 0x20 lies in 'a'..'z'; each byte's test keeps to
  // its own high bit (no carry leaves a byte).
  std::uint64_t ascii_letters(std::size_t i) const {
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    std::uint64_t w;
    std::memcpy(&w, s_.data() + i, 8);
    const std::uint64_t y = (w | 0x20 * ones) & ~highs;
    const std::uint64_t at_least_a = y + (0x80 - 'a') * ones;
    const std::uint64_t above_z = y + (0x80 - 'z' - 1) * ones;
    const std::uint64_t letters = at_least_a & ~above_z & ~w & highs;
    const std::uint64_t others = ~letters & highs;
    if (others == 0) return 8;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return static_cast<std::uint64_t>(__builtin_clzll(others)) >> 3;  // the first byte is the top
#else
    return static_cast<std::uint64_t>(__builtin_ctzll(others)) >>
           3;  // the first byte is the bottom
#endif
  }

  std::size_t word(std::size_t i) {
    const std::size_t begin = i;
    const std::size_t n = s_.size();
    // Initialisms keep their dots: U.S., p.m., U.N., D.C. (single letters, each with a dot).
    if (i + 3 < n && ascii_letter(s_[i]) && s_[i + 1] == '.' && ascii_letter(s_[i + 2]) &&
        s_[i + 3] == '.') {
      std::size_t k = i + 4;
      while (k + 1 < n && ascii_letter(s_[k]) && s_[k + 1] == '.') k += 2;
      emit(begin, k, TokenKind::word);
      return k;
    }
    std::size_t last_apostrophe = std::string_view::npos, apostrophe_len = 0;
    while (i < n) {
      // Eight bytes at a time while they last: the run of ASCII letters from i, then the
      // byte after it is read below.
      if (i + 8 <= n) {
        const std::uint64_t run = ascii_letters(i);
        if (run == 8) {
          i += 8;
          continue;
        }
        i += run;
      }
      const auto b = static_cast<unsigned char>(s_[i]);
      if (letter_bits[b] & letter_bit) {
        ++i;
        continue;
      }
      if (b == '\'' || b >= 0x80) {
        const Char c = b >= 0x80 ? decode(s_, i) : Char{CharClass::punct, 1, b};
        if (c.cls == CharClass::letter) {
          i += c.len;
          continue;
        }
      } else {
        break;
      }
      std::size_t len = 0;
      if (is_apostrophe(s_, i, &len) && i + len < n &&
          decode(s_, i + len).cls == CharClass::letter) {
        last_apostrophe = i;
        apostrophe_len = len;
        i += len;
        continue;
      }
      break;
    }
    const std::size_t end = i;
    if (last_apostrophe != std::string_view::npos) {
      const std::string_view rest =
          s_.substr(last_apostrophe + apostrophe_len, end - last_apostrophe - apostrophe_len);
      if (is_clitic(rest) && last_apostrophe > begin) {
        emit(begin, last_apostrophe, TokenKind::word);
        emit(last_apostrophe, end, TokenKind::word);
        return end;
      }
      // n't: "don't" -> "do" "n't", "can't" -> "ca" "n't".
      if (rest.size() == 1 && lower(rest[0]) == 't' && last_apostrophe > begin + 1 &&
          lower(s_[last_apostrophe - 1]) == 'n') {
        emit(begin, last_apostrophe - 1, TokenKind::word);
        emit(last_apostrophe - 1, end, TokenKind::word);
        return end;
      }
    }
    emit(begin, end, TokenKind::word);
    return end;
  }

  std::size_t number(std::size_t i) {
    const std::size_t begin = i;
    const std::size_t n = s_.size();
    auto digit = [&](std::size_t k) { return k < n && s_[k] >= '0' && s_[k] <= '9'; };
    while (digit(i)) ++i;
    // Group separators, decimals and clock times stay inside: 1,000  1.5  10:30
    while (i + 1 < n && (s_[i] == ',' || s_[i] == '.' || s_[i] == ':') && digit(i + 1)) {
      ++i;
      while (digit(i)) ++i;
    }
    emit(begin, i, TokenKind::number);
    return i;
  }

  std::size_t punct(std::size_t i, const Char& c) {
    const std::size_t begin = i;
    const char ch = s_[i];
    i += c.len;
    if (c.len == 1 && (ch == '-' || ch == '.')) {
      while (i < s_.size() && s_[i] == ch) ++i;  // "--", "..."
    }
    emit(begin, i, TokenKind::punct);
    return i;
  }

  std::string_view s_;
  std::vector<Token>& out_;
  bool adjacent_ = false;
  bool line_start_ = true;
};

}  // namespace

void tokenize(std::string_view text, std::vector<Token>& out) {
  Tokenizer(text, out).run();
}

}  // namespace chronicle::detail
