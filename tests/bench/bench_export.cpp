// The exports' throughput: CSV and JSON written from timelines already reconstructed, so that
// only the writers are timed. Reported as MB/s of input text (comparable with the stages: the
// pipeline's target is >= 25 MB/s, so an export must run far faster than that) and, as the
// counter "out_MB/s", megabytes of CSV or JSON written per second. Also the raw writers (CSV
// fields, JSON strings) and the JSON reader on batch input lines.
#include <chronicle/io/csv.hpp>
#include <chronicle/io/json.hpp>
#include <chronicle/io/timeline_json.hpp>
#include <chronicle/timeline.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>
#include <vector>

#include "bench_corpus.hpp"

namespace {

const std::vector<chronicle::Timeline>& timelines() {
  static const std::vector<chronicle::Timeline> out = [] {
    std::vector<chronicle::Timeline> v;
    const auto& corpus = chronicle::bench::news_corpus();
    v.reserve(corpus.documents.size());
    for (const auto& d : corpus.documents) {
      chronicle::ReconstructOptions o;
      o.id = d.id;
      if (auto dct = chronicle::TimeValue::parse(d.dct)) o.dct = *dct;
      v.push_back(chronicle::reconstruct(d.text, o));
    }
    return v;
  }();
  return out;
}

void set_output_rate(benchmark::State& state, std::size_t bytes) {
  state.counters["out_MB/s"] =
      benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
}

void BM_export_csv_events(benchmark::State& state) {
  const auto& ts = timelines();
  std::string out;
  std::size_t written = 0;
  for (auto _ : state) {
    for (const auto& t : ts) {
      out.clear();
      chronicle::csv::append_rows(out, t, chronicle::csv::Table::events);
      written += out.size();
      benchmark::DoNotOptimize(out.data());
    }
  }
  set_output_rate(state, written);
  chronicle::bench::set_throughput(state, chronicle::bench::news_corpus());
}
BENCHMARK(BM_export_csv_events)->Unit(benchmark::kMillisecond);

void BM_export_csv_links(benchmark::State& state) {
  const auto& ts = timelines();
  std::string out;
  std::size_t written = 0;
  for (auto _ : state) {
    for (const auto& t : ts) {
      out.clear();
      chronicle::csv::append_rows(out, t, chronicle::csv::Table::links);
      written += out.size();
      benchmark::DoNotOptimize(out.data());
    }
  }
  set_output_rate(state, written);
  chronicle::bench::set_throughput(state, chronicle::bench::news_corpus());
}
BENCHMARK(BM_export_csv_links)->Unit(benchmark::kMillisecond);

void BM_export_jsonl(benchmark::State& state) {
  const auto& ts = timelines();
  std::string out;
  std::size_t written = 0;
  for (auto _ : state) {
    for (const auto& t : ts) {
      out.clear();
      chronicle::json::Writer w(out);
      chronicle::json::write(w, t);
      written += out.size();
      benchmark::DoNotOptimize(out.data());
    }
  }
  set_output_rate(state, written);
  chronicle::bench::set_throughput(state, chronicle::bench::news_corpus());
}
BENCHMARK(BM_export_jsonl)->Unit(benchmark::kMillisecond);

// The writers alone, on the corpus text cut into sentence-sized cells.
void BM_csv_fields(benchmark::State& state) {
  const auto& corpus = chronicle::bench::news_corpus();
  std::string out;
  out.reserve(1 << 20);
  for (auto _ : state) {
    for (const auto& d : corpus.documents) {
      out.clear();
      chronicle::csv::Writer w(out);
      std::string_view text = d.text;
      for (std::size_t at = 0; at < text.size(); at += 120) {
        w.field(text.substr(at, 120));
        if (at % 1200 == 0) w.end_row();
      }
      benchmark::DoNotOptimize(out.data());
    }
  }
  chronicle::bench::set_throughput(state, corpus);
}
BENCHMARK(BM_csv_fields)->Unit(benchmark::kMillisecond);

void BM_json_strings(benchmark::State& state) {
  const auto& corpus = chronicle::bench::news_corpus();
  std::string out;
  out.reserve(1 << 20);
  for (auto _ : state) {
    for (const auto& d : corpus.documents) {
      out.clear();
      chronicle::json::Writer w(out);
      w.begin_array();
      std::string_view text = d.text;
      for (std::size_t at = 0; at < text.size(); at += 120) w.value(text.substr(at, 120));
      w.end_array();
      benchmark::DoNotOptimize(out.data());
    }
  }
  chronicle::bench::set_throughput(state, corpus);
}
BENCHMARK(BM_json_strings)->Unit(benchmark::kMillisecond);

// The reader on `chronicle batch` input: one {"id","text","dct"} line per document.
void BM_json_parse_batch_lines(benchmark::State& state) {
  const auto& corpus = chronicle::bench::news_corpus();
  std::vector<std::string> lines;
  std::size_t bytes = 0;
  for (const auto& d : corpus.documents) {
    std::string line;
    chronicle::json::Writer w(line);
    w.begin_object().key("id").value(d.id).key("text").value(d.text).key("dct").value(d.dct);
    w.end_object();
    bytes += line.size();
    lines.push_back(std::move(line));
  }
  for (auto _ : state) {
    for (const auto& line : lines) {
      const auto v = chronicle::json::parse(line);
      benchmark::DoNotOptimize(v.find("text"));
    }
  }
  chronicle::bench::set_throughput(state, bytes, lines.size());
}
BENCHMARK(BM_json_parse_batch_lines)->Unit(benchmark::kMillisecond);

}  // namespace
