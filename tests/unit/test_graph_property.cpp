// Property tests: the graph against a brute force over every ordering of the endpoints.
//
// The oracle knows nothing of the engine. A network is points (two per interval, plus one per
// calendar instant used by a bound, the instants chained by "<") and constraints p < q,
// p <= q, p = q. It searches the weak orders of the points (the order of "blocks" of tied
// points, earliest block first): p < q is possible when some satisfying order places p's
// block before q's, and p = q when adding that equality leaves some order. Each block is the
// smallest set of points that must be tied together; any satisfying weak order can be split
// into such blocks without changing which of its points are strictly ordered, so searching
// those orders (with the placed-points sets memoized) covers every ordering.
#include <chronicle/graph.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

using namespace chronicle;

namespace {

using u32 = std::uint32_t;
using u64 = std::uint64_t;

enum : int { LT = 0, LE = 1, EQ = 2 };

// A vector indexed by int (points and intervals are small ints here).
template <class T>
class Ints : public std::vector<T> {
 public:
  Ints() = default;
  Ints(int n, T value) : std::vector<T>(static_cast<std::size_t>(n), value) {}
  T& operator[](int i) { return std::vector<T>::operator[](static_cast<std::size_t>(i)); }
  const T& operator[](int i) const {
    return std::vector<T>::operator[](static_cast<std::size_t>(i));
  }
};

class Network {
 public:
  explicit Network(int points) : n_(points), lt_(points, 0), le_(points, 0), eq_(points, 0) {}
  int points() const { return n_; }
  void add(int p, int op, int q) {  // p op q
    if (op == LT) lt_[q] |= 1u << p;
    if (op == LE) le_[q] |= 1u << p;
    if (op == EQ) eq_[p] |= 1u << q, eq_[q] |= 1u << p;
  }
  bool consistent() const {
    std::unordered_map<u32, bool> memo;
    return complete(0, memo);
  }
  // rows[p] bit q: some satisfying order has p strictly before q. Empty when inconsistent.
  Ints<u32> before_possible() const {
    std::unordered_map<u32, bool> memo;
    if (!complete(0, memo)) return {};
    Ints<u32> rows(n_, 0);
    std::vector<u32> queue{0};
    std::unordered_set<u32> seen{0};
    for (std::size_t h = 0; h < queue.size(); ++h) {
      const u32 m = queue[h];
      for (int p = 0; p < n_; ++p) {
        if (m >> p & 1) rows[p] |= full() & ~m;
      }
      for (int x = 0; x < n_; ++x) {
        if (m >> x & 1) continue;
        u32 block = 0;
        if (!close(m, 1u << x, block)) continue;
        const u32 next = m | block;
        if (seen.count(next) || !complete(next, memo)) continue;
        seen.insert(next);
        queue.push_back(next);
      }
    }
    return rows;
  }
  bool equal_possible(int p, int q) const {
    Network with = *this;
    with.add(p, EQ, q);
    return with.consistent();
  }

 private:
  u32 full() const { return n_ == 32 ? ~0u : (1u << n_) - 1; }
  // The smallest block containing `seed` that may come right after the placed points.
  bool close(u32 placed, u32 seed, u32& block) const {
    block = seed;
    for (;;) {
      u32 grown = block;
      for (int y = 0; y < n_; ++y) {
        if (!(block >> y & 1)) continue;
        if (lt_[y] & ~placed) return false;  // something strictly before y is not placed yet
        grown |= (eq_[y] | le_[y]) & ~placed;
      }
      if (grown == block) return true;
      block = grown;
    }
  }
  bool complete(u32 placed, std::unordered_map<u32, bool>& memo) const {
    if (placed == full()) return true;
    const auto it = memo.find(placed);
    if (it != memo.end()) return it->second;
    bool ok = false;
    for (int x = 0; x < n_ && !ok; ++x) {
      if (placed >> x & 1) continue;
      u32 block = 0;
      if (close(placed, 1u << x, block)) ok = complete(placed | block, memo);
    }
    memo[placed] = ok;
    return ok;
  }

