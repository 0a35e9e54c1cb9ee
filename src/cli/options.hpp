// What the chronicle subcommands share: option parsing for the pipeline, reading inputs,
// writing output files whole, and the JSONL document format of `extract` and `batch`.
#pragma once

#include <fmt/format.h>
#include <unistd.h>
#include <chronicle/io/json.hpp>
#include <chronicle/timeline.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "commands.hpp"

namespace chronicle::cli {

namespace fs = std::filesystem;

// A usage error (exit status 2): a bad option or a missing argument.
class usage_error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// An input error (exit status 1); the message names the file (and line).
class input_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Whether --help or -h is among the arguments.
inline bool wants_help(const Args& args) {
  for (auto a : args) {
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

inline std::vector<std::string_view> split_list(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const auto comma = s.find(',');
    out.push_back(s.substr(0, comma));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

inline int parse_int(std::string_view s, const char* what) {
  const std::string text(s);
  try {
    std::size_t used = 0;
    const int v = std::stoi(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  throw usage_error(fmt::format("{} needs a whole number, not '{}'", what, s));
}

inline TimeValue parse_dct(std::string_view s) {
  const auto v = TimeValue::parse(s);
  if (!v || !v->is_point()) {
    throw usage_error(fmt::format("--dct needs a TIMEX3 date such as 2022-01-06, not '{}'", s));
  }
  return *v;
}

inline int check_year(int year) {
  if (year < 1 || year > 9999) throw usage_error("--year must be within 1..9999");
  return year;
}

// Takes one of the pipeline options (--dct, --year, --policy, --mode, --layers) at args[i],
// with its value; returns false when args[i] is not one of them.
inline bool parse_pipeline_option(const Args& args, std::size_t& i, ReconstructOptions& o) {
  const std::string_view a = args[i];
  auto value = [&]() -> std::string_view {
    if (i + 1 >= args.size()) throw usage_error(fmt::format("{} needs a value", a));
    return args[++i];
  };
  if (a == "--dct") {
    o.dct = parse_dct(value());
  } else if (a == "--year") {
    o.year = check_year(parse_int(value(), "--year"));
  } else if (a == "--policy") {
    const auto p = value();
    if (p == "news")
      o.policy = DirectionPolicy::news;
    else if (p == "closest")
      o.policy = DirectionPolicy::closest;
    else if (p == "future")
      o.policy = DirectionPolicy::future;
    else
      throw usage_error("--policy is news, closest or future");
  } else if (a == "--mode") {
    const auto m = value();
    if (m == "news")
      o.anchoring = Anchoring::news;
    else if (m == "narrative")
      o.anchoring = Anchoring::narrative;
    else
      throw usage_error("--mode is news or narrative");
  } else if (a == "--layers") {
    o.layers = Layers{false, false, false};
    for (auto l : split_list(value())) {
      if (l == "timex")
        o.layers.timex = true;
      else if (l == "event")
        o.layers.event = true;
      else if (l == "tlink")
        o.layers.tlink = true;
      else
        throw usage_error(fmt::format("unknown layer '{}' (timex, event, tlink)", l));
    }
  } else {
    return false;
  }
  return true;
}

// The name of an input in messages.
inline std::string display_name(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

// Reads a whole file, or standard input for "-". Throws input_error naming it.
inline std::string read_input(const std::string& path) {
  if (path == "-") {
    // stdio, not std::cin: a stream buffer takes a read error (standard input is a folder)
    // for the end of the input, and the input would be lost without a word.
    std::string text;
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) text.append(buf, n);
    if (std::ferror(stdin)) throw input_error("<stdin>: read error");
    return text;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw input_error(path + ": is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(path + ": cannot be read");
  try {
    std::string text((std::istreambuf_iterator<char>(in)), {});
    if (in.bad()) throw input_error(path + ": read error");
    return text;
  } catch (const std::ios_base::failure&) {  // libstdc++ throws on a failed read(2)
    throw input_error(path + ": read error");
  }
}

// Writes `data` to an existing file that is not a regular one (a device such as /dev/null or
// /dev/stdout, a FIFO): directly, since such a file cannot be replaced, only written to.
inline void write_through(const fs::path& path, std::string_view data) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw input_error(path.string() + ": cannot be written");
  const bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  if (std::fclose(f) != 0 || !ok) throw input_error(path.string() + ": write error");
}

// Writes `data` to `path` whole or not at all: a regular file (new, or reached through a
// symbolic link) is written into a temporary file beside it, then renamed over it, so that a
// failure never leaves a partial file. Devices and FIFOs are written to as they are: renaming
// over /dev/null would replace the device.
inline void write_file(const fs::path& path, std::string_view data) {
  std::error_code ec;
  fs::path target = path;
  if (fs::is_symlink(fs::symlink_status(path, ec))) {
    target = fs::canonical(path, ec);
    if (ec) return write_through(path, data);  // a dangling link: create what it names
  }
  const fs::file_status status = fs::status(target, ec);
  if (fs::is_directory(status)) throw input_error(path.string() + ": is a folder");
  if (fs::exists(status) && !fs::is_regular_file(status)) return write_through(target, data);
  const fs::path tmp = target.string() + fmt::format(".partial-{}", static_cast<long>(::getpid()));
  std::FILE* f = std::fopen(tmp.c_str(), "wbx");  // x: never through something already there
  if (!f) throw input_error(path.string() + ": cannot be written");
  const bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  const bool closed = std::fclose(f) == 0;
  if (!ok || !closed) {
    fs::remove(tmp, ec);
    throw input_error(path.string() + ": write error");
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw input_error(path.string() + ": " + ec.message());
  }
}

// Writes to standard output; false on a write error (a closed pipe, a full disk).
inline bool write_stdout(std::string_view data) {
  if (std::fwrite(data.data(), 1, data.size(), stdout) != data.size()) return false;
  return std::fflush(stdout) == 0;
}

// --- The JSONL document format: {"id": ..., "text": ..., "dct"?: ..., "year"?: ...}

struct DocumentRequest {
  std::string id;
  std::string text;
  std::optional<TimeValue> dct;
  std::optional<int> year;
};

// Reads one JSONL line. Throws std::runtime_error with what is wrong (no line number; the
// caller adds it); `id`, when given, gets the document's id as soon as it is known. Members
// other than these four are ignored.
inline DocumentRequest parse_document_line(std::string_view line, std::string* id = nullptr) {
  json::Value v;
  try {
    v = json::parse(line);
  } catch (const json::error& e) {
    throw std::runtime_error(fmt::format("column {}: {}", e.column(), e.message()));
  }
  if (!v.is_object()) {
    throw std::runtime_error(fmt::format("expected an object {{\"id\", \"text\", ...}}, not {}",
                                         json::to_string(v.type())));
  }
  DocumentRequest d;
  const json::Value* given = v.find("id");
  if (!given) throw std::runtime_error("missing \"id\"");
  if (given->is_string()) {
    d.id = given->as_string();
  } else if (given->is_integer()) {
    d.id = std::to_string(given->as_integer());
  } else {
    throw std::runtime_error("\"id\" must be a string or an integer");
  }
  if (id) *id = d.id;
  const json::Value* text = v.find("text");
  if (!text) throw std::runtime_error("missing \"text\"");
  if (!text->is_string()) throw std::runtime_error("\"text\" must be a string");
  d.text = text->as_string();
  if (const json::Value* dct = v.find("dct"); dct && !dct->is_null()) {
    if (!dct->is_string())
      throw std::runtime_error("\"dct\" must be a string such as \"2022-01-06\"");
    const auto value = TimeValue::parse(dct->as_string());
    if (!value || !value->is_point()) {
      throw std::runtime_error(fmt::format(
          "\"dct\" must be a TIMEX3 date such as \"2022-01-06\", not \"{}\"", dct->as_string()));
    }
    d.dct = *value;
  }
  if (const json::Value* year = v.find("year"); year && !year->is_null()) {
    if (!year->is_integer() || year->as_integer() < 1 || year->as_integer() > 9999) {
      throw std::runtime_error("\"year\" must be an integer within 1..9999");
    }
    d.year = static_cast<int>(year->as_integer());
  }
  return d;
}

// Runs the pipeline on a JSONL document: its dct and year take precedence over the options'.
inline Timeline reconstruct_request(DocumentRequest&& d, const ReconstructOptions& defaults) {
  ReconstructOptions options = defaults;
  options.id = std::move(d.id);
  if (d.dct) options.dct = d.dct;
  if (d.year) options.year = d.year;
  return reconstruct(std::move(d.text), options);
}

// Whether a line holds nothing but whitespace (JSONL readers skip such lines).
inline bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace chronicle::cli
