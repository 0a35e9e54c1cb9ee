// Incremental updates: links and nodes added after a build go into the index without
// rebuilding it. A new order constraint u -> v is checked against the index (does v already
// reach u?), stored in a delta adjacency, and then only what it changes is touched: the
// topological order is repaired by Pearce and Kelly's algorithm (only the classes reachable
// from v that sit before u, and those reaching u that sit after v, move), earliest instants
// are pushed downstream of v, latest instants upstream of u, and landmark masks both ways. An
// equality, or a cycle of "<=", merges the classes on it. Anything that contradicts the graph
// falls back to a full build, whose resolution reports it and decides what to drop.
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

void GraphEngine::touch(u32 c) {
  if ((c >> 6) >= touched_.size()) touched_.resize((info_.size() >> 6) + 1, 0);
  touched_[c >> 6] |= u64{1} << (c & 63);
}

namespace {
// Order labels after the first incremental change: spaced out, with room below the first.
constexpr u64 label_step = u64{1} << 20;
constexpr u64 label_base = u64{1} << 40;

// A set of class ids for one search: open addressing over a power-of-two table.
class ClassSet {
 public:
  bool insert(u32 c) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    std::size_t i = slot(c);
    if (slots_[i] == c) return false;
    slots_[i] = c;
    ++size_;
    return true;
  }
  bool contains(u32 c) const { return !slots_.empty() && slots_[slot(c)] == c; }

 private:
  std::size_t slot(u32 c) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = (c * 2654435761u) & mask;
    while (slots_[i] != npos && slots_[i] != c) i = (i + 1) & mask;
    return i;
  }
  void grow() {
    std::vector<u32> old(std::max<std::size_t>(16, 2 * slots_.size()), npos);
    old.swap(slots_);
    for (const u32 c : old) {
      if (c != npos) slots_[slot(c)] = c;
    }
  }
  std::vector<u32> slots_;
  std::size_t size_ = 0;
};
}  // namespace

u32 GraphEngine::new_class() {
  const u32 c = static_cast<u32>(info_.size());
  info_.push_back(ClassInfo{});
  if (!rep_.empty()) rep_.push_back(c);
  if (!ord_.empty()) {
    ord_.push_back(next_label_);
    next_label_ += label_step;
  }
  return c;
}

void GraphEngine::ensure_order() {
  if (!ord_.empty() || info_.empty()) return;
  ord_.resize(info_.size());
  for (u32 c = 0; c < ord_.size(); ++c) ord_[c] = label_base + u64{c} * label_step;
  next_label_ = label_base + u64{ord_.size()} * label_step;
}

void GraphEngine::relabel() {
  std::vector<u32> live;
  for (u32 c = 0; c < info_.size(); ++c) {
    if (rep(c) == c) live.push_back(c);
  }
  std::sort(live.begin(), live.end(), [&](u32 a, u32 b) { return ord_[a] < ord_[b]; });
  for (u32 i = 0; i < live.size(); ++i) ord_[live[i]] = label_base + u64{i} * label_step;
  next_label_ = label_base + u64{live.size()} * label_step;
  incremental_work_ += live.size();
}

