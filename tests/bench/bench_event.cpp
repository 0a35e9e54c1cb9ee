// The event stage's throughput: find_events over the generated news corpus (>= 20 MB), with
// the documents parsed beforehand, so that only the stage is timed (analysis, tagging,
// detection, class, verb groups, arguments). Reported as MB/s of text and docs/s. A second
// benchmark times document parsing plus the stage, for comparison.
#include <chronicle/document.hpp>
#include <chronicle/event_finder.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <vector>

#include "bench_corpus.hpp"

namespace {

const std::vector<chronicle::Document>& parsed_corpus() {
  static const std::vector<chronicle::Document> docs = [] {
    std::vector<chronicle::Document> out;
    for (const auto& d : chronicle::bench::news_corpus().documents) {
      out.push_back(chronicle::Document::parse(d.text));
    }
    return out;
  }();
  return docs;
}

void BM_event_stage(benchmark::State& state) {
  const auto& corpus = chronicle::bench::news_corpus();
  const auto& docs = parsed_corpus();
  (void)chronicle::EventModel::builtin();  // parse the model outside the timed loop
  std::size_t events = 0;
  for (auto _ : state) {
    for (const auto& doc : docs) {
      const auto found = chronicle::find_events(doc);
      events += found.size();
      benchmark::DoNotOptimize(found.data());
    }
  }
  state.counters["events/doc"] = benchmark::Counter(
      static_cast<double>(events) /
      static_cast<double>(docs.size() * static_cast<std::size_t>(state.iterations())));
  chronicle::bench::set_throughput(state, corpus);
}
BENCHMARK(BM_event_stage)->Unit(benchmark::kMillisecond);

void BM_document_and_event_stage(benchmark::State& state) {
  const auto& corpus = chronicle::bench::news_corpus();
  (void)chronicle::EventModel::builtin();
  for (auto _ : state) {
    for (const auto& d : corpus.documents) {
      const auto doc = chronicle::Document::parse(d.text);
      benchmark::DoNotOptimize(chronicle::find_events(doc).size());
    }
  }
  chronicle::bench::set_throughput(state, corpus);
}
BENCHMARK(BM_document_and_event_stage)->Unit(benchmark::kMillisecond);

}  // namespace
