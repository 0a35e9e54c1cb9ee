// The timeline graph at scale: 1,000,000 events and 4,000,000 consistent constraints.
//
// The workload is drawn from a hidden timeline, so that it is consistent and has the shape of
// real TLINK sets: every event gets a start hour (uniform over N/4 hours) and a duration (one
// hour to eight weeks, short ones most often); each constraint first draws its relation type
// with the frequencies of the TLINKs in TimeBank+AQUAINT (BEFORE 33%, IS_INCLUDED 21%,
// INCLUDES 14%, AFTER 12%, IDENTITY 8%, SIMULTANEOUS 5%, DURING 3%, the other six 5%), then a
// random event, then a partner for which the relation holds (BEFORE and AFTER partners are
// uniform over the whole timeline: the hard case for reachability); 3% are endpoint
// constraints instead (MATRES start order, "before or meets"). 10% of events carry the bounds
// of the days they fall in.
//
// BM_graph reports, as counters (manual time = build + consistency + bounds):
//   add_s        adding the nodes and links (the engine only stores them); add_cpu_s in CPU
//                time, total_cpu_s = add_cpu_s + build_cpu_s
//   build_s      the first update(): union-find, order, contradiction check, bounds
//   build_cpu_s  the same in CPU time of the thread (robust when the machine is busy)
//   B/event      the engine's own memory after the build (capacities), per event
//   B/event_incr the same after the incremental updates below
//   rss_B/event  the whole process's peak resident memory during the build (graph input,
//                index, transient arrays, and the benchmark's own few MB), per event
//   rel_*_us     relation(a, b) with its proof, per call, for uniform random pairs and for
//                pairs close in time (median, 90th and 99th percentile)
//   ep_med_us    endpoint_relations(a, b) (no proof), median
//   incr_us      an incremental update, per link, for 10,000 links added after queries
//
//   taskset -c 0 build-bench/tests/bench/bench_graph --benchmark_filter=BM_graph
#include <benchmark/benchmark.h>
#include <chronicle/graph.hpp>

#include <malloc.h>
#include <sys/resource.h>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

using chronicle::Endpoint;
using chronicle::Graph;
using chronicle::NodeId;
using chronicle::Relation;
using u32 = std::uint32_t;
using i32 = std::int32_t;
using u64 = std::uint64_t;
using Clock = std::chrono::steady_clock;

constexpr u32 npos = 0xFFFFFFFFu;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// CPU time of this thread (user + system), in seconds: what a busy machine does not inflate.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_THREAD, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

// Resident memory high-water mark of this process (VmHWM), in bytes; reset_peak() restarts it.
std::size_t peak_rss() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}
void reset_peak() {
  std::ofstream("/proc/self/clear_refs") << "5";
}

struct GenLink {
  u32 a, b;
  std::uint8_t relation;    // a Relation, or 0xFF for an endpoint constraint
  std::uint8_t constraint;  // 0: starts_before, 1: before_or_meets, 2: starts_no_later
  float confidence;
};

// The hidden timeline and the indexes that find partners for each relation type.
class Workload {
 public:
  Workload(u32 events, u64 seed) : n_(events), rng_(seed), s_(events), e_(events) {
    const i32 span = static_cast<i32>(std::max<u32>(events / 4, 1));
    for (u32 i = 0; i < n_; ++i) {
      s_[i] = static_cast<i32>(pick(static_cast<u32>(span)));
      const u32 r = pick(100);
      i32 d = 1;
      if (r < 35)
        d = 1;
      else if (r < 55)
        d = 2;
      else if (r < 70)
        d = 3 + static_cast<i32>(pick(4));
      else if (r < 85)
        d = 7 + static_cast<i32>(pick(18));
      else if (r < 95)
        d = 24 * (1 + static_cast<i32>(pick(7)));
      else
        d = 24 * 7 * (1 + static_cast<i32>(pick(8)));
      e_[i] = s_[i] + d;
    }
    by_start_.resize(n_);
    by_end_.resize(n_);
    for (u32 i = 0; i < n_; ++i) by_start_[i] = by_end_[i] = i;
    std::sort(by_start_.begin(), by_start_.end(), [&](u32 x, u32 y) {
      return s_[x] != s_[y] ? s_[x] < s_[y] : e_[x] != e_[y] ? e_[x] < e_[y] : x < y;
    });
    std::sort(by_end_.begin(), by_end_.end(), [&](u32 x, u32 y) {
      return e_[x] != e_[y] ? e_[x] < e_[y] : s_[x] != s_[y] ? s_[x] < s_[y] : x < y;
    });
    start_key_.resize(n_);
    end_key_.resize(n_);
    rank_.resize(n_);
    for (u32 i = 0; i < n_; ++i) {
      start_key_[i] = s_[by_start_[i]];
      end_key_[i] = e_[by_end_[i]];
      rank_[by_start_[i]] = i;
    }
  }