  int n_;
  Ints<u32> lt_, le_, eq_;  // per point: the points that must be <, <=, = to it
};

// The TimeML relations as endpoint constraints, from the TimeML definitions (sides: a.start,
// a.end, b.start, b.end).
enum Side : int { AS = 0, AE = 1, BS = 2, BE = 3 };
struct SpecCons {
  int l, op, r;
};
std::vector<SpecCons> spec(Relation r, const GraphOptions& o) {
  const int inc = o.includes == IncludesReading::strict ? LT : LE;
  const std::vector<SpecCons> simultaneous{{AS, EQ, BS}, {AE, EQ, BE}};
  const std::vector<SpecCons> includes{{AS, inc, BS}, {BE, inc, AE}};
  const std::vector<SpecCons> included{{BS, inc, AS}, {AE, inc, BE}};
  const bool simul = o.during == DuringReading::simultaneous;
  switch (r) {
    case Relation::before:
      return {{AE, LT, BS}};
    case Relation::after:
      return {{BE, LT, AS}};
    case Relation::ibefore:
      return {{AE, EQ, BS}};
    case Relation::iafter:
      return {{BE, EQ, AS}};
    case Relation::begins:
      return {{AS, EQ, BS}, {AE, LT, BE}};
    case Relation::begun_by:
      return {{AS, EQ, BS}, {BE, LT, AE}};
    case Relation::ends:
      return {{AE, EQ, BE}, {BS, LT, AS}};
    case Relation::ended_by:
      return {{AE, EQ, BE}, {AS, LT, BS}};
    case Relation::simultaneous:
    case Relation::identity:
      return simultaneous;
    case Relation::includes:
      return includes;
    case Relation::is_included:
      return included;
    case Relation::during:
      return simul ? simultaneous : included;
    case Relation::during_inv:
      return simul ? simultaneous : includes;
    case Relation::vague:
      return {};
  }
  return {};
}
std::vector<SpecCons> spec(const EndpointConstraint& c) {
  const int a = c.from == Endpoint::start ? AS : AE, b = c.to == Endpoint::start ? BS : BE;
  switch (c.op) {
    case PointOp::less:
      return {{a, LT, b}};
    case PointOp::less_equal:
      return {{a, LE, b}};
    case PointOp::equal:
      return {{a, EQ, b}};
    case PointOp::greater_equal:
      return {{b, LE, a}};
    case PointOp::greater:
      return {{b, LT, a}};
  }
  return {};
}

constexpr Relation all_relations[] = {
    Relation::before,  Relation::after,      Relation::includes,     Relation::is_included,
    Relation::during,  Relation::during_inv, Relation::simultaneous, Relation::identity,
    Relation::ibefore, Relation::iafter,     Relation::begins,       Relation::begun_by,
    Relation::ends,    Relation::ended_by};

struct LinkSpec {
  int a = 0, b = 0;
  bool is_relation = true;
  Relation relation = Relation::vague;
  EndpointConstraint constraint;
  double confidence = 1.0;
  std::vector<SpecCons> cons(const GraphOptions& o) const {
    return is_relation ? spec(relation, o) : spec(constraint);
  }
};
constexpr int neg_inf_day = -1000, pos_inf_day = 1000;
struct BoundSpec {
  int node = 0, earliest = 0, latest = 0;  // days after 2022-01-01, or +-1000 for infinity
  bool exact = false;
};
struct Input {
  int n = 0;
  std::vector<LinkSpec> links;
  std::vector<BoundSpec> bounds;
  GraphOptions options;
};

Instant day_instant(int d) {
  if (d <= neg_inf_day) return Instant(boost::date_time::neg_infin);
  if (d >= pos_inf_day) return Instant(boost::date_time::pos_infin);
  return Instant(Date(2022, 1, 1) + boost::gregorian::days(d));
}

// The network of a subset of the input: intervals first, then the instants bounds use.
struct Built {
  Network net{0};
  std::vector<int> instants;  // sorted days; point 2n + i is instants[i]
};
Built network(const Input& in, const std::vector<bool>& use_link,
              const std::vector<bool>& use_bound) {
  std::vector<int> days;
  for (std::size_t i = 0; i < in.bounds.size(); ++i) {
    if (!use_bound[i]) continue;
    for (const int d : {in.bounds[i].earliest, in.bounds[i].latest}) {
      if (d > neg_inf_day && d < pos_inf_day) days.push_back(d);
    }
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  Built b;
  b.instants = days;
  b.net = Network(2 * in.n + static_cast<int>(days.size()));
  auto instant = [&](int d) {
    return 2 * in.n +
           static_cast<int>(std::lower_bound(days.begin(), days.end(), d) - days.begin());
  };
  for (int i = 0; i < in.n; ++i) b.net.add(2 * i, LT, 2 * i + 1);
  for (std::size_t i = 0; i + 1 < days.size(); ++i) {
    b.net.add(instant(days[i]), LT, instant(days[i + 1]));
  }
  for (std::size_t k = 0; k < in.links.size(); ++k) {
    if (!use_link[k]) continue;
    const auto& l = in.links[k];
    for (const auto& c : l.cons(in.options)) {
      const int p = 2 * (c.l >= BS ? l.b : l.a) + (c.l & 1);
      const int q = 2 * (c.r >= BS ? l.b : l.a) + (c.r & 1);
      b.net.add(p, c.op, q);
    }
  }
  for (std::size_t i = 0; i < in.bounds.size(); ++i) {
    if (!use_bound[i]) continue;
    const auto& bd = in.bounds[i];
    const int s = 2 * bd.node, e = s + 1;
    if (bd.earliest > neg_inf_day && bd.earliest < pos_inf_day) {
      b.net.add(instant(bd.earliest), bd.exact ? EQ : LE, s);
    }
    if (bd.latest > neg_inf_day && bd.latest < pos_inf_day) {
      b.net.add(e, bd.exact ? EQ : LE, instant(bd.latest));
    }
    // An infinite earliest bound that is +inf (or latest -inf) cannot be met.
    if (bd.earliest >= pos_inf_day || bd.latest <= neg_inf_day) b.net.add(s, LT, s);
  }
  return b;
}

// What the brute force knows of points p and q: the possible orders as PointRelation bits.
u32 relation_bits(const Network& net, const Ints<u32>& rows, int p, int q) {
  const bool lt = rows[p] >> q & 1, gt = rows[q] >> p & 1;
  const bool eq = (!lt && !gt) || net.equal_possible(p, q);
  return (lt ? 1u : 0u) | (eq ? 2u : 0u) | (gt ? 4u : 0u);
}
bool satisfies(u32 bits, int op) {
  if (op == LT) return bits == 1;
  if (op == LE) return (bits & 4) == 0;
  return bits == 2;
}

// implies[r1][r2]: every placement of two intervals that satisfies r1 satisfies r2.
std::array<std::array<bool, 15>, 15> implication_table(const GraphOptions& o) {
  std::array<std::array<bool, 15>, 15> t{};
  for (const Relation r1 : all_relations) {
    Network net(4);
    net.add(AS, LT, AE);
    net.add(BS, LT, BE);
    for (const auto& c : spec(r1, o)) net.add(c.l, c.op, c.r);
    const auto rows = net.before_possible();
    for (const Relation r2 : all_relations) {
      bool all = true;
      for (const auto& c : spec(r2, o))
        all = all && satisfies(relation_bits(net, rows, c.l, c.r), c.op);
      t[static_cast<std::size_t>(r1)][static_cast<std::size_t>(r2)] = all;
    }
  }
  return t;
}

Input random_input(u64 seed, const GraphOptions& options) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<u64>(n)); };
  Input in;
  in.options = options;
  in.n = 2 + pick(7);
  const int mode = pick(3);  // 0: random links; 1: links true of a hidden timeline; 2: both
  Ints<int> hs(in.n, 0), he(in.n, 0);
  for (int i = 0; i < in.n; ++i) hs[i] = pick(6), he[i] = hs[i] + 1 + pick(3);
  auto value = [&](const LinkSpec& l, int side) {
    const int node = side >= BS ? l.b : l.a;
    return (side & 1) ? he[node] : hs[node];
  };
  auto holds = [&](const LinkSpec& l) {
    for (const auto& c : l.cons(options)) {
      const int x = value(l, c.l), y = value(l, c.r);
      if (!(c.op == LT ? x < y : c.op == LE ? x <= y : x == y)) return false;
    }
    return true;
  };
  const int m = pick(2 * in.n + 2);
  for (int k = 0; k < m; ++k) {
    LinkSpec l;
    l.a = pick(in.n);
    l.b = pick(in.n);
    if (l.a == l.b && pick(8) != 0) l.b = (l.a + 1) % in.n;
    l.confidence = 0.2 * (1 + pick(5));
    const bool hidden = mode == 1 || (mode == 2 && pick(4) != 0);
    for (int attempt = 0; attempt < 64; ++attempt) {
      l.is_relation = pick(10) < 7;
      if (l.is_relation) {
        l.relation = static_cast<Relation>(pick(15));
      } else {
        l.constraint =
            EndpointConstraint{static_cast<Endpoint>(pick(2)), static_cast<PointOp>(pick(5)),
                               static_cast<Endpoint>(pick(2))};
      }
      if (!hidden || holds(l)) break;
    }
    if (hidden && !holds(l)) continue;
    in.links.push_back(l);
  }
  for (int i = 0; i < in.n; ++i) {
    if (pick(3) != 0) continue;
    BoundSpec b;
    b.node = i;
    b.exact = pick(3) == 0;
    if (mode == 1) {
      b.earliest = b.exact ? hs[i] : hs[i] - pick(2);
      b.latest = b.exact ? he[i] : he[i] + pick(2);
      if (!b.exact && pick(6) == 0) b.earliest = neg_inf_day;
      if (!b.exact && pick(6) == 0) b.latest = pos_inf_day;
    } else {
      b.earliest = pick(7) - 1;
      b.latest = b.earliest + pick(4);
      if (pick(8) == 0) b.earliest = neg_inf_day;
      if (pick(8) == 0) b.latest = pos_inf_day;
    }
    in.bounds.push_back(b);
  }
  return in;
}

