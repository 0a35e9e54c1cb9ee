// chronicle-gen-corpus: writes the deterministic news corpus used by chronicle's benchmarks.
//
//   chronicle-gen-corpus --bytes 20000000 --text corpus.txt --jsonl corpus.jsonl
//   chronicle-gen-corpus --docs 256 --doc-bytes 3000 --jsonl tempeval-sized.jsonl --dir docs/
//   chronicle-gen-corpus --values 100000 > values.txt
//
// The same options and seed give byte-identical files on every machine.
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "news_corpus.hpp"

namespace {

namespace fs = std::filesystem;
using chronicle::corpus::Document;

constexpr const char* usage = R"(usage: chronicle-gen-corpus [options]

What to generate (one of):
  --bytes N            news stories until their text holds at least N bytes (default 20000000)
  --docs N             N short documents ...
  --doc-bytes M        ... of about M bytes each (default 3000), like TempEval's ~256 articles
  --values N           N TIMEX3 value strings, one a line (to stdout or --text)

Where to write it (at least one; '-' is stdout):
  --text FILE          the stories as plain text, separated by a blank line
  --jsonl FILE         one {"id","text","dct"} object a line
  --dir DIR            one DIR/<id>.txt file per story, plus DIR/index.tsv (id, dct, bytes)

Other:
  --seed S             the generator's seed (default 1)
  --stats              print counts (documents, bytes, temporal expressions, events) to stderr
  --help
)";

[[noreturn]] void die(const std::string& message) {
  std::cerr << "chronicle-gen-corpus: " << message << "\n";
  std::exit(2);
}

std::uint64_t parse_count(std::string_view flag, const char* text) {
  if (!text || !*text) die(std::string(flag) + " needs a number");
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0' || text[0] == '-') {
    die(std::string(flag) + " needs a non-negative integer, not '" + text + "'");
  }
  return v;
}

void write_file(const std::string& path, const std::string& content) {
  if (path == "-") {
    std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
    std::cout.flush();
    if (!std::cout) die("cannot write to stdout");
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) die("cannot open " + path + " for writing: " + std::strerror(errno));
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) die("cannot write " + path);
}

void write_dir(const std::string& dir, const std::vector<Document>& docs) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) die("cannot create " + dir + ": " + ec.message());
  std::string index = "id\tdct\tbytes\n";
  for (const auto& d : docs) {
    write_file((fs::path(dir) / (d.id + ".txt")).string(), d.text);
    index += d.id + "\t" + d.dct + "\t" + std::to_string(d.text.size()) + "\n";
  }
  write_file((fs::path(dir) / "index.tsv").string(), index);
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t seed = 1;
  std::uint64_t bytes = 20'000'000, docs_count = 0, doc_bytes = 3000, values = 0;
  bool want_docs = false, want_values = false, want_stats = false;
  std::string text_path, jsonl_path, dir_path;

  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    const auto value = [&]() -> const char* {
      if (i + 1 >= argc) die(std::string(a) + " needs a value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      std::cout << usage;
      return 0;
    } else if (a == "--seed") {
      seed = parse_count(a, value());
    } else if (a == "--bytes") {
      bytes = parse_count(a, value());
    } else if (a == "--docs") {
      docs_count = parse_count(a, value());
      want_docs = true;
    } else if (a == "--doc-bytes") {
      doc_bytes = parse_count(a, value());
      want_docs = true;
    } else if (a == "--values") {
      values = parse_count(a, value());
      want_values = true;
    } else if (a == "--text") {
      text_path = value();
    } else if (a == "--jsonl") {
      jsonl_path = value();
    } else if (a == "--dir") {
      dir_path = value();
    } else if (a == "--stats") {
      want_stats = true;
    } else {
      std::cerr << usage;
      die("unknown option '" + std::string(a) + "'");
    }
  }
  if (want_docs && want_values) die("--docs and --values do not go together");
  if (want_docs && docs_count == 0) die("--doc-bytes needs --docs N");

  try {
    if (want_values) {
      if (!jsonl_path.empty() || !dir_path.empty()) die("--values writes only --text or stdout");
      std::string out;
      for (const auto& v : chronicle::corpus::generate_values(seed, values)) out += v + "\n";
      write_file(text_path.empty() ? "-" : text_path, out);
      return 0;
    }
    if (text_path.empty() && jsonl_path.empty() && dir_path.empty()) {
      die("say where to write: --text FILE, --jsonl FILE or --dir DIR (try --help)");
    }
    chronicle::corpus::Stats stats;
    const std::vector<Document> docs =
        want_docs ? chronicle::corpus::generate_documents(seed, docs_count, doc_bytes, &stats)
                  : chronicle::corpus::generate_stories(seed, bytes, &stats);
    if (!text_path.empty()) write_file(text_path, chronicle::corpus::join_text(docs));
    if (!jsonl_path.empty()) write_file(jsonl_path, chronicle::corpus::to_jsonl(docs));
    if (!dir_path.empty()) write_dir(dir_path, docs);
    if (want_stats) {
      const double kb = static_cast<double>(stats.bytes) / 1000.0;
      std::fprintf(
          stderr,
          "documents %zu\nbytes %zu\ntimexes %zu (%.2f per KB, one per %.0f bytes)\n"
          "events %zu (%.2f per KB)\nnumbers %zu (%.2f per KB)\n",
          stats.documents, stats.bytes, stats.timexes, static_cast<double>(stats.timexes) / kb,
          static_cast<double>(stats.bytes) / static_cast<double>(stats.timexes ? stats.timexes : 1),
          stats.events, static_cast<double>(stats.events) / kb, stats.numbers,
          static_cast<double>(stats.numbers) / kb);
    }
  } catch (const std::exception& e) {
    die(e.what());
  }
  return 0;
}
