// The relation stage's throughput: find_links over the generated news corpus (>= 20 MB), with
// documents, times and events found beforehand, so that only the stage is timed (context,
// rules, classifier). Reported as MB/s of text and docs/s.
#include <chronicle/event_finder.hpp>
#include <chronicle/relation_finder.hpp>
#include <chronicle/timex_finder.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <vector>

#include "bench_corpus.hpp"

namespace {

struct Prepared {
  chronicle::Document doc;
  chronicle::TimexResult times;
  std::vector<chronicle::Event> events;
};

const std::vector<Prepared>& prepared_corpus() {
  static const std::vector<Prepared> docs = [] {
    std::vector<Prepared> out;
    for (const auto& d : chronicle::bench::news_corpus().documents) {
      Prepared p;
      p.doc = chronicle::Document::parse(d.text);
      chronicle::TimexOptions options;
      if (auto v = chronicle::TimeValue::parse(d.dct)) options.dct = *v;
      p.times = chronicle::find_timexes(p.doc, options);
      chronicle::EventOptions event_options;
      event_options.timexes = &p.times.timexes;
      p.events = chronicle::find_events(p.doc, event_options);
      out.push_back(std::move(p));
    }
    return out;
  }();
  return docs;
}

void run(benchmark::State& state, const chronicle::RelationOptions& options) {
  const auto& corpus = chronicle::bench::news_corpus();
  const auto& docs = prepared_corpus();
  (void)chronicle::RelationModel::builtin();
  std::size_t links = 0;
  for (auto _ : state) {
    for (const auto& p : docs) {
      const auto found =
          chronicle::find_links(p.doc, p.times.timexes, p.times.dct, p.events, options);
      links += found.size();
      benchmark::DoNotOptimize(found.data());
    }
  }
  state.counters["links/doc"] = benchmark::Counter(
      static_cast<double>(links) /
      static_cast<double>(docs.size() * static_cast<std::size_t>(state.iterations())));
  chronicle::bench::set_throughput(state, corpus);
}

void BM_relation_stage(benchmark::State& state) {
  run(state, {});
}
BENCHMARK(BM_relation_stage)->Unit(benchmark::kMillisecond);

void BM_relation_rules_only(benchmark::State& state) {
  chronicle::RelationOptions options;
  options.classifier = false;
  run(state, options);
}
BENCHMARK(BM_relation_rules_only)->Unit(benchmark::kMillisecond);

}  // namespace