bool GraphEngine::apply_incremental() {
  ensure_masks();  // the changes below keep them up to date from the build's
  const u32 N = node_count(), L = link_count();
  for (u32 n = applied_nodes_; n < N; ++n) {
    const u32 s = new_class(), e = new_class();
    cls_.push_back(s);
    cls_.push_back(e);
    if (const BoundRec* b = bound_of(n)) {
      info_[s].set_lo(b->lower(2 * n));
      info_[s].set_hi(b->upper(2 * n));
      info_[e].set_lo(b->lower(2 * n + 1));
      info_[e].set_hi(b->upper(2 * n + 1));
      owners_extra_.push_back(n);
      set_owns(s);
      set_owns(e);
    }
    if (!add_edge(s, e, true, axiom_bit | n)) return false;
  }
  applied_nodes_ = N;
  for (u32 l = applied_links_; l < L; ++l) {
    const LinkRec& r = links_[l];
    const ConsList& cl = table_[r.code()];
    for (u32 k = 0; k < cl.n; ++k) {
      const Cons& c = cl.c[k];
      const u32 p = side_point(r, c.lhs), q = side_point(r, c.rhs), ref = 2 * l + k;
      const u32 u = find_rep(cls_[p]), v = find_rep(cls_[q]);
      if (u == v || c.op == op_eq) {
        if (u == v && c.op == op_lt) return false;  // p < p: a contradiction
        if (u != v && !add_equal(u, v)) return false;
        // Inside one class now: kept for proofs.
        inner_extra_[cls_[p]].push_back(ref);
        touch(cls_[p]);
        continue;
      }
      if (!add_edge(u, v, c.op == op_lt, ref)) return false;
    }
    if (stale_) return false;
    applied_links_ = l + 1;
    // Past a rebuild's worth of work, building from scratch is the cheaper way on.
    if (delta_edges_ > std::max<std::size_t>(4096, fwd_.size() / 4)) return false;
    if (incremental_work_ > 4 * info_.size() + 100000) return false;
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
  touch(u);
  touch(v);
  ++delta_edges_;
  const u32 merged = place(u, v, false);
  if (merged != npos) return settle(merged);
  const ClassInfo iu = info_[u], iv = info_[v];
  if (!raise_lo(v, strict ? strictly_after(iu.lo()) : iu.lo())) return false;
  if (!lower_hi(u, strict ? strictly_before(iv.hi()) : iv.hi())) return false;
  spread_masks(u, v, strict);
  return true;
}

bool GraphEngine::add_equal(u32 u, u32 v) {
  if (reach(u, v, nullptr) == Reach::lt || reach(v, u, nullptr) == Reach::lt) return false;
  return settle(place(u, v, true));
}

u32 GraphEngine::place(u32 x, u32 y, bool equal) {
  ensure_order();
  if (ord(y) > ord(x)) {
    if (!equal) return npos;  // already in order
    std::swap(x, y);          // an equality: x is the later one
  }
  const u64 ub = ord(x), lb = ord(y);
  // F: reachable from y and placed no later than x; B: reaching x and placed no earlier than y
  // (labels may tie, and must strictly grow along edges). Either one,
  // moved past the other end, repairs the order (Pearce and Kelly move both); search both in
  // lockstep and move the one that is complete first, the smaller.
  std::vector<u32> F{y}, B{x};
  ClassSet in_f, in_b;
  in_f.insert(y);
  in_b.insert(x);
  bool f_hit = false, b_hit = false;  // y reaches x
  std::size_t fi = 0, bi = 0;
  while (fi < F.size() && bi < B.size()) {
    for_out(F[fi++], [&](u32 z, bool) {
      if (z == x) f_hit = true;
      if (z != x && ord(z) <= ub && in_f.insert(z)) F.push_back(z);
      return false;
    });
    if (fi == F.size()) break;
    for_in(B[bi++], [&](u32 z, bool, u32) {
      if (z == y) b_hit = true;
      if (z != y && ord(z) >= lb && in_b.insert(z)) B.push_back(z);
      return false;
    });
  }
  incremental_work_ += fi + bi;
  const bool move_f = fi == F.size();
  std::vector<u32>& moved = move_f ? F : B;
  // On a cycle (or for an equality) x, y and the classes on paths from y to x become one,
  // placed where x (moving F) or y (moving B) was.
  u32 merged = npos;
  if (equal || (move_f ? f_hit : b_hit)) {
    ClassSet in_cycle;
    std::vector<u32> cycle{x, y};
    in_cycle.insert(x);
    in_cycle.insert(y);
    // Members of the moved side on a path from y to x: those that reach x (moving F), or
    // that y reaches (moving B), found inside the moved side only.
    const ClassSet& side = move_f ? in_f : in_b;
    std::vector<u32> stack{move_f ? x : y};
    while (!stack.empty()) {
      const u32 c = stack.back();
      stack.pop_back();
      auto visit = [&](u32 z) {
        if (side.contains(z) && in_cycle.insert(z)) {
          cycle.push_back(z);
          stack.push_back(z);
        }
        return false;
      };
      if (move_f) {
        for_in(c, [&](u32 z, bool, u32) { return visit(z); });
      } else {
        for_out(c, [&](u32 z, bool) { return visit(z); });
      }
    }
    moved.erase(
        std::remove_if(moved.begin(), moved.end(), [&](u32 c) { return in_cycle.contains(c); }),
        moved.end());
    merged = merge_classes(cycle);
    ord_[merged] = move_f ? ub : lb;
  }
  std::sort(moved.begin(), moved.end(), [&](u32 a, u32 b) { return ord(a) < ord(b); });
  ClassSet in_moved;
  for (const u32 c : moved) in_moved.insert(c);
  for (int attempt = 0;; ++attempt) {
    // The room: after x up to the first outside successor of a moved class (moving F), or
    // after the last outside predecessor up to y (moving B).
    const u64 at = move_f ? ord(merged != npos ? merged : x) : ord(merged != npos ? merged : y);
    u64 limit = move_f ? ~u64{0} : 0;
    for (const u32 c : moved) {
      if (move_f) {
        for_out(c, [&](u32 z, bool) {
          if (!in_moved.contains(z)) limit = std::min(limit, ord(z));
          return false;
        });
      } else {
        for_in(c, [&](u32 z, bool, u32) {
          if (!in_moved.contains(z)) limit = std::max(limit, ord(z));
          return false;
        });
      }
    }
    const u64 room = move_f ? limit - at : at - limit;
    const u64 k = moved.size();
    const u64 step = std::min<u64>(label_step, room / (k + 1));
    if (k > 0 && step == 0) {
      if (attempt > 0) {  // no room even after spreading labels: cannot happen when consistent
        stale_ = true;
        break;
      }
      relabel();
      continue;
    }
    for (u64 i = 0; i < k; ++i) {
      ord_[moved[i]] = move_f ? at + (i + 1) * step : at - (k - i) * step;
    }
    if (move_f && k > 0) next_label_ = std::max(next_label_, ord_[moved.back()] + label_step);
    break;
  }
  return merged;
}

u32 GraphEngine::merge_classes(const std::vector<u32>& classes) {
  std::vector<u32> set(classes);
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  if (rep_.empty()) {
    rep_.resize(info_.size());
    std::iota(rep_.begin(), rep_.end(), 0u);
  }
  // The constraints between merged classes become class-internal: keep them for proofs.
  for (const u32 y : set) {
    for_in(y, [&](u32 x, bool, u32 ref) {
      if (std::binary_search(set.begin(), set.end(), x)) {
        const u32 p = ref_points(ref).first;
        inner_extra_[cls_[p]].push_back(ref);
        touch(cls_[p]);
      }
      return false;
    });
  }
  const u32 r = set.front();
  ClassInfo merged = info_[r];
  auto& members = absorbed_[r];
  for (const u32 x : set) {
    if (x == r) continue;
    const ClassInfo& ix = info_[x];
    merged.set_lo(std::max(merged.lo(), ix.lo()));
    merged.set_hi(std::min(merged.hi(), ix.hi()));
    merged.add_fmask(ix.fmask());
    merged.add_bmask(ix.bmask());
    rep_[x] = r;
    members.push_back(x);
    if (owns(x)) set_owns(r);
    const auto it = absorbed_.find(x);
    if (it != absorbed_.end()) {
      for (const u32 m : it->second) rep_[m] = r;
      members.insert(members.end(), it->second.begin(), it->second.end());
      absorbed_.erase(it);
    }
  }
  info_[r] = merged;
  touch(r);
  return r;
}

bool GraphEngine::settle(u32 r) {
  if (r == npos) return true;
  const ClassInfo ir = info_[r];
  if (ir.lo() > ir.hi()) return false;
  // What the merged class now knows flows on: bounds and masks, both ways.
  std::vector<std::pair<u32, bool>> out, in;
  for_out(r, [&](u32 d, bool strict) {
    out.push_back({d, strict});
    return false;
  });
  for_in(r, [&](u32 s, bool strict, u32) {
    in.push_back({s, strict});
    return false;
  });
  for (const auto& [d, strict] : out) {
    if (!raise_lo(d, strict ? strictly_after(ir.lo()) : ir.lo())) return false;
    spread_masks(r, d, strict);
  }
  for (const auto& [s, strict] : in) {
    if (!lower_hi(s, strict ? strictly_before(ir.hi()) : ir.hi())) return false;
    spread_masks(s, r, strict);
  }
  return true;
}

bool GraphEngine::raise_lo(u32 c, i64 lo) {
  // Earliest instants only grow; push them downstream, in order, each class once per wave.
  if (lo <= info_[c].lo()) return true;
  using Item = std::pair<u32, u32>;  // (position, class)
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
  info_[c].set_lo(lo);
  queue.push({ord(c), c});
  while (!queue.empty()) {
    const u32 x = queue.top().second;
    queue.pop();
    const ClassInfo ix = info_[x];
    if (ix.lo() > ix.hi()) return false;
    for_out(x, [&](u32 d, bool strict) {
      const i64 l = strict ? strictly_after(ix.lo()) : ix.lo();
      if (l > info_[d].lo()) {
        info_[d].set_lo(l);
        queue.push({ord(d), d});
      }
      return false;
    });
  }
  return true;
}

bool GraphEngine::lower_hi(u32 c, i64 hi) {
  if (hi >= info_[c].hi()) return true;
  using Item = std::pair<u32, u32>;
  std::priority_queue<Item> queue;  // latest position first
  info_[c].set_hi(hi);
  queue.push({ord(c), c});
  while (!queue.empty()) {
    const u32 x = queue.top().second;
    queue.pop();
    const ClassInfo ix = info_[x];
    if (ix.lo() > ix.hi()) return false;
    for_in(x, [&](u32 s, bool strict, u32) {
      const i64 h = strict ? strictly_before(ix.hi()) : ix.hi();
      if (h < info_[s].hi()) {
        info_[s].set_hi(h);
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
    const u32 add = info_[u].bmask() | (strict ? landmark_bit_of_rep(u) : 0u);
    if (add & ~info_[v].bmask()) {
      info_[v].add_bmask(add);
      std::vector<u32> stack{v};
      while (!stack.empty()) {
        const u32 x = stack.back();
        stack.pop_back();
        const u32 bx = info_[x].bmask(), self = landmark_bit_of_rep(x);
        for_out(x, [&](u32 d, bool e) {
          const u32 a = bx | (e ? self : 0u);
          if (a & ~info_[d].bmask()) {
            info_[d].add_bmask(a);
            stack.push_back(d);
          }
          return false;
        });
      }
    }
  }
  {
    const u32 add = info_[v].fmask() | (strict ? landmark_bit_of_rep(v) : 0u);
    if (add & ~info_[u].fmask()) {
      info_[u].add_fmask(add);
      std::vector<u32> stack{u};
      while (!stack.empty()) {
        const u32 x = stack.back();
        stack.pop_back();
        const u32 fx = info_[x].fmask(), self = landmark_bit_of_rep(x);
        for_in(x, [&](u32 s, bool e, u32) {
          const u32 a = fx | (e ? self : 0u);
          if (a & ~info_[s].fmask()) {
            info_[s].add_fmask(a);
            stack.push_back(s);
          }
          return false;
        });
      }
    }
  }
}

}  // namespace chronicle::detail
