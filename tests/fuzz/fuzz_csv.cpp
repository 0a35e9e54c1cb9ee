// The CSV writer on arbitrary cells: what it writes, a strict RFC 4180 reader written apart
// from it (csv_reader.hpp) reads back to the same cells, up to what the writer documents: ill-
// formed UTF-8 becomes U+FFFD, and without WriteOptions::raw a cell starting with = + - @ gets
// a leading quote. The output is always valid UTF-8.
#include <fuzzer/FuzzedDataProvider.h>

#include <chronicle/io/csv.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "csv_reader.hpp"
#include "fuzz_check.hpp"
#include "io/utf8.hpp"

using namespace chronicle;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  csv::WriteOptions options;
  options.raw = in.ConsumeBool();
  options.crlf = in.ConsumeBool();

  fuzz::Rows cells;
  std::string out;
  csv::Writer w(out, options);
  const int rows = in.ConsumeIntegralInRange(1, 6);
  for (int r = 0; r < rows && in.remaining_bytes() > 0; ++r) {
    cells.emplace_back();
    const int n = in.ConsumeIntegralInRange(1, 8);
    for (int c = 0; c < n; ++c) cells.back().push_back(in.ConsumeRandomLengthString(64));
    // Rows go through the Writer and through append_field alike.
    if (r % 2 == 0) {
      for (const auto& cell : cells.back()) w.field(std::string_view(cell));
      w.end_row();
    } else {
      for (std::size_t c = 0; c < cells.back().size(); ++c) {
        if (c > 0) out += ',';
        csv::append_field(out, cells.back()[c], options);
      }
      out += options.crlf ? "\r\n" : "\n";
    }
  }
  FUZZ_CHECK(fuzz::valid_utf8(out), "CSV output is UTF-8");
  const auto read = fuzz::read_csv(out);
  FUZZ_CHECK(read.has_value(), "the output is RFC 4180 CSV");
  FUZZ_CHECK(read->size() == cells.size(), "one record per row");
  for (std::size_t r = 0; r < cells.size(); ++r) {
    FUZZ_CHECK((*read)[r].size() == cells[r].size(), "one field per cell");
    for (std::size_t c = 0; c < cells[r].size(); ++c) {
      const std::string& cell = cells[r][c];
      const char first = cell.empty() ? '\0' : cell[0];
      const bool guard =
          !options.raw && (first == '=' || first == '+' || first == '-' || first == '@');
      std::string expected = guard ? "'" : "";
      expected += fuzz::valid_utf8(cell) ? cell : detail::utf8::make_valid(cell);
      FUZZ_CHECK((*read)[r][c] == expected, "the cell reads back as written");
    }
  }
  return 0;
}
