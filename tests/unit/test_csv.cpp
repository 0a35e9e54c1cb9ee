// The CSV writer: RFC 4180 quoting, the spreadsheet formula guard, UTF-8 repair.
#include <catch2/catch.hpp>
#include <chronicle/io/csv.hpp>

#include <sstream>
#include <string>
#include <vector>

using chronicle::csv::append_field;
using chronicle::csv::WriteOptions;
using chronicle::csv::Writer;

namespace {

std::string field(std::string_view s, WriteOptions o = {}) {
  std::string out;
  append_field(out, s, o);
  return out;
}

}  // namespace

TEST_CASE("csv: fields are quoted when they hold a comma, a quote or a line break") {
  CHECK(field("") == "");
  CHECK(field("plain text") == "plain text");
  CHECK(field("a,b") == "\"a,b\"");
  CHECK(field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(field("\"") == "\"\"\"\"");
  CHECK(field("line\nbreak") == "\"line\nbreak\"");
  CHECK(field("cr\rlf") == "\"cr\rlf\"");
  CHECK(field("tab\there") == "tab\there");
  CHECK(field("caf\xC3\xA9, bar") == "\"caf\xC3\xA9, bar\"");
}

TEST_CASE("csv: cells a spreadsheet would run as formulas get a single quote") {
  CHECK(field("=1+2") == "'=1+2");
  CHECK(field("+33 1") == "'+33 1");
  CHECK(field("-inf") == "'-inf");
  CHECK(field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(field("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  CHECK(field("a=b") == "a=b");
  WriteOptions raw;
  raw.raw = true;
  CHECK(field("=1+2", raw) == "=1+2");
  CHECK(field("-x,y", raw) == "\"-x,y\"");
}

TEST_CASE("csv: ill-formed UTF-8 comes out as U+FFFD, one per maximal subpart") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(field("a\xFF"
              "b") == "a" + fffd + "b");
  CHECK(field("\xE2\x82") == fffd);                               // a cut sequence: one
  CHECK(field("\xC0\xAF") == fffd + fffd);                        // overlong: two
  CHECK(field("\xED\xA0\x80") == fffd + fffd + fffd);             // a surrogate: three
  CHECK(field("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);  // past U+10FFFF
  CHECK(field("ok \xF0\x9F\x98\x80") == "ok \xF0\x9F\x98\x80");
  CHECK(field("q\"\xFF,") == "\"q\"\"" + fffd + ",\"");
}

TEST_CASE("csv: the writer joins cells and ends records") {
  std::string out;
  Writer w(out);
  w.field("a,b").field(std::uint64_t{0}).field(std::uint64_t{18446744073709551615ULL});
  w.field(0.8f).field(1.0f).empty().field("=x");
  w.end_row();
  w.field("second").end_row();
  CHECK(out == "\"a,b\",0,18446744073709551615,0.8,1,,'=x\nsecond\n");
  WriteOptions crlf;
  crlf.crlf = true;
  std::string out2;
  Writer(out2, crlf).field("x").end_row();
  CHECK(out2 == "x\r\n");
  std::ostringstream os;
  chronicle::csv::write_row(os, {"a", "b c", "d\"e"});
  CHECK(os.str() == "a,b c,\"d\"\"e\"\n");
}
