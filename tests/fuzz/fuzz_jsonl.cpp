// The JSONL batch reader on arbitrary bytes: the input is split into lines as `chronicle
// batch` splits standard input, and each non-blank line gives a document request or a
// std::runtime_error (what the batch writes as an error record), never anything else. Every
// line the JSON reader takes is written back by the JSON writer, and that reads again to the
// same value.
#include <chronicle/io/json.hpp>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "cli/options.hpp"
#include "fuzz_check.hpp"

using namespace chronicle;

namespace {

std::string compact(const json::Value& v) {
  std::string out;
  {
    json::Writer w(out);
    w.value(v);
  }
  return out;
}

void one_line(std::string_view line) {
  if (cli::blank(line)) return;
  std::string id;
  try {
    const cli::DocumentRequest d = cli::parse_document_line(line, &id);
    FUZZ_CHECK(d.id == id, "the id is reported as read");
    FUZZ_CHECK(!d.year || (*d.year >= 1 && *d.year <= 9999), "years within 1..9999");
    FUZZ_CHECK(!d.dct || d.dct->is_point(), "a DCT is a calendar point");
  } catch (const std::runtime_error&) {
  }

  json::Value v;
  try {
    v = json::parse(line);
  } catch (const json::error& e) {
    FUZZ_CHECK(e.line() >= 1 && e.column() >= 1, "errors have a line and column");
    return;
  }
  const std::string written = compact(v);
  FUZZ_CHECK(fuzz::valid_utf8(written), "the writer writes UTF-8");
  const json::Value again = json::parse(written);
  FUZZ_CHECK(compact(again) == written, "written JSON reads back to the same value");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  while (!in.empty()) {
    const auto nl = in.find('\n');
    one_line(in.substr(0, nl));
    if (nl == std::string_view::npos) break;
    in.remove_prefix(nl + 1);
  }
  return 0;
}
