// A small pull tokenizer for the XML that TimeML files use: tags with attributes, character
// data with entity and character references, comments, CDATA sections, processing
// instructions and a DOCTYPE. No namespaces, no DTD processing, no external entities: the
// five predefined entities and numeric references are the only ones decoded.
//
// It never recurses and never reads past the input; malformed input throws xml::syntax_error
// with the byte offset where the problem is, and line_column() turns that into a position.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "utf8_append.hpp"

namespace chronicle::detail::xml {

class syntax_error : public std::runtime_error {
 public:
  syntax_error(const std::string& message, std::size_t offset)
      : std::runtime_error(message), offset_(offset) {}
  std::size_t offset() const noexcept { return offset_; }

 private:
  std::size_t offset_;
};

struct Attribute {
  std::string_view name;
  std::string value;       // references decoded
  std::size_t offset = 0;  // of the name, in the input
};

enum class TokenKind : std::uint8_t {
  start_tag,   // <NAME ...>
  end_tag,     // </NAME>
  empty_tag,   // <NAME .../>
  text,        // character data, raw (decode() it)
  cdata,       // <![CDATA[...]]>; `content` is what it holds
  comment,     // <!-- ... -->
  processing,  // <? ... ?>, including the XML declaration
  doctype,     // <!DOCTYPE ...>
  end,         // end of input
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::string_view name;              // tags
  std::vector<Attribute> attributes;  // start and empty tags, in the order written
  std::string_view raw;               // the token's bytes in the input
  std::string_view content;           // text: = raw; cdata: between the brackets
  std::size_t offset = 0;             // where raw begins in the input

  const Attribute* find(std::string_view attribute) const {
    for (const auto& a : attributes) {
      if (a.name == attribute) return &a;
    }
    return nullptr;
  }
};

// 1-based line and column (in bytes) of `offset` in `input`.
inline std::pair<std::size_t, std::size_t> line_column(std::string_view input, std::size_t offset) {
  if (offset > input.size()) offset = input.size();
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (input[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, offset - line_start + 1};
}

// Decodes the reference that starts at raw[i] == '&' and appends it to `out`; returns the
// length of the reference in `raw`. `base` is raw's offset in the input, for errors.
inline std::size_t decode_reference(std::string_view raw, std::size_t i, std::size_t base,
                                    std::string& out) {
  const auto semi = raw.find(';', i + 1);
  // Entity names are short; a far-away ';' means the '&' was never a reference.
  if (semi == std::string_view::npos || semi - i > 12) {
    throw syntax_error("'&' that does not start a reference (write &amp;)", base + i);
  }
  const auto name = raw.substr(i + 1, semi - i - 1);
  const std::size_t length = semi - i + 1;
  if (name == "amp") {
    out += '&';
  } else if (name == "lt") {
    out += '<';
  } else if (name == "gt") {
    out += '>';
  } else if (name == "quot") {
    out += '"';
  } else if (name == "apos") {
    out += '\'';
  } else if (!name.empty() && name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const auto digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) {
      throw syntax_error("character reference without digits: &" + std::string(name) + ";",
                         base + i);
    }
    std::uint32_t cp = 0;
    for (char c : digits) {
      std::uint32_t d;
      if (c >= '0' && c <= '9') {
        d = static_cast<std::uint32_t>(c - '0');
      } else if (hex && c >= 'a' && c <= 'f') {
        d = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (hex && c >= 'A' && c <= 'F') {
        d = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        throw syntax_error("bad character reference &" + std::string(name) + ";", base + i);
      }
      cp = cp * (hex ? 16u : 10u) + d;
      if (cp > 0x10FFFF) break;
    }
    const bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp < 0xD800) ||
                         (cp >= 0xE000 && cp <= 0x10FFFF && cp != 0xFFFE && cp != 0xFFFF);
    if (!allowed) {
      throw syntax_error(
          "character reference &" + std::string(name) + "; is not a character XML allows",
          base + i);
    }
    append_utf8(out, cp);
  } else {
    throw syntax_error("unknown entity &" + std::string(name) + ";", base + i);
  }
  return length;
}

// Decodes character data. `on_reference(decoded_begin, decoded_end, raw_reference)` is called
// for every reference, with offsets into `out` as it grows.
template <class OnReference>
void decode(std::string_view raw, std::size_t base, std::string& out, OnReference on_reference) {
  std::size_t i = 0;
  while (i < raw.size()) {
    const auto amp = raw.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(raw.substr(i));
      return;
    }
    out.append(raw.substr(i, amp - i));
    const auto before = out.size();
    const auto length = decode_reference(raw, amp, base, out);
    on_reference(before, out.size(), raw.substr(amp, length));
    i = amp + length;
  }
}

inline std::string decode(std::string_view raw, std::size_t base) {
  std::string out;
  decode(raw, base, out, [](std::size_t, std::size_t, std::string_view) {});
  return out;
}

inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

