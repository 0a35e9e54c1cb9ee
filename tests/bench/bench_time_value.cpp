// TimeValue throughput: parse, str, grain and bounds over 100,000 generated TIMEX3 values of
// every form (bench::timex_values()). Reported as values/s, and MB/s of value text.
#include <chronicle/time_value.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>
#include <vector>

#include "bench_corpus.hpp"

namespace {

using chronicle::TimeValue;

std::size_t total_bytes(const std::vector<std::string>& values) {
  std::size_t n = 0;
  for (const auto& v : values) n += v.size();
  return n;
}

std::vector<TimeValue> parsed_values() {
  std::vector<TimeValue> out;
  for (const auto& v : chronicle::bench::timex_values()) {
    auto r = TimeValue::parse(v);
    if (r.ok()) out.push_back(std::move(r).value());
  }
  return out;
}

void report_values(benchmark::State& state, std::size_t values, std::size_t bytes) {
  const auto iterations = static_cast<double>(state.iterations());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(values));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes));
  state.counters["values/s"] =
      benchmark::Counter(iterations * static_cast<double>(values), benchmark::Counter::kIsRate);
}

void BM_TimeValue_parse(benchmark::State& state) {
  const auto& values = chronicle::bench::timex_values();
  std::size_t failures = 0;
  for (auto _ : state) {
    for (const auto& v : values) {
      auto r = TimeValue::parse(v);
      failures += r.ok() ? 0 : 1;
      benchmark::DoNotOptimize(r);
    }
  }
  if (failures != 0) state.SkipWithError("a generated value did not parse");
  report_values(state, values.size(), total_bytes(values));
}
BENCHMARK(BM_TimeValue_parse)->Unit(benchmark::kMillisecond);

void BM_TimeValue_str(benchmark::State& state) {
  const std::vector<TimeValue> values = parsed_values();
  std::size_t bytes = 0;
  for (const auto& v : values) bytes += v.str().size();
  for (auto _ : state) {
    for (const auto& v : values) {
      std::string s = v.str();
      benchmark::DoNotOptimize(s);
    }
  }
  report_values(state, values.size(), bytes);
}
BENCHMARK(BM_TimeValue_str)->Unit(benchmark::kMillisecond);

void BM_TimeValue_round_trip(benchmark::State& state) {
  const auto& values = chronicle::bench::timex_values();
  for (auto _ : state) {
    for (const auto& v : values) {
      auto r = TimeValue::parse(v);
      if (r.ok()) {
        std::string s = r->str();
        benchmark::DoNotOptimize(s);
      }
    }
  }
  report_values(state, values.size(), total_bytes(values));
}
BENCHMARK(BM_TimeValue_round_trip)->Unit(benchmark::kMillisecond);

void BM_TimeValue_grain_bounds(benchmark::State& state) {
  const std::vector<TimeValue> values = parsed_values();
  for (auto _ : state) {
    for (const auto& v : values) {
      benchmark::DoNotOptimize(v.grain());
      auto b = v.bounds();
      benchmark::DoNotOptimize(b);
    }
  }
  const auto iterations = static_cast<double>(state.iterations());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(values.size()));
  state.counters["values/s"] = benchmark::Counter(iterations * static_cast<double>(values.size()),
                                                  benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TimeValue_grain_bounds)->Unit(benchmark::kMillisecond);

}  // namespace
