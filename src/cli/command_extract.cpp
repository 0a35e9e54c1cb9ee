// chronicle extract: run chronicle on text or TimeML files and print what it finds.
#include <chronicle/calendar.hpp>
#include <chronicle/io/csv.hpp>
#include <chronicle/io/timeml.hpp>
#include <chronicle/timeline.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <system_error>

#include "commands.hpp"

namespace chronicle::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* extract_usage = R"(usage: chronicle extract [options] [FILE... | -]

Finds temporal expressions (and, as the layers say, events and their order) in plain text or
TimeML files and prints them. With no FILE, or with -, reads standard input.

options:
  --dct VALUE        document creation time, a TIMEX3 date (2022-01-06; year-less: XXXX-01-06)
  --year YEAR        a year for a year-less DCT or dateline
  --policy P         direction of expressions without a fixed date: news (default), closest,
                     future
  --mode M           anchoring: news (default: the DCT) or narrative (the last mentioned time)
  --format F         csv (default for text) or timeml (default for TimeML input)
  --input KIND       text or timeml (default: from the file name, then the content)
  --layers L,...     stages to run: timex,event,tlink (default: all)
  --keep L,...       TimeML input: keep its timex and/or event annotations as given and predict
                     the rest (TempEval-3 task C: --keep timex,event)
  --raw-csv          do not guard cells that start with = + - @ against spreadsheet formulas
  -o PATH            write to PATH (with several inputs: a folder, one output per input)
  --help             this text

Exit status: 0 ok, 1 an input could not be read (the message names it), 2 usage error.
)";

struct Settings {
  ReconstructOptions options;
  std::string format;  // "" = by input kind
  std::string input;   // "" = detect
  timeml::Keep keep;
  bool raw_csv = false;
  std::string out;
  std::vector<std::string> inputs;
};

[[noreturn]] void usage_error(const std::string& message) {
  throw std::invalid_argument(message);
}

std::vector<std::string_view> split_list(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const auto comma = s.find(',');
    out.push_back(s.substr(0, comma));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

Settings parse_args(const Args& args) {
  Settings s;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    auto value = [&]() -> std::string_view {
      if (i + 1 >= args.size()) usage_error(fmt::format("{} needs a value", a));
      return args[++i];
    };
    if (a == "--dct") {
      const auto v = TimeValue::parse(value());
      if (!v || !v->is_point()) usage_error("--dct needs a TIMEX3 date, e.g. 2022-01-06");
      s.options.dct = *v;
    } else if (a == "--year") {
      const std::string y(value());
      int year = 0;
      try {
        std::size_t used = 0;
        year = std::stoi(y, &used);
        if (used != y.size()) throw std::invalid_argument(y);
      } catch (const std::exception&) {
        usage_error("--year needs a year, e.g. 2022");
      }
      if (year < 1 || year > 9999) usage_error("--year must be within 1..9999");
      s.options.year = year;
    } else if (a == "--policy") {
      const auto p = value();
      if (p == "news") s.options.policy = DirectionPolicy::news;
      else if (p == "closest") s.options.policy = DirectionPolicy::closest;
      else if (p == "future") s.options.policy = DirectionPolicy::future;
      else usage_error("--policy is news, closest or future");
    } else if (a == "--mode") {
      const auto m = value();
      if (m == "news") s.options.anchoring = Anchoring::news;
      else if (m == "narrative") s.options.anchoring = Anchoring::narrative;
      else usage_error("--mode is news or narrative");
    } else if (a == "--format") {
      s.format = std::string(value());
      if (s.format != "csv" && s.format != "timeml") usage_error("--format is csv or timeml");
    } else if (a == "--input") {
      s.input = std::string(value());
      if (s.input != "text" && s.input != "timeml") usage_error("--input is text or timeml");
    } else if (a == "--layers") {
      s.options.layers = Layers{false, false, false};
      for (auto l : split_list(value())) {
        if (l == "timex") s.options.layers.timex = true;
        else if (l == "event") s.options.layers.event = true;
        else if (l == "tlink") s.options.layers.tlink = true;
        else usage_error(fmt::format("unknown layer '{}' (timex, event, tlink)", l));
      }
    } else if (a == "--keep") {
      for (auto l : split_list(value())) {
        if (l == "timex") s.keep.timexes = true;
        else if (l == "event") s.keep.events = true;
        else usage_error(fmt::format("--keep takes timex and/or event, not '{}'", l));
      }
    } else if (a == "--raw-csv") {
      s.raw_csv = true;
    } else if (a == "-o") {
      s.out = std::string(value());
    } else if (a == "-") {
      s.inputs.emplace_back("-");
    } else if (!a.empty() && a[0] == '-') {
      usage_error(fmt::format("unknown option '{}'", a));
    } else {
      s.inputs.emplace_back(a);
    }
  }
  if (s.inputs.empty()) s.inputs.emplace_back("-");
  return s;
}

// Reads a whole file (or standard input for "-"); throws std::runtime_error naming it.
std::string read_input(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), {});
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw std::runtime_error(path + ": is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  if (in.bad()) throw std::runtime_error(path + ": read error");
  return text;
}

