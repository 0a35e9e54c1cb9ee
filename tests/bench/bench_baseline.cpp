// The floor under every stage benchmark: one pass over the news corpus that only splits it
// into words and sentences. No stage that reads every byte can beat these figures, so they
// say how much of a stage's time is its own work.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <string_view>

#include "bench_corpus.hpp"

namespace {

struct Counts {
  std::size_t words = 0;
  std::size_t sentences = 0;
};

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Words are runs of letters, digits and non-ASCII bytes; a sentence ends at '.', '!' or '?'
// followed by a space or a line break.
Counts scan(std::string_view text) {
  Counts n;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool w = is_word_byte(c);
    n.words += (w && !in_word) ? 1 : 0;
    in_word = w;
    if ((c == '.' || c == '!' || c == '?') && i + 1 < text.size() &&
        (text[i + 1] == ' ' || text[i + 1] == '\n')) {
      ++n.sentences;
    }
  }
  return n;
}

void BM_baseline_scan(benchmark::State& state) {
  const auto& corpus = chronicle::bench::news_corpus();
  std::size_t words = 0;
  for (auto _ : state) {
    words = 0;
    for (const auto& doc : corpus.documents) {
      const Counts n = scan(doc.text);
      words += n.words;
      benchmark::DoNotOptimize(n);
    }
  }
  state.counters["words"] = static_cast<double>(words);
  state.SetLabel(corpus.source);
  chronicle::bench::set_throughput(state, corpus);
}
BENCHMARK(BM_baseline_scan)->Unit(benchmark::kMillisecond);

void BM_baseline_scan_tempeval_sized(benchmark::State& state) {
  const auto& corpus = chronicle::bench::tempeval_sized_corpus();
  for (auto _ : state) {
    for (const auto& doc : corpus.documents) benchmark::DoNotOptimize(scan(doc.text));
  }
  chronicle::bench::set_throughput(state, corpus);
}
BENCHMARK(BM_baseline_scan_tempeval_sized)->Unit(benchmark::kMillisecond);

}  // namespace
