#include "chronicle/io/json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <iterator>

#include "chronicle/detail/utf8_append.hpp"
#include "utf8.hpp"

namespace chronicle::json {

error::error(std::size_t line, std::size_t column, const std::string& message)
    : std::runtime_error(fmt::format("line {}, column {}: {}", line, column, message)),
      line_(line),
      column_(column),
      message_(message) {}

std::string_view to_string(Type t) {
  switch (t) {
    case Type::null:
      return "null";
    case Type::boolean:
      return "boolean";
    case Type::number:
      return "number";
    case Type::string:
      return "string";
    case Type::array:
      return "array";
    case Type::object:
      return "object";
  }
  return "?";
}

// --- Value

Value Value::boolean(bool b) {
  Value v;
  v.type_ = Type::boolean;
  v.bool_ = b;
  return v;
}

Value Value::number(double d) {
  Value v;
  v.type_ = Type::number;
  v.number_ = d;
  return v;
}

Value Value::integer(std::int64_t i) {
  Value v;
  v.type_ = Type::number;
  v.number_ = static_cast<double>(i);
  v.int_ = i;
  v.integer_ = true;
  return v;
}

Value Value::string(std::string s) {
  Value v;
  v.type_ = Type::string;
  v.string_ = std::move(s);
  return v;
}

Value Value::array() {
  Value v;
  v.type_ = Type::array;
  return v;
}

Value Value::object() {
  Value v;
  v.type_ = Type::object;
  return v;
}

namespace {
[[noreturn]] void wrong_type(Type have, Type want) {
  throw std::logic_error(fmt::format("JSON value is {}, not {}", to_string(have), to_string(want)));
}
}  // namespace

bool Value::as_bool() const {
  if (type_ != Type::boolean) wrong_type(type_, Type::boolean);
  return bool_;
}

double Value::as_number() const {
  if (type_ != Type::number) wrong_type(type_, Type::number);
  return number_;
}

std::int64_t Value::as_integer() const {
  if (type_ != Type::number) wrong_type(type_, Type::number);
  if (!integer_) throw std::logic_error("JSON number is not an integer");
  return int_;
}

const std::string& Value::as_string() const {
  if (type_ != Type::string) wrong_type(type_, Type::string);
  return string_;
}

const std::vector<Value>& Value::items() const {
  if (type_ != Type::array) wrong_type(type_, Type::array);
  return items_;
}

std::vector<Value>& Value::items() {
  if (type_ != Type::array) wrong_type(type_, Type::array);
  return items_;
}

const std::vector<Member>& Value::members() const {
  if (type_ != Type::object) wrong_type(type_, Type::object);
  return members_;
}

std::vector<Member>& Value::members() {
  if (type_ != Type::object) wrong_type(type_, Type::object);
  return members_;
}

const Value* Value::find(std::string_view key) const {
  if (type_ != Type::object) return nullptr;
  for (const Member& m : members_) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

// --- Reader

namespace {

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options) : s_(text), options_(options) {}

  Value run() {
    Value root;
    Value* slot = &root;  // where the next value goes
    skip_space();
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") fail(0, "a byte order mark is not JSON");
    for (;;) {
      // One value into *slot; a container is opened and its first slot taken.
      skip_space();
      if (i_ >= s_.size()) fail(i_, "expected a value, found the end of the input");
      const char c = s_[i_];
      bool opened = false;
      if (c == '{' || c == '[') {
        if (frames_.size() >= options_.max_depth) {
          fail(i_, fmt::format("nested deeper than {} levels", options_.max_depth));
        }
        *slot = c == '{' ? Value::object() : Value::array();
        frames_.push_back(Frame{slot, i_, {}});
        ++i_;
        skip_space();
        if (i_ < s_.size() && s_[i_] == (c == '{' ? '}' : ']')) {
          ++i_;
          frames_.pop_back();
        } else {
          slot = c == '{' ? open_member() : open_item();
          opened = true;
        }
      } else {
        *slot = scalar();
      }
      if (opened) continue;
      // The value is complete: close what ends here, until a comma opens the next slot.
      for (;;) {
        if (frames_.empty()) {
          skip_space();
          if (i_ != s_.size()) fail(i_, "unexpected text after the JSON value");
          return root;
        }
        Frame& top = frames_.back();
        const bool object = top.value->is_object();
        skip_space();
        if (i_ >= s_.size()) {
          fail(i_, object ? "unterminated object: expected ',' or '}'"
                          : "unterminated array: expected ',' or ']'");
        }
        const char d = s_[i_];
        if (d == ',') {
          ++i_;
          skip_space();
          slot = object ? open_member() : open_item();
          break;
        }
        if (d == (object ? '}' : ']')) {
          if (object) check_duplicates(top);
          ++i_;
          frames_.pop_back();
          continue;
        }
        fail(i_, object ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
  }

 private:
  struct Frame {
    Value* value;
    std::size_t start;
    std::vector<std::size_t> key_offsets;  // objects: where each key was written
  };

  [[noreturn]] void fail(std::size_t at, const std::string& message) const {
    at = std::min(at, s_.size());
    std::size_t line = 1, line_start = 0;
    for (std::size_t k = 0; k < at; ++k) {
      if (s_[k] == '\n') {
        ++line;
        line_start = k + 1;
      }
    }
    throw error(line, at - line_start + 1, message);
  }

  void skip_space() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++i_;
    }
  }

  Value* open_item() {
    auto& items = frames_.back().value->items();
    items.emplace_back();
    return &items.back();
  }

  Value* open_member() {
    Frame& top = frames_.back();
    if (i_ >= s_.size() || s_[i_] != '"') {
      fail(i_, i_ >= s_.size() ? "unterminated object: expected a key"
                               : "expected a key (a string in double quotes)");
    }
    top.key_offsets.push_back(i_);
    std::string key = string();
    skip_space();
    if (i_ >= s_.size() || s_[i_] != ':') fail(i_, "expected ':' after the key");
    ++i_;
    auto& members = top.value->members();
    members.push_back(Member{std::move(key), Value()});
    return &members.back().value;
  }

  void check_duplicates(const Frame& frame) {
    const auto& members = frame.value->members();
    if (members.size() < 2) return;
    std::vector<std::size_t> order(members.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return members[a].key != members[b].key ? members[a].key < members[b].key : a < b;
    });
    std::size_t worst = members.size();
    for (std::size_t k = 1; k < order.size(); ++k) {
      if (members[order[k]].key == members[order[k - 1]].key) worst = std::min(worst, order[k]);
    }
    if (worst != members.size()) {
      fail(frame.key_offsets[worst], fmt::format("duplicate key \"{}\"", members[worst].key));
    }
  }

  Value scalar() {
    const char c = s_[i_];
    if (c == '"') return Value::string(string());
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    if (literal("true")) return Value::boolean(true);
    if (literal("false")) return Value::boolean(false);
    if (literal("null")) return Value();
    if (c == '}' || c == ']') fail(i_, "expected a value");
    fail(i_, fmt::format("unexpected character {}", describe(c)));
  }

  static std::string describe(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) return fmt::format("'{}'", c);
    return fmt::format("0x{:02X}", u);
  }

  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  Value number() {
    const std::size_t start = i_;
    bool integral = true;
    if (s_[i_] == '-') ++i_;
    if (i_ >= s_.size() || s_[i_] < '0' || s_[i_] > '9') fail(i_, "expected a digit");
    if (s_[i_] == '0') {
      ++i_;
      if (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') fail(i_, "leading zeros");
    } else {
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      integral = false;
      ++i_;
      if (i_ >= s_.size() || s_[i_] < '0' || s_[i_] > '9') fail(i_, "expected a digit after '.'");
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      integral = false;
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (i_ >= s_.size() || s_[i_] < '0' || s_[i_] > '9') fail(i_, "expected an exponent");
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    }
    const char* first = s_.data() + start;
    const char* last = s_.data() + i_;
    if (integral) {
      std::int64_t n = 0;
      const auto r = std::from_chars(first, last, n);
      if (r.ec == std::errc() && r.ptr == last) return Value::integer(n);
    }
    double d = 0;
    const auto r = std::from_chars(first, last, d);
    if (r.ec != std::errc() || r.ptr != last || !std::isfinite(d)) {
      fail(start, "number out of range");
    }
    return Value::number(d);
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  unsigned hex4(std::size_t at) {
    if (at + 4 > s_.size()) fail(at, "\\u needs four hex digits");
    unsigned v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const int h = hex(s_[at + k]);
      if (h < 0) fail(at + k, "\\u needs four hex digits");
      v = v * 16 + static_cast<unsigned>(h);
    }
    return v;
  }

  // At the opening quote; returns the decoded string.
  std::string string() {
    const std::size_t open = i_;
    ++i_;
    std::string out;
    std::size_t run = i_;
    const auto* bytes = reinterpret_cast<const unsigned char*>(s_.data());
    for (;;) {
      if (i_ >= s_.size()) fail(open, "unterminated string");
      const unsigned char c = bytes[i_];
      if (c == '"') {
        out.append(s_.data() + run, i_ - run);
        ++i_;
        return out;
      }
      if (c < 0x20) fail(i_, "control character in a string (escape it)");
      if (c >= 0x80) {
        std::size_t bad = 0;
        const std::size_t n = detail::utf8::sequence(bytes + i_, bytes + s_.size(), bad);
        if (n == 0) fail(i_, "invalid UTF-8");
        i_ += n;
        continue;
      }
      if (c != '\\') {
        ++i_;
        continue;
      }
      out.append(s_.data() + run, i_ - run);
      if (i_ + 1 >= s_.size()) fail(open, "unterminated string");
      const char e = s_[i_ + 1];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          unsigned cp = hex4(i_ + 2);
          std::size_t used = 6;
          if (cp >= 0xDC00 && cp <= 0xDFFF) fail(i_, "lone low surrogate in \\u escape");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (s_.substr(i_ + 6, 2) != "\\u") fail(i_, "high surrogate without its low half");
            const unsigned low = hex4(i_ + 8);
            if (low < 0xDC00 || low > 0xDFFF) fail(i_ + 6, "high surrogate without its low half");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            used = 12;
          }
          detail::append_utf8(out, cp);
          i_ += used;
          run = i_;
          continue;
        }
        default:
          fail(i_, fmt::format("invalid escape \\{}", describe(e)));
      }
      i_ += 2;
      run = i_;
    }
  }

  std::string_view s_;
  ParseOptions options_;
  std::size_t i_ = 0;
  std::vector<Frame> frames_;
};

}  // namespace

