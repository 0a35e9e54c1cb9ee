// chronicle extract: run chronicle on plain text, TimeML or JSONL and write what it finds as
// CSV, JSON, JSONL, TimeML, DOT or HTML.
#include <fmt/format.h>
#include <chronicle/io/csv.hpp>
#include <chronicle/io/dot.hpp>
#include <chronicle/io/html.hpp>
#include <chronicle/io/timeline_json.hpp>
#include <chronicle/io/timeline_timeml.hpp>
#include <chronicle/io/timeml.hpp>
#include <chronicle/timeline.hpp>

#include <map>
#include <set>
#include <string>

#include "commands.hpp"
#include "options.hpp"

namespace chronicle::cli {

namespace {

constexpr const char* extract_usage = R"(usage: chronicle extract [options] [FILE... | -]

Finds the temporal expressions, events and their order in plain text, TimeML or JSONL and
writes them. With no FILE, or with -, reads standard input.

input:
  --input KIND       text, timeml or jsonl (default: from the file name, then the content:
                     .tml/.TE3input/.xml or <?xml... is TimeML; .jsonl/.ndjson or a first
                     line {"id": ..., "text": ...} is JSONL; anything else is text)
                     JSONL: one document a line, {"id", "text", "dct"?, "year"?}
  --dct VALUE        document creation time, a TIMEX3 date (2022-01-06; year-less: XXXX-01-06);
                     default: TimeML's DCT, a JSONL line's "dct", or the text's dateline
  --year YEAR        a year for a year-less DCT or dateline
  --policy P         direction of expressions without a fixed date: news (default), closest,
                     future
  --mode M           anchoring: news (default: the DCT) or narrative (the last mentioned time)
  --layers L,...     stages to run: timex,event,tlink (default: all)
  --keep L,...       TimeML input to TimeML output: keep its timex and/or event annotations as
                     given and predict the rest (TempEval-3 task C: --keep timex,event)

output:
  --format F         csv (default for text), json, jsonl (default for JSONL), timeml (default
                     for TimeML), dot (Graphviz) or html (a self-contained timeline page)
  --links            CSV: the link table (from, relation, to, provenance, confidence) instead
                     of the events
  --timexes          CSV: the temporal expressions instead of the events
  --raw-csv          CSV: do not prefix cells that start with = + - @ with a single quote
  --crlf             CSV: end records with CRLF instead of LF
  -o PATH            write to PATH instead of standard output; with several inputs, PATH is a
                     folder and each input gets its own file there (name.csv, name.json, ...;
                     TimeML input keeps its name with --format timeml)
  --help             this text

CSV has a header row and one row per event in timeline order; JSON is one object per document
(README.md, "CSV columns" and "JSON schema"). csv and jsonl take any number of documents; json,
timeml, dot and html write one document, so a JSONL input for them must hold exactly one.
Output files are written whole or not at all.

Exit status: 0 ok, 1 an input could not be read or processed (the message names it, and the
line for JSONL), 2 usage error.
)";

enum class Kind { text, timeml, jsonl };
enum class Format { csv, json, jsonl, timeml, dot, html };

std::optional<Format> parse_format(std::string_view s) {
  if (s == "csv") return Format::csv;
  if (s == "json") return Format::json;
  if (s == "jsonl") return Format::jsonl;
  if (s == "timeml") return Format::timeml;
  if (s == "dot") return Format::dot;
  if (s == "html") return Format::html;
  return std::nullopt;
}

std::string_view extension_of(Format f) {
  switch (f) {
    case Format::csv:
      return ".csv";
    case Format::json:
      return ".json";
    case Format::jsonl:
      return ".jsonl";
    case Format::timeml:
      return ".tml";
    case Format::dot:
      return ".dot";
    case Format::html:
      return ".html";
  }
  return "";
}

struct Settings {
  ReconstructOptions options;
  std::optional<Format> format;
  std::optional<Kind> input;
  timeml::Keep keep;
  bool keep_given = false;
  csv::WriteOptions csv;
  csv::Table table = csv::Table::events;
  bool table_given = false;
  std::string out;
  std::vector<std::string> inputs;
};

Settings parse_args(const Args& args) {
  Settings s;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    auto value = [&]() -> std::string_view {
      if (i + 1 >= args.size()) throw usage_error(fmt::format("{} needs a value", a));
      return args[++i];
    };
    if (parse_pipeline_option(args, i, s.options)) continue;
    if (a == "--format") {
      const auto v = value();
      s.format = parse_format(v);
      if (!s.format) {
        throw usage_error(
            fmt::format("--format is csv, json, jsonl, timeml, dot or html, not '{}'", v));
      }
    } else if (a == "--input") {
      const auto v = value();
      if (v == "text")
        s.input = Kind::text;
      else if (v == "timeml")
        s.input = Kind::timeml;
      else if (v == "jsonl")
        s.input = Kind::jsonl;
      else
        throw usage_error(fmt::format("--input is text, timeml or jsonl, not '{}'", v));
    } else if (a == "--keep") {
      s.keep_given = true;
      for (auto l : split_list(value())) {
        if (l == "timex")
          s.keep.timexes = true;
        else if (l == "event")
          s.keep.events = true;
        else
          throw usage_error(fmt::format("--keep takes timex and/or event, not '{}'", l));
      }
    } else if (a == "--links" || a == "--timexes") {
      const auto table = a == "--links" ? csv::Table::links : csv::Table::timexes;
      if (s.table_given && s.table != table)
        throw usage_error("--links and --timexes exclude each other");
      s.table = table;
      s.table_given = true;
    } else if (a == "--raw-csv") {
      s.csv.raw = true;
    } else if (a == "--crlf") {
      s.csv.crlf = true;
    } else if (a == "-o") {
      s.out = std::string(value());
      if (s.out.empty()) throw usage_error("-o needs a path");
    } else if (a == "-") {
      s.inputs.emplace_back("-");
    } else if (!a.empty() && a[0] == '-') {
      throw usage_error(fmt::format("unknown option '{}'", a));
    } else {
      s.inputs.emplace_back(a);
    }
  }
  if (s.inputs.empty()) s.inputs.emplace_back("-");
  if (s.table_given && s.format && *s.format != Format::csv) {
    throw usage_error("--links and --timexes choose a CSV table; they need --format csv");
  }
  if (s.keep_given && s.format && *s.format != Format::timeml) {
    throw usage_error("--keep applies to TimeML output (--format timeml)");
  }
  return s;
}