inline bool is_blank(std::string_view s) {
  for (char c : s) {
    if (!is_space(c)) return false;
  }
  return true;
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view input) : in_(input) {}

  std::string_view input() const { return in_; }
  std::size_t position() const { return pos_; }

  // Reads the next token into `t` (reusing its attribute storage).
  void next(Token& t) {
    t.attributes.clear();
    t.name = {};
    t.offset = pos_;
    if (pos_ >= in_.size()) {
      t.kind = TokenKind::end;
      t.raw = t.content = {};
      return;
    }
    if (in_[pos_] != '<') {
      auto lt = in_.find('<', pos_);
      if (lt == std::string_view::npos) lt = in_.size();
      t.kind = TokenKind::text;
      t.raw = t.content = in_.substr(pos_, lt - pos_);
      pos_ = lt;
      return;
    }
    const auto rest = in_.substr(pos_);
    if (starts(rest, "<!--")) {
      delimited(t, TokenKind::comment, "-->", "comment", 4);
    } else if (starts(rest, "<![CDATA[")) {
      delimited(t, TokenKind::cdata, "]]>", "CDATA section", 9);
    } else if (starts(rest, "<?")) {
      delimited(t, TokenKind::processing, "?>", "processing instruction", 2);
    } else if (starts(rest, "<!DOCTYPE")) {
      doctype(t);
    } else if (starts(rest, "</")) {
      end_tag(t);
    } else {
      start_tag(t);
    }
  }

 private:
  static bool starts(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
  }
  static bool name_start(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' ||
           static_cast<unsigned char>(c) >= 0x80;
  }
  static bool name_char(char c) {
    return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
  }

  [[noreturn]] void fail(const std::string& message, std::size_t at) const {
    throw syntax_error(message, at);
  }

  void delimited(Token& t, TokenKind kind, std::string_view close, const char* what,
                 std::size_t open_length) {
    const auto stop = in_.find(close, pos_ + open_length);
    if (stop == std::string_view::npos) fail(std::string("unterminated ") + what, pos_);
    t.kind = kind;
    t.raw = in_.substr(pos_, stop + close.size() - pos_);
    t.content = in_.substr(pos_ + open_length, stop - pos_ - open_length);
    pos_ = stop + close.size();
  }

  void doctype(Token& t) {
    // <!DOCTYPE root [ internal subset ]>: skip brackets and quoted strings.
    std::size_t i = pos_ + 9, depth = 0;
    char quote = 0;
    for (; i < in_.size(); ++i) {
      const char c = in_[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        ++depth;
      } else if (c == ']') {
        if (depth > 0) --depth;
      } else if (c == '>' && depth == 0) {
        break;
      }
    }
    if (i >= in_.size()) fail("unterminated DOCTYPE", pos_);
    t.kind = TokenKind::doctype;
    t.raw = t.content = in_.substr(pos_, i + 1 - pos_);
    pos_ = i + 1;
  }

  std::string_view read_name(std::size_t& i, const char* what) const {
    if (i >= in_.size()) fail(std::string("unexpected end of file in ") + what, i);
    if (!name_start(in_[i])) {
      fail(std::string("expected a name in ") + what + ", found '" + in_[i] + "'", i);
    }
    const auto begin = i;
    while (i < in_.size() && name_char(in_[i])) ++i;
    return in_.substr(begin, i - begin);
  }

  void skip_space(std::size_t& i) const {
    while (i < in_.size() && is_space(in_[i])) ++i;
  }

  void end_tag(Token& t) {
    std::size_t i = pos_ + 2;
    t.kind = TokenKind::end_tag;
    t.name = read_name(i, "an end tag");
    skip_space(i);
    if (i >= in_.size()) fail("unexpected end of file in </" + std::string(t.name) + ">", pos_);
    if (in_[i] != '>') {
      fail("expected '>' to close </" + std::string(t.name) + ", found '" + in_[i] + "'", i);
    }
    t.raw = in_.substr(pos_, i + 1 - pos_);
    pos_ = i + 1;
  }

  void start_tag(Token& t) {
    std::size_t i = pos_ + 1;
    t.name = read_name(i, "a tag");
    const std::string tag(t.name);
    for (;;) {
      const auto before_space = i;
      skip_space(i);
      if (i >= in_.size()) fail("unexpected end of file in <" + tag + "> tag", pos_);
      const char c = in_[i];
      if (c == '>') {
        t.kind = TokenKind::start_tag;
        ++i;
        break;
      }
      if (c == '/') {
        if (i + 1 >= in_.size() || in_[i + 1] != '>') fail("expected '/>' in <" + tag + ">", i);
        t.kind = TokenKind::empty_tag;
        i += 2;
        break;
      }
      if (c == '<') fail("'<' inside the <" + tag + "> tag (is it closed?)", i);
      if (i == before_space) fail("expected a space before attribute in <" + tag + ">", i);
      Attribute a;
      a.offset = i;
      a.name = read_name(i, "an attribute");
      skip_space(i);
      if (i >= in_.size() || in_[i] != '=') {
        fail("attribute " + std::string(a.name) + " in <" + tag + "> has no '=value'", a.offset);
      }
      ++i;
      skip_space(i);
      if (i >= in_.size() || (in_[i] != '"' && in_[i] != '\'')) {
        fail("value of attribute " + std::string(a.name) + " is not quoted", i);
      }
      const char quote = in_[i];
      const auto close = in_.find(quote, i + 1);
      if (close == std::string_view::npos) {
        fail("unterminated value of attribute " + std::string(a.name), i);
      }
      const auto raw_value = in_.substr(i + 1, close - i - 1);
      if (const auto lt = raw_value.find('<'); lt != std::string_view::npos) {
        fail("'<' in the value of attribute " + std::string(a.name), i + 1 + lt);
      }
      a.value = decode(raw_value, i + 1);
      if (t.find(a.name)) {
        fail("attribute " + std::string(a.name) + " given twice in <" + tag + ">", a.offset);
      }
      t.attributes.push_back(std::move(a));
      i = close + 1;
    }
    t.raw = in_.substr(pos_, i - pos_);
    pos_ = i;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace chronicle::detail::xml
