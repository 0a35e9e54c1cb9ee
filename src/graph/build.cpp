// The full build: union-find over "=", Kahn's topological order over the point classes (with
// Tarjan's strongly connected components when a cycle is left), contradiction resolution, the
// compressed adjacency, landmarks and the two bound sweeps.
#include <algorithm>
#include <deque>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

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

// A class-level edge of a cycle search: u -> v through one constraint.
struct LocalEdge {
  u32 u, v, ref;
  bool strict;
};

}  // namespace

void GraphEngine::inner_path(u32 from, u32 to, const std::vector<InnerEdge>& inner,
                             std::vector<u32>& refs) const {
  if (from == to) return;
  // Breadth-first over the class-internal edges (few: equalities and cycles of "<=").
  std::unordered_map<u32, std::pair<u32, u32>> came;  // point -> (previous point, ref)
  std::deque<u32> queue{from};
  came.emplace(from, std::pair<u32, u32>{npos, npos});
  auto visit = [&](u32 x, const InnerEdge& e) {
    if (came.count(e.to)) return false;
    came.emplace(e.to, std::pair<u32, u32>{x, e.ref});
    if (e.to == to) return true;
    queue.push_back(e.to);
    return false;
  };
  bool found = false;
  while (!queue.empty() && !found) {
    const u32 x = queue.front();
    queue.pop_front();
    auto it = std::lower_bound(inner.begin(), inner.end(), InnerEdge{x, 0, 0});
    for (; it != inner.end() && it->from == x && !found; ++it) found = visit(x, *it);
    for (auto e = inner_extra_.begin(); e != inner_extra_.end() && !found; ++e) {
      if (e->from == x) found = visit(x, *e);
    }
  }
  if (!found) return;  // cannot happen for points of one class
  std::vector<u32> back;
  for (u32 x = to; x != from;) {
    const auto& [prev, ref] = came.at(x);
    back.push_back(ref);
    x = prev;
  }
  refs.insert(refs.end(), back.rbegin(), back.rend());
}

void GraphEngine::expand(u32 from_point, const std::vector<u32>& refs, u32 to_point,
                         const std::vector<InnerEdge>& inner, std::vector<u32>& out) const {
  u32 cur = from_point;
  for (const u32 ref : refs) {
    const auto [s, t] = ref_points(ref);
    inner_path(cur, s, inner, out);
    out.push_back(ref);
    cur = t;
  }
  inner_path(cur, to_point, inner, out);
}

void GraphEngine::refs_to_witness(const std::vector<u32>& refs, Witness& w) const {
  for (const u32 ref : refs) {
    if (ref & axiom_bit) continue;
    const u32 l = ref >> 1;
    if (std::find(w.links.begin(), w.links.end(), l) == w.links.end()) w.links.push_back(l);
  }
}