std::string name(int i) {
  return "i" + std::to_string(i);
}

void add_links(Graph& g, const Input& in, std::size_t from, std::size_t to) {
  for (std::size_t k = from; k < to; ++k) {
    const auto& l = in.links[k];
    const std::string prov = "k" + std::to_string(k);
    if (l.is_relation) {
      g.add_link(static_cast<NodeId>(l.a), static_cast<NodeId>(l.b), l.relation, prov,
                 l.confidence);
    } else {
      g.add_constraint(static_cast<NodeId>(l.a), static_cast<NodeId>(l.b), l.constraint, prov,
                       l.confidence);
    }
  }
}

void add_nodes(Graph& g, const Input& in) {
  for (int i = 0; i < in.n; ++i) {
    const auto b = std::find_if(in.bounds.begin(), in.bounds.end(),
                                [&](const BoundSpec& x) { return x.node == i; });
    std::optional<Bounds> bounds;
    if (b != in.bounds.end()) bounds = Bounds{day_instant(b->earliest), day_instant(b->latest)};
    g.add_node(name(i), NodeKind::event, static_cast<std::uint32_t>(10 * i), bounds,
               b != in.bounds.end() && b->exact ? BoundsFit::exact : BoundsFit::within);
  }
}

Graph build(const Input& in) {
  Graph g(in.options);
  add_nodes(g, in);
  add_links(g, in, 0, in.links.size());
  return g;
}