bool has_extension(const std::string& path, std::initializer_list<std::string_view> exts) {
  const std::string ext = fs::path(path).extension().string();
  for (auto e : exts) {
    if (ext == e) return true;
  }
  return false;
}

Kind detect(const std::string& path, const std::string& content) {
  if (has_extension(path, {".tml", ".TE3input", ".xml"})) return Kind::timeml;
  if (has_extension(path, {".jsonl", ".ndjson"})) return Kind::jsonl;
  const auto start = content.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return Kind::text;
  if (content.compare(start, 3, "\xEF\xBB\xBF") == 0) {
    const auto after = content.find_first_not_of(" \t\r\n", start + 3);
    if (after != std::string::npos &&
        (content.compare(after, 5, "<?xml") == 0 || content.compare(after, 7, "<TimeML") == 0)) {
      return Kind::timeml;
    }
  }
  if (content.compare(start, 5, "<?xml") == 0 || content.compare(start, 7, "<TimeML") == 0) {
    return Kind::timeml;
  }
  if (content[start] == '{') {
    // JSONL when the first line is a document object; otherwise text that starts with a brace.
    const auto end = content.find('\n', start);
    try {
      const auto v = json::parse(std::string_view(content).substr(start, end - start));
      if (v.is_object() && v.find("text")) return Kind::jsonl;
    } catch (const json::error&) {
    }
  }
  return Kind::text;
}

// TimeML in, TimeML out: the input's own annotations are replaced by chronicle's (except the
// layers --keep names), and everything else in the file is kept.
std::string extract_timeml(const timeml::Document& gold, const Settings& s) {
  ReconstructOptions options = s.options;
  options.id = gold.id;
  if (gold.dct && !options.dct) options.dct = gold.dct->value;
  options.relations.selection = LinkSelection::timeml;
  timeml::Document out = timeml::without_annotations(gold, s.keep);
  GivenAnnotations given;
  given.dct = gold.dct;
  if (s.keep.timexes) given.timexes = gold.timexes;
  if (s.keep.events) given.events = gold.events;
  const Timeline t = reconstruct(gold.text, given, options);
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
  std::set<std::string> time_ids;
  if (t.dct) time_ids.insert(t.dct->id);
  for (const Timex& x : t.timexes) time_ids.insert(x.id);
  for (const Link& l : t.links) {
    timeml::TLink tl;
    tl.link = l;
    tl.from_time = time_ids.count(l.from) != 0;
    tl.to_time = time_ids.count(l.to) != 0;
    out.tlinks.push_back(std::move(tl));
  }
  return timeml::write(out);
}

// One input's documents, read and run through the pipeline.
std::vector<Timeline> timelines(const std::string& path, Kind kind, std::string& content,
                                const Settings& s) {
  const std::string name = display_name(path);
  std::vector<Timeline> out;
  if (kind == Kind::timeml) {
    const timeml::Document gold = timeml::read(content, name);
    ReconstructOptions options = s.options;
    options.id = gold.id;
    if (gold.dct && !options.dct) options.dct = gold.dct->value;
    out.push_back(reconstruct(gold.text, options));
  } else if (kind == Kind::jsonl) {
    std::size_t line_no = 0;
    std::string_view rest = content;
    while (!rest.empty()) {
      ++line_no;
      const auto nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      if (blank(line)) continue;
      try {
        out.push_back(reconstruct_request(parse_document_line(line), s.options));
      } catch (const input_error&) {
        throw;
      } catch (const std::exception& e) {
        throw input_error(fmt::format("{}:{}: {}", name, line_no, e.what()));
      }
    }
  } else {
    ReconstructOptions options = s.options;
    options.id = path == "-" ? "stdin" : fs::path(path).filename().string();
    out.push_back(reconstruct(std::move(content), options));
  }
  return out;
}

