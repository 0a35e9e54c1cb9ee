// Whole-graph queries: the linear timeline with its groups, time ranges, and the nodes before,
// after or overlapping a node.
#include <algorithm>
#include <deque>
#include <queue>
#include <tuple>
#include <utility>

#include "engine.hpp"

namespace chronicle::detail {

using namespace graph;

namespace {
// Class ids packed below a 47-bit key in class_levels' sort words.
constexpr u32 id_bits = 17;
constexpr u32 id_mask = (u32{1} << id_bits) - 1;

// A Fenwick tree over positions that answers the largest value stored at a position < k.
class PrefixMax {
 public:
  explicit PrefixMax(std::size_t n) : tree_(n + 1, 0) {}
  void raise(std::size_t pos, u32 value) {
    for (std::size_t i = pos + 1; i < tree_.size(); i += i & (~i + 1)) {
      tree_[i] = std::max(tree_[i], value);
    }
  }
  u32 below(std::size_t k) const {  // max over positions [0, k)
    u32 m = 0;
    for (std::size_t i = k; i > 0; i -= i & (~i + 1)) m = std::max(m, tree_[i]);
    return m;
  }

 private:
  std::vector<u32> tree_;
};
}  // namespace

std::vector<u32> GraphEngine::class_levels_kahn() {
  // Level = 1 + the longest chain of strictly-earlier classes, where "earlier" is an edge of
  // the graph or a latest instant before this class's earliest one. Classes are taken in a
  // linear extension of both orders: Kahn's order, always taking the available class with the
  // smallest earliest instant (a class certainly before c by bounds has a smaller earliest
  // instant, and so do all its ancestors, so it always comes out first).
  const u32 C = static_cast<u32>(info_.size());
  std::vector<u32> level(C, 0), indeg(C, 0);
  std::vector<i64> his;
  for (u32 c = 0; c < C; ++c) {
    if (rep(c) != c) continue;
    his.push_back(info_[c].hi());
    for_out(c, [&](u32 d, bool) {
      ++indeg[d];
      return false;
    });
  }
  std::sort(his.begin(), his.end());
  his.erase(std::unique(his.begin(), his.end()), his.end());
  PrefixMax done(his.size());
  using Item = std::pair<i64, u32>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> ready;
  for (u32 c = 0; c < C; ++c) {
    if (rep(c) == c && indeg[c] == 0) ready.push({info_[c].lo(), c});
  }
  while (!ready.empty()) {
    const u32 c = ready.top().second;
    ready.pop();
    const ClassInfo& ic = info_[c];
    // Classes whose latest instant is below c's earliest: hi < lo.
    const std::size_t k =
        static_cast<std::size_t>(std::lower_bound(his.begin(), his.end(), ic.lo()) - his.begin());
    // The tree stores level + 1 (0 = none), which is the level c must at least have.
    level[c] = std::max(level[c], done.below(k));
    done.raise(
        static_cast<std::size_t>(std::lower_bound(his.begin(), his.end(), ic.hi()) - his.begin()),
        level[c] + 1);
    for_out(c, [&](u32 d, bool) {
      level[d] = std::max(level[d], level[c] + 1);
      if (--indeg[d] == 0) ready.push({info_[d].lo(), d});
      return false;
    });
  }
  return level;
}

std::vector<u32> GraphEngine::class_levels() {
  // After a full build (simple()), the same levels without Kahn's heap: class ids are a
  // topological order and a build's earliest instants never decrease along an edge, so the
  // classes sorted by (earliest, id) are a linear extension of both orders, as long as no class
  // has lo > hi. That is checked on the way, and the heap's order taken when it fails (and for
  // more classes than the sort words below hold). Levels are longest chains, the same in every
  // linear extension.
  const u32 C = static_cast<u32>(info_.size());
  if (!simple() || C > id_mask) return class_levels_kahn();
  // Unbounded classes need no sorting: those with no earliest instant come first, in id order,
  // and those with no latest instant are never certainly before another. The others are sorted
  // as one word each: key - neg_inf above the class id.
  constexpr u64 span = static_cast<u64>(pos_inf - neg_inf);  // below 2^47
  std::vector<u32> unbounded;
  std::vector<u64> order, by_hi;
  for (u32 c = 0; c < C; ++c) {
    // Keys as offsets from neg_inf: lo > hi, or a key out of range, wraps past `span`.
    const u64 lo = static_cast<u64>(info_[c].lo() - neg_inf);
    const u64 hi = static_cast<u64>(info_[c].hi() - neg_inf);
    if (lo > hi || hi > span) return class_levels_kahn();  // never after a build
    if (lo == 0) {
      unbounded.push_back(c);
    } else {
      order.push_back(lo << id_bits | c);
    }
    if (hi != span) by_hi.push_back(hi << id_bits | c);
  }
  if (!std::is_sorted(order.begin(), order.end())) std::sort(order.begin(), order.end());
  std::sort(by_hi.begin(), by_hi.end());
  std::vector<u32> level(C, 0);
  std::vector<u8> seen(C, 0);  // bytes: a std::vector<bool>'s bit tests cost more here
  // The level a class must at least have from the classes whose latest instant is below its
  // earliest one: all seen already (lo <= hi < the class's lo), and more of them as lo grows.
  u32 floor = 0;
  std::size_t k = 0;
  auto place = [&](u32 c, u64 lo_word) {
    for (; k < by_hi.size() && (by_hi[k] >> id_bits) < (lo_word >> id_bits); ++k) {
      floor = std::max(floor, level[by_hi[k] & id_mask] + 1);
    }
    level[c] = std::max(level[c], floor);
    seen[c] = 1;
    return !for_out(c, [&](u32 d, bool) {
      if (seen[d]) return true;  // not a linear extension after all
      level[d] = std::max(level[d], level[c] + 1);
      return false;
    });
  };
  for (const u32 c : unbounded) {
    if (!place(c, c)) return class_levels_kahn();  // key 0
  }
  for (const u64 w : order) {
    if (!place(static_cast<u32>(w & id_mask), w)) return class_levels_kahn();
  }
  return level;
}

std::vector<TimelineEntry> GraphEngine::timeline() {
  const std::vector<u32> level = class_levels();
  const u32 N = node_count();
  // Within a group, by earliest start, then by latest end: of two nodes that may start at any
  // time, the one that must be over sooner reads first ("the fall of the Soviet Union", over by
  // 1992, before an undated "killed"); nodes without dates keep text order after the dated.
  // Keys worked out once per node, not per comparison.
  using Key = std::tuple<u32, i64, i64, u32, u32>;
  std::vector<Key> keys(N);
  for (u32 n = 0; n < N; ++n) {
    const u32 s = cls(2 * n);
    keys[n] = Key{level[s], info_[s].lo(), info_[cls(2 * n + 1)].hi(), position_[n], n};
  }
  std::sort(keys.begin(), keys.end());
  std::vector<TimelineEntry> out;
  out.reserve(N);
  u32 group = 0;
  for (u32 i = 0; i < N; ++i) {
    if (i > 0 && std::get<0>(keys[i]) != std::get<0>(keys[i - 1])) ++group;
    const u32 n = std::get<4>(keys[i]);
    out.push_back(TimelineEntry{n, group, bounds(n)});
  }
  return out;
}

RangeMatch GraphEngine::within(i64 from_seconds, i64 to_seconds) const {
  RangeMatch m;
  const i64 from = 2 * from_seconds, to = 2 * to_seconds;
  for (u32 n = 0; n < node_count(); ++n) {
    const ClassInfo& s = info_[cls(2 * n)];
    const ClassInfo& e = info_[cls(2 * n + 1)];
    if (s.lo() >= from && e.hi() <= to) {
      m.certain.push_back(n);
      continue;
    }
    // Possible: some start in [max(lo, from), hi] and some end in [lo, min(hi, to)], start first.
    const i64 start_lo = std::max(s.lo(), from), end_hi = std::min(e.hi(), to);
    if (start_lo <= s.hi() && e.lo() <= end_hi && strictly_after(start_lo) <= end_hi) {
      m.possible.push_back(n);
    }
  }
  return m;
}

namespace {
// Marks of a whole-graph search: bit 0 reached, bit 1 reached through a strict constraint.
void mark_from(const GraphEngine& g, u32 start, bool forward, std::vector<u8>& mark) {
  std::vector<std::pair<u32, u8>> stack{{start, 0}};
  mark[start] |= 1;
  while (!stack.empty()) {
    // Not a structured binding: C++17 lambdas cannot capture those (clang refuses).
    const u32 x = stack.back().first;
    const u8 s = stack.back().second;
    stack.pop_back();
    auto visit = [&](u32 y, bool e) {
      const u8 s2 = static_cast<u8>(s | (e ? 1 : 0));
      const u8 want = static_cast<u8>(s2 ? 3 : 1);
      if ((mark[y] & want) == want) return false;
      mark[y] |= want;
      stack.push_back({y, s2});
      return false;
    };
    if (forward) {
      g.for_out(x, visit);
    } else {
      g.for_in(x, [&](u32 y, bool e, u32) { return visit(y, e); });
    }
  }
}
}  // namespace

std::vector<u32> GraphEngine::ordered_with(u32 point, bool before) {
  ensure_masks();  // searches read the reverse lists and the landmarks
  // before: nodes whose end is <= point; after: nodes whose start is >= point.
  const u32 t = cls(point);
  std::vector<u8> mark(info_.size(), 0);
  mark_from(*this, t, !before, mark);
  const ClassInfo& it = info_[t];
  std::vector<u32> out;
  for (u32 n = 0; n < node_count(); ++n) {
    if (n == point / 2) continue;
    const u32 c = cls(before ? 2 * n + 1 : 2 * n);
    const ClassInfo& ic = info_[c];
    if ((mark[c] & 1) || (before ? bounds_le(ic.hi(), it.lo()) : bounds_le(it.hi(), ic.lo()))) {
      out.push_back(n);
    }
  }
  return out;
}

std::vector<u32> GraphEngine::overlapping(u32 x) {
  ensure_masks();  // searches read the reverse lists and the landmarks
  // y.start < x.end and x.start < y.end, each through a strict path or by bounds.
  const u32 xs = cls(2 * x), xe = cls(2 * x + 1);
  std::vector<u8> after_start(info_.size(), 0), before_end(info_.size(), 0);
  mark_from(*this, xs, true, after_start);
  mark_from(*this, xe, false, before_end);
  const ClassInfo &is = info_[xs], &ie = info_[xe];
  std::vector<u32> out;
  for (u32 n = 0; n < node_count(); ++n) {
    if (n == x) continue;
    const u32 ys = cls(2 * n), ye = cls(2 * n + 1);
    const bool starts_before_end = (before_end[ys] & 2) || info_[ys].hi() < ie.lo();
    const bool ends_after_start = (after_start[ye] & 2) || is.hi() < info_[ye].lo();
    if (starts_before_end && ends_after_start) out.push_back(n);
  }
  return out;
}

}  // namespace chronicle::detail