// Everything the graph says about the input, as text (for run-to-run comparison).
std::string transcript(const Graph& g, const Input& in, bool with_proofs) {
  std::ostringstream out;
  for (const auto& c : g.contradictions()) out << g.describe(c) << "\n";
  for (int a = 0; a < in.n; ++a) {
    const auto b = g.bounds(static_cast<NodeId>(a));
    out << calendar::to_iso(b.earliest_start) << " " << calendar::to_iso(b.latest_start) << " "
        << calendar::to_iso(b.earliest_end) << " " << calendar::to_iso(b.latest_end) << "\n";
    for (int b2 = 0; b2 < in.n; ++b2) {
      const auto r = g.relation(static_cast<NodeId>(a), static_cast<NodeId>(b2));
      out << to_string(r.relation) << " " << to_string(r.endpoints.start_start)
          << to_string(r.endpoints.start_end) << to_string(r.endpoints.end_start)
          << to_string(r.endpoints.end_end);
      if (with_proofs) {
        for (const auto l : r.proof.links) out << " L" << l;
        for (const auto n : r.proof.bounds) out << " B" << n;
      }
      out << "\n";
    }
  }
  for (const auto& row : g.timeline()) out << row.node << ":" << row.group << " ";
  return out.str();
}

std::string describe_input(const Input& in) {
  std::ostringstream out;
  out << in.n << " intervals;";
  for (const auto& l : in.links) {
    out << " " << name(l.a) << " "
        << (l.is_relation ? std::string(to_string(l.relation)) : to_string(l.constraint)) << " "
        << name(l.b) << " (" << l.confidence << ");";
  }
  for (const auto& b : in.bounds) {
    out << " " << name(b.node) << (b.exact ? " = [" : " in [") << b.earliest << ", " << b.latest
        << ");";
  }
  return out.str();
}

