// The JSON reader and writer: RFC 8259 exactly, errors with line and column, no recursion.
#include <catch2/catch.hpp>
#include <chronicle/io/json.hpp>

#include <cmath>
#include <limits>
#include <string>

using chronicle::json::error;
using chronicle::json::parse;
using chronicle::json::Type;
using chronicle::json::Value;
using chronicle::json::Writer;

namespace {

std::string compact(const Value& v) {
  std::string out;
  Writer(out).value(v);
  return out;
}

// The error parse() reports for `text`, as "line:column: message".
std::string failure(std::string_view text, chronicle::json::ParseOptions options = {}) {
  try {
    parse(text, options);
  } catch (const error& e) {
    return std::to_string(e.line()) + ":" + std::to_string(e.column()) + ": " + e.message();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("json: the writer escapes strings and keeps them valid UTF-8") {
  std::string out;
  Writer w(out);
  w.begin_array()
      .value("plain")
      .value("quote \" backslash \\ slash /")
      .value(std::string_view("nl\ntab\tcr\rbs\bff\f\x01\x1f\x7f", 20))
      .value("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80")
      .value("bad \xFF byte, cut \xE2\x82, surrogate \xED\xA0\x80 end")
      .end_array();
  CHECK(out ==
        "[\"plain\",\"quote \\\" backslash \\\\ slash /\","
        "\"nl\\ntab\\tcr\\rbs\\bff\\f\\u0001\\u001f\x7f\\u0000\","
        "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\","
        "\"bad \xEF\xBF\xBD byte, cut \xEF\xBF\xBD, surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
        "end\"]");
  CHECK(w.complete());
  // What it wrote reads back.
  const Value v = parse(out);
  CHECK(v.items()[2].as_string() == std::string("nl\ntab\tcr\rbs\bff\f\x01\x1f\x7f", 20));
}

TEST_CASE("json: the writer writes numbers exactly and non-finite ones as null") {
  std::string out;
  Writer w(out);
  w.begin_array()
      .value(0)
      .value(-12)
      .value(std::numeric_limits<std::int64_t>::min())
      .value(std::numeric_limits<std::uint64_t>::max())
      .value(0.1)
      .value(1e300)
      .value(2.5)
      .value(0.8f)
      .value(std::nan(""))
      .value(std::numeric_limits<double>::infinity())
      .value(true)
      .value(false)
      .null()
      .end_array();
  CHECK(out ==
        "[0,-12,-9223372036854775808,18446744073709551615,0.1,1e+300,2.5,0.8,null,null,true,"
        "false,null]");
  const Value v = parse(out);
  CHECK(v.items()[4].as_number() == 0.1);
  CHECK(v.items()[2].as_integer() == std::numeric_limits<std::int64_t>::min());
  CHECK_FALSE(v.items()[3].is_integer());  // past int64: a double
  CHECK(v.items()[7].as_number() == 0.8);  // the float 0.8f written as "0.8"
}

TEST_CASE("json: the writer indents like nlohmann's dump(2)") {
  std::string out;
  Writer w(out, 2);
  w.begin_object()
      .key("a")
      .value(1)
      .key("empty")
      .begin_array()
      .end_array()
      .key("list")
      .begin_array()
      .value("x")
      .begin_object()
      .end_object()
      .end_array()
      .end_object();
  CHECK(out == "{\n  \"a\": 1,\n  \"empty\": [],\n  \"list\": [\n    \"x\",\n    {}\n  ]\n}");
}

TEST_CASE("json: writer misuse is a logic error") {
  std::string out;
  Writer w(out);
  CHECK_THROWS_AS(w.key("k"), std::logic_error);
  w.begin_object();
  CHECK_THROWS_AS(w.value(1), std::logic_error);
  CHECK_THROWS_AS(w.end_array(), std::logic_error);
  w.key("k");
  CHECK_THROWS_AS(w.end_object(), std::logic_error);
  w.value(1).end_object();
  CHECK_THROWS_AS(w.value(2), std::logic_error);  // a second top-level value
}

TEST_CASE("json: the reader takes every RFC 8259 form") {
  const Value v = parse(
      " {\"s\": \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00\", \"n\": [0, -0, "
      "1.5, "
      "-2e3, 1E+2, 12345678901234567890], \"t\": true, \"f\": false, \"z\": null, \"o\": {}, "
      "\"a\": []}\r\n\t");
  REQUIRE(v.is_object());
  CHECK(v.find("s")->as_string() == "a\"b\\c/d\b\f\n\r\t\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  const auto& n = v.find("n")->items();
  CHECK(n[0].as_integer() == 0);
  CHECK(n[1].as_integer() == 0);
  CHECK(n[2].as_number() == 1.5);
  CHECK_FALSE(n[2].is_integer());
  CHECK(n[3].as_number() == -2000);
  CHECK(n[4].as_number() == 100);
  CHECK(n[5].as_number() == 12345678901234567890.0);
  CHECK(v.find("t")->as_bool());
  CHECK_FALSE(v.find("f")->as_bool());
  CHECK(v.find("z")->is_null());
  CHECK(v.find("o")->members().empty());
  CHECK(v.find("a")->items().empty());
  CHECK(v.find("missing") == nullptr);
  CHECK_THROWS_AS(v.find("t")->as_string(), std::logic_error);
  // Members keep their order, and the writer gives the same text back.
  CHECK(compact(parse(R"({"b":1,"a":[true,null,"x"],"c":{"d":-1.25}})")) ==
        R"({"b":1,"a":[true,null,"x"],"c":{"d":-1.25}})");
}

TEST_CASE("json: malformed input is an error with its line and column") {
  CHECK(failure("") == "1:1: expected a value, found the end of the input");
  CHECK(failure("[1,]") == "1:4: expected a value");
  CHECK(failure("{\"a\":1,}") == "1:8: expected a key (a string in double quotes)");
  CHECK(failure("[01]") == "1:3: leading zeros");
  CHECK(failure("[1.]") == "1:4: expected a digit after '.'");
  CHECK(failure("[-]") == "1:3: expected a digit");
  CHECK(failure("[1e]") == "1:4: expected an exponent");
  CHECK(failure("[NaN]") == "1:2: unexpected character 'N'");
  CHECK(failure("['a']") == "1:2: unexpected character '''");
  CHECK(failure("// c\n1") == "1:1: unexpected character '/'");
  CHECK(failure("{\"a\" 1}") == "1:6: expected ':' after the key");
  CHECK(failure("{\n  \"a\": 1\n  \"b\": 2\n}") == "3:3: expected ',' or '}'");
  CHECK(failure("[1 2]") == "1:4: expected ',' or ']'");
  CHECK(failure("[1") == "1:3: unterminated array: expected ',' or ']'");
  CHECK(failure("{\"a\":1") == "1:7: unterminated object: expected ',' or '}'");
  CHECK(failure("\"abc") == "1:1: unterminated string");
  CHECK(failure("\"a\nb\"") == "1:3: control character in a string (escape it)");
  CHECK(failure("\"a\xFF\"") == "1:3: invalid UTF-8");
  CHECK(failure("\"\xED\xA0\x80\"") == "1:2: invalid UTF-8");  // an encoded surrogate
  CHECK(failure("\"\\x\"") == "1:2: invalid escape \\'x'");
  CHECK(failure("\"\\u12\"") == "1:4: \\u needs four hex digits");
  CHECK(failure("\"\\udc00\"") == "1:2: lone low surrogate in \\u escape");
  CHECK(failure("\"\\ud800x\"") == "1:2: high surrogate without its low half");
  CHECK(failure("\"\\ud800\\u0041\"") == "1:8: high surrogate without its low half");
  CHECK(failure("{\"a\":1,\"b\":2,\"a\":3}") == "1:14: duplicate key \"a\"");
  CHECK(failure("1 2") == "1:3: unexpected text after the JSON value");
  CHECK(failure("[1e999]") == "1:2: number out of range");
  CHECK(failure("\xEF\xBB\xBF{}") == "1:1: a byte order mark is not JSON");
  CHECK(failure("tru") == "1:1: unexpected character 't'");
}

TEST_CASE("json: nesting is limited, and deep input neither recurses nor crashes") {
  const std::string deep(100000, '[');
  CHECK(failure(deep) == "1:257: nested deeper than 256 levels");
  std::string ok = std::string(256, '[') + std::string(256, ']');
  CHECK_NOTHROW(parse(ok));
  CHECK(failure(std::string(257, '[') + std::string(257, ']')) ==
        "1:257: nested deeper than 256 levels");
  chronicle::json::ParseOptions wide;
  wide.max_depth = 5000;
  const std::string nested = std::string(4000, '[') + std::string(4000, ']');
  const Value v = parse(nested, wide);
  std::string out;
  Writer(out).value(v);  // the writer walks it without recursion too
  CHECK(out == nested);
}

TEST_CASE("json: write then read gives the same value") {
  // A document with every kind of value, strings with every escape class.
  std::string text = "{\"id\":\"doc-1\",\"text\":";
  std::string s;
  for (int c = 1; c < 0x80; ++c) s += static_cast<char>(c);
  s += "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";
  chronicle::json::append_string(text, s);
  text += ",\"nums\":[1,-1,0.5,1e-07,123456789012],\"nested\":{\"a\":[{\"b\":[null,true]}]}}";
  const Value v = parse(text);
  CHECK(v.find("text")->as_string() == s);
  CHECK(compact(v) == text);
  CHECK(compact(parse(compact(v))) == compact(v));
}

// fuzz_jsonl: "-0e99" is the double -0.0, which the writer wrote as "-0"; that reads back as
// the integer 0, so a value written and read again lost its sign.
TEST_CASE("json: negative zero is written so that it reads back as itself") {
  const Value v = parse("[-0e99, -0.0, 0.0]");
  std::string out;
  {
    Writer w(out);
    w.value(v);
  }
  CHECK(out == "[-0.0,-0.0,0]");
  const Value again = parse(out);
  CHECK(std::signbit(again.items()[0].as_number()));
  CHECK_FALSE(again.items()[0].is_integer());
  std::string f;
  {
    Writer w(f);
    w.value(-0.0f);
  }
  CHECK(f == "-0.0");
}
