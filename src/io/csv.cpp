#include "chronicle/io/csv.hpp"

namespace chronicle::csv {

void append_field(std::string& out, std::string_view field, const WriteOptions& options) {
  const bool formula = !options.raw && !field.empty() &&
                       (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@');
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos;
  if (quote) out += '"';
  if (formula) out += '\'';
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  if (quote) out += '"';
}

void write_row(std::ostream& out, const std::vector<std::string>& fields,
               const WriteOptions& options) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    append_field(line, fields[i], options);
  }
  line += '\n';
  out << line;
}

}  // namespace chronicle::csv