struct Tally {
  int graphs = 0, inconsistent = 0, pairs = 0, entailed = 0, proofs_checked = 0;
};

// Compares the graph of one random input with the brute force; returns the disagreements.
std::string check(const Input& in, const Graph& g,
                  const std::array<std::array<bool, 15>, 15>& implies, Tally& tally) {
  std::ostringstream bad;
  const std::vector<bool> all_links(in.links.size(), true), all_bounds(in.bounds.size(), true);
  const bool consistent = network(in, all_links, all_bounds).net.consistent();
  ++tally.graphs;
  if (!consistent) ++tally.inconsistent;
  if (consistent != g.contradictions().empty()) {
    bad << "consistency: brute force " << consistent << ", graph reports "
        << g.contradictions().size() << " contradictions\n";
  }
  // What the graph kept must be consistent; each contradiction's witness must not be.
  std::vector<bool> kept_links(in.links.size()), kept_bounds(in.bounds.size());
  for (std::size_t k = 0; k < in.links.size(); ++k)
    kept_links[k] = !g.link(static_cast<LinkId>(k)).dropped;
  for (std::size_t i = 0; i < in.bounds.size(); ++i) {
    kept_bounds[i] = !g.node(static_cast<NodeId>(in.bounds[i].node)).bounds_dropped;
  }
  for (const auto& c : g.contradictions()) {
    std::vector<bool> wl(in.links.size(), false), wb(in.bounds.size(), false);
    for (const auto l : c.links) wl[l] = true;
    for (const auto n : c.bounds) {
      for (std::size_t i = 0; i < in.bounds.size(); ++i) {
        if (in.bounds[i].node == static_cast<int>(n)) wb[i] = true;
      }
    }
    if (network(in, wl, wb).net.consistent())
      bad << "witness is consistent: " << g.describe(c) << "\n";
    const bool names_drop = (c.dropped_link && wl[*c.dropped_link]) ||
                            (c.dropped_bounds && std::find(c.bounds.begin(), c.bounds.end(),
                                                           *c.dropped_bounds) != c.bounds.end());
    if (!names_drop) bad << "dropped item not on the witness: " << g.describe(c) << "\n";
  }
  const Built kept = network(in, kept_links, kept_bounds);
  const auto rows = kept.net.before_possible();
  if (rows.empty()) {
    bad << "what the graph kept is inconsistent\n";
    return bad.str();
  }
  // Bounds of every endpoint: the latest instant it is never before, the earliest it is never
  // after.
  for (int a = 0; a < in.n; ++a) {
    const auto nb = g.bounds(static_cast<NodeId>(a));
    for (int end = 0; end < 2; ++end) {
      const int p = 2 * a + end;
      Instant lo(boost::date_time::neg_infin), hi(boost::date_time::pos_infin);
      for (std::size_t i = 0; i < kept.instants.size(); ++i) {
        const int c = 2 * in.n + static_cast<int>(i);
        if (!(rows[p] >> c & 1)) lo = day_instant(kept.instants[i]);
        if (!(rows[c] >> p & 1) && hi.is_pos_infinity()) hi = day_instant(kept.instants[i]);
      }
      const Instant glo = end ? nb.earliest_end : nb.earliest_start;
      const Instant ghi = end ? nb.latest_end : nb.latest_start;
      if (glo != lo || ghi != hi) {
        bad << "bounds of " << name(a) << (end ? ".end" : ".start") << ": graph ["
            << calendar::to_iso(glo) << ", " << calendar::to_iso(ghi) << "], brute force ["
            << calendar::to_iso(lo) << ", " << calendar::to_iso(hi) << "]\n";
      }
    }
  }
  for (int a = 0; a < in.n; ++a) {
    for (int b = 0; b < in.n; ++b) {
      if (a == b) continue;
      ++tally.pairs;
      const auto r = g.relation(static_cast<NodeId>(a), static_cast<NodeId>(b));
      std::array<u32, 4> bits{};  // ss, se, es, ee
      for (std::size_t k = 0; k < 4; ++k) {
        const int ka = static_cast<int>(k >> 1), kb = static_cast<int>(k & 1);
        bits[k] = relation_bits(kept.net, rows, 2 * a + ka, 2 * b + kb);
      }
      const std::array<PointRelation, 4> got{r.endpoints.start_start, r.endpoints.start_end,
                                             r.endpoints.end_start, r.endpoints.end_end};
      for (std::size_t k = 0; k < 4; ++k) {
        if (static_cast<u32>(got[k]) != bits[k]) {
          bad << name(a) << " vs " << name(b) << " endpoint pair " << k << ": graph "
              << to_string(got[k]) << ", brute force bits " << bits[k] << "\n";
        }
      }
      auto side_bits = [&](int x, int y) {  // sides: AS, AE, BS, BE
        const int p = 2 * (x >= BS ? b : a) + (x & 1), q = 2 * (y >= BS ? b : a) + (y & 1);
        return relation_bits(kept.net, rows, p, q);
      };
      std::vector<Relation> entailed;
      for (const Relation rel : all_relations) {
        bool all = true;
        for (const auto& c : spec(rel, in.options))
          all = all && satisfies(side_bits(c.l, c.r), c.op);
        if (all) entailed.push_back(rel);
      }
      if (entailed.empty()) {
        if (r.relation != Relation::vague) {
          bad << name(a) << " vs " << name(b) << ": graph " << to_string(r.relation)
              << ", brute force VAGUE\n";
        }
        continue;
      }
      ++tally.entailed;
      const bool ok =
          std::find(entailed.begin(), entailed.end(), r.relation) != entailed.end() &&
          std::all_of(entailed.begin(), entailed.end(), [&](Relation x) {
            return implies[static_cast<std::size_t>(r.relation)][static_cast<std::size_t>(x)];
          });
      if (!ok) {
        bad << name(a) << " vs " << name(b) << ": graph " << to_string(r.relation)
            << ", brute force entails";
        for (const auto x : entailed) bad << " " << to_string(x);
        bad << "\n";
        continue;
      }
      // The proof alone must entail the relation.
      std::vector<bool> pl(in.links.size(), false), pb(in.bounds.size(), false);
      for (const auto l : r.proof.links) pl[l] = true;
      for (const auto n : r.proof.bounds) {
        for (std::size_t i = 0; i < in.bounds.size(); ++i) {
          if (in.bounds[i].node == static_cast<int>(n) && kept_bounds[i]) pb[i] = true;
        }
      }
      const Built proof = network(in, pl, pb);
      const auto prows = proof.net.before_possible();
      bool proved = !prows.empty();
      for (const auto& c : spec(r.relation, in.options)) {
        if (!proved) break;
        const int p = 2 * (c.l >= BS ? b : a) + (c.l & 1), q = 2 * (c.r >= BS ? b : a) + (c.r & 1);
        proved = satisfies(relation_bits(proof.net, prows, p, q), c.op);
      }
      ++tally.proofs_checked;
      if (!proved) {
        bad << name(a) << " vs " << name(b) << ": the proof of " << to_string(r.relation)
            << " does not entail it:";
        for (const auto l : r.proof.links) bad << " k" << l;
        for (const auto n : r.proof.bounds) bad << " bounds of " << name(static_cast<int>(n));
        bad << "\n";
      }
    }
  }
  return bad.str();
}

