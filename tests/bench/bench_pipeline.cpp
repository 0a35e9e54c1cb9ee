// The whole pipeline's throughput: reconstruct() (document, timex, event, relation, graph) and
// the events CSV, over the generated news corpus (>= 20 MB), one core. Reported as MB/s of
// text and docs/s. The target is 25 MB/s.
#include <chronicle/io/csv.hpp>
#include <chronicle/timeline.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>

#include "bench_corpus.hpp"

namespace {

chronicle::ReconstructOptions options_for(const std::string& dct) {
  chronicle::ReconstructOptions options;
  if (auto v = chronicle::TimeValue::parse(dct)) options.dct = *v;
  return options;
}

// One pass over the corpus, what an iteration of BM_pipeline_csv times; returns the links
// found. Out of line so that callgrind can count the per-document work alone
// (--toggle-collect='*pipeline_pass*'): a toggle on BM_pipeline_csv also counts what a process
// does once, generating the corpus (about 152M instructions over 2 MB) and parsing the models
// in the warm-up (about 67M).
[[gnu::noinline]] std::size_t pipeline_pass(const chronicle::bench::Corpus& corpus,
                                            std::string& csv) {
  std::size_t links = 0;
  for (const auto& doc : corpus.documents) {
    const chronicle::Timeline t = chronicle::reconstruct(doc.text, options_for(doc.dct));
    csv.clear();
    chronicle::csv::append_rows(csv, t, chronicle::csv::Table::events);
    links += t.links.size();
    benchmark::DoNotOptimize(csv.data());
  }
  return links;
}

void BM_pipeline_csv(benchmark::State& state) {
  const auto& corpus = chronicle::bench::news_corpus();
  (void)chronicle::reconstruct("Jan. 6 (UPI) -- warm-up.");  // models parsed outside the loop
  std::string csv;
  std::size_t links = 0;
  for (auto _ : state) links += pipeline_pass(corpus, csv);
  state.counters["links/doc"] = benchmark::Counter(
      static_cast<double>(links) /
      static_cast<double>(corpus.documents.size() * static_cast<std::size_t>(state.iterations())));
  chronicle::bench::set_throughput(state, corpus);
}
BENCHMARK(BM_pipeline_csv)->Unit(benchmark::kMillisecond);

// The same without the relation stage and the graph's links, for comparison.
void BM_pipeline_without_tlinks(benchmark::State& state) {
  const auto& corpus = chronicle::bench::news_corpus();
  std::string csv;
  for (auto _ : state) {
    for (const auto& doc : corpus.documents) {
      auto options = options_for(doc.dct);
      options.layers.tlink = false;
      const chronicle::Timeline t = chronicle::reconstruct(doc.text, options);
      csv.clear();
      chronicle::csv::append_rows(csv, t, chronicle::csv::Table::events);
      benchmark::DoNotOptimize(csv.data());
    }
  }
  chronicle::bench::set_throughput(state, corpus);
}
BENCHMARK(BM_pipeline_without_tlinks)->Unit(benchmark::kMillisecond);

}  // namespace