  u32 pick(u32 n) { return static_cast<u32>(rng_() % n); }
  i32 start(u32 i) const { return s_[i]; }
  i32 end(u32 i) const { return e_[i]; }

  // A constraint that holds in the hidden timeline.
  GenLink next() {
    for (;;) {
      GenLink l{};
      l.confidence = 0.5f + 0.05f * static_cast<float>(pick(11));
      if (pick(100) < 3) {
        if (endpoint_constraint(l)) return l;
        continue;
      }
      const Relation r = draw_relation();
      if (partner(r, l)) return l;
    }
  }

  // Pairs for queries: uniform, and close in time (within 50 places in start order).
  std::pair<u32, u32> uniform_pair() {
    const u32 a = pick(n_);
    u32 b = pick(n_);
    if (b == a) b = (a + 1) % n_;
    return {a, b};
  }
  std::pair<u32, u32> close_pair() {
    const u32 a = pick(n_);
    const u32 r = rank_[a];
    const u32 off = 1 + pick(50);
    const u32 rb = r + off < n_ ? r + off : (r >= off ? r - off : (r + 1) % n_);
    return {a, by_start_[rb]};
  }

 private:
  Relation draw_relation() {
    // TLINK relation types in TimeBank+AQUAINT (counts).
    static constexpr std::pair<Relation, u32> freq[] = {
        {Relation::before, 3703}, {Relation::is_included, 2289}, {Relation::includes, 1523},
        {Relation::after, 1365},  {Relation::identity, 862},     {Relation::simultaneous, 584},
        {Relation::during, 280},  {Relation::ended_by, 137},     {Relation::begins, 111},
        {Relation::ends, 77},     {Relation::begun_by, 70},      {Relation::ibefore, 65},
        {Relation::iafter, 49}};
    u32 total = 0;
    for (const auto& f : freq) total += f.second;
    u32 x = pick(total);
    for (const auto& f : freq) {
      if (x < f.second) return f.first;
      x -= f.second;
    }
    return Relation::before;
  }

  // Index range [lo, hi) of a sorted key array with key in [from, to).
  static std::pair<u32, u32> range(const std::vector<i32>& keys, i32 from, i32 to) {
    const auto lo = std::lower_bound(keys.begin(), keys.end(), from) - keys.begin();
    const auto hi = std::lower_bound(keys.begin(), keys.end(), to) - keys.begin();
    return {static_cast<u32>(lo), static_cast<u32>(hi)};
  }

  // A partner b for `a r b`, or npos.
  u32 find(u32 a, Relation r) {
    const i32 sa = s_[a], ea = e_[a];
    switch (r) {
      case Relation::before: {
        const auto [lo, hi] = range(start_key_, ea + 1, INT32_MAX);
        return lo < hi ? by_start_[lo + pick(hi - lo)] : npos;
      }
      case Relation::after: {
        const auto [lo, hi] = range(end_key_, INT32_MIN, sa);
        return lo < hi ? by_end_[lo + pick(hi - lo)] : npos;
      }
      case Relation::ibefore: {
        const auto [lo, hi] = range(start_key_, ea, ea + 1);
        return lo < hi ? by_start_[lo + pick(hi - lo)] : npos;
      }
      case Relation::iafter: {
        const auto [lo, hi] = range(end_key_, sa, sa + 1);
        return lo < hi ? by_end_[lo + pick(hi - lo)] : npos;
      }
      case Relation::includes: {
        const auto [lo, hi] = range(start_key_, sa + 1, ea);
        for (int t = 0; t < 16 && lo < hi; ++t) {
          const u32 b = by_start_[lo + pick(hi - lo)];
          if (e_[b] < ea) return b;
        }
        return npos;
      }
      case Relation::identity:
      case Relation::simultaneous:
      case Relation::during:
      case Relation::begins:
      case Relation::begun_by: {
        const auto [lo, hi] = range(start_key_, sa, sa + 1);
        for (int t = 0; t < 16 && lo < hi; ++t) {
          const u32 b = by_start_[lo + pick(hi - lo)];
          if (b == a) continue;
          const bool same_end = e_[b] == ea;
          if (r == Relation::begins     ? e_[b] > ea
              : r == Relation::begun_by ? e_[b] < ea
                                        : same_end) {
            return b;
          }
        }
        return npos;
      }
      case Relation::ends:
      case Relation::ended_by: {
        const auto [lo, hi] = range(end_key_, ea, ea + 1);
        for (int t = 0; t < 16 && lo < hi; ++t) {
          const u32 b = by_end_[lo + pick(hi - lo)];
          if (r == Relation::ends ? s_[b] < sa : s_[b] > sa) return b;
        }
        return npos;
      }
      default:
        return npos;
    }
  }

