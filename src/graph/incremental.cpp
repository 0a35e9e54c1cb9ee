// Incremental updates: links and nodes added after a build go into the index without
// rebuilding it. A new order constraint u -> v is checked against the index (does v already
// reach u?), stored in a delta adjacency, and then only what it changes is touched: the part
// of the topological order between v and u, the earliest instants downstream of v, the latest
// instants upstream of u, and the landmark masks. An equality, or a cycle of "<=", merges the
// classes on it. Anything that contradicts the graph falls back to a full build, whose
// resolution then decides what to drop exactly as if all links had come at once.
#include <algorithm>
#include <numeric>
#include <queue>
#include <unordered_set>

#include "engine.hpp"

namespace chronicle::detail {

using namespace graph;

void GraphEngine::update() {
  const u32 N = node_count(), L = link_count();
  if (!built_ || stale_) {
    rebuild();
    return;
  }
  if (applied_nodes_ == N && applied_links_ == L) return;
  // Large additions are cheaper to build from scratch than to insert one by one.
  const u64 pending = u64{N - applied_nodes_} + (L - applied_links_);
  const bool large = pending > 64 && 4 * pending > u64{applied_nodes_} + applied_links_;
  if (large || !apply_incremental()) rebuild();
}

u32 GraphEngine::find_rep(u32 c) {
  if (rep_.empty()) return c;
  while (rep_[c] != c) {
    rep_[c] = rep_[rep_[c]];
    c = rep_[c];
  }
  return c;
}

u32 GraphEngine::new_class() {
  const u32 c = static_cast<u32>(info_.size());
  info_.push_back(ClassInfo{});
  if (!rep_.empty()) rep_.push_back(c);
  if (!ord_.empty()) {
    ord_.push_back(static_cast<u32>(at_.size()));
    at_.push_back(c);
  }
  return c;
}

void GraphEngine::ensure_order() {
  if (!ord_.empty() || info_.empty()) return;
  ord_.resize(info_.size());
  std::iota(ord_.begin(), ord_.end(), 0u);
  at_ = ord_;
}

bool GraphEngine::apply_incremental() {
  const u32 N = node_count(), L = link_count();
  for (u32 n = applied_nodes_; n < N; ++n) {
    const u32 s = new_class(), e = new_class();
    cls_.push_back(s);
    cls_.push_back(e);
    if (const BoundRec* b = bound_of(n)) {
      info_[s].lo = b->lo;
      info_[s].hi = b->start_hi;
      info_[e].lo = b->end_lo;
      info_[e].hi = b->hi;
      owners_extra_.push_back(n);
    }
    if (!add_edge(s, e, true, axiom_bit | n)) return false;
  }
  applied_nodes_ = N;
  for (u32 l = applied_links_; l < L; ++l) {
    const LinkRec& r = links_[l];
    const ConsList& cl = table_[r.code];
    for (u32 k = 0; k < cl.n; ++k) {
      const Cons& c = cl.c[k];
      const u32 p = side_point(r, c.lhs), q = side_point(r, c.rhs), ref = 2 * l + k;
      const u32 u = find_rep(cls_[p]), v = find_rep(cls_[q]);
      if (u == v) {
        if (c.op == op_lt) return false;  // p < p: a contradiction
        inner_extra_.push_back({p, q, ref});
        if (c.op == op_eq) inner_extra_.push_back({q, p, ref});
        continue;
      }
      if (c.op == op_eq) {
        if (!merge_equal(u, v)) return false;
        inner_extra_.push_back({p, q, ref});
        inner_extra_.push_back({q, p, ref});
        continue;
      }
      if (!add_edge(u, v, c.op == op_lt, ref)) return false;
    }
    applied_links_ = l + 1;
    if (delta_edges_ > std::max<std::size_t>(4096, fwd_.size() / 4)) return false;
  }
  return true;
}

bool GraphEngine::add_edge(u32 u, u32 v, bool strict, u32 ref) {
  // A path back from v to u closes a cycle: through a strict constraint it is a
  // contradiction, otherwise everything on it is equal.
  const Reach back = reach(v, u, nullptr);
  if (back == Reach::lt || (back == Reach::le && strict)) return false;
  dfwd_[u].push_back(v | (strict ? strict_bit : 0));
  drev_[v].push_back(ref);
  ++delta_edges_;
  if (back == Reach::le) {
    std::vector<u32> on_cycle = between(v, u);
    on_cycle.push_back(u);
    on_cycle.push_back(v);
    return merge_classes(on_cycle) != npos;
  }
  if (ord(u) > ord(v)) reorder_region(ord(v), ord(u));
  const ClassInfo iu = info_[u], iv = info_[v];
  if (!raise_lo(v, strict ? strictly_after(iu.lo) : iu.lo)) return false;
  if (!lower_hi(u, strict ? strictly_before(iv.hi) : iv.hi)) return false;
  spread_masks(u, v, strict);
  return true;
}

bool GraphEngine::merge_equal(u32 u, u32 v) {
  const Reach uv = reach(u, v, nullptr), vu = reach(v, u, nullptr);
  if (uv == Reach::lt || vu == Reach::lt) return false;
  std::vector<u32> set;
  if (uv == Reach::le) set = between(u, v);
  if (vu == Reach::le) {
    const auto more = between(v, u);
    set.insert(set.end(), more.begin(), more.end());
  }
  set.push_back(u);
  set.push_back(v);
  return merge_classes(set) != npos;
}

std::vector<u32> GraphEngine::between(u32 a, u32 b) {
  // Classes x with a -> x -> b: those reachable from a (before b in the order) that reach b.
  std::unordered_set<u32> from_a;
  std::vector<u32> stack{a};
  const u32 ob = ord(b);
  while (!stack.empty()) {
    const u32 x = stack.back();
    stack.pop_back();
    for_out(x, [&](u32 y, bool) {
      if (y != b && ord(y) < ob && from_a.insert(y).second) stack.push_back(y);
      return false;
    });
  }
  std::vector<u32> out;
  std::unordered_set<u32> to_b;
  stack.assign(1, b);
  while (!stack.empty()) {
    const u32 x = stack.back();
    stack.pop_back();
    for_in(x, [&](u32 y, bool, u32) {
      if (from_a.count(y) && to_b.insert(y).second) {
        stack.push_back(y);
        out.push_back(y);
      }
      return false;
    });
  }
  std::sort(out.begin(), out.end());
  return out;
}

u32 GraphEngine::merge_classes(std::vector<u32> set) {
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  if (rep_.empty()) {
    rep_.resize(info_.size());
    std::iota(rep_.begin(), rep_.end(), 0u);
  }
  ensure_order();
  // The constraints between merged classes become class-internal: keep them for proofs.
  const std::unordered_set<u32> in_set(set.begin(), set.end());
  for (const u32 y : set) {
    for_in(y, [&](u32 x, bool, u32 ref) {
      if (in_set.count(x)) {
        const auto [p, q] = ref_points(ref);
        inner_extra_.push_back({p, q, ref});
      }
      return false;
    });
  }
  u32 lo_pos = npos, hi_pos = 0;
  for (const u32 x : set) lo_pos = std::min(lo_pos, ord(x)), hi_pos = std::max(hi_pos, ord(x));
  const u32 r = at_[lo_pos];
  ClassInfo merged = info_[r];
  auto& members = absorbed_[r];
  for (const u32 x : set) {
    if (x == r) continue;
    const ClassInfo& ix = info_[x];
    merged.lo = std::max(merged.lo, ix.lo);
    merged.hi = std::min(merged.hi, ix.hi);
    merged.fmask |= ix.fmask;
    merged.bmask |= ix.bmask;
    rep_[x] = r;
    members.push_back(x);
    const auto it = absorbed_.find(x);
    if (it != absorbed_.end()) {
      for (const u32 m : it->second) rep_[m] = r;
      members.insert(members.end(), it->second.begin(), it->second.end());
      absorbed_.erase(it);
    }
    at_[ord_[x]] = npos;
  }
  info_[r] = merged;
  reorder_region(lo_pos, hi_pos);
  if (merged.lo > merged.hi) return npos;
  // What the merged class now knows flows on: bounds and masks, both ways.
  bool ok = true;
  for_out(r, [&](u32 d, bool strict) {
    ok = ok && raise_lo(d, strict ? strictly_after(merged.lo) : merged.lo);
    spread_masks(r, d, strict);
    return !ok;
  });
  if (!ok) return npos;
  for_in(r, [&](u32 s, bool strict, u32) {
    ok = ok && lower_hi(s, strict ? strictly_before(merged.hi) : merged.hi);
    spread_masks(s, r, strict);
    return !ok;
  });
  return ok ? r : npos;
}

void GraphEngine::reorder_region(u32 lo_pos, u32 hi_pos) {
  // Re-sort the classes placed in [lo_pos, hi_pos] topologically (Kahn, ties by old place).
  // Edges into the region come from before it and edges out go after it, so the rest of the
  // order stays valid and only this window is touched.
  ensure_order();
  std::vector<u32> members, slots;
  for (u32 pos = lo_pos; pos <= hi_pos; ++pos) {
    const u32 c = at_[pos];
    if (c == npos || rep(c) != c) continue;
    members.push_back(c);
    slots.push_back(pos);
  }
  std::unordered_map<u32, u32> indeg;
  for (const u32 c : members) indeg.emplace(c, 0);
  for (const u32 c : members) {
    for_out(c, [&](u32 d, bool) {
      const auto it = indeg.find(d);
      if (it != indeg.end()) ++it->second;
      return false;
    });
  }
  using Item = std::pair<u32, u32>;  // (old position, class)
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> ready;
  for (const u32 c : members) {
    if (indeg[c] == 0) ready.push({ord_[c], c});
  }
  std::size_t next = 0;
  std::vector<u32> sorted;
  sorted.reserve(members.size());
  while (!ready.empty()) {
    const u32 c = ready.top().second;
    ready.pop();
    sorted.push_back(c);
    for_out(c, [&](u32 d, bool) {
      const auto it = indeg.find(d);
      if (it != indeg.end() && --it->second == 0) ready.push({ord_[d], d});
      return false;
    });
  }
  for (u32 pos = lo_pos; pos <= hi_pos; ++pos) at_[pos] = npos;
  for (const u32 c : sorted) {
    const u32 pos = slots[next++];
    ord_[c] = pos;
    at_[pos] = c;
  }
  if (sorted.size() != members.size()) stale_ = true;  // a cycle: cannot happen when consistent
}

bool GraphEngine::raise_lo(u32 c, i64 lo) {
  // Earliest instants only grow; push them downstream, in order, each class once per wave.
  if (lo <= info_[c].lo) return true;
  using Item = std::pair<u32, u32>;  // (position, class)
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
  info_[c].lo = lo;
  queue.push({ord(c), c});
  while (!queue.empty()) {
    const u32 x = queue.top().second;
    queue.pop();
    const ClassInfo ix = info_[x];
    if (ix.lo > ix.hi) return false;
    for_out(x, [&](u32 d, bool strict) {
      const i64 l = strict ? strictly_after(ix.lo) : ix.lo;
      if (l > info_[d].lo) {
        info_[d].lo = l;
        queue.push({ord(d), d});
      }
      return false;
    });
  }
  return true;
}

bool GraphEngine::lower_hi(u32 c, i64 hi) {
  if (hi >= info_[c].hi) return true;
  using Item = std::pair<u32, u32>;
  std::priority_queue<Item> queue;  // latest position first
  info_[c].hi = hi;
  queue.push({ord(c), c});
  while (!queue.empty()) {
    const u32 x = queue.top().second;
    queue.pop();
    const ClassInfo ix = info_[x];
    if (ix.lo > ix.hi) return false;
    for_in(x, [&](u32 s, bool strict, u32) {
      const i64 h = strict ? strictly_before(ix.hi) : ix.hi;
      if (h < info_[s].hi) {
        info_[s].hi = h;
        queue.push({ord(s), s});
      }
      return false;
    });
  }
  return true;
}

void GraphEngine::spread_masks(u32 u, u32 v, bool strict) {
  // bmask downstream from v, fmask upstream from u; masks only gain bits.
  {
    const u32 add = info_[u].bmask | (strict ? landmark_bit_of_rep(u) : 0u);
    if (add & ~info_[v].bmask) {
      info_[v].bmask |= add;
      std::vector<u32> stack{v};
      while (!stack.empty()) {
        const u32 x = stack.back();
        stack.pop_back();
        const u32 bx = info_[x].bmask, self = landmark_bit_of_rep(x);
        for_out(x, [&](u32 d, bool e) {
          const u32 a = bx | (e ? self : 0u);
          if (a & ~info_[d].bmask) {
            info_[d].bmask |= a;
            stack.push_back(d);
          }
          return false;
        });
      }
    }
  }
  {
    const u32 add = info_[v].fmask | (strict ? landmark_bit_of_rep(v) : 0u);
    if (add & ~info_[u].fmask) {
      info_[u].fmask |= add;
      std::vector<u32> stack{u};
      while (!stack.empty()) {
        const u32 x = stack.back();
        stack.pop_back();
        const u32 fx = info_[x].fmask, self = landmark_bit_of_rep(x);
        for_in(x, [&](u32 s, bool e, u32) {
          const u32 a = fx | (e ? self : 0u);
          if (a & ~info_[s].fmask) {
            info_[s].fmask |= a;
            stack.push_back(s);
          }
          return false;
        });
      }
    }
  }
}

}  // namespace chronicle::detail
