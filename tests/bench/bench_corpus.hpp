// The corpora chronicle's benchmarks run on, built once per process.
//
//   static void BM_timex_stage(benchmark::State& state) {
//     const auto& corpus = chronicle::bench::news_corpus();
//     for (auto _ : state) {
//       for (const auto& doc : corpus.documents) benchmark::DoNotOptimize(run(doc.text, doc.dct));
//     }
//     chronicle::bench::set_throughput(state, corpus);  // MB/s and docs/s
//   }
//   BENCHMARK(BM_timex_stage)->Unit(benchmark::kMillisecond);
//
// news_corpus() is generated in-process by the corpus generator (src/tools/news_corpus.hpp),
// or read from the file given on the command line of any benchmark binary:
//   --corpus=FILE         JSONL as chronicle-gen-corpus writes it ({"id","text","dct"} a line),
//                         or any other file, taken as one document of plain text
//   --corpus-dct=DATE     the DCT (YYYY-MM-DD) of a plain-text corpus file
//   --corpus-bytes=N      size of the generated corpus (default: $CHRONICLE_BENCH_BYTES or
//                         20000000)
//   --corpus-seed=S       seed of the generated corpora (default 1)
// bench_main.cpp takes these out of argv before Google Benchmark reads the rest.
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "news_corpus.hpp"

namespace chronicle::bench {

struct Corpus {
  std::vector<corpus::Document> documents;
  std::string text;       // the documents' texts joined by blank lines (corpus::join_text)
  std::size_t bytes = 0;  // the documents' text bytes, what throughput is counted on
  std::string source;     // where it came from, for benchmark labels
};

// Options set by bench_main.cpp from the command line; change them before the first use of
// a corpus only.
struct CorpusOptions {
  std::string file;        // --corpus
  std::string dct;         // --corpus-dct
  std::size_t bytes = 0;   // --corpus-bytes; 0: $CHRONICLE_BENCH_BYTES or 20 MB
  std::uint64_t seed = 1;  // --corpus-seed
};
CorpusOptions& corpus_options();

// Takes the --corpus* options out of argv (adjusting argc), into corpus_options(). Returns
// an error message for a malformed one, "" when all is well.
std::string take_corpus_options(int& argc, char** argv);

// The stage benchmarks' corpus: the --corpus file, or at least 20 MB of generated stories.
const Corpus& news_corpus();
// A TempEval-sized set: 256 generated documents of about 3000 bytes each (about 770 KB).
const Corpus& tempeval_sized_corpus();
// 100,000 TIMEX3 value strings of every form (corpus::generate_values).
const std::vector<std::string>& timex_values();

// Reports one pass over `bytes` bytes in `documents` documents per iteration: Google
// Benchmark prints bytes_per_second (and the summary of tests/bench/run.sh converts it to
// MB/s, 10^6 bytes), and the counter docs/s.
void set_throughput(benchmark::State& state, std::size_t bytes, std::size_t documents);
inline void set_throughput(benchmark::State& state, const Corpus& c) {
  set_throughput(state, c.bytes, c.documents.size());
}

}  // namespace chronicle::bench