  bool partner(Relation r, GenLink& l) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      const u32 a = pick(n_);
      if (r == Relation::is_included) {  // b includes a: draw the including one first
        const u32 b = find(a, Relation::includes);
        if (b == npos) continue;
        l.a = b, l.b = a, l.relation = static_cast<std::uint8_t>(Relation::is_included);
        return true;
      }
      const u32 b = find(a, r);
      if (b == npos) continue;
      l.a = a, l.b = b, l.relation = static_cast<std::uint8_t>(r);
      return true;
    }
    return false;
  }

  bool endpoint_constraint(GenLink& l) {
    const auto [a, b] = close_pair();
    if (a == b) return false;
    l.a = a, l.b = b, l.relation = 0xFF;
    if (e_[a] <= s_[b]) {
      l.constraint = 1;  // before or meets
    } else if (s_[a] < s_[b]) {
      l.constraint = 0;  // starts before
    } else if (s_[a] <= s_[b]) {
      l.constraint = 2;  // starts no later
    } else {
      std::swap(l.a, l.b);
      l.constraint = s_[l.a] < s_[l.b] ? 0 : 2;
    }
    return true;
  }

  u32 n_;
  std::mt19937_64 rng_;
  std::vector<i32> s_, e_;
  std::vector<u32> by_start_, by_end_, rank_;
  std::vector<i32> start_key_, end_key_;
};

void add(Graph& g, const GenLink& l) {
  if (l.relation != 0xFF) {
    g.add_link(l.a, l.b, static_cast<Relation>(l.relation), "bench", l.confidence);
    return;
  }
  static constexpr chronicle::EndpointConstraint cs[] = {chronicle::constraints::starts_before,
                                                         chronicle::constraints::before_or_meets,
                                                         chronicle::constraints::starts_no_later};
  g.add_constraint(l.a, l.b, cs[l.constraint], "bench", l.confidence);
}

struct Percentiles {
  double median, p90, p99;
};
Percentiles percentiles(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
  };
  return {at(0.5), at(0.9), at(0.99)};
}

