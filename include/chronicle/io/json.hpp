// JSON (RFC 8259): a strict reader and a streaming writer, for chronicle's exports, `chronicle
// query` and `chronicle batch`.
//
//   chronicle::json::Value v = chronicle::json::parse(R"({"id": "a", "text": "..."})");
//   if (const auto* id = v.find("id"); id && id->is_string()) id->as_string();
//
//   std::string out;
//   chronicle::json::Writer w(out);             // compact; Writer(out, 2) indents by 2
//   w.begin_object().key("id").value("a").key("n").value(3).end_object();
//
// The reader takes exactly RFC 8259: no comments, trailing commas, NaN, single quotes or
// leading zeros; strings must be well-formed UTF-8 without raw control characters, and \u
// escapes must pair their surrogates. It also refuses duplicate keys and, by default, nesting
// deeper than 256 levels; it never recurses, so hostile input cannot exhaust the stack. Errors
// are json::error with the 1-based line and column (in bytes) where the input goes wrong.
//
// The writer escapes '"', '\\' and control characters, and writes ill-formed UTF-8 as U+FFFD,
// so that its output is always valid JSON in valid UTF-8. Numbers: integers as such, doubles
// as the shortest text that reads back as the same double; NaN and infinities as null.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace chronicle::json {

// Malformed JSON: what is wrong and where.
class error : public std::runtime_error {
 public:
  error(std::size_t line, std::size_t column, const std::string& message);
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }
  const std::string& message() const noexcept { return message_; }

 private:
  std::size_t line_, column_;
  std::string message_;
};

enum class Type : std::uint8_t { null, boolean, number, string, array, object };
// "null", "boolean", "number", "string", "array", "object".
std::string_view to_string(Type t);

struct Member;

class Value {
 public:
  Value() = default;  // null
  static Value boolean(bool b);
  static Value number(double d);
  static Value integer(std::int64_t i);
  static Value string(std::string s);
  static Value array();
  static Value object();

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  bool is_bool() const { return type_ == Type::boolean; }
  bool is_number() const { return type_ == Type::number; }
  bool is_string() const { return type_ == Type::string; }
  bool is_array() const { return type_ == Type::array; }
  bool is_object() const { return type_ == Type::object; }
  // A number written without fraction or exponent that fits in 64 bits.
  bool is_integer() const { return type_ == Type::number && integer_; }

  // Accessors throw std::logic_error when the value has another type.
  bool as_bool() const;
  double as_number() const;
  std::int64_t as_integer() const;
  const std::string& as_string() const;
  const std::vector<Value>& items() const;
  std::vector<Value>& items();
  const std::vector<Member>& members() const;
  std::vector<Member>& members();

  // The member with this key; nullptr when there is none or this is not an object.
  const Value* find(std::string_view key) const;

 private:
  Type type_ = Type::null;
  bool bool_ = false;
  bool integer_ = false;
  double number_ = 0;
  std::int64_t int_ = 0;
  std::string string_;
  std::vector<Value> items_;
  std::vector<Member> members_;
};

struct Member {
  std::string key;
  Value value;
};

struct ParseOptions {
  std::size_t max_depth = 256;  // arrays and objects nested deeper are an error
};

// Reads one JSON text (surrounding whitespace allowed). Throws json::error.
Value parse(std::string_view text, const ParseOptions& options = {});

// Appends `s` as a JSON string literal (quotes included).
void append_string(std::string& out, std::string_view s);

// Writes JSON into a caller-owned string as it goes: no tree, no allocation per value once the
// string has grown. Small pieces gather in the writer and go to the string a few kilobytes at
// a time: the whole text is in `out` once the top-level value is complete (and after flush()
// or the writer's end). Misuse (a key outside an object, unbalanced ends) throws
// std::logic_error.
class Writer {
 public:
  // indent 0: compact, one line; n > 0: members and items on their own lines, n spaces a level.
  explicit Writer(std::string& out, int indent = 0);
  ~Writer() { flush(); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Moves what has gathered into `out`.
  void flush();

  Writer& begin_object();
  Writer& end_object();
  Writer& begin_array();
  Writer& end_array();
  Writer& key(std::string_view k);

  Writer& value(std::string_view s);
  Writer& value(const char* s) { return value(std::string_view(s)); }
  Writer& value(const std::string& s) { return value(std::string_view(s)); }
  Writer& value(bool b);
  Writer& value(double d);
  Writer& value(float f);  // the shortest text that reads back as the same float
  template <class Int,
            std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>, int> = 0>
  Writer& value(Int i) {
    if constexpr (std::is_signed_v<Int>) {
      return signed_value(static_cast<std::int64_t>(i));
    } else {
      return unsigned_value(static_cast<std::uint64_t>(i));
    }
  }
  Writer& value(const Value& v);
  Writer& null();

  // Whether every container opened has been closed.
  bool complete() const { return stack_.empty() && wrote_; }

 private:
  Writer& signed_value(std::int64_t i);
  Writer& unsigned_value(std::uint64_t u);
  void before_value();
  void newline(std::size_t depth);

  void put(char c) {
    if (used_ == sizeof buf_) flush();
    buf_[used_++] = c;
  }
  void put(const char* p, std::size_t n) {
    if (n > sizeof buf_ - used_) return put_slow(p, n);
    char* d = buf_ + used_;
    if (n <= 16) {  // most pieces: a comma and a key, a short value
      for (std::size_t i = 0; i < n; ++i) d[i] = p[i];
    } else {
      std::memcpy(d, p, n);
    }
    used_ += n;
  }
  void put_slow(const char* p, std::size_t n);
  void put_string(std::string_view s);  // quoted and escaped
  Writer& done() {
    if (stack_.empty()) flush();
    return *this;
  }

  std::string& out_;
  char buf_[4096];
  std::size_t used_ = 0;
  int indent_;
  struct Level {
    bool object;
    std::uint32_t count;
  };
  std::vector<Level> stack_;
  bool after_key_ = false;
  bool wrote_ = false;
};

}  // namespace chronicle::json