bool looks_like_timeml(const std::string& path, const std::string& content) {
  const std::string ext = fs::path(path).extension().string();
  if (ext == ".tml" || ext == ".TE3input" || ext == ".xml") return true;
  const auto start = content.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (start == std::string::npos) return false;
  return content.compare(start, 5, "<?xml") == 0 || content.compare(start, 7, "<TimeML") == 0;
}

std::string bound(const std::optional<Bounds>& b, bool earliest) {
  if (!b) return {};
  return calendar::to_iso(earliest ? b->earliest : b->latest);
}

// Until events arrive, the CSV lists the temporal expressions.
std::string timexes_csv(const Timeline& t, const csv::WriteOptions& options) {
  std::ostringstream out;
  csv::write_row(out,
                 {"doc", "timex_id", "text", "type", "value", "mod", "anchor", "earliest",
                  "latest", "sentence", "begin", "end"},
                 options);
  for (const Timex& x : t.timexes) {
    csv::write_row(out,
                   {t.id, x.id, std::string(t.document.text(x.span)), std::string(to_string(x.type)),
                    x.value.str(), std::string(to_string(x.mod)), x.anchor_id, bound(x.bounds, true),
                    bound(x.bounds, false), std::to_string(t.document.sentence_at(x.span.begin)),
                    std::to_string(x.span.begin), std::to_string(x.span.end)},
                   options);
  }
  return out.str();
}

// TimeML in, TimeML out: the input's own annotations are replaced by chronicle's (except the
// layers --keep names).
std::string extract_timeml(const std::string& name, const std::string& content, const Settings& s) {
  const timeml::Document gold = timeml::read(content, name);
  ReconstructOptions options = s.options;
  options.id = gold.id;
  if (gold.dct && !options.dct) options.dct = gold.dct->value;
  timeml::Document out = timeml::without_annotations(gold, s.keep);
  const Timeline t = reconstruct(gold.text, options);
  if (!s.keep.timexes && options.layers.timex) {
    const std::string dct_id = gold.dct ? gold.dct->id : "t0";
    for (Timex x : t.timexes) {
      if (x.anchor_id == "t0") x.anchor_id = dct_id;
      out.timexes.push_back(std::move(x));
    }
  }
  if (!s.keep.events && options.layers.event) {
    for (const Event& e : t.events) {
      out.instances.push_back(timeml::instance_of(e));
      out.events.push_back(e);
    }
  }
  return timeml::write(out);
}

std::string extract_one(const std::string& path, const Settings& s, std::string& extension) {
  const std::string content = read_input(path);
  const bool timeml_input =
      s.input == "timeml" || (s.input.empty() && looks_like_timeml(path, content));
  const std::string format = !s.format.empty() ? s.format : timeml_input ? "timeml" : "csv";
  extension = format == "timeml" ? ".tml" : ".csv";
  const std::string name = path == "-" ? "<stdin>" : path;
  if (timeml_input) {
    if (format != "timeml") {
      throw std::runtime_error(name + ": TimeML input is written back as TimeML (--format timeml)");
    }
    return extract_timeml(name, content, s);
  }
  if (format == "timeml") {
    throw std::runtime_error(name + ": plain text input cannot be written as TimeML yet");
  }
  ReconstructOptions options = s.options;
  options.id = path == "-" ? "stdin" : fs::path(path).filename().string();
  const Timeline t = reconstruct(content, options);
  csv::WriteOptions csv_options;
  csv_options.raw = s.raw_csv;
  return timexes_csv(t, csv_options);
}

// Writes `data` to `path` through a temporary file, so that a failure leaves no partial file.
void write_file(const fs::path& path, const std::string& data) {
  const fs::path tmp = path.string() + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(path.string() + ": cannot be written");
    out << data;
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw std::runtime_error(path.string() + ": write error");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw std::runtime_error(path.string() + ": " + ec.message());
}

}  // namespace

int run_extract(const Args& args) {
  for (auto a : args) {
    if (a == "--help" || a == "-h") {
      fmt::print("{}", extract_usage);
      return 0;
    }
  }
  Settings s;
  try {
    s = parse_args(args);
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "chronicle extract: {}\n\n{}", e.what(), extract_usage);
    return 2;
  }
  const bool to_folder = s.inputs.size() > 1;
  if (to_folder && s.out.empty()) {
    fmt::print(stderr, "chronicle extract: several inputs need -o FOLDER\n");
    return 2;
  }
  if (to_folder) {
    std::error_code ec;
    fs::create_directories(s.out, ec);
    if (ec) {
      fmt::print(stderr, "chronicle extract: {}: {}\n", s.out, ec.message());
      return 1;
    }
  }
  int status = 0;
  for (const auto& input : s.inputs) {
    try {
      std::string extension;
      const std::string result = extract_one(input, s, extension);
      if (to_folder) {
        fs::path name = fs::path(input).filename();
        if (extension == ".csv") name += ".csv";
        write_file(fs::path(s.out) / name, result);
      } else if (!s.out.empty()) {
        write_file(s.out, result);
      } else {
        std::fwrite(result.data(), 1, result.size(), stdout);
      }
    } catch (const timeml::error& e) {
      fmt::print(stderr, "chronicle extract: {}\n", e.what());
      status = 1;
    } catch (const std::runtime_error& e) {
      fmt::print(stderr, "chronicle extract: {}\n", e.what());
      status = 1;
    }
  }
  return status;
}

}  // namespace chronicle::cli
