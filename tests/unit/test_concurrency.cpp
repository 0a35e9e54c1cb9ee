// reconstruct() from many threads at once, sharing the built-in rules, lexicons and models:
// every thread's output is byte-identical to the single-threaded output. The threads start
// together before anything has run, so that the first uses of the shared data race too.
// .ci/run runs this under ThreadSanitizer (build-tsan), which fails on any data race.
#include <catch2/catch.hpp>
#include <chronicle/io/csv.hpp>
#include <chronicle/io/timeline_json.hpp>
#include <chronicle/timeline.hpp>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "news_corpus.hpp"

using namespace chronicle;

namespace {

struct Input {
  std::string text;
  ReconstructOptions options;
};

std::vector<Input> inputs() {
  std::vector<Input> out;
  std::ifstream in(std::string(CHRONICLE_SOURCE_DIR) + "/examples/kazakhstan-upi.txt",
                   std::ios::binary);
  REQUIRE(in);
  std::ostringstream article;
  article << in.rdbuf();
  out.push_back({article.str(), {}});  // the DCT from its dateline
  ReconstructOptions narrative;
  narrative.dct = TimeValue::date(2022, 1, 6);
  narrative.anchoring = Anchoring::narrative;
  narrative.policy = DirectionPolicy::closest;
  out.push_back({article.str(), narrative});
  for (const auto& d : corpus::generate_documents(/*seed=*/10, /*count=*/10, 1500)) {
    ReconstructOptions o;
    o.id = d.id;
    o.dct = *TimeValue::parse(d.dct);
    out.push_back({d.text, o});
  }
  ReconstructOptions timeml;
  timeml.relations.selection = LinkSelection::timeml;
  using namespace std::string_literals;
  out.push_back({"Jan. 6 (UPI) -- Talks\xff collapsed on Wednesday\0 after the vote."s, timeml});
  return out;
}

// Everything a caller reads, as bytes: the JSON object (timexes, events, links, graph) and the
// CSV tables.
std::string output(const Input& in) {
  const Timeline t = reconstruct(in.text, in.options);
  return json::to_json(t) + csv::to_csv(t, csv::Table::events) + csv::to_csv(t, csv::Table::links) +
         csv::to_csv(t, csv::Table::timexes);
}

// Runs work(k) on `threads` threads that all start at once, and waits for them.
template <typename Work>
void run_together(unsigned threads, const Work& work) {
  std::mutex m;
  std::condition_variable go;
  unsigned waiting = 0;
  std::vector<std::thread> pool;
  for (unsigned k = 0; k < threads; ++k) {
    pool.emplace_back([&, k] {
      {
        std::unique_lock<std::mutex> lock(m);
        if (++waiting == threads) go.notify_all();
        go.wait(lock, [&] { return waiting == threads; });
      }
      work(k);
    });
  }
  for (auto& t : pool) t.join();
}

}  // namespace

TEST_CASE("reconstruct from many threads at once gives the single-threaded output",
          "[concurrency]") {
  const std::vector<Input> in = inputs();
  constexpr unsigned threads = 8;
  constexpr unsigned rounds = 2;
  std::vector<std::vector<std::string>> got(threads, std::vector<std::string>(in.size()));

  run_together(threads, [&](unsigned k) {
    // Each thread starts at another input, so that different documents run at once.
    for (unsigned r = 0; r < rounds; ++r) {
      for (std::size_t i = 0; i < in.size(); ++i) {
        const std::size_t j = (i + k * 3) % in.size();
        std::string out = output(in[j]);
        if (r > 0 && out != got[k][j]) out = "differs between rounds";
        got[k][j] = std::move(out);
      }
    }
  });

  for (std::size_t j = 0; j < in.size(); ++j) {
    const std::string expected = output(in[j]);
    REQUIRE(expected.size() > 100);
    for (unsigned k = 0; k < threads; ++k) {
      INFO("input " << j << ", thread " << k);
      CHECK(got[k][j] == expected);
    }
  }
}

namespace {

// A graph's answers to the queries that build the graph's lazy indexes on first use (the
// reverse lists and the landmark masks): before, after, overlapping, relation with its proof,
// on a day.
std::string queries(const Graph& g) {
  std::ostringstream out;
  const auto ids = [&](const std::vector<NodeId>& nodes) {
    for (const NodeId n : nodes) out << g.node(n).id << ' ';
    out << '|';
  };
  const auto n = static_cast<NodeId>(g.node_count());
  for (NodeId a = 0; a < n; a += 3) {
    ids(g.before(a));
    ids(g.after(a));
    ids(g.overlapping(a));
    for (NodeId b = 1; b < n; b += 7) {
      const Entailment e = g.relation(a, b);
      out << to_string(e.relation) << e.proof.links.size() << ' ';
    }
  }
  const RangeMatch day = g.on(boost::gregorian::date(2022, 1, 5));
  ids(day.certain);
  ids(day.possible);
  return out.str();
}

}  // namespace

TEST_CASE("queries on one shared graph from many threads give the single-threaded answers",
          "[concurrency]") {
  // The graph's indexes for these queries are built lazily, once, by whichever thread asks
  // first (graph/build.cpp, make_once): all threads ask at the same moment here, on a graph
  // that update() has brought up to date and no query has touched.
  const std::vector<Input> in = inputs();
  const Timeline t = reconstruct(in.front().text, in.front().options);
  const auto copy = [&] {
    Graph g;
    if (t.dct) g.add(*t.dct);
    for (const Timex& x : t.timexes) g.add(x);
    for (const Event& e : t.events) g.add(e);
    for (const Link& l : t.links) g.add_link(l);
    g.update();
    return g;
  };
  const std::string expected = queries(copy());
  REQUIRE(expected.size() > 100);
  const Graph shared = copy();
  constexpr unsigned threads = 8;
  std::vector<std::string> got(threads);
  run_together(threads, [&](unsigned k) { got[k] = queries(shared); });
  for (unsigned k = 0; k < threads; ++k) {
    INFO("thread " << k);
    CHECK(got[k] == expected);
  }
}