Value parse(std::string_view text, const ParseOptions& options) {
  return Parser(text, options).run();
}

// --- Writer

namespace {

// Bytes a JSON string cannot hold as they are: control characters, '"', '\\'; and the start
// of a multi-byte sequence, which must be checked.
constexpr bool plain(unsigned char c) {
  return c >= 0x20 && c != '"' && c != '\\' && c < 0x80;
}

// Writes `s` quoted and escaped through `put(const char*, n)`, ill-formed UTF-8 as U+FFFD.
template <class Put>
void escape(Put&& put, std::string_view s) {
  static constexpr char hex_digits[] = "0123456789abcdef";
  put("\"", 1);
  const auto* begin = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = begin + s.size();
  const auto* run = begin;
  const auto* p = begin;
  auto flush = [&] {
    if (p != run) put(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
  };
  while (p < end) {
    const unsigned char c = *p;
    if (plain(c)) {
      ++p;
      continue;
    }
    if (c >= 0x80) {
      std::size_t bad = 0;
      const std::size_t n = detail::utf8::sequence(p, end, bad);
      if (n != 0) {
        p += n;
        continue;
      }
      flush();
      put(detail::utf8::replacement.data(), detail::utf8::replacement.size());
      p += bad;
      run = p;
      continue;
    }
    flush();
    char e[6] = {'\\', 0, 0, 0, 0, 0};
    std::size_t n = 2;
    switch (c) {
      case '"':
        e[1] = '"';
        break;
      case '\\':
        e[1] = '\\';
        break;
      case '\n':
        e[1] = 'n';
        break;
      case '\r':
        e[1] = 'r';
        break;
      case '\t':
        e[1] = 't';
        break;
      case '\b':
        e[1] = 'b';
        break;
      case '\f':
        e[1] = 'f';
        break;
      default:
        e[1] = 'u';
        e[2] = '0';
        e[3] = '0';
        e[4] = hex_digits[c >> 4];
        e[5] = hex_digits[c & 0xF];
        n = 6;
    }
    put(e, n);
    ++p;
    run = p;
  }
  flush();
  put("\"", 1);
}

}  // namespace

void append_string(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 2);
  escape([&](const char* p, std::size_t n) { out.append(p, n); }, s);
}

