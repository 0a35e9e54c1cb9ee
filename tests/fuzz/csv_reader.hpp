// A strict RFC 4180 reader, written apart from chronicle's CSV writer so that each checks the
// other: fields split by ',', records ended by "\n" or "\r\n", quoted fields with '""' for a
// quote. Anything else (a quote inside an unquoted field, text after a closing quote, an
// unterminated quote, a bare '\r') is an error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::fuzz {

using Rows = std::vector<std::vector<std::string>>;

inline std::optional<Rows> read_csv(std::string_view s) {
  Rows rows;
  std::vector<std::string> row;
  std::string field;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '"') {
      ++i;
      for (;;) {
        if (i >= s.size()) return std::nullopt;  // unterminated
        if (s[i] == '"') {
          if (i + 1 < s.size() && s[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += s[i++];
      }
    } else {
      while (i < s.size() && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
        if (s[i] == '"') return std::nullopt;
        field += s[i++];
      }
    }
    // After a field: ',', or a record end.
    if (i < s.size() && s[i] == ',') {
      row.push_back(std::move(field));
      field.clear();
      ++i;
      if (i == s.size()) return std::nullopt;  // a record must end with a line end
      continue;
    }
    if (i < s.size() && s[i] == '\r') {
      if (i + 1 >= s.size() || s[i + 1] != '\n') return std::nullopt;
      ++i;
    }
    if (i >= s.size() || s[i] != '\n') return std::nullopt;
    ++i;
    row.push_back(std::move(field));
    field.clear();
    rows.push_back(std::move(row));
    row.clear();
  }
  return rows;
}

}  // namespace chronicle::fuzz