void run_property(const GraphOptions& options, u64 first_seed, int graphs) {
  const auto implies = implication_table(options);
  Tally tally;
  for (int k = 0; k < graphs; ++k) {
    const u64 seed = first_seed + static_cast<u64>(k);
    const Input in = random_input(seed, options);
    const std::string bad = check(in, build(in), implies, tally);
    INFO("seed " << seed << ": " << describe_input(in));
    CHECK(bad == "");
  }
  INFO(tally.graphs << " graphs, " << tally.inconsistent << " inconsistent, " << tally.pairs
                    << " pairs, " << tally.entailed << " entailing a relation");
  CHECK(tally.graphs == graphs);
  // The generator must exercise both sides.
  CHECK(tally.inconsistent > graphs / 10);
  CHECK(tally.entailed > tally.pairs / 5);
}

}  // namespace

// Under AddressSanitizer a third of the graphs: there the runs check memory safety, and the
// full counts (run in every other build) took a minute of CI.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kGraphShare = 3;
#else
constexpr int kGraphShare = 1;
#endif

TEST_CASE("relations, bounds and contradictions agree with brute force (default readings)") {
  run_property(GraphOptions{}, 1000, 1500 / kGraphShare);
}

TEST_CASE(
    "relations, bounds and contradictions agree with brute force (loose INCLUDES, "
    "DURING as IS_INCLUDED)") {
  run_property(GraphOptions{IncludesReading::loose, DuringReading::is_included}, 50000,
               1000 / kGraphShare);
}