void BM_graph(benchmark::State& state) {
  // Large arrays straight from mmap, so that freed transient arrays leave the resident set
  // (glibc otherwise raises its mmap threshold after the first large free and keeps them in
  // the heap). CHRONICLE_BENCH_GLIBC_DEFAULTS=1 keeps glibc's defaults.
  if (!std::getenv("CHRONICLE_BENCH_GLIBC_DEFAULTS")) mallopt(M_MMAP_THRESHOLD, 1 << 20);
  const u32 events = static_cast<u32>(state.range(0));
  const u64 constraints = static_cast<u64>(state.range(1));
  for (auto _ : state) {
    // The workload, generated before the clock starts and kept compact.
    std::vector<GenLink> links, extra;
    std::vector<std::pair<u32, u32>> uniform, close;
    std::vector<std::pair<i32, i32>> days;  // bounds of the events that have them, or (0, 0)
    {
      Workload w(events, 20220106);
      links.reserve(constraints);
      for (u64 k = 0; k < constraints; ++k) links.push_back(w.next());
      for (int k = 0; k < 10000; ++k) extra.push_back(w.next());
      for (int k = 0; k < 200000; ++k) uniform.push_back(w.uniform_pair());
      for (int k = 0; k < 100000; ++k) close.push_back(w.close_pair());
      days.resize(events, {0, 0});
      for (u32 i = 0; i < events; ++i) {
        if (w.pick(10) == 0) days[i] = {w.start(i) / 24, (w.end(i) + 23) / 24};
      }
    }
    char id[16];
    const chronicle::Instant base(chronicle::Date(2000, 1, 1));
    const auto t0 = Clock::now();
    const double c0 = cpu_seconds();
    Graph g;
    g.reserve(events, constraints + extra.size());
    for (u32 i = 0; i < events; ++i) {
      std::snprintf(id, sizeof id, "e%u", i);
      std::optional<chronicle::Bounds> b;
      if (days[i].second > days[i].first) {
        b = chronicle::Bounds{base + boost::gregorian::days(days[i].first),
                              base + boost::gregorian::days(days[i].second)};
      }
      g.add_event(id, 8 * i, b);
    }
    for (const auto& l : links) add(g, l);
    const double add_s = seconds_since(t0);
    const double add_cpu_s = cpu_seconds() - c0;
    std::vector<GenLink>().swap(links);
    std::vector<std::pair<i32, i32>>().swap(days);
    malloc_trim(0);  // the generator's freed memory does not count
    reset_peak();
    const auto t1 = Clock::now();
    const double c1 = cpu_seconds();
    g.update();
    const double build_s = seconds_since(t1);
    const double build_cpu_s = cpu_seconds() - c1;
    const std::size_t rss = peak_rss();
    const std::size_t engine_bytes = g.memory_usage();
    state.SetIterationTime(build_s);
    if (!g.contradictions().empty())
      state.SkipWithError("the consistent workload has contradictions");

    std::vector<double> times;
    std::size_t entailed = 0, proof_links = 0;
    auto time_relations = [&](const std::vector<std::pair<u32, u32>>& pairs) {
      times.clear();
      for (const auto& [a, b] : pairs) {
        const auto t = Clock::now();
        const auto r = g.relation(NodeId{a}, NodeId{b});
        times.push_back(seconds_since(t) * 1e6);
        entailed += r.relation != Relation::vague;
        proof_links += r.proof.links.size();
        benchmark::DoNotOptimize(r);
      }
      return percentiles(times);
    };
    const Percentiles uni = time_relations(uniform);
    const double uniform_entailed =
        static_cast<double>(entailed) / static_cast<double>(uniform.size());
    const double proof_len =
        static_cast<double>(proof_links) / static_cast<double>(std::max<std::size_t>(entailed, 1));
    entailed = 0;
    const Percentiles loc = time_relations(close);
    const double close_entailed = static_cast<double>(entailed) / static_cast<double>(close.size());
    times.clear();
    for (const auto& [a, b] : uniform) {
      const auto t = Clock::now();
      const auto r = g.endpoint_relations(NodeId{a}, NodeId{b});
      times.push_back(seconds_since(t) * 1e6);
      benchmark::DoNotOptimize(r);
    }
    const Percentiles ep = percentiles(times);
    const auto t2 = Clock::now();
    for (const auto& l : extra) add(g, l);
    g.update();
    const double incr_s = seconds_since(t2);

    state.counters["add_s"] = add_s;
    state.counters["add_cpu_s"] = add_cpu_s;
    state.counters["total_cpu_s"] = add_cpu_s + build_cpu_s;
    state.counters["build_s"] = build_s;
    state.counters["build_cpu_s"] = build_cpu_s;
    state.counters["B/event"] = static_cast<double>(engine_bytes) / events;
    state.counters["B/event_incr"] = static_cast<double>(g.memory_usage()) / events;
    state.counters["rss_B/event"] = static_cast<double>(rss) / events;
    state.counters["rel_med_us"] = uni.median;
    state.counters["rel_p90_us"] = uni.p90;
    state.counters["rel_p99_us"] = uni.p99;
    state.counters["rel_entailed"] = uniform_entailed;
    state.counters["proof_links"] = proof_len;
    state.counters["close_med_us"] = loc.median;
    state.counters["close_p90_us"] = loc.p90;
    state.counters["close_entailed"] = close_entailed;
    state.counters["ep_med_us"] = ep.median;
    state.counters["incr_us"] = incr_s * 1e6 / static_cast<double>(extra.size());
  }
}

}  // namespace

BENCHMARK(BM_graph)
    ->Args({100'000, 400'000})
    ->Args({1'000'000, 4'000'000})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
