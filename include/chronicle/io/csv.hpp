// CSV, the main export: RFC 4180 fields, UTF-8, a header row, one record per line.
//
//   std::string out = chronicle::csv::to_csv(timeline);                    // one row per event
//   std::string links = chronicle::csv::to_csv(timeline, csv::Table::links);
//
// Fields are quoted when they hold a comma, a quote or a line break, with quotes doubled.
// Records end with '\n' (CRLF with WriteOptions::crlf, as RFC 4180 writes it; readers take
// either). Text is written as UTF-8: ill-formed bytes in the input text come out as U+FFFD.
// A text cell that starts with =, +, - or @ gets a leading single quote, because spreadsheets
// run such cells as formulas; WriteOptions::raw turns that off. The columns of each table are
// documented in README.md ("CSV columns").
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle {
struct Timeline;
}

namespace chronicle::csv {

struct WriteOptions {
  bool raw = false;   // true: never prefix formula-like cells
  bool crlf = false;  // true: end records with "\r\n"
};

// Appends one text field, made valid UTF-8, guarded and quoted as needed, to `out`.
void append_field(std::string& out, std::string_view field, const WriteOptions& options = {});

// Builds records in a caller-owned string, so that writing a cell allocates nothing once the
// string has grown to size.
//
//   csv::Writer w(out);
//   w.field("ei1").field(std::uint64_t{3}).end_row();
class Writer {
 public:
  explicit Writer(std::string& out, WriteOptions options = {}) : out_(out), options_(options) {}

  // A text cell.
  Writer& field(std::string_view text);
  // A number cell (never quoted nor guarded).
  Writer& field(std::uint64_t number);
  // A number in [0, 1] or so, written as the shortest decimal that reads back as the same
  // float ("0.8", "1").
  Writer& field(float number);
  // An empty cell.
  Writer& empty();
  void end_row();

  const WriteOptions& options() const { return options_; }

 private:
  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }

  std::string& out_;
  WriteOptions options_;
  bool first_ = true;
};

// Writes one record of text fields (joined by commas, then the record end).
void write_row(std::ostream& out, const std::vector<std::string>& fields,
               const WriteOptions& options = {});

// The tables chronicle exports from a Timeline.
enum class Table {
  events,   // one row per event, in timeline order
  links,    // one row per TLINK of the timeline graph
  timexes,  // one row per temporal expression, in text order
};

// The table's header row.
void append_header(std::string& out, Table table, const WriteOptions& options = {});
// The table's rows for one document (no header), so that several documents share one table.
void append_rows(std::string& out, const Timeline& timeline, Table table,
                 const WriteOptions& options = {});
// Header and rows.
std::string to_csv(const Timeline& timeline, Table table = Table::events,
                   const WriteOptions& options = {});

}  // namespace chronicle::csv