TEST_CASE("results are identical across runs; links added after queries") {
  const auto implies = implication_table(GraphOptions{});
  Tally tally;
  for (u64 seed = 7000; seed < 8000; ++seed) {
    const Input in = random_input(seed, GraphOptions{});
    const std::string first = transcript(build(in), in, true);
    const std::string second = transcript(build(in), in, true);
    INFO("seed " << seed << ": " << describe_input(in));
    CHECK(first == second);
    // The same links in instalments with queries between: three, or one link at a time.
    Graph g(in.options);
    add_nodes(g, in);
    if (seed % 2 == 0) {
      const std::size_t third = in.links.size() / 3;
      add_links(g, in, 0, third);
      (void)g.relation(NodeId{0}, NodeId{1});
      add_links(g, in, third, 2 * third);
      (void)g.timeline();
      add_links(g, in, 2 * third, in.links.size());
    } else {
      for (std::size_t k = 0; k < in.links.size(); ++k) {
        add_links(g, in, k, k + 1);
        const auto n = static_cast<std::size_t>(in.n);
        (void)g.relation(static_cast<NodeId>(k % n), static_cast<NodeId>((k + 1) % n));
      }
    }
    // Right by the brute force on what it kept (drops made early stand, so an inconsistent
    // input may keep other links than a graph that saw everything at once) ...
    CHECK(check(in, g, implies, tally) == "");
    // ... and, when nothing contradicts, the same answers as that graph (proofs may take other
    // routes, so they are left out).
    if (g.contradictions().empty()) {
      CHECK(transcript(g, in, false) == transcript(build(in), in, false));
    }
  }
  CHECK(tally.inconsistent > 100);
}

