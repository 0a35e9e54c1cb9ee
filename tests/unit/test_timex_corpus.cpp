// Runs every example corpus of the timex rules (src/timex/examples/*.examples): each line is a
// small document whose temporal expressions are marked [[text|TYPE|VALUE|key=value...]];
// the recognizer must find exactly those, with those values. The format is described in
// src/timex/examples/README.md.
#include <chronicle/calendar.hpp>
#include <chronicle/timex_finder.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace chronicle;

namespace {

struct Expected {
  std::size_t begin = 0;
  std::string text, type, value;
  std::map<std::string, std::string> attrs;
};

struct Example {
  std::string file;
  int line = 0;
  std::string text;
  std::vector<Expected> expected;
  TimexOptions options;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (const char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  const auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::vector<Example> read_examples(const fs::path& path) {
  std::ifstream in(path);
  std::vector<Example> out;
  TimexOptions options;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    if (t[0] == '@') {
      const auto space = t.find(' ');
      const std::string key = t.substr(1, space - 1);
      std::string arg = space == std::string::npos ? "" : trim(t.substr(space + 1));
      if (const auto hash = arg.find(" #"); hash != std::string::npos) arg = trim(arg.substr(0, hash));
      if (key == "dct") {
        if (arg == "none") {
          options.dct.reset();
        } else {
          const auto v = TimeValue::parse(arg);
          INFO(path.filename().string() << ":" << line_no << ": bad @dct " << arg);
          REQUIRE(v.ok());
          options.dct = *v;
        }
      } else if (key == "year") {
        if (arg == "none") options.year.reset();
        else options.year = std::stoi(arg);
      } else if (key == "policy") {
        options.policy = arg == "closest" ? DirectionPolicy::closest
                         : arg == "future" ? DirectionPolicy::future
                                           : DirectionPolicy::news;
      } else if (key == "mode") {
        options.anchoring = arg == "narrative" ? Anchoring::narrative : Anchoring::news;
      } else {
        FAIL(path.filename().string() << ":" << line_no << ": unknown directive @" << key);
      }
      continue;
    }
    Example ex;
    ex.file = path.filename().string();
    ex.line = line_no;
    ex.options = options;
    std::size_t i = 0;
    while (i < line.size()) {
      const auto open = line.find("[[", i);
      if (open == std::string::npos) {
        ex.text += line.substr(i);
        break;
      }
      ex.text += line.substr(i, open - i);
      const auto close = line.find("]]", open);
      REQUIRE(close != std::string::npos);
      const auto fields = split(line.substr(open + 2, close - open - 2), '|');
      REQUIRE(fields.size() >= 3);
      Expected e;
      e.begin = ex.text.size();
      e.text = fields[0];
      e.type = fields[1];
      e.value = fields[2];
      for (std::size_t k = 3; k < fields.size(); ++k) {
        const auto eq = fields[k].find('=');
        e.attrs[fields[k].substr(0, eq)] = fields[k].substr(eq + 1);
      }
      ex.text += e.text;
      ex.expected.push_back(std::move(e));
      i = close + 2;
    }
    out.push_back(std::move(ex));
  }
  return out;
}

std::string iso_or_empty(const std::optional<Bounds>& b, bool earliest) {
  if (!b) return "";
  return calendar::to_iso(earliest ? b->earliest : b->latest);
}

// "2022-01-05" and "2022-01-05T00:00" name the same instant.
bool same_instant(const std::string& want, const std::string& got) {
  if (want == got) return true;
  return want.size() == 10 && got == want + "T00:00";
}

// Compares one example; returns a description of each difference.
std::vector<std::string> check(const Example& ex) {
  std::vector<std::string> problems;
  const Document doc = Document::parse(ex.text);
  const TimexResult result = find_timexes(doc, ex.options);
  std::vector<bool> used(result.timexes.size(), false);
  for (const Expected& e : ex.expected) {
    const auto it = std::find_if(result.timexes.begin(), result.timexes.end(), [&](const Timex& t) {
      return t.span.begin == e.begin && t.span.end == e.begin + e.text.size();
    });
    if (it == result.timexes.end()) {
      std::string near;
      for (const auto& t : result.timexes) {
        if (t.span.overlaps(Span{e.begin, e.begin + e.text.size()})) {
          near = " (found \"" + std::string(doc.text(t.span)) + "\" " + t.value.str() + ")";
        }
      }
      problems.push_back("missed \"" + e.text + "\"" + near);
      continue;
    }
    used[static_cast<std::size_t>(it - result.timexes.begin())] = true;
    const Timex& t = *it;
    const std::string got_type(to_string(t.type));
    if (got_type != e.type || t.value.str() != e.value) {
      problems.push_back("\"" + e.text + "\": want " + e.type + " " + e.value + ", got " +
                         got_type + " " + t.value.str() + " (rule " + t.rule + ")");
    }
    for (const auto& [key, want] : e.attrs) {
      std::string got;
      if (key == "mod") got = std::string(to_string(t.mod));
      else if (key == "quant") got = t.quant;
      else if (key == "freq") got = t.freq;
      else if (key == "earliest") got = iso_or_empty(t.bounds, true);
      else if (key == "latest") got = iso_or_empty(t.bounds, false);
      else got = "<unknown key>";
      const bool same = key == "earliest" || key == "latest" ? same_instant(want, got) : got == want;
      if (!same) {
        problems.push_back("\"" + e.text + "\": want " + key + "=" + want + ", got " + got);
      }
    }
    if (e.attrs.count("mod") == 0 && t.mod != TimexMod::none) {
      problems.push_back("\"" + e.text + "\": unexpected mod=" + std::string(to_string(t.mod)));
    }
  }
  for (std::size_t k = 0; k < used.size(); ++k) {
    if (!used[k]) {
      const Timex& t = result.timexes[k];
      problems.push_back("extra \"" + std::string(doc.text(t.span)) + "\" " +
                         std::string(to_string(t.type)) + " " + t.value.str() + " (rule " + t.rule +
                         ")");
    }
  }
  return problems;
}

std::vector<fs::path> example_files() {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(CHRONICLE_SOURCE_DIR) / "src" / "timex" / "examples";
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".examples") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("timex example corpus") {
  const auto files = example_files();
  REQUIRE(files.size() >= 10);
  std::size_t total = 0, failed = 0, positives = 0, negatives = 0;
  std::string report;
  for (const auto& file : files) {
    const auto examples = read_examples(file);
    std::size_t file_failed = 0;
    for (const auto& ex : examples) {
      ++total;
      (ex.expected.empty() ? negatives : positives)++;
      const auto problems = check(ex);
      if (problems.empty()) continue;
      ++failed;
      ++file_failed;
      report += ex.file + ":" + std::to_string(ex.line) + ": " + ex.text + "\n";
      for (const auto& p : problems) report += "    " + p + "\n";
    }
    report += file.filename().string() + ": " + std::to_string(examples.size() - file_failed) +
              "/" + std::to_string(examples.size()) + " pass\n";
  }
  report += "all files: " + std::to_string(total - failed) + "/" + std::to_string(total) +
            " pass (" + std::to_string(positives) + " positive, " + std::to_string(negatives) +
            " negative)\n";
  INFO(report);
  CHECK(total >= 600);
  CHECK(negatives > 0);
  CHECK(failed == 0);
}