// The output for one input: its text, and the file name it gets in an output folder.
std::string extract_one(const std::string& path, const Settings& s, Format& format) {
  std::string content = read_input(path);
  const std::string name = display_name(path);
  const Kind kind = s.input ? *s.input : detect(path, content);
  format = s.format               ? *s.format
           : kind == Kind::timeml ? Format::timeml
           : kind == Kind::jsonl  ? Format::jsonl
                                  : Format::csv;
  if (s.keep_given && kind != Kind::timeml) {
    throw input_error(name + ": --keep needs TimeML input");
  }
  if (format == Format::timeml && kind == Kind::timeml) {
    return extract_timeml(timeml::read(content, name), s);
  }
  // TimeML output carries the links a TimeML annotator would mark (as for TimeML input); the
  // other formats, the densest timeline the evidence supports.
  Settings settings = s;
  if (format == Format::timeml) settings.options.relations.selection = LinkSelection::timeml;
  const std::vector<Timeline> docs = timelines(path, kind, content, settings);
  const bool single = format != Format::csv && format != Format::jsonl;
  if (single && docs.size() != 1) {
    throw input_error(fmt::format("{}: {} documents; --format {} writes one (use csv or jsonl)",
                                  name, docs.size(), extension_of(format).substr(1)));
  }
  std::string out;
  switch (format) {
    case Format::csv:
      csv::append_header(out, s.table, s.csv);
      for (const Timeline& t : docs) csv::append_rows(out, t, s.table, s.csv);
      break;
    case Format::json:
      out = json::to_json(docs.front());
      break;
    case Format::jsonl:
      for (const Timeline& t : docs) out += json::to_jsonl(t);
      break;
    case Format::timeml:
      out = timeml::write(timeml::from_timeline(docs.front()));
      break;
    case Format::dot:
      out = dot::to_dot(docs.front());
      break;
    case Format::html:
      out = html::to_html(docs.front());
      break;
  }
  return out;
}

// The file an input's output gets in the output folder: its name plus the format's extension,
// except TimeML written back as TimeML, which keeps its name (so that `chronicle eval` pairs
// it with the gold file).
fs::path output_name(const std::string& input, Format format, const Settings& s) {
  const fs::path name = input == "-" ? fs::path("stdin") : fs::path(input).filename();
  if (format == Format::timeml &&
      (s.input ? *s.input == Kind::timeml : has_extension(input, {".tml", ".TE3input", ".xml"}))) {
    return name;
  }
  fs::path out = name;
  out += std::string(extension_of(format));
  return out;
}

}  // namespace

int run_extract(const Args& args) {
  if (wants_help(args)) {
    fmt::print("{}", extract_usage);
    return 0;
  }
  Settings s;
  try {
    s = parse_args(args);
  } catch (const usage_error& e) {
    fmt::print(stderr, "chronicle extract: {}\n(chronicle extract --help lists the options)\n",
               e.what());
    return 2;
  }
  std::error_code ec;
  const bool to_folder = s.inputs.size() > 1 || (!s.out.empty() && fs::is_directory(s.out, ec));
  if (s.inputs.size() > 1 && s.out.empty()) {
    fmt::print(stderr, "chronicle extract: several inputs need -o FOLDER\n");
    return 2;
  }
  if (to_folder) {
    // Two inputs that would write the same file are a usage error, found before any work.
    std::map<fs::path, std::string> seen;
    for (const auto& input : s.inputs) {
      const Format f = s.format                                              ? *s.format
                       : has_extension(input, {".tml", ".TE3input", ".xml"}) ? Format::timeml
                       : has_extension(input, {".jsonl", ".ndjson"})         ? Format::jsonl
                                                                             : Format::csv;
      const fs::path name = output_name(input, f, s);
      const auto [it, fresh] = seen.emplace(name, input);
      if (!fresh) {
        fmt::print(stderr, "chronicle extract: {} and {} would both write {}\n", it->second, input,
                   (fs::path(s.out) / name).string());
        return 2;
      }
    }
    fs::create_directories(s.out, ec);
    if (ec) {
      fmt::print(stderr, "chronicle extract: {}: {}\n", s.out, ec.message());
      return 1;
    }
  }
  int status = 0;
  for (const auto& input : s.inputs) {
    try {
      Format format = Format::csv;
      const std::string result = extract_one(input, s, format);
      if (to_folder) {
        write_file(fs::path(s.out) / output_name(input, format, s), result);
      } else if (!s.out.empty()) {
        write_file(s.out, result);
      } else if (!write_stdout(result)) {
        fmt::print(stderr, "chronicle extract: cannot write to standard output\n");
        return 1;
      }
    } catch (const timeml::error& e) {
      fmt::print(stderr, "chronicle extract: {}\n", e.what());
      status = 1;
    } catch (const std::runtime_error& e) {
      fmt::print(stderr, "chronicle extract: {}\n", e.what());
      status = 1;
    } catch (const std::length_error& e) {
      fmt::print(stderr, "chronicle extract: {}: {}\n", display_name(input), e.what());
      status = 1;
    }
  }
  return status;
}

}  // namespace chronicle::cli