Writer::Writer(std::string& out, int indent) : out_(out), indent_(indent < 0 ? 0 : indent) {
  stack_.reserve(16);
}

void Writer::flush() {
  if (used_ == 0) return;
  out_.append(buf_, used_);
  used_ = 0;
}

void Writer::put_slow(const char* p, std::size_t n) {
  flush();
  if (n > sizeof buf_ / 2) {  // large pieces go straight through
    out_.append(p, n);
    return;
  }
  std::memcpy(buf_, p, n);
  used_ = n;
}

void Writer::put_string(std::string_view s) {
  escape([this](const char* p, std::size_t n) { put(p, n); }, s);
}

void Writer::newline(std::size_t depth) {
  if (indent_ == 0) return;
  put('\n');
  for (std::size_t k = depth * static_cast<std::size_t>(indent_); k > 0; --k) put(' ');
}

void Writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) {
    if (wrote_) throw std::logic_error("json::Writer: a second top-level value");
    wrote_ = true;
    return;
  }
  Level& top = stack_.back();
  if (top.object) throw std::logic_error("json::Writer: a value in an object needs a key");
  if (top.count++ > 0) put(',');
  newline(stack_.size());
}

Writer& Writer::key(std::string_view k) {
  if (stack_.empty() || !stack_.back().object || after_key_) {
    throw std::logic_error("json::Writer: a key outside an object");
  }
  Level& top = stack_.back();
  const bool comma = top.count++ > 0;
  // Keys are short ASCII names: written in one piece when nothing in them needs escaping.
  char buf[80];
  bool simple = k.size() + 4 <= sizeof buf && indent_ == 0;
  for (std::size_t i = 0; simple && i < k.size(); ++i)
    simple = plain(static_cast<unsigned char>(k[i]));
  if (simple) {
    std::size_t n = 0;
    if (comma) buf[n++] = ',';
    buf[n++] = '"';
    std::memcpy(buf + n, k.data(), k.size());
    n += k.size();
    buf[n++] = '"';
    buf[n++] = ':';
    put(buf, n);
  } else {
    if (comma) put(',');
    newline(stack_.size());
    put_string(k);
    if (indent_ > 0)
      put(": ", 2);
    else
      put(':');
  }
  after_key_ = true;
  return *this;
}

