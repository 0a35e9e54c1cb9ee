// The timex stage: documents in, TIMEX3 expressions out, in MB/s of input text. "document"
// measures tokenizing and sentence splitting alone; "timex" the stage on parsed documents;
// "document+timex" both, which is what a caller of find_timexes pays from raw text.
#include <benchmark/benchmark.h>
#include <chronicle/document.hpp>
#include <chronicle/timex_finder.hpp>

#include <vector>

#include "bench_corpus.hpp"

namespace {

chronicle::TimexOptions options_for(const chronicle::corpus::Document& doc) {
  chronicle::TimexOptions o;
  if (auto v = chronicle::TimeValue::parse(doc.dct)) o.dct = *v;
  return o;
}

void BM_document(benchmark::State& state) {
  const auto& corpus = chronicle::bench::news_corpus();
  for (auto _ : state) {
    for (const auto& doc : corpus.documents) {
      benchmark::DoNotOptimize(chronicle::Document::parse(doc.text));
    }
  }
  chronicle::bench::set_throughput(state, corpus);
}
BENCHMARK(BM_document)->Unit(benchmark::kMillisecond);

void BM_timex(benchmark::State& state) {
  const auto& corpus = chronicle::bench::news_corpus();
  std::vector<chronicle::Document> docs;
  std::vector<chronicle::TimexOptions> options;
  for (const auto& doc : corpus.documents) {
    docs.push_back(chronicle::Document::parse(doc.text));
    options.push_back(options_for(doc));
  }
  std::size_t found = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < docs.size(); ++i) {
      found += chronicle::find_timexes(docs[i], options[i]).timexes.size();
    }
  }
  chronicle::bench::set_throughput(state, corpus);
  state.counters["timexes/doc"] = static_cast<double>(found) /
                                  static_cast<double>(state.iterations() * docs.size());
}
BENCHMARK(BM_timex)->Unit(benchmark::kMillisecond);

void BM_document_and_timex(benchmark::State& state) {
  const auto& corpus = chronicle::bench::news_corpus();
  for (auto _ : state) {
    for (const auto& doc : corpus.documents) {
      const auto parsed = chronicle::Document::parse(doc.text);
      benchmark::DoNotOptimize(chronicle::find_timexes(parsed, options_for(doc)));
    }
  }
  chronicle::bench::set_throughput(state, corpus);
}
BENCHMARK(BM_document_and_timex)->Unit(benchmark::kMillisecond);

}  // namespace