TEST_CASE("a large graph built incrementally answers as one built at once") {
  // 400 intervals with links true of a hidden timeline, added in 20 instalments with queries
  // between (each instalment is small next to the graph, so it goes in incrementally).
  std::mt19937_64 rng(42);
  auto pick = [&](int m) { return static_cast<int>(rng() % static_cast<u64>(m)); };
  const int n = 400;
  Ints<int> s(n, 0), e(n, 0);
  for (int i = 0; i < n; ++i) s[i] = pick(300), e[i] = s[i] + 1 + pick(20);
  Graph inc, batch;
  for (Graph* g : {&inc, &batch}) {
    for (int i = 0; i < n; ++i) g->add_event(name(i), static_cast<std::uint32_t>(i));
  }
  std::vector<std::array<int, 3>> links;
  for (int k = 0; k < 1600; ++k) {
    const int a = pick(n), b = pick(n);
    if (a == b) continue;
    Relation r = Relation::vague;
    if (e[a] < s[b])
      r = Relation::before;
    else if (e[a] == s[b])
      r = Relation::ibefore;
    else if (s[a] == s[b] && e[a] == e[b])
      r = Relation::simultaneous;
    else if (s[a] < s[b] && e[b] < e[a])
      r = Relation::includes;
    else if (s[a] == s[b] && e[a] < e[b])
      r = Relation::begins;
    else if (e[a] == e[b] && s[b] < s[a])
      r = Relation::ends;
    if (r == Relation::vague) continue;
    links.push_back({a, b, static_cast<int>(r)});
  }
  for (std::size_t k = 0; k < links.size(); ++k) {
    batch.add_link(static_cast<NodeId>(links[k][0]), static_cast<NodeId>(links[k][1]),
                   static_cast<Relation>(links[k][2]));
  }
  // The first half at once, then small instalments.
  const std::size_t half = links.size() / 2;
  for (std::size_t k = 0; k < links.size(); ++k) {
    inc.add_link(static_cast<NodeId>(links[k][0]), static_cast<NodeId>(links[k][1]),
                 static_cast<Relation>(links[k][2]));
    if (k >= half && k % 40 == 0) (void)inc.relation(NodeId{0}, static_cast<NodeId>(k % n));
  }
  CHECK(inc.contradictions().empty());
  CHECK(batch.contradictions().empty());
  int differ = 0;
  for (int a = 0; a < n; a += 3) {
    for (int b = 0; b < n; b += 7) {
      if (inc.relation(static_cast<NodeId>(a), static_cast<NodeId>(b)).relation !=
              batch.relation(static_cast<NodeId>(a), static_cast<NodeId>(b)).relation ||
          !(inc.endpoint_relations(static_cast<NodeId>(a), static_cast<NodeId>(b)) ==
            batch.endpoint_relations(static_cast<NodeId>(a), static_cast<NodeId>(b)))) {
        ++differ;
      }
    }
  }
  CHECK(differ == 0);
}