void GraphEngine::resolve(Contradiction::Kind kind, Witness&& w) {
  // The least confident item; ties: links before bounds, then the most recently added.
  bool have = false, is_link = false;
  u32 pick = 0;
  float conf = 2.0f;
  for (const u32 l : w.links) {
    const float c = links_[l].confidence;
    if (!have || c < conf || (c == conf && (!is_link || l > pick))) {
      have = true, is_link = true, pick = l, conf = c;
    }
  }
  for (const u32 n : w.bounds) {
    auto it = std::lower_bound(bounds_.begin(), bounds_.end(), n,
                               [](const BoundRec& b, u32 x) { return b.node < x; });
    const float c = it->confidence;
    if (!have || c < conf || (c == conf && !is_link && n > pick)) {
      have = true, is_link = false, pick = n, conf = c;
    }
  }
  Contradiction c;
  c.kind = kind;
  c.links = std::move(w.links);
  c.bounds = std::move(w.bounds);
  if (have && is_link) {
    links_[pick].dropped = 1;
    c.dropped_link = pick;
  } else if (have) {
    std::lower_bound(bounds_.begin(), bounds_.end(), pick, [](const BoundRec& b, u32 x) {
      return b.node < x;
    })->dropped = true;
    c.dropped_bounds = pick;
  }
  contradictions_.push_back(std::move(c));
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
  at_.clear();
  inner_extra_.clear();
  delta_edges_ = 0;
  // Release the old index before building the new one: peak memory is one index, not two.
  std::vector<u32>().swap(cls_);
  std::vector<ClassInfo>().swap(info_);
  std::vector<u32>().swap(fwd_off_);
  std::vector<u32>().swap(fwd_);
  std::vector<u32>().swap(rev_off_);
  std::vector<u32>().swap(rev_);
  std::vector<InnerEdge>().swap(inner_);
  base_classes_ = 0;

  const u32 L = link_count();
  // Calls f(p, q, strict, ref) for each order constraint (not "=") of the links still in play,
  // then for each node's start < end.
  auto each_order = [&](auto&& f) {
    for (u32 l = 0; l < L; ++l) {
      const LinkRec& r = links_[l];
      if (r.dropped) continue;
      const ConsList& cl = table_[r.code];
      for (u32 k = 0; k < cl.n; ++k) {
        const Cons& c = cl.c[k];
        if (c.op == op_eq) continue;
        f(side_point(r, c.lhs), side_point(r, c.rhs), c.op == op_lt, 2 * l + k);
      }
    }
    for (u32 n = 0; n < N; ++n) f(2 * n, 2 * n + 1, true, axiom_bit | n);
  };

  std::vector<u32> parent, order;
  std::vector<InnerEdge> inner;
  for (;;) {  // one round per batch of drops
    parent.resize(P);
    std::iota(parent.begin(), parent.end(), 0u);
    inner.clear();
    for (u32 l = 0; l < L; ++l) {
      const LinkRec& r = links_[l];
      if (r.dropped) continue;
      const ConsList& cl = table_[r.code];
      for (u32 k = 0; k < cl.n; ++k) {
        const Cons& c = cl.c[k];
        if (c.op != op_eq) continue;
        const u32 p = side_point(r, c.lhs), q = side_point(r, c.rhs);
        const u32 a = find_root(parent, p), b = find_root(parent, q);
        if (a == b) continue;
        parent[std::max(a, b)] = std::min(a, b);
        inner.push_back({p, q, 2 * l + k});
        inner.push_back({q, p, 2 * l + k});
      }
    }
    bool dropped = false;
    for (;;) {  // until the class graph is a DAG: merge cycles of "<=", resolve strict ones
      for (u32 p = 0; p < P; ++p) parent[p] = find_root(parent, p);
      std::vector<u32> off(P + 1, 0), self;
      each_order([&](u32 p, u32 q, bool strict, u32 ref) {
        const u32 u = parent[p], v = parent[q];
        if (u != v) {
          ++off[u + 1];
        } else if (strict) {
          self.push_back(ref);
        }
      });
      if (!self.empty()) {
        // p < q between points already equal: the cycle is the constraint and the path back.
        std::vector<InnerEdge> sorted(inner);
        std::sort(sorted.begin(), sorted.end());
        std::set<u32> gone;
        for (const u32 ref : self) {
          std::vector<u32> refs;
          const u32 p = ref_points(ref).first;
          expand(p, {ref}, p, sorted, refs);
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
      for (u32 p = 0; p < P; ++p) off[p + 1] += off[p];
      std::vector<u32> tgt(off[P]), indeg(P, 0);
      {
        std::vector<u32> pos(off.begin(), off.end() - 1);
        each_order([&](u32 p, u32 q, bool strict, u32) {
          const u32 u = parent[p], v = parent[q];
          if (u == v) return;
          tgt[pos[u]++] = v | (strict ? strict_bit : 0);
          ++indeg[v];
        });
      }
      // Kahn's order, first in first out from the sources in point order.
      u32 roots = 0;
      order.clear();
      for (u32 p = 0; p < P; ++p) {
        if (parent[p] != p) continue;
        ++roots;
        if (indeg[p] == 0) order.push_back(p);
      }
      order.reserve(roots);
      for (std::size_t h = 0; h < order.size(); ++h) {
        const u32 u = order[h];
        for (u32 k = off[u]; k < off[u + 1]; ++k) {
          const u32 v = tgt[k] & ~strict_bit;
          if (--indeg[v] == 0) order.push_back(v);
        }
      }
      if (order.size() == roots) break;

      // Cycles remain among the points Kahn could not order: Tarjan's SCCs over them.
      std::vector<u32> index(P, npos), low(P, 0), comp(P, npos), stack;
      std::vector<bool> on_stack(P, false);
      std::vector<std::pair<u32, u32>> call;
      u32 counter = 0, ncomp = 0;
      std::vector<u32> comp_size;
      for (u32 s = 0; s < P; ++s) {
        if (parent[s] != s || indeg[s] == 0 || index[s] != npos) continue;
        call.push_back({s, off[s]});
        index[s] = low[s] = counter++;
        stack.push_back(s);
        on_stack[s] = true;
        while (!call.empty()) {
          auto& [u, k] = call.back();
          if (k < off[u + 1]) {
            const u32 v = tgt[k++] & ~strict_bit;
            if (indeg[v] == 0) continue;
            if (index[v] == npos) {
              index[v] = low[v] = counter++;
              stack.push_back(v);
              on_stack[v] = true;
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
              on_stack[x] = false;
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
          const u32 v = tgt[k] & ~strict_bit;
          if ((tgt[k] & strict_bit) && comp[v] == comp[u]) strict_comp[comp[u]] = true;
        }
      }
      const bool any_strict =
          std::find(strict_comp.begin(), strict_comp.end(), true) != strict_comp.end();
      // The constraints inside each cyclic component, with their refs.
      std::vector<std::vector<LocalEdge>> local(ncomp);
      std::vector<InnerEdge> inside;
      each_order([&](u32 p, u32 q, bool strict, u32 ref) {
        const u32 u = parent[p], v = parent[q];
        if (u == v || comp[u] == npos || comp[u] != comp[v] || comp_size[comp[u]] < 2) return;
        if (strict_comp[comp[u]]) {
          local[comp[u]].push_back({u, v, ref, strict});
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
        inner.insert(inner.end(), inside.begin(), inside.end());
        continue;
      }
      // A cycle through a strict constraint: report a shortest one per component, drop.
      std::vector<InnerEdge> sorted(inner);
      std::sort(sorted.begin(), sorted.end());
      for (u32 ci = 0; ci < ncomp; ++ci) {
        if (!strict_comp[ci]) continue;
        auto& edges = local[ci];
        std::sort(edges.begin(), edges.end(), [](const LocalEdge& a, const LocalEdge& b) {
          return a.u != b.u ? a.u < b.u : a.ref < b.ref;
        });
        std::vector<u32> nodes;
        for (const auto& e : edges) nodes.push_back(e.u);
        nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
        const auto idx = [&](u32 x) {
          return static_cast<u32>(std::lower_bound(nodes.begin(), nodes.end(), x) - nodes.begin());
        };
        std::vector<u32> first(nodes.size() + 1, 0);
        for (const auto& e : edges) ++first[idx(e.u) + 1];
        for (std::size_t i = 0; i < nodes.size(); ++i) first[i + 1] += first[i];
        std::vector<u32> strict_edges;
        for (u32 i = 0; i < edges.size(); ++i) {
          if (edges[i].strict) strict_edges.push_back(i);
        }
        std::sort(strict_edges.begin(), strict_edges.end(),
                  [&](u32 a, u32 b) { return edges[a].ref < edges[b].ref; });
        // Each try is a 0-1 breadth-first search (links weigh 1, start < end weighs 0).
        const std::size_t work = nodes.size() + edges.size();
        const std::size_t tries =
            std::max<std::size_t>(1, std::min<std::size_t>(256, 50'000'000 / work));
        std::vector<u32> dist(nodes.size()), via(nodes.size());
        std::vector<u32> best;
        u32 best_len = npos;
        for (std::size_t t = 0; t < std::min(tries, strict_edges.size()); ++t) {
          const LocalEdge& e = edges[strict_edges[t]];
          std::fill(dist.begin(), dist.end(), npos);
          std::deque<u32> dq;
          const u32 src = idx(e.v), dst = idx(e.u);
          dist[src] = 0;
          dq.push_back(src);
          while (!dq.empty()) {
            const u32 x = dq.front();
            dq.pop_front();
            if (x == dst) break;
            for (u32 k = first[x]; k < first[x + 1]; ++k) {
              const u32 y = idx(edges[k].v);
              const u32 w = (edges[k].ref & axiom_bit) ? 0 : 1;
              if (dist[x] + w < dist[y]) {
                dist[y] = dist[x] + w;
                via[y] = k;
                if (w == 0) {
                  dq.push_front(y);
                } else {
                  dq.push_back(y);
                }
              }
            }
          }
          if (dist[dst] == npos) continue;
          const u32 len = dist[dst] + ((e.ref & axiom_bit) ? 0 : 1);
          if (len >= best_len) continue;
          best_len = len;
          best.assign(1, e.ref);
          std::vector<u32> back;
          for (u32 x = dst; x != src; x = idx(edges[via[x]].u)) back.push_back(edges[via[x]].ref);
          best.insert(best.end(), back.rbegin(), back.rend());
        }
        std::vector<u32> refs;
        const u32 p = ref_points(best.front()).first;
        expand(p, best, p, sorted, refs);
        Witness w;
        refs_to_witness(refs, w);
        resolve(Contradiction::Kind::cycle, std::move(w));
      }
      dropped = true;
      break;
    }
    if (dropped) continue;

    // The classes are the roots, numbered in Kahn's order.
    const u32 C = static_cast<u32>(order.size());
    {
      std::vector<u32> rank(P, npos);
      for (u32 i = 0; i < C; ++i) rank[order[i]] = i;
      cls_.resize(P);
      for (u32 p = 0; p < P; ++p) cls_[p] = rank[parent[p]];
    }
    std::vector<u32>().swap(order);
    std::vector<u32>().swap(parent);
    std::sort(inner.begin(), inner.end());
    inner_ = std::move(inner);
    inner = {};
    base_classes_ = C;

    // Adjacency: count per class, turn counts into ends, then fill backwards so that each
    // offset ends at its class's start (no cursor arrays: peak memory stays low).
    fwd_off_.assign(C + 1, 0);
    rev_off_.assign(C + 1, 0);
    each_order([&](u32 p, u32 q, bool, u32) {
      const u32 u = cls_[p], v = cls_[q];
      if (u == v) return;
      ++fwd_off_[u];
      ++rev_off_[v];
    });
    for (u32 c = 1; c < C; ++c) {
      fwd_off_[c] += fwd_off_[c - 1];
      rev_off_[c] += rev_off_[c - 1];
    }
    if (C > 0) {
      fwd_off_[C] = fwd_off_[C - 1];
      rev_off_[C] = rev_off_[C - 1];
    }
    fwd_.resize(fwd_off_[C]);
    rev_.resize(rev_off_[C]);
    each_order([&](u32 p, u32 q, bool strict, u32 ref) {
      const u32 u = cls_[p], v = cls_[q];
      if (u == v) return;
      fwd_[--fwd_off_[u]] = v | (strict ? strict_bit : 0);
      rev_[--rev_off_[v]] = ref;
    });

    owners_.clear();
    owners_extra_.clear();
    for (const auto& b : bounds_) {
      owners_.push_back({cls_[2 * b.node], 2 * b.node});
      owners_.push_back({cls_[2 * b.node + 1], 2 * b.node + 1});
    }
    std::sort(owners_.begin(), owners_.end());
    info_.assign(C, ClassInfo{});
    for (const auto& b : bounds_) {
      if (b.dropped) continue;
      for (u32 p = 2 * b.node; p <= 2 * b.node + 1; ++p) {
        auto& i = info_[cls_[p]];
        i.lo = std::max(i.lo, b.lower(p));
        i.hi = std::min(i.hi, b.upper(p));
      }
    }
    choose_landmarks();
    sweep();
    if (!resolve_crossings()) break;
  }
  built_ = true;
  stale_ = false;
  applied_nodes_ = N;
  applied_links_ = L;
}

void GraphEngine::choose_landmarks() {
  landmarks_.clear();
  const u32 C = base_classes_;
  const u32 K = std::min<u32>(32, C);
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

void GraphEngine::sweep() {
  const u32 C = base_classes_;
  std::vector<u8> bit(C, 0xFF);
  for (u32 k = 0; k < landmarks_.size(); ++k) bit[landmarks_[k]] = static_cast<u8>(k);
  // Forward, in topological order: earliest instants and the landmarks certainly before.
  for (u32 c = 0; c < C; ++c) {
    const ClassInfo ic = info_[c];
    const u32 with_self = ic.bmask | (bit[c] != 0xFF ? 1u << bit[c] : 0u);
    const i64 lo_strict = strictly_after(ic.lo);
    for (u32 k = fwd_off_[c]; k < fwd_off_[c + 1]; ++k) {
      const bool strict = (fwd_[k] & strict_bit) != 0;
      ClassInfo& d = info_[fwd_[k] & ~strict_bit];
      d.lo = std::max(d.lo, strict ? lo_strict : ic.lo);
      d.bmask |= strict ? with_self : ic.bmask;
    }
  }
  // Backward: latest instants and the landmarks certainly after.
  for (u32 c = C; c-- > 0;) {
    ClassInfo& ic = info_[c];
    for (u32 k = fwd_off_[c]; k < fwd_off_[c + 1]; ++k) {
      const bool strict = (fwd_[k] & strict_bit) != 0;
      const u32 d = fwd_[k] & ~strict_bit;
      const ClassInfo& id = info_[d];
      ic.hi = std::min(ic.hi, strict ? strictly_before(id.hi) : id.hi);
      ic.fmask |= id.fmask | (strict && bit[d] != 0xFF ? 1u << bit[d] : 0u);
    }
  }
}

GraphEngine::u32 GraphEngine::own_bound(u32 c, i64 key, bool lower) const {
  auto matches = [&](u32 p) {
    const BoundRec* b = bound_of(p / 2);
    if (b->dropped || (lower ? b->lower(p) : b->upper(p)) != key) return false;
    return cls(p) == c;
  };
  auto in_class = [&](u32 m) {
    auto it = std::lower_bound(owners_.begin(), owners_.end(), std::pair<u32, u32>{m, 0});
    for (; it != owners_.end() && it->first == m; ++it) {
      if (matches(it->second)) return it->second;
    }
    return npos;
  };
  u32 p = in_class(c);
  if (p != npos) return p;
  const auto it = absorbed_.find(c);
  if (it != absorbed_.end()) {
    for (const u32 m : it->second) {
      p = in_class(m);
      if (p != npos) return p;
    }
  }
  for (const u32 n : owners_extra_) {
    if (matches(2 * n)) return 2 * n;
    if (matches(2 * n + 1)) return 2 * n + 1;
  }
  return npos;
}

void GraphEngine::lower_chain(u32 c, std::vector<u32>& refs, u32& point) const {
  // Follow the constraint that sets c's earliest instant back to the bound it comes from.
  for (;;) {
    const i64 lo = info_[c].lo;
    point = own_bound(c, lo, true);
    if (point != npos) {
      std::reverse(refs.begin(), refs.end());
      return;
    }
    u32 next = npos;
    for_in(c, [&](u32 s, bool strict, u32 ref) {
      if ((strict ? strictly_after(info_[s].lo) : info_[s].lo) != lo) return false;
      next = s;
      refs.push_back(ref);
      return true;
    });
    if (next == npos) {  // cannot happen: earliest instants are exact
      point = npos;
      std::reverse(refs.begin(), refs.end());
      return;
    }
    c = next;
  }
}

void GraphEngine::upper_chain(u32 c, std::vector<u32>& refs, u32& point) const {
  for (;;) {
    const i64 hi = info_[c].hi;
    point = own_bound(c, hi, false);
    if (point != npos) return;
    u32 next = npos;
    bool next_strict = false;
    for_out(c, [&](u32 d, bool strict) {
      if ((strict ? strictly_before(info_[d].hi) : info_[d].hi) != hi) return false;
      next = d;
      next_strict = strict;
      return true;
    });
    if (next == npos) {
      point = npos;
      return;
    }
    refs.push_back(edge_ref(c, next, next_strict));
    c = next;
  }
}

bool GraphEngine::resolve_crossings() {
  std::vector<u32> crossing;
  for (u32 c = 0; c < base_classes_; ++c) {
    if (info_[c].lo > info_[c].hi) crossing.push_back(c);
  }
  if (crossing.empty()) return false;
  std::set<std::pair<u32, u32>> seen;
  std::set<u32> gone_links, gone_bounds;
  for (const u32 c : crossing) {
    std::vector<u32> down, up;
    u32 s = npos, t = npos;
    lower_chain(c, down, s);
    upper_chain(c, up, t);
    if (s == npos || t == npos || !seen.insert({s, t}).second) continue;
    // A shortest path from point s to point t that carries the one bound past the other:
    // 0-1 breadth-first search backwards from t, over states (class, strict so far).
    const bool need_strict = !(bound_of(s / 2)->lower(s) > bound_of(t / 2)->upper(t));
    const u32 from = cls(s), to = cls(t);
    struct Came {
      u32 dist, ref;
      u64 prev;
    };
    std::unordered_map<u64, Came> came;
    auto key = [](u32 c2, bool st) { return (u64{c2} << 1) | (st ? 1u : 0u); };
    std::deque<u64> dq;
    came[key(to, false)] = {0, npos, ~u64{0}};
    dq.push_back(key(to, false));
    u64 goal = ~u64{0};
    while (!dq.empty()) {
      const u64 k = dq.front();
      dq.pop_front();
      const u32 x = static_cast<u32>(k >> 1);
      const bool st = k & 1;
      if (x == from && (st || !need_strict)) {
        goal = k;
        break;
      }
      const u32 dist = came[k].dist;
      for_in(x, [&](u32 y, bool strict, u32 ref) {
        if (y < from || y > to) return false;
        const u64 ky = key(y, st || strict);
        const u32 w = (ref & axiom_bit) ? 0 : 1;
        auto it = came.find(ky);
        if (it == came.end() || dist + w < it->second.dist) {
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
    std::vector<u32> refs;
    if (goal != ~u64{0}) {
      for (u64 k = goal; came[k].ref != npos; k = came[k].prev) refs.push_back(came[k].ref);
    } else {
      // The chains themselves are a witness (cannot be reached: they form such a path).
      refs = down;
      refs.insert(refs.end(), up.begin(), up.end());
    }
    std::vector<u32> out;
    expand(s, refs, t, inner_, out);
    Witness w;
    refs_to_witness(out, w);
    w.bounds.push_back(s / 2);
    if (t / 2 != s / 2) w.bounds.push_back(t / 2);
    const bool overlaps =
        std::any_of(w.links.begin(), w.links.end(), [&](u32 l) { return gone_links.count(l); }) ||
        std::any_of(w.bounds.begin(), w.bounds.end(), [&](u32 n) { return gone_bounds.count(n); });
    if (overlaps) continue;
    resolve(Contradiction::Kind::bounds, std::move(w));
    const auto& last = contradictions_.back();
    if (last.dropped_link) gone_links.insert(*last.dropped_link);
    if (last.dropped_bounds) gone_bounds.insert(*last.dropped_bounds);
  }
  return true;
}

}  // namespace chronicle::detail
