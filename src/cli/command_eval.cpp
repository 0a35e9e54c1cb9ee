// chronicle eval GOLD SYSTEM: TempEval-3 scores of system TimeML against gold TimeML.
#include <fmt/format.h>

#include <algorithm>
#include <chronicle/eval.hpp>
#include <chronicle/io/timeml.hpp>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <system_error>

#include "commands.hpp"

namespace chronicle::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* eval_usage =
    "usage: chronicle eval [--per-doc] [--by-pair] [--json] GOLD SYSTEM\n"
    "\n"
    "Scores system TimeML against gold TimeML as TempEval-3 does. GOLD and SYSTEM are two\n"
    "files, or two folders: every .tml or .TE3input file under GOLD (recursively) is scored\n"
    "against the file with the same relative path under SYSTEM, or else the one file there\n"
    "with the same name. A gold file without a system file counts as empty system output (with\n"
    "a warning); the TEXT of both files must be the same.\n"
    "\n"
    "  --per-doc   one line (or JSON object) per document, then the totals\n"
    "  --by-pair   the TLINK scores of each kind of pair too (event-DCT, event-time,\n"
    "              event-event, time-time); the JSON always has them, under tlink.by_pair\n"
    "  --json      one JSON object on stdout, percentages 0-100:\n"
    "              {\"timex\": {\"strict\": {\"precision\", \"recall\", \"f1\"}, \"relaxed\": "
    "{...},\n"
    "               \"value_accuracy\", \"type_accuracy\", \"value_f1\", \"type_f1\", "
    "\"counts\"},\n"
    "               \"event\": {\"strict\", \"relaxed\", \"class_accuracy\", \"tense_accuracy\",\n"
    "               \"aspect_accuracy\", \"counts\"}, \"tlink\": {\"precision\", \"recall\", "
    "\"f1\",\n"
    "               \"counts\", \"by_pair\"}, \"documents\": N}\n"
    "\n"
    "Timexes and events: strict = same extent, relaxed = overlapping extent (one-to-one);\n"
    "attribute accuracies over relaxed matches; value F1 = value accuracy x relaxed F1.\n"
    "TLINKs: temporal awareness (UzZaman and Allen 2011) over the point-algebra closure.\n"
    "Exit status: 0 scored, 1 unreadable or mismatched input, 2 usage error.\n";

bool is_timeml_file(const fs::path& p) {
  const auto ext = p.extension().string();
  return ext == ".tml" || ext == ".TE3input";
}

// Relative path -> full path of every TimeML file under `dir`, sorted by relative path.
std::map<std::string, fs::path> timeml_files(const fs::path& dir) {
  std::map<std::string, fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
       ++it) {
    if (it->is_regular_file() && is_timeml_file(it->path())) {
      files.emplace(fs::relative(it->path(), dir).generic_string(), it->path());
    }
  }
  return files;
}

}  // namespace

int run_eval(const Args& args) {
  bool per_doc = false, by_pair = false, json = false;
  std::vector<std::string> paths;
  for (auto a : args) {
    if (a == "--help" || a == "-h") {
      fmt::print("{}", eval_usage);
      return 0;
    }
    if (a == "--per-doc") {
      per_doc = true;
    } else if (a == "--by-pair") {
      by_pair = true;
    } else if (a == "--json") {
      json = true;
    } else if (!a.empty() && a[0] == '-') {
      fmt::print(stderr, "chronicle eval: unknown option '{}'\n\n{}", a, eval_usage);
      return 2;
    } else {
      paths.emplace_back(a);
    }
  }
  if (paths.size() != 2) {
    fmt::print(stderr, "{}", eval_usage);
    return 2;
  }
  const fs::path gold_path = paths[0], system_path = paths[1];
  std::error_code ec;
  const bool gold_dir = fs::is_directory(gold_path, ec);
  const bool system_dir = fs::is_directory(system_path, ec);
  if (!fs::exists(gold_path, ec)) {
    fmt::print(stderr, "chronicle eval: {}: no such file or folder\n", gold_path.string());
    return 1;
  }
  if (gold_dir != system_dir && fs::exists(system_path, ec)) {
    fmt::print(stderr, "chronicle eval: GOLD and SYSTEM must be two files or two folders\n");
    return 2;
  }

  // (name, gold file, system file or empty when missing)
  struct Pair {
    std::string name;
    fs::path gold, system;
  };
  std::vector<Pair> pairs;
  if (gold_dir) {
    const auto gold_files = timeml_files(gold_path);
    if (gold_files.empty()) {
      fmt::print(stderr, "chronicle eval: no .tml or .TE3input file under {}\n",
                 gold_path.string());
      return 1;
    }
    std::map<std::string, fs::path> system_files;
    if (system_dir) {
      system_files = timeml_files(system_path);
    } else {
      fmt::print(stderr,
                 "chronicle eval: warning: {} is not a folder; every document counts as "
                 "empty system output\n",
                 system_path.string());
    }
    std::multimap<std::string, std::string> by_name;  // file name -> relative path
    for (const auto& [rel, path] : system_files) by_name.emplace(path.filename().string(), rel);
    std::map<std::string, bool> used;
    for (const auto& [rel, path] : gold_files) {
      Pair p{rel, path, {}};
      if (const auto it = system_files.find(rel); it != system_files.end()) {
        p.system = it->second;
        used[rel] = true;
      } else if (by_name.count(path.filename().string()) == 1) {
        const auto& other = by_name.find(path.filename().string())->second;
        p.system = system_files[other];
        used[other] = true;
      }
      pairs.push_back(std::move(p));
    }
    for (const auto& [rel, path] : system_files) {
      if (!used.count(rel)) {
        fmt::print(stderr, "chronicle eval: warning: {} has no gold file; not scored\n",
                   path.string());
      }
    }
  } else {
    pairs.push_back({gold_path.filename().string(), gold_path,
                     fs::exists(system_path, ec) ? system_path : fs::path()});
  }

  eval::Counts total;
  std::vector<eval::DocumentCounts> per_document;
  for (const auto& p : pairs) {
    const auto gold = timeml::read_file(p.gold.string());
    timeml::Document system;
    if (p.system.empty()) {
      fmt::print(stderr, "chronicle eval: warning: no system file for {}; scored as empty output\n",
                 p.name);
      system.text = gold.text;
      system.dct = gold.dct;
    } else {
      system = timeml::read_file(p.system.string());
    }
    eval::Counts counts;
    try {
      counts = eval::compare(gold, system);
    } catch (const std::invalid_argument& e) {
      fmt::print(stderr, "chronicle eval: {}: {}\n", p.system.string(), e.what());
      return 1;
    }
    total += counts;
    if (per_doc) per_document.push_back({p.name, counts});
  }
  fmt::print("{}", json ? eval::to_json(total, per_document)
                        : eval::to_table(total, per_document, by_pair));
  return 0;
}

}  // namespace chronicle::cli