Writer& Writer::begin_object() {
  before_value();
  put('{');
  stack_.push_back(Level{true, 0});
  return *this;
}

Writer& Writer::begin_array() {
  before_value();
  put('[');
  stack_.push_back(Level{false, 0});
  return *this;
}

Writer& Writer::end_object() {
  if (stack_.empty() || !stack_.back().object || after_key_) {
    throw std::logic_error("json::Writer: end_object without an open object");
  }
  if (stack_.back().count > 0) newline(stack_.size() - 1);
  stack_.pop_back();
  put('}');
  return done();
}

Writer& Writer::end_array() {
  if (stack_.empty() || stack_.back().object) {
    throw std::logic_error("json::Writer: end_array without an open array");
  }
  if (stack_.back().count > 0) newline(stack_.size() - 1);
  stack_.pop_back();
  put(']');
  return done();
}

Writer& Writer::value(std::string_view s) {
  before_value();
  put_string(s);
  return done();
}

Writer& Writer::value(bool b) {
  before_value();
  if (b)
    put("true", 4);
  else
    put("false", 5);
  return done();
}

Writer& Writer::value(double d) {
  before_value();
  if (!std::isfinite(d)) {
    put("null", 4);
  } else if (d == 0 && std::signbit(d)) {
    put("-0.0", 4);  // "-0" would read back as the integer 0
  } else {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, d);  // shortest round trip
    put(buf, static_cast<std::size_t>(r.ptr - buf));
  }
  return done();
}

Writer& Writer::value(float f) {
  before_value();
  if (!std::isfinite(f)) {
    put("null", 4);
  } else if (f == 0 && std::signbit(f)) {
    put("-0.0", 4);
  } else {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, f);
    put(buf, static_cast<std::size_t>(r.ptr - buf));
  }
  return done();
}

Writer& Writer::signed_value(std::int64_t i) {
  before_value();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, i);
  put(buf, static_cast<std::size_t>(r.ptr - buf));
  return done();
}

Writer& Writer::unsigned_value(std::uint64_t u) {
  before_value();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, u);
  put(buf, static_cast<std::size_t>(r.ptr - buf));
  return done();
}

Writer& Writer::null() {
  before_value();
  put("null", 4);
  return done();
}

Writer& Writer::value(const Value& v) {
  // Depth-first without recursion: a stack of (container, next child).
  struct Pending {
    const Value* value;
    std::size_t next;
  };
  std::vector<Pending> todo;
  auto open = [&](const Value& x) {
    switch (x.type()) {
      case Type::null:
        null();
        break;
      case Type::boolean:
        value(x.as_bool());
        break;
      case Type::number:
        if (x.is_integer()) {
          signed_value(x.as_integer());
        } else {
          value(x.as_number());
        }
        break;
      case Type::string:
        value(std::string_view(x.as_string()));
        break;
      case Type::array:
        begin_array();
        todo.push_back(Pending{&x, 0});
        break;
      case Type::object:
        begin_object();
        todo.push_back(Pending{&x, 0});
        break;
    }
  };
  open(v);
  while (!todo.empty()) {
    Pending& top = todo.back();
    if (top.value->is_array()) {
      const auto& items = top.value->items();
      if (top.next == items.size()) {
        todo.pop_back();
        end_array();
        continue;
      }
      open(items[top.next++]);
    } else {
      const auto& members = top.value->members();
      if (top.next == members.size()) {
        todo.pop_back();
        end_object();
        continue;
      }
      const Member& m = members[top.next++];
      key(m.key);
      open(m.value);
    }
  }
  return *this;
}

}  // namespace chronicle::json
