// CSV as RFC 4180 writes it: comma-separated, CRLF-free (one '\n' per record), fields quoted
// when they hold a comma, a quote or a line break, quotes doubled. Cells that a spreadsheet
// would run as a formula (starting with =, +, - or @) get a leading single quote unless the
// writer is told to keep them raw.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::csv {

struct WriteOptions {
  bool raw = false;  // true: never prefix formula-like cells
};

// Appends one field, quoted as needed, to `out`.
void append_field(std::string& out, std::string_view field, const WriteOptions& options = {});

// Writes one record (fields joined by commas, then '\n').
void write_row(std::ostream& out, const std::vector<std::string>& fields,
               const WriteOptions& options = {});

}  // namespace chronicle::csv
