// Corpus loading and generation for the benchmarks; see bench_corpus.hpp.
#include "bench_corpus.hpp"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace chronicle::bench {

namespace {

constexpr std::size_t default_bytes = 20'000'000;

std::size_t parse_size(std::string_view flag, std::string_view text) {
  std::size_t v = 0;
  if (text.empty()) throw std::invalid_argument(std::string(flag) + " needs a number");
  for (const char c : text) {
    if (c < '0' || c > '9') {
      throw std::invalid_argument(std::string(flag) + " needs a non-negative integer, not '" +
                                  std::string(text) + "'");
    }
    v = v * 10 + static_cast<std::size_t>(c - '0');
  }
  return v;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open corpus file " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix.data(), suffix.size()) == 0;
}

Corpus finish(std::vector<corpus::Document> docs, std::string source) {
  Corpus c;
  c.documents = std::move(docs);
  c.text = corpus::join_text(c.documents);
  for (const auto& d : c.documents) c.bytes += d.text.size();
  c.source = std::move(source);
  return c;
}

Corpus load_news_corpus() {
  const CorpusOptions& o = corpus_options();
  if (!o.file.empty()) {
    std::string content = read_file(o.file);
    if (ends_with(o.file, ".jsonl")) return finish(corpus::read_jsonl(content), o.file);
    corpus::Document d;
    d.id = o.file;
    d.dct = o.dct;
    d.text = std::move(content);
    std::vector<corpus::Document> one;
    one.push_back(std::move(d));
    return finish(std::move(one), o.file);
  }
  std::size_t bytes = o.bytes;
  if (bytes == 0) {
    const char* env = std::getenv("CHRONICLE_BENCH_BYTES");
    bytes = env && *env ? parse_size("CHRONICLE_BENCH_BYTES", env) : default_bytes;
  }
  return finish(
      corpus::generate_stories(o.seed, bytes),
      "generated: seed " + std::to_string(o.seed) + ", " + std::to_string(bytes) + " bytes");
}

// Any failure to get the corpus ends the program with a message: a benchmark without its
// corpus has nothing to measure.
template <class F>
auto or_exit(F f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    std::cerr << "benchmark corpus: " << e.what() << "\n";
    std::exit(2);
  }
}

}  // namespace

CorpusOptions& corpus_options() {
  static CorpusOptions options;
  return options;
}

std::string take_corpus_options(int& argc, char** argv) {
  CorpusOptions& o = corpus_options();
  int out = 1;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string_view a = argv[i];
      // Both --flag=value and --flag value.
      const auto value = [&](std::string_view flag) -> std::string_view {
        if (a.size() > flag.size() && a[flag.size()] == '=') return a.substr(flag.size() + 1);
        if (i + 1 >= argc) throw std::invalid_argument(std::string(flag) + " needs a value");
        return argv[++i];
      };
      const auto is = [&](std::string_view flag) {
        return a.substr(0, flag.size()) == flag &&
               (a.size() == flag.size() || a[flag.size()] == '=');
      };
      if (is("--corpus")) {
        o.file = std::string(value("--corpus"));
      } else if (is("--corpus-dct")) {
        o.dct = std::string(value("--corpus-dct"));
      } else if (is("--corpus-bytes")) {
        o.bytes = parse_size("--corpus-bytes", value("--corpus-bytes"));
      } else if (is("--corpus-seed")) {
        o.seed = parse_size("--corpus-seed", value("--corpus-seed"));
      } else {
        argv[out++] = argv[i];
      }
    }
  } catch (const std::exception& e) {
    return e.what();
  }
  argc = out;
  argv[argc] = nullptr;
  return "";
}

const Corpus& news_corpus() {
  static const Corpus c = or_exit(load_news_corpus);
  return c;
}

const Corpus& tempeval_sized_corpus() {
  static const Corpus c = or_exit([] {
    const std::uint64_t seed = corpus_options().seed;
    return finish(corpus::generate_documents(seed, 256, 3000),
                  "generated: seed " + std::to_string(seed) + ", 256 documents of ~3000 bytes");
  });
  return c;
}

const std::vector<std::string>& timex_values() {
  static const std::vector<std::string> v = corpus::generate_values(corpus_options().seed, 100'000);
  return v;
}

void set_throughput(benchmark::State& state, std::size_t bytes, std::size_t documents) {
  const auto iterations = static_cast<std::int64_t>(state.iterations());
  state.SetBytesProcessed(iterations * static_cast<std::int64_t>(bytes));
  state.counters["docs/s"] =
      benchmark::Counter(static_cast<double>(iterations) * static_cast<double>(documents),
                         benchmark::Counter::kIsRate);
}

}  // namespace chronicle::bench
