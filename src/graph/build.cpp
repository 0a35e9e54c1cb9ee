// The full build: union-find over "=", Kahn's topological order over the point classes (with
// Tarjan's strongly connected components when a cycle is left), contradiction resolution, the
// compressed adjacency, landmarks and the two bound sweeps.
#include <algorithm>
#include <numeric>
#include <set>

#include "engine.hpp"

namespace chronicle::detail {

using namespace graph;

namespace {

u32 find_root(std::vector<u32>& parent, u32 x) {
  while (parent[x] != x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

// A class-level edge of a cycle search: u -> v through one constraint (u and v: the classes'
// places in their component, in the order of class ids).
struct LocalEdge {
  u32 u, v, ref;
  bool strict;
};

// A double-ended queue of node indices for 0-1 breadth-first search, kept between searches.
class Deque01 {
 public:
  void clear() { head_ = size_ = 0; }
  bool empty() const { return size_ == 0; }
  void push_front(u32 x) {
    grow();
    head_ = (head_ - 1) & mask();
    buf_[head_] = x;
    ++size_;
  }
  void push_back(u32 x) {
    grow();
    buf_[(head_ + size_) & mask()] = x;
    ++size_;
  }
  u32 pop_front() {
    const u32 x = buf_[head_];
    head_ = (head_ + 1) & mask();
    --size_;
    return x;
  }

 private:
  std::size_t mask() const { return buf_.size() - 1; }
  void grow() {
    if (size_ < buf_.size()) return;
    std::vector<u32> bigger(buf_.empty() ? 64 : 2 * buf_.size());
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = buf_[(head_ + i) & mask()];
    buf_.swap(bigger);
    head_ = 0;
  }
  std::vector<u32> buf_;
  std::size_t head_ = 0, size_ = 0;
};

// The constraints of one strongly connected component with a strict constraint, between its
// classes, for the search of shortest cycles. The adjacency is built once per component: the
// constraints of a dropped link are marked gone rather than the lists rebuilt, which leaves
// every search as it would be on lists built without them.
class StrictComponent {
 public:
  // A component of n classes and its edges, in the order of their refs (each_order's): ordering
  // them by class is then a stable counting sort, and the order by ref is where each went.
  void load(const std::vector<LocalEdge>& edges, u32 n) {
    const std::size_t m = edges.size();
    first_.assign(n + 1, 0);
    for (const auto& e : edges) ++first_[e.u + 1];
    for (std::size_t i = 0; i < n; ++i) first_[i + 1] += first_[i];
    edges_.resize(m);
    head_.resize(m);
    tail_.resize(m);
    step_.resize(m);
    by_ref_.resize(m);
    degree_.assign(n, 0);
    back_.assign(first_.begin(), first_.end() - 1);  // each class's next slot
    for (std::size_t j = 0; j < m; ++j) {
      const LocalEdge& e = edges[j];
      const u32 k = back_[e.u]++;
      edges_[k] = e;
      tail_[k] = e.u;
      head_[k] = e.v;
      step_[k] = (e.ref & axiom_bit) ? 0 : 1;
      by_ref_[j] = k;
      ++degree_[e.u];
      ++degree_[e.v];
    }
    live_nodes_ = n;
    live_edges_ = m;
    strict_.clear();
    for (const u32 k : by_ref_) {
      if (edges_[k].strict) strict_.push_back(k);
    }
    dist_.assign(n, npos);
    via_.resize(n);
    stamp_.assign(n, 0);
    epoch_ = 0;
    known_.assign(strict_.size(), Known{});
    paths_.clear();
  }

  // A shortest cycle through one of the first strict constraints (by ref; all of them while
  // the component is small enough for that many searches), as its refs from that constraint
  // on; false when none of them is on a cycle.
  //
  // Each try asks for the shortest path back from the constraint's end to its start (links
  // weigh 1, start < end weighs 0); the first try with the shortest cycle wins. Constraints
  // are only ever taken out, so a path's length never falls: what a try found is kept, and a
  // later call reuses it while that path is intact (its length is then still the shortest),
  // skips the try when its last length cannot beat the best so far, and searches again only
  // otherwise. The winner's path is the one a fresh search finds (searched again if needed):
  // the answer is the same as searching every try anew, at a fraction of the work.
  bool shortest_cycle(std::vector<u32>& best) {
    const std::size_t work = live_nodes_ + live_edges_ + 1;
    const std::size_t tries =
        std::max<std::size_t>(1, std::min<std::size_t>(64, 20'000'000 / work));
    best.clear();
    u32 best_len = npos, winner = npos;
    bool winner_fresh = false;
    std::size_t tried = 0;
    for (std::size_t s = 0; s < strict_.size() && tried < tries; ++s) {
      const u32 ek = strict_[s];
      if (step_[ek] & gone) continue;
      ++tried;
      const u32 we = (edges_[ek].ref & axiom_bit) ? 0 : 1;
      // Only a cycle shorter than the best so far counts: a path of `limit` or more does not.
      const u32 limit = best_len == npos ? npos : best_len - we;
      if (limit == 0) continue;
      Known& k = known_[s];
      if (k.dist == npos || k.dist >= limit) continue;  // no path, or none short enough
      bool fresh = false;
      if (!intact(k)) {
        if (!search(head_[ek], tail_[ek], limit)) {
          // Nothing below the limit (nothing at all without one): a lower bound from now on.
          k.dist = limit;
          k.path_len = 0;
          continue;
        }
        keep_path(k, head_[ek], tail_[ek]);
        fresh = true;
      }
      best_len = k.dist + we;
      winner = static_cast<u32>(s);
      winner_fresh = fresh;
    }
    if (winner == npos) return false;
    const u32 ek = strict_[winner];
    const Known& k = known_[winner];
    best.assign(1, edges_[ek].ref);
    if (winner_fresh) {
      for (u32 i = 0; i < k.path_len; ++i) best.push_back(edges_[paths_[k.path_at + i]].ref);
      return true;
    }
    // A path kept from an earlier call: the fresh search may now find another of its length.
    search(head_[ek], tail_[ek], k.dist + 1);
    back_.clear();
    for (u32 x = tail_[ek]; x != head_[ek]; x = tail_[via_[x]]) back_.push_back(via_[x]);
    for (auto it = back_.rbegin(); it != back_.rend(); ++it) best.push_back(edges_[*it].ref);
    return true;
  }

  // Takes the constraints of link l out of the component.
  void remove_link(u32 l) {
    auto it = std::lower_bound(by_ref_.begin(), by_ref_.end(), 2 * l,
                               [&](u32 k, u32 ref) { return edges_[k].ref < ref; });
    for (; it != by_ref_.end() && edges_[*it].ref <= 2 * l + 1; ++it) {
      const u32 k = *it;
      if (step_[k] & gone) continue;
      step_[k] |= gone;
      --live_edges_;
      if (--degree_[tail_[k]] == 0) --live_nodes_;
      if (--degree_[head_[k]] == 0) --live_nodes_;
    }
  }

 private:
  std::vector<LocalEdge> edges_;          // by (from class, ref)
  std::vector<u32> first_, head_, tail_;  // adjacency by node index
  std::vector<u32> degree_;               // live constraints at each node
  // Per edge, what the searches read of it: its weight (1 for a link, 0 for start < end) and
  // `gone` once its link was dropped.
  static constexpr u8 gone = 2;
  std::vector<u8> step_;
  std::vector<u32> by_ref_, strict_;            // edge indices by ref; the strict ones
  std::vector<u32> dist_, via_, stamp_, back_;  // search state
  u32 epoch_ = 0;
  // Per strict constraint (as strict_), what its last search found: the length of the
  // shortest path back (npos: none; a lower bound when path_len is 0) and that path's edges.
  struct Known {
    u32 dist = 0, path_at = 0, path_len = 0;
  };
  std::vector<Known> known_;
  std::vector<u32> paths_;  // the kept paths' edge indices, each from its start on

  // Whether k holds a path none of whose constraints were taken out since it was found.
  bool intact(const Known& k) const {
    if (k.path_len == 0) return false;
    for (u32 i = 0; i < k.path_len; ++i) {
      if (step_[paths_[k.path_at + i]] & gone) return false;
    }
    return true;
  }

  // A 0-1 breadth-first search from src for dst, of the paths shorter than `limit`; leaves
  // dist_ and via_ (this epoch's) set. Popped nodes come in order of distance, so what is
  // found below the limit, and how, is as without it.
  bool search(u32 src, u32 dst, u32 limit) {
    if (++epoch_ == 0) {
      std::fill(stamp_.begin(), stamp_.end(), 0u);
      epoch_ = 1;
    }
    auto dist = [&](u32 x) { return stamp_[x] == epoch_ ? dist_[x] : npos; };
    dq_.clear();
    stamp_[src] = epoch_;
    dist_[src] = 0;
    dq_.push_back(src);
    while (!dq_.empty()) {
      const u32 x = dq_.pop_front();
      if (x == dst) break;
      const u32 dx = dist_[x];
      if (dx >= limit) break;
      u32 k = first_[x];
      const u32 end = first_[x + 1];
      if (dx + 1 >= limit) {
        // Only start < end (weight 0) can still help; those refs sort last.
        k = end;
        while (k > first_[x] && !(step_[k - 1] & 1)) --k;
      }
      for (; k < end; ++k) {
        const u8 step = step_[k];
        if (step & gone) continue;
        const u32 y = head_[k];
        const u32 w = step & 1;
        if (dx + w < dist(y)) {
          stamp_[y] = epoch_;
          dist_[y] = dx + w;
          via_[y] = k;
          if (w == 0) {
            dq_.push_front(y);
          } else {
            dq_.push_back(y);
          }
        }
      }
    }
    return dist(dst) < limit;
  }

  // Keeps the path the last search found from src to dst in k.
  void keep_path(Known& k, u32 src, u32 dst) {
    k.dist = dist_[dst];
    back_.clear();
    for (u32 x = dst; x != src; x = tail_[via_[x]]) back_.push_back(via_[x]);
    k.path_at = static_cast<u32>(paths_.size());
    k.path_len = static_cast<u32>(back_.size());
    paths_.insert(paths_.end(), back_.rbegin(), back_.rend());
  }
  std::size_t live_nodes_ = 0, live_edges_ = 0;
  Deque01 dq_;
};

}  // namespace

void GraphEngine::inner_path(u32 from, u32 to, const std::vector<InnerEdge>* inner,
                             std::vector<u32>& refs) const {
  if (from == to) return;
  if (!inner) {
    index_inner_path(from, to, refs);
    return;
  }
  // During a build: breadth-first over the class-internal constraints listed so far (few:
  // this only runs to describe a contradiction).
  std::vector<std::pair<u32, std::pair<u32, u32>>> came{
      {from, {npos, npos}}};  // point, (prev, ref)
  auto seen = [&](u32 x) {
    return std::any_of(came.begin(), came.end(), [&](const auto& c) { return c.first == x; });
  };
  bool found = false;
  for (std::size_t h = 0; h < came.size() && !found; ++h) {
    const u32 x = came[h].first;
    auto it = std::lower_bound(inner->begin(), inner->end(), InnerEdge{x, 0, 0});
    for (; it != inner->end() && it->from == x && !found; ++it) {
      if (seen(it->to)) continue;
      came.push_back({it->to, {x, it->ref}});
      found = it->to == to;
    }
  }
  if (!found) return;  // cannot happen for points of one class
  std::vector<u32> back;
  for (u32 x = to; x != from;) {
    const auto& c =
        *std::find_if(came.begin(), came.end(), [&](const auto& e) { return e.first == x; });
    back.push_back(c.second.second);
    x = c.second.first;
  }
  refs.insert(refs.end(), back.rbegin(), back.rend());
}

GraphEngine::u32 GraphEngine::eq_parent(u32 p) const {
  const u32 ref = p < eq_up_.size() ? eq_up_[p] : npos;
  if (ref == npos) return npos;
  const auto [a, b] = ref_points(ref);
  return a == p ? b : a;
}

GraphEngine::u32 GraphEngine::eq_root(u32 p) const {
  for (u32 up = eq_parent(p); up != npos; up = eq_parent(p)) p = up;
  return p;
}

void GraphEngine::tree_path(u32 a, u32 b, std::vector<u32>& refs) const {
  // Up from a to the root, then up from b until a point on a's way: the two halves.
  thread_local std::vector<u32> up_a;
  up_a.clear();
  for (u32 x = a; x != npos; x = eq_parent(x)) up_a.push_back(x);
  thread_local std::vector<u32> from_b;
  from_b.clear();
  u32 x = b;
  auto meet = up_a.end();
  while ((meet = std::find(up_a.begin(), up_a.end(), x)) == up_a.end()) {
    from_b.push_back(eq_up_[x]);
    x = eq_parent(x);
  }
  for (auto it = up_a.begin(); it != meet; ++it) refs.push_back(eq_up_[*it]);
  refs.insert(refs.end(), from_b.rbegin(), from_b.rend());
}

void GraphEngine::index_inner_path(u32 from, u32 to, std::vector<u32>& refs) const {
  // Points of a class are joined by the union-find's spanning trees of equalities (eq_up_),
  // and those trees by the class's other internal constraints (cycles of "<=", incremental
  // merges): a path is tree paths between such constraints.
  const u32 rf = eq_root(from), rt = eq_root(to);
  if (rf == rt) {
    tree_path(from, to, refs);
    return;
  }
  struct Edge {
    u32 p, q, ref, rp, rq;
  };
  std::vector<Edge> edges;
  auto add = [&](u32 ref) {
    const auto [p, q] = ref_points(ref);
    const u32 rp = eq_root(p), rq = eq_root(q);
    edges.push_back({p, q, ref, rp, rq});
    if (!(ref & axiom_bit) && table_[links_[ref >> 1].code()].c[ref & 1].op == op_eq) {
      edges.push_back({q, p, ref, rq, rp});
    }
  };
  for_members(cls(from), [&](u32 m) {
    auto it = std::lower_bound(inner_.begin(), inner_.end(), std::pair<u32, u32>{m, 0});
    for (; it != inner_.end() && it->first == m; ++it) add(it->second);
    if (touched(m)) {
      const auto extra = inner_extra_.find(m);
      if (extra != inner_extra_.end()) {
        for (const u32 ref : extra->second) add(ref);
      }
    }
  });
  // Breadth-first over the trees (by root).
  std::vector<std::pair<u32, u32>> came{{rf, npos}};  // root, edge that reached it
  bool found = false;
  for (std::size_t h = 0; h < came.size() && !found; ++h) {
    for (u32 i = 0; i < edges.size() && !found; ++i) {
      if (edges[i].rp != came[h].first) continue;
      const u32 r = edges[i].rq;
      if (std::any_of(came.begin(), came.end(), [&](const auto& c) { return c.first == r; })) {
        continue;
      }
      came.push_back({r, i});
      found = r == rt;
    }
  }
  if (!found) return;      // cannot happen for points of one class
  std::vector<u32> chain;  // edges from `from`'s tree to `to`'s
  for (u32 r = rt; r != rf;) {
    const auto& c =
        *std::find_if(came.begin(), came.end(), [&](const auto& e) { return e.first == r; });
    chain.push_back(c.second);
    r = edges[c.second].rp;
  }
  u32 cur = from;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    tree_path(cur, edges[*it].p, refs);
    refs.push_back(edges[*it].ref);
    cur = edges[*it].q;
  }
  tree_path(cur, to, refs);
}

void GraphEngine::expand(u32 from_point, const std::vector<u32>& refs, u32 to_point,
                         const std::vector<InnerEdge>* inner, std::vector<u32>& out) const {
  u32 cur = from_point;
  for (const u32 ref : refs) {
    const auto [s, t] = ref_points(ref);
    inner_path(cur, s, inner, out);
    out.push_back(ref);
    cur = t;
  }
  inner_path(cur, to_point, inner, out);
}

// A build's class-internal constraints, sorted, the equalities both ways round.
std::vector<InnerEdge> GraphEngine::both_ways(const std::vector<InnerEdge>& equal,
                                              const std::vector<InnerEdge>& loops) const {
  std::vector<InnerEdge> out(equal);
  for (const auto& e : equal) out.push_back({e.to, e.from, e.ref});
  out.insert(out.end(), loops.begin(), loops.end());
  std::sort(out.begin(), out.end());
  return out;
}

void GraphEngine::refs_to_witness(const std::vector<u32>& refs, Witness& w) const {
  w.links.reserve(w.links.size() + refs.size());  // one allocation, not one per doubling
  for (const u32 ref : refs) {
    if (ref & axiom_bit) continue;
    const u32 l = ref >> 1;
    if (std::find(w.links.begin(), w.links.end(), l) == w.links.end()) w.links.push_back(l);
  }
}

bool GraphEngine::resolve(Contradiction::Kind kind, Witness&& w, const Spent* spent,
                          bool bounds_only) {
  // The least confident item; ties: links before bounds, then the most recently added.
  bool have = false, is_link = false;
  u32 pick = 0;
  float conf = 2.0f;
  for (const u32 l : w.links) {
    if (bounds_only || (spent && spent->links.count(l))) continue;
    const float c = link_confidence_[l];
    if (!have || c < conf || (c == conf && (!is_link || l > pick))) {
      have = true, is_link = true, pick = l, conf = c;
    }
  }
  for (const u32 n : w.bounds) {
    if (spent && spent->bounds.count(n)) continue;
    auto it = std::lower_bound(bounds_.begin(), bounds_.end(), n,
                               [](const BoundRec& b, u32 x) { return b.node < x; });
    const float c = it->confidence;
    if (!have || c < conf || (c == conf && !is_link && n > pick)) {
      have = true, is_link = false, pick = n, conf = c;
    }
  }
  if (!have) return false;
  Contradiction c;
  c.kind = kind;
  c.links = std::move(w.links);
  c.bounds = std::move(w.bounds);
  if (have && is_link) {
    set_dropped(pick);
    c.dropped_link = pick;
  } else if (have) {
    std::lower_bound(bounds_.begin(), bounds_.end(), pick, [](const BoundRec& b, u32 x) {
      return b.node < x;
    })->dropped = true;
    c.dropped_bounds = pick;
  }
  contradictions_.push_back(std::move(c));
  return true;
}

bool GraphEngine::reuse_unions(const std::vector<u64>& was_dropped, std::vector<u32>& pdeg) const {
  // The links dropped since: none may hold an equality; their order constraints leave pdeg.
  for (std::size_t w = 0; w < link_dropped_.size(); ++w) {
    for (u64 fresh = link_dropped_[w] & ~was_dropped[w]; fresh; fresh &= fresh - 1) {
      const LinkRec& r =
          links_[static_cast<u32>(64 * w) + static_cast<u32>(__builtin_ctzll(fresh))];
      const ConsList& cl = table_[r.code()];
      for (u32 k = 0; k < cl.n; ++k) {
        if (cl.c[k].op == op_eq) return false;
      }
    }
  }
  for (std::size_t w = 0; w < link_dropped_.size(); ++w) {
    for (u64 fresh = link_dropped_[w] & ~was_dropped[w]; fresh; fresh &= fresh - 1) {
      const LinkRec& r =
          links_[static_cast<u32>(64 * w) + static_cast<u32>(__builtin_ctzll(fresh))];
      const ConsList& cl = table_[r.code()];
      for (u32 k = 0; k < cl.n; ++k) --pdeg[side_point(r, cl.c[k].lhs)];
    }
  }
  return true;
}

void GraphEngine::rebuild() {
  const u32 N = node_count();
  const u32 P = 2 * N;
  // Earlier drops stand: a contradiction is resolved once, when an update meets it.
  rep_.clear();
  absorbed_.clear();
  dfwd_.clear();
  drev_.clear();
  ord_.clear();
  incremental_work_ = 0;
  inner_extra_.clear();
  touched_.clear();
  delta_edges_ = 0;
  reverse_built_.store(false, std::memory_order_relaxed);  // an update runs alone (graph.hpp)
  masks_built_.store(false, std::memory_order_relaxed);
  // Release the old index before building the new one: peak memory is one index, not two.
  std::vector<u32>().swap(cls_);
  std::vector<ClassInfo>().swap(info_);
  std::vector<u32>().swap(fwd_off_);
  std::vector<u32>().swap(fwd_);
  std::vector<u32>().swap(rev_off_);
  std::vector<u32>().swap(rev_);
  std::vector<u32>().swap(rev_src_);
  std::vector<std::pair<u32, u32>>().swap(inner_);
  std::vector<u32>().swap(eq_up_);
  base_classes_ = 0;

  const u32 L = link_count();
  // The order constraints of every link and node (each_constraint), `map` prefetched.
  auto each_order = [&](auto&& f, const std::vector<u32>* map = nullptr) {
    each_constraint(L, N, f, map);
  };

  // each_order for the passes that fill adjacency: the random accesses of link l are
  // prefetched in three stages (its points' classes 24 links ahead, then what those classes
  // index 12 ahead, then the slots that will be written 4 ahead), so they overlap.
  // Arrays this small stay in cache: prefetching would only add work (every pass below asks).
  const bool in_cache = P < (u32{1} << 14);
  auto each_order_pipelined = [&](const std::vector<u32>& map, auto&& ahead2, auto&& ahead3,
                                  auto&& f) {
    if (in_cache) {
      each_order(f);
      return;
    }
    auto stage = [&](u32 l, auto&& g) {
      if (dropped(l)) return;
      const LinkRec& r = links_[l];
      const ConsList& cl = table_[r.code()];
      for (u32 k = 0; k < cl.n; ++k) {
        if (cl.c[k].op == op_eq) continue;
        g(map[side_point(r, cl.c[k].lhs)], map[side_point(r, cl.c[k].rhs)]);
      }
    };
    for (u32 l = 0; l < L; ++l) {
      if (l + 24 < L) {
        __builtin_prefetch(map.data() + 2 * links_[l + 24].from());
        __builtin_prefetch(map.data() + 2 * links_[l + 24].to());
      }
      if (l + 12 < L) stage(l + 12, ahead2);
      if (l + 4 < L) stage(l + 4, ahead3);
      if (dropped(l)) continue;
      const LinkRec& r = links_[l];
      const ConsList& cl = table_[r.code()];
      for (u32 k = 0; k < cl.n; ++k) {
        const Cons& c = cl.c[k];
        if (c.op == op_eq) continue;
        f(side_point(r, c.lhs), side_point(r, c.rhs), c.op == op_lt, 2 * l + k);
      }
    }
    for (u32 n = 0; n < N; ++n) {
      if (n + 12 < N) ahead2(map[2 * (n + 12)], map[2 * (n + 12) + 1]);
      if (n + 4 < N) ahead3(map[2 * (n + 4)], map[2 * (n + 4) + 1]);
      f(2 * n, 2 * n + 1, true, axiom_bit | n);
    }
  };

  std::vector<u32> parent, order, pdeg;
  std::vector<u32> off, tgt, indeg;           // the point-level adjacency that Kahn's order runs on
  std::vector<InnerEdge>& inner = eq_edges_;  // the unions' equalities
  inner.clear();
  std::vector<InnerEdge> loops;  // "<=" constraints inside merged cycles
  u32 bound_rounds = 0;
  // The union-find over "=" as the last round left it (before its cycles were merged), and
  // which links were dropped then: a round that dropped no link with an equality finds the
  // same unions, so the next one starts from these, taking the dropped links' order
  // constraints out of the counts, instead of passing over every link again. A round only
  // reads pdeg and inner: they stay as the next round would start from them, not copied. The
  // unions are replayed from inner: a set's root is its least point whatever the order of
  // unions, and a round reads only the roots.
  std::vector<u64> eq_dropped;
  for (;;) {  // one round per batch of drops
    if (!eq_dropped.empty() && reuse_unions(eq_dropped, pdeg)) {
      assign_huge(parent, P, 0u);
      std::iota(parent.begin(), parent.end(), 0u);
      for (const InnerEdge& e : inner) {
        const u32 a = find_root(parent, e.from), b = find_root(parent, e.to);
        parent[std::max(a, b)] = std::min(a, b);
      }
      loops.clear();
    } else {
      // Union-find over "=" (each union keeps its constraint, for proofs); on the way, each
      // point's count of order constraints, so that no pass over the links is needed to count.
      assign_huge(parent, P, 0u);
      std::iota(parent.begin(), parent.end(), 0u);
      assign_huge(pdeg, P, 0u);
      inner.clear();
      loops.clear();
      for (u32 l = 0; l < L; ++l) {
        if (!in_cache && l + 16 < L) {
          const LinkRec& ahead = links_[l + 16];
          __builtin_prefetch(pdeg.data() + 2 * ahead.from());
          __builtin_prefetch(pdeg.data() + 2 * ahead.to());
          __builtin_prefetch(parent.data() + 2 * ahead.from());
          __builtin_prefetch(parent.data() + 2 * ahead.to());
        }
        if (dropped(l)) continue;
        const LinkRec& r = links_[l];
        const ConsList& cl = table_[r.code()];
        for (u32 k = 0; k < cl.n; ++k) {
          const Cons& c = cl.c[k];
          const u32 p = side_point(r, c.lhs);
          if (c.op != op_eq) {
            ++pdeg[p];
            continue;
          }
          const u32 q = side_point(r, c.rhs);
          const u32 a = find_root(parent, p), b = find_root(parent, q);
          if (a == b) continue;
          parent[std::max(a, b)] = std::min(a, b);
          inner.push_back({p, q, 2 * l + k});
        }
      }
      for (u32 n = 0; n < N; ++n) ++pdeg[2 * n];  // start < end
    }
    eq_dropped = link_dropped_;
    bool dropped = false;
    u32 internal = 0;  // constraints inside a class: tgt's npos entries (Kahn counts them)
    for (;;) {         // until the class graph is a DAG: merge cycles of "<=", resolve strict ones
      for (u32 p = 0; p < P; ++p) parent[p] = find_root(parent, p);
      // Each root's list: its points' constraints, filled from the back so that each offset
      // ends at its list's start. Constraints inside a class leave an npos entry.
      assign_huge(off, P + 1, 0u);
      for (u32 p = 0; p < P; ++p) {
        if (!in_cache && p + 16 < P) __builtin_prefetch(off.data() + parent[p + 16]);
        off[parent[p]] += pdeg[p];
      }
      for (u32 p = 1; p < P; ++p) off[p] += off[p - 1];
      if (P > 0) off[P] = off[P - 1];
      assign_huge(tgt, off[P], npos);
      assign_huge(indeg, P, 0u);
      std::vector<u32> self;
      each_order_pipelined(
          parent,
          [&](u32 u, u32 v) {
            __builtin_prefetch(off.data() + u, 1);
            __builtin_prefetch(indeg.data() + v, 1);
          },
          [&](u32 u, u32) { __builtin_prefetch(tgt.data() + off[u] - 1, 1); },
          [&](u32 p, u32 q, bool strict, u32 ref) {
            const u32 u = parent[p], v = parent[q];
            if (u == v) {
              if (strict) self.push_back(ref);
              --off[u];
              return;
            }
            tgt[--off[u]] = v | (strict ? strict_bit : 0);
            ++indeg[v];
          });
      if (!self.empty()) {
        // p < q between points already equal: the cycle is the constraint and the path back.
        const std::vector<InnerEdge> sorted = both_ways(inner, loops);
        std::set<u32> gone;
        for (const u32 ref : self) {
          std::vector<u32> refs;
          const u32 p = ref_points(ref).first;
          expand(p, {ref}, p, &sorted, refs);
          Witness w;
          refs_to_witness(refs, w);
          if (std::any_of(w.links.begin(), w.links.end(), [&](u32 l) { return gone.count(l); })) {
            continue;
          }
          resolve(Contradiction::Kind::cycle, std::move(w));
          if (contradictions_.back().dropped_link)
            gone.insert(*contradictions_.back().dropped_link);
        }
        dropped = true;
        break;
      }
      // Kahn's order, first in first out from the sources in point order.
      u32 roots = 0;
      internal = 0;
      // The queue holds each root at most once: written in place, then cut to its length.
      order.resize(P);
      std::size_t queued = 0;
      for (u32 p = 0; p < P; ++p) {
        if (parent[p] != p) continue;
        ++roots;
        if (indeg[p] == 0) order[queued++] = p;
      }
      for (std::size_t h = 0; h < queued; ++h) {
        const u32 u = order[h];
        if (!in_cache) {
          if (h + 4 < queued) {
            __builtin_prefetch(off.data() + order[h + 4]);
            __builtin_prefetch(tgt.data() + off[order[h + 2]]);
          }
          for (u32 k = off[u]; k < off[u + 1]; ++k) {
            if (tgt[k] != npos) __builtin_prefetch(indeg.data() + (tgt[k] & ~strict_bit));
          }
        }
        for (u32 k = off[u]; k < off[u + 1]; ++k) {
          if (tgt[k] == npos) {
            ++internal;
            continue;
          }
          const u32 v = tgt[k] & ~strict_bit;
          if (--indeg[v] == 0) order[queued++] = v;
        }
      }
      order.resize(queued);
      if (order.size() == roots) break;

      // Cycles remain among the points Kahn could not order: Tarjan's SCCs over them.
      std::vector<u32> index(P, npos), low(P, 0), comp(P, npos), stack;
      std::vector<u8> on_stack(P, 0);  // bytes, not a std::vector<bool>'s bits: cheaper tests
      std::vector<std::pair<u32, u32>> call;
      u32 counter = 0, ncomp = 0;
      std::vector<u32> comp_size;
      for (u32 s = 0; s < P; ++s) {
        if (parent[s] != s || indeg[s] == 0 || index[s] != npos) continue;
        call.push_back({s, off[s]});
        index[s] = low[s] = counter++;
        stack.push_back(s);
        on_stack[s] = 1;
        while (!call.empty()) {
          auto& [u, k] = call.back();
          if (k < off[u + 1]) {
            if (tgt[k] == npos) {
              ++k;
              continue;
            }
            const u32 v = tgt[k++] & ~strict_bit;
            if (indeg[v] == 0) continue;
            if (index[v] == npos) {
              index[v] = low[v] = counter++;
              stack.push_back(v);
              on_stack[v] = 1;
              call.push_back({v, off[v]});
            } else if (on_stack[v]) {
              low[u] = std::min(low[u], index[v]);
            }
            continue;
          }
          const u32 done = u;
          call.pop_back();
          if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[done]);
          if (low[done] == index[done]) {
            u32 size = 0, x;
            do {
              x = stack.back();
              stack.pop_back();
              on_stack[x] = 0;
              comp[x] = ncomp;
              ++size;
            } while (x != done);
            comp_size.push_back(size);
            ++ncomp;
          }
        }
      }
      std::vector<bool> strict_comp(ncomp, false);
      for (u32 u = 0; u < P; ++u) {
        if (comp[u] == npos || comp_size[comp[u]] < 2) continue;
        for (u32 k = off[u]; k < off[u + 1]; ++k) {
          if (tgt[k] == npos) continue;
          const u32 v = tgt[k] & ~strict_bit;
          if ((tgt[k] & strict_bit) && comp[v] == comp[u]) strict_comp[comp[u]] = true;
        }
      }
      const bool any_strict =
          std::find(strict_comp.begin(), strict_comp.end(), true) != strict_comp.end();
      // The constraints inside each cyclic component, with their refs.
      // Each class's place in its component (`low` is free now): every class of a component
      // of two or more has a constraint inside it, so these are its local edges' classes.
      if (any_strict) {
        std::vector<u32> placed(ncomp, 0);
        for (u32 u = 0; u < P; ++u) {
          if (comp[u] != npos && strict_comp[comp[u]]) low[u] = placed[comp[u]]++;
        }
      }
      std::vector<std::vector<LocalEdge>> local(ncomp);
      std::vector<InnerEdge> inside;
      each_order([&](u32 p, u32 q, bool strict, u32 ref) {
        const u32 u = parent[p], v = parent[q];
        if (u == v || comp[u] == npos || comp[u] != comp[v] || comp_size[comp[u]] < 2) return;
        if (strict_comp[comp[u]]) {
          local[comp[u]].push_back({low[u], low[v], ref, strict});
        } else if (!any_strict) {
          inside.push_back({p, q, ref});
        }
      });
      std::vector<u32>().swap(index);
      std::vector<u32>().swap(low);
      if (!any_strict) {
        // Cycles of "<=" only: their points are all equal. Merge and order again.
        std::vector<u32> head(ncomp, npos);
        for (u32 u = 0; u < P; ++u) {
          if (comp[u] == npos || comp_size[comp[u]] < 2) continue;
          if (head[comp[u]] == npos) {
            head[comp[u]] = u;
          } else {
            parent[u] = head[comp[u]];
          }
        }
        loops.insert(loops.end(), inside.begin(), inside.end());
        continue;
      }
      // Cycles through a strict constraint: in each component, report a shortest one, drop
      // its least confident item, and look again without that link's constraints, until no
      // strict cycle is left or an equality went (the classes change: a new round).
      const std::vector<InnerEdge> sorted = both_ways(inner, loops);
      StrictComponent sc;
      for (u32 ci = 0; ci < ncomp; ++ci) {
        if (!strict_comp[ci]) continue;
        sc.load(local[ci], comp_size[ci]);
        for (;;) {
          std::vector<u32> best;
          if (!sc.shortest_cycle(best)) break;  // no strict cycle left in this component
          std::vector<u32> refs;
          const u32 p = ref_points(best.front()).first;
          expand(p, best, p, &sorted, refs);
          Witness w;
          refs_to_witness(refs, w);
          resolve(Contradiction::Kind::cycle, std::move(w));
          const auto& last = contradictions_.back();
          if (!last.dropped_link) break;
          const u32 gone = *last.dropped_link;
          const ConsList& cl = table_[links_[gone].code()];
          bool equality = false;
          for (u32 k = 0; k < cl.n; ++k) equality = equality || cl.c[k].op == op_eq;
          if (equality) break;  // the classes change: next round
          sc.remove_link(gone);
        }
      }
      dropped = true;
      break;
    }
    if (dropped) continue;

    // The classes are the roots, numbered in Kahn's order (indeg, all zero now, holds ranks).
    const u32 C = static_cast<u32>(order.size());
    std::vector<u32>& rank = indeg;
    for (u32 i = 0; i < C; ++i) rank[order[i]] = i;
    cls_.swap(parent);  // point -> root becomes point -> class in place
    for (u32 p = 0; p < P; ++p) cls_[p] = rank[cls_[p]];
    std::vector<u32>().swap(parent);
    // The forward lists are the point-level lists of the roots, in class order, with their
    // targets renumbered: both were filled from the back in each_order's order, and the npos
    // entries are the constraints inside a class, which the index leaves out. On the way, the
    // reverse lists' lengths.
    assign_huge(fwd_off_, C + 1, 0u);
    assign_huge(rev_off_, C + 1, 0u);
    assign_huge(fwd_, static_cast<std::size_t>(off[P] - internal), 0u);
    {
      u32 k = 0;
      for (u32 c = 0; c < C; ++c) {
        if (!in_cache) {
          if (c + 16 < C) __builtin_prefetch(off.data() + order[c + 16]);
          if (c + 8 < C) __builtin_prefetch(tgt.data() + off[order[c + 8]]);
          if (c + 4 < C) {
            const u32 r4 = order[c + 4];
            for (u32 j = off[r4]; j < off[r4 + 1]; ++j) {
              if (tgt[j] != npos) __builtin_prefetch(rank.data() + (tgt[j] & ~strict_bit));
            }
          }
        }
        fwd_off_[c] = k;
        const u32 r = order[c];
        for (u32 j = off[r]; j < off[r + 1]; ++j) {
          const u32 t = tgt[j];
          if (t == npos) continue;
          const u32 v = rank[t & ~strict_bit];
          fwd_[k++] = v | (t & strict_bit);
          ++rev_off_[v];
        }
      }
      fwd_off_[C] = k;
    }
    std::vector<u32>().swap(order);
    std::vector<u32>().swap(off);
    std::vector<u32>().swap(tgt);
    std::vector<u32>().swap(indeg);
    // The equalities' spanning forest and the reverse lists are read only by proofs and
    // searches: in a graph small enough to stay in cache (a document's) they wait until one
    // needs them (ensure_reverse); a large graph's are made here, its reverse lists with the
    // prefetching pass below.
    built_nodes_ = N;
    built_links_ = L;
    reverse_built_.store(false, std::memory_order_relaxed);
    if (!in_cache) build_eq_forest();
    inner_.clear();
    for (const auto& e : loops) inner_.push_back({cls_[e.from], e.ref});
    std::sort(inner_.begin(), inner_.end());
    inner_.erase(std::unique(inner_.begin(), inner_.end()), inner_.end());
    inner_.shrink_to_fit();
    std::vector<InnerEdge>().swap(loops);
    base_classes_ = C;
    if (!in_cache) {
      // Lengths to ends, then one pass over the links fills the reverse lists from the back,
      // leaving each offset at its class's start (fill_reverse without the prefetching).
      for (u32 c = 1; c < C; ++c) rev_off_[c] += rev_off_[c - 1];
      if (C > 0) rev_off_[C] = rev_off_[C - 1];
      assign_huge(rev_, rev_off_[C], 0u);
      assign_huge(rev_src_, rev_off_[C], 0u);
      each_order_pipelined(
          cls_, [&](u32, u32 v) { __builtin_prefetch(rev_off_.data() + v, 1); },
          [&](u32, u32 v) {
            __builtin_prefetch(rev_.data() + rev_off_[v] - 1, 1);
            __builtin_prefetch(rev_src_.data() + rev_off_[v] - 1, 1);
          },
          [&](u32 p, u32 q, bool strict, u32 ref) {
            const u32 u = cls_[p], v = cls_[q];
            if (u == v) return;
            rev_[--rev_off_[v]] = ref;
            rev_src_[rev_off_[v]] = u | (strict ? strict_bit : 0);
          });
      reverse_built_.store(true, std::memory_order_relaxed);
    }

    owners_extra_.clear();
    owned_.assign((C >> 6) + 1, 0);
    // Written in place and cut to length (push_back was an out-of-line call per entry).
    owners_.resize(2 * bounds_.size());
    std::size_t owners = 0;
    for (u32 i = 0; i < bounds_.size(); ++i) {
      if (bounds_[i].dropped) continue;
      for (u32 end = 0; end < 2; ++end) {
        const u32 c = cls_[2 * bounds_[i].node + end];
        owners_[owners++] = {c, 2 * i + end};
        set_owns(c);
      }
    }
    owners_.resize(owners);
    std::sort(owners_.begin(), owners_.end());
    owners_index_.assign((C >> 6) + 2, 0);
    for (u32 b = 0, i = 0; b < owners_index_.size(); ++b) {
      while (i < owners_.size() && owners_[i].first < (b << 6)) ++i;
      owners_index_[b] = i;
    }
    assign_huge(info_, C, ClassInfo{});
    for (const auto& b : bounds_) {
      if (b.dropped) continue;
      for (u32 p = 2 * b.node; p <= 2 * b.node + 1; ++p) {
        auto& i = info_[cls_[p]];
        i.set_lo(std::max(i.lo(), b.lower(p)));
        i.set_hi(std::min(i.hi(), b.upper(p)));
      }
    }
    sweep_bounds();
    // Bounds contradictions are resolved a round at a time, each round the ones whose witnesses
    // share nothing dropped in it. Where many share an item (a node equal to many others that
    // carry bounds) or one pair of bounds has many paths between them, rounds would grow with
    // their number and the build with their square: later rounds resolve more at once (see
    // resolve_crossings).
    ++bound_rounds;
    const CrossingRound round = bound_rounds <= 3   ? CrossingRound::careful
                                : bound_rounds <= 8 ? CrossingRound::bulk
                                                    : CrossingRound::last_resort;
    if (!resolve_crossings(round)) break;
  }
  built_ = true;
  stale_ = false;
  applied_nodes_ = N;
  applied_links_ = L;
  // The landmarks and their masks wait for the first search or incremental change (a
  // timeline needs neither): they are the final round's, whenever they are made.
  landmarks_.clear();
  masks_built_.store(false, std::memory_order_relaxed);  // an update runs alone (graph.hpp)
}

void GraphEngine::choose_landmarks() {
  landmarks_.clear();
  const u32 C = base_classes_;
  const u32 K = std::min<u32>(max_landmarks, C);
  for (u32 b = 0; b < K; ++b) {
    const u32 lo = static_cast<u32>(static_cast<u64>(C) * b / K);
    const u32 hi = static_cast<u32>(static_cast<u64>(C) * (b + 1) / K);
    u32 best = npos;
    u64 best_score = 0;
    for (u32 c = lo; c < hi; ++c) {
      const u64 score =
          (u64{fwd_off_[c + 1] - fwd_off_[c]} + 1) * (u64{rev_off_[c + 1] - rev_off_[c]} + 1);
      if (best == npos || score > best_score) best = c, best_score = score;
    }
    if (best != npos) landmarks_.push_back(best);
  }
}

GraphEngine::u32 GraphEngine::landmark_bit(u32 c) const {
  const auto it = std::lower_bound(landmarks_.begin(), landmarks_.end(), c);
  if (it == landmarks_.end() || *it != c) return 0;
  return 1u << (it - landmarks_.begin());
}

void GraphEngine::build_eq_forest() {
  // Equalities: the union-find's spanning forest, each point pointing to its parent by the
  // constraint between them (other internal constraints, cycles of "<=", are in inner_).
  const u32 P = 2 * built_nodes_;
  const std::vector<InnerEdge>& inner = eq_edges_;

  const u32 eqs = static_cast<u32>(inner.size());
  // Each end's (other end, ref), by edge index: the search reads them where it walks.
  std::vector<u32> first(eqs ? P + 1 : 0, 0);
  std::vector<std::pair<u32, u32>> adj(2 * eqs);
  for (const auto& e : inner) ++first[e.from + 1], ++first[e.to + 1];
  for (u32 p = 0; eqs && p < P; ++p) first[p + 1] += first[p];
  for (const auto& e : inner) {
    adj[first[e.from]++] = {e.to, e.ref};
    adj[first[e.to]++] = {e.from, e.ref};
  }
  for (u32 p = P; eqs && p > 0; --p) first[p] = first[p - 1];
  if (eqs) first[0] = 0;
  assign_huge(eq_up_, eqs ? P : 0, npos);
  std::vector<u8> seen(eqs ? P : 0, 0);  // bytes, not a std::vector<bool>'s bits
  std::vector<u32> queue;
  for (u32 root = 0; eqs && root < P; ++root) {
    if (seen[root] || first[root] == first[root + 1]) continue;
    seen[root] = 1;
    queue.assign(1, root);
    for (std::size_t h = 0; h < queue.size(); ++h) {
      const u32 x = queue[h];
      for (u32 k = first[x]; k < first[x + 1]; ++k) {
        const auto [y, ref] = adj[k];
        if (seen[y]) continue;
        seen[y] = 1;
        eq_up_[y] = ref;
        queue.push_back(y);
      }
    }
  }
}

void GraphEngine::fill_reverse() {
  // Lengths to ends, then one pass over the links fills the reverse lists from the back,
  // leaving each offset at its class's start. The links and nodes are the build's, in the
  // build's order (each_order's): the lists' order is what searches meet first.
  const u32 C = base_classes_;
  for (u32 c = 1; c < C; ++c) rev_off_[c] += rev_off_[c - 1];
  if (C > 0) rev_off_[C] = rev_off_[C - 1];
  assign_huge(rev_, rev_off_[C], 0u);
  assign_huge(rev_src_, rev_off_[C], 0u);
  auto add = [&](u32 p, u32 q, bool strict, u32 ref) {
    const u32 u = cls_[p], v = cls_[q];
    if (u == v) return;
    rev_[--rev_off_[v]] = ref;
    rev_src_[rev_off_[v]] = u | (strict ? strict_bit : 0);
  };
  each_constraint(built_links_, built_nodes_, add);
}

void GraphEngine::make_once(std::atomic<bool>& made, const std::function<void()>& make) {
  if (made.load(std::memory_order_acquire)) return;
  const std::lock_guard<std::mutex> lock(index_mutex_);
  if (made.load(std::memory_order_relaxed)) return;
  make();
  made.store(true, std::memory_order_release);
}

void GraphEngine::ensure_reverse() {
  if (reverse_built_.load(std::memory_order_acquire)) return;  // the usual case: no call below
  make_once(reverse_built_, [this] {
    build_eq_forest();
    fill_reverse();
  });
}

void GraphEngine::ensure_masks() {
  if (masks_built_.load(std::memory_order_acquire)) return;
  ensure_reverse();  // the landmarks are chosen by their lists' lengths (not under the lock)
  make_once(masks_built_, [this] {
    choose_landmarks();
    sweep_masks();
  });
}

void GraphEngine::sweep_bounds() {
  const u32 C = base_classes_;
  // Arrays this small stay in cache: prefetching would only add work.
  const bool prefetch = C >= (u32{1} << 14);
  // Forward, in topological order: earliest instants.
  for (u32 c = 0; c < C; ++c) {
    const i64 lo = info_[c].lo(), lo_strict = strictly_after(lo);
    for (u32 k = fwd_off_[c]; k < fwd_off_[c + 1]; ++k) {
      if (prefetch && k + 16 < fwd_.size()) {
        __builtin_prefetch(&info_[fwd_[k + 16] & ~strict_bit]);
      }
      const bool strict = (fwd_[k] & strict_bit) != 0;
      ClassInfo& d = info_[fwd_[k] & ~strict_bit];
      const i64 l = strict ? lo_strict : lo;
      if (l > d.lo()) d.set_lo(l);
    }
  }
  // Backward: latest instants.
  for (u32 c = C; c-- > 0;) {
    ClassInfo& ic = info_[c];
    i64 hi = ic.hi();
    for (u32 k = fwd_off_[c]; k < fwd_off_[c + 1]; ++k) {
      if (prefetch && k >= 16) __builtin_prefetch(&info_[fwd_[k - 16] & ~strict_bit]);
      const bool strict = (fwd_[k] & strict_bit) != 0;
      const ClassInfo& id = info_[fwd_[k] & ~strict_bit];
      hi = std::min(hi, strict ? strictly_before(id.hi()) : id.hi());
    }
    ic.set_hi(hi);
  }
}

void GraphEngine::sweep_masks() {
  const u32 C = base_classes_;
  std::vector<u8> bit(C, 0xFF);
  for (u32 k = 0; k < landmarks_.size(); ++k) bit[landmarks_[k]] = static_cast<u8>(k);
  const bool prefetch = C >= (u32{1} << 14);
  // Forward, in topological order: the landmarks certainly before.
  for (u32 c = 0; c < C; ++c) {
    const u32 bm = info_[c].bmask();
    const u32 with_self = bm | (bit[c] != 0xFF ? 1u << bit[c] : 0u);
    for (u32 k = fwd_off_[c]; k < fwd_off_[c + 1]; ++k) {
      if (prefetch && k + 16 < fwd_.size()) {
        __builtin_prefetch(&info_[fwd_[k + 16] & ~strict_bit]);
      }
      const bool strict = (fwd_[k] & strict_bit) != 0;
      info_[fwd_[k] & ~strict_bit].add_bmask(strict ? with_self : bm);
    }
  }
  // Backward: the landmarks certainly after.
  for (u32 c = C; c-- > 0;) {
    u32 fm = 0;
    for (u32 k = fwd_off_[c]; k < fwd_off_[c + 1]; ++k) {
      if (prefetch && k >= 16) __builtin_prefetch(&info_[fwd_[k - 16] & ~strict_bit]);
      const bool strict = (fwd_[k] & strict_bit) != 0;
      const u32 d = fwd_[k] & ~strict_bit;
      fm |= info_[d].fmask() | (strict && bit[d] != 0xFF ? 1u << bit[d] : 0u);
    }
    info_[c].add_fmask(fm);
  }
}

GraphEngine::u32 GraphEngine::own_bound(u32 c, i64 key, bool lower) const {
  // Returns the point of a bounded node in class c whose own bound is `key`.
  auto matches = [&](const BoundRec& b, u32 p) {
    return !b.dropped && (lower ? b.lower(p) : b.upper(p)) == key && cls(p) == c;
  };
  u32 found = npos;
  for_members(c, [&](u32 m) {
    if (found != npos || !owns(m)) return;
    const auto [first, last] = owners_of(m);
    for (auto it = first; it != last && found == npos; ++it) {
      const BoundRec& b = bounds_[it->second >> 1];
      const u32 p = 2 * b.node + (it->second & 1);
      if (matches(b, p)) found = p;
    }
  });
  if (found != npos) return found;
  for (const u32 n : owners_extra_) {
    const BoundRec* b = bound_of(n);
    if (matches(*b, 2 * n)) return 2 * n;
    if (matches(*b, 2 * n + 1)) return 2 * n + 1;
  }
  return npos;
}

GraphEngine::u32 GraphEngine::chain_end(u32 c, bool upper, ChainMemo& memo) const {
  // Walk until a class whose end is known (or a bound), then give the walked classes that end.
  std::vector<u32>& walked = memo.walked;
  walked.clear();
  u32 x = c;
  while (memo.end[x] == ChainMemo::unknown) {
    const i64 key = upper ? info_[x].hi() : info_[x].lo();
    const u32 point = own_bound(x, key, !upper);
    if (point != npos) {
      memo.end[x] = point;
      break;
    }
    u32 next = npos, next_ref = npos;
    if (upper) {
      // Of the constraints that carry the latest instant, the one to furthest ahead.
      bool next_strict = false;
      for_out(x, [&](u32 d, bool strict) {
        if ((strict ? strictly_before(info_[d].hi()) : info_[d].hi()) != key) return false;
        if (next == npos || ord(d) > ord(next)) next = d, next_strict = strict;
        return false;
      });
      if (next != npos) next_ref = chain_edge_ref(x, next, next_strict, memo);
    } else {
      // Of the constraints that carry the earliest instant, the one from furthest back.
      for_in(x, [&](u32 s, bool strict, u32 ref) {
        if ((strict ? strictly_after(info_[s].lo()) : info_[s].lo()) != key) return false;
        if (next == npos || ord(s) < ord(next)) next = s, next_ref = ref;
        return false;
      });
    }
    if (next == npos) {  // cannot happen: earliest and latest instants are exact
      memo.end[x] = npos;
      break;
    }
    memo.next[x] = next;
    memo.ref[x] = next_ref;
    walked.push_back(x);
    x = next;
  }
  for (const u32 w : walked) memo.end[w] = memo.end[x];
  return memo.end[c];
}

GraphEngine::u32 GraphEngine::chain_edge_ref(u32 x, u32 y, bool strict, ChainMemo& memo) const {
  constexpr u32 many = 32;
  if (y >= base_classes_ || rev_off_[y + 1] - rev_off_[y] < many) return edge_ref(x, y, strict);
  auto key = [](u32 s, u32 t, bool st) { return (u64{s} << 33) | (u64{t} << 1) | (st ? 1 : 0); };
  if (memo.hub_read.empty()) memo.hub_read.assign(base_classes_, false);
  if (!memo.hub_read[y]) {
    memo.hub_read[y] = true;
    auto& refs = memo.hub_refs;
    const std::size_t old = refs.size();
    for_in(y, [&](u32 s, bool e, u32 ref) {
      refs.push_back({key(s, y, false), ref});
      if (e) refs.push_back({key(s, y, true), ref});
      return false;
    });
    // The first of each kind, as edge_ref finds it: a stable sort keeps the order of for_in
    // within a key, and unique keeps the first. Keys of y differ from those of other hubs.
    auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
    const auto mid = refs.begin() + static_cast<std::ptrdiff_t>(old);
    std::stable_sort(mid, refs.end(), by_key);
    refs.erase(std::unique(mid, refs.end(),
                           [](const auto& a, const auto& b) { return a.first == b.first; }),
               refs.end());
    std::inplace_merge(refs.begin(), refs.begin() + static_cast<std::ptrdiff_t>(old), refs.end(),
                       by_key);
  }
  const u64 k = key(x, y, strict);
  const auto it =
      std::lower_bound(memo.hub_refs.begin(), memo.hub_refs.end(), std::pair<u64, u32>{k, 0},
                       [](const auto& a, const auto& b) { return a.first < b.first; });
  return it == memo.hub_refs.end() || it->first != k ? npos : it->second;
}

void GraphEngine::chain_refs(u32 c, bool upper, ChainMemo& memo, std::vector<u32>& refs) const {
  refs.clear();
  if (chain_end(c, upper, memo) == npos) return;
  for (u32 x = c; memo.next[x] != npos; x = memo.next[x]) refs.push_back(memo.ref[x]);
  if (!upper) std::reverse(refs.begin(), refs.end());
}

bool GraphEngine::resolve_crossings(CrossingRound round) {
  const bool bulk = round != CrossingRound::careful;
  const bool last_resort = round == CrossingRound::last_resort;
  // Each crossing class is traced back to the two bounds that cross (its chains) and a
  // shortest path between them is the witness, once per pair of bounds. A witness that shares
  // a link or bounds dropped earlier in this round may no longer be a contradiction once the
  // index is rebuilt, so it waits for the next round. In bulk mode, where rounds would be many,
  // the first witness of each pair is resolved even so (it is still inconsistent on its own;
  // the least confident item not yet dropped goes), and the other crossing classes of a pair
  // that was already resolved give witnesses too (their chains), those that share nothing
  // dropped being resolved in the same round. In the last resort rounds, each pair of bounds
  // that still cross is resolved by dropping the less confident of the two bounds (on its
  // witness, as ever): that ends every path between them at once.
  std::vector<u32> crossing;
  for (u32 c = 0; c < base_classes_; ++c) {
    if (info_[c].lo() > info_[c].hi()) crossing.push_back(c);
  }
  if (crossing.empty()) return false;
  ensure_reverse();  // the witnesses are searched backwards
  std::set<std::pair<u32, u32>> seen;
  Spent gone;
  ChainMemo lower(base_classes_), upper(base_classes_);
  // The witness search's state per (class, strict so far), valid where stamped with the
  // current search's number: flat arrays set up once, not a map per search.
  struct Came {
    u32 dist, ref, prev;
  };
  std::vector<Came> came(2 * std::size_t{base_classes_});
  std::vector<u32> stamp(came.size(), 0);
  u32 epoch = 0;
  Deque01 dq;
  std::vector<u32> refs, up, out;  // kept between crossings: their buffers are reused
  for (const u32 c : crossing) {
    const u32 s = chain_end(c, false, lower), t = chain_end(c, true, upper);
    if (s == npos || t == npos) continue;
    const bool first = seen.insert({s, t}).second;
    if (!first && !bulk) continue;
    refs.clear();
    if (first) {
      // A shortest path from point s to point t that carries the one bound past the other:
      // 0-1 breadth-first search backwards from t, over states (class, strict so far).
      const bool need_strict = !(bound_of(s / 2)->lower(s) > bound_of(t / 2)->upper(t));
      const u32 from = cls(s), to = cls(t);
      auto key = [](u32 c2, bool st) { return (c2 << 1) | (st ? 1u : 0u); };
      if (++epoch == 0) {
        std::fill(stamp.begin(), stamp.end(), 0u);
        epoch = 1;
      }
      dq.clear();
      stamp[key(to, false)] = epoch;
      came[key(to, false)] = {0, npos, npos};
      dq.push_back(key(to, false));
      u32 goal = npos;
      // The search is bounded (constraints looked at): past a node linked to very many, a
      // search per contradiction would make the build quadratic. The chains are the fallback.
      u32 budget = bounds_search_budget;
      while (!dq.empty() && budget > 0) {
        const u32 k = dq.pop_front();
        const u32 x = k >> 1;
        const bool st = k & 1;
        if (x == from && (st || !need_strict)) {
          goal = k;
          break;
        }
        const u32 dist = came[k].dist;
        if (x < base_classes_ && rev_off_[x + 1] - rev_off_[x] >= budget) {
          // The budget runs out within x's constraints, before anything is popped again: the
          // search ends here without the goal, whatever it would look at (the index holds no
          // constraint inside a class, so each of them counts).
          break;
        }
        for_in(x, [&](u32 y, bool strict, u32 ref) {
          if (--budget == 0) return true;
          if (y < from || y > to) return false;
          const u32 ky = key(y, st || strict);
          const u32 w = (ref & axiom_bit) ? 0 : 1;
          if (stamp[ky] != epoch || dist + w < came[ky].dist) {
            stamp[ky] = epoch;
            came[ky] = {dist + w, ref, k};
            if (w == 0) {
              dq.push_front(ky);
            } else {
              dq.push_back(ky);
            }
          }
          return false;
        });
      }
      if (goal != npos) {
        for (u32 k = goal; came[k].ref != npos; k = came[k].prev) refs.push_back(came[k].ref);
      }
    }
    if (refs.empty()) {
      // The search ran out of budget, or the pair was searched for another class: the chains
      // through this class form such a path.
      chain_refs(c, false, lower, refs);
      chain_refs(c, true, upper, up);
      refs.insert(refs.end(), up.begin(), up.end());
    }
    out.clear();
    expand(s, refs, t, nullptr, out);
    Witness w;
    refs_to_witness(out, w);
    w.bounds.push_back(s / 2);
    if (t / 2 != s / 2) w.bounds.push_back(t / 2);
    const bool overlaps =
        std::any_of(w.links.begin(), w.links.end(), [&](u32 l) { return gone.links.count(l); }) ||
        std::any_of(w.bounds.begin(), w.bounds.end(), [&](u32 n) { return gone.bounds.count(n); });
    if (last_resort) {
      if (!first || gone.bounds.count(s / 2) || gone.bounds.count(t / 2)) continue;
    } else if (overlaps && !(bulk && first)) {
      continue;
    }
    if (!resolve(Contradiction::Kind::bounds, std::move(w), &gone, last_resort)) continue;
    const auto& last = contradictions_.back();
    if (last.dropped_link) gone.links.insert(*last.dropped_link);
    if (last.dropped_bounds) gone.bounds.insert(*last.dropped_bounds);
  }
  return true;
}

}  // namespace chronicle::detail
