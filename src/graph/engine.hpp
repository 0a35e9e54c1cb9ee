// The timeline graph's engine, internal to src/graph. See include/chronicle/graph.hpp for the
// model; this file is about representation.
//
// Points. Node n has points 2n (start) and 2n + 1 (end).
// Classes. Points known equal share a class (union-find over "=" and over cycles of "<="). A
// build numbers classes in a topological order of the class DAG, so that a class id is also
// its position in the order; later incremental changes keep a separate order (ord_) and merge
// classes with a second union-find (rep_).
// Edges. fwd_ holds, per class, its successors with a strictness bit; rev_ holds, per class,
// the "refs" of the constraints that enter it: a ref names one endpoint constraint of one
// link (2 * link + k) or the start < end axiom of a node (axiom_bit | node). A forward edge's
// ref is found, when a proof needs it, in the target's rev_ list.
// Bounds. Times are seconds since 1970-01-01. A lower bound "x >= t" is the key 2t and
// "x > t" is 2t + 1; an upper bound "x <= t" is 2t and "x < t" is 2t - 1. Then a point is
// feasible iff lo <= hi, p < q follows from bounds iff hi(p) < lo(q), and crossing a strict
// edge maps lo to lo | 1 and hi to (hi - 1) | 1. Infinities are odd keys that these maps fix.
// Keys fit 48 bits (years 1400-9999 need 41), so a class's two keys and two 16-bit landmark
// masks share 16 bytes: one cache line per class visited by a search.
// Landmarks. Up to 16 classes spread over the order; per class, fmask holds the landmarks it
// is certainly before (through a path whose last edge into the landmark is strict, or through
// a successor that has it) and bmask those certainly before it. They are monotone along edges,
// so they cut searches both ways: fmask(x) & bmask(y) proves x < y; a landmark that y is
// before but x is not proves that x does not reach y.
#pragma once

#include <chronicle/graph.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chronicle::detail {

namespace graph {

using u8 = std::uint8_t;
using u16 = std::uint16_t;
using u32 = std::uint32_t;
using u64 = std::uint64_t;
using i64 = std::int64_t;

inline constexpr u32 npos = 0xFFFFFFFFu;
inline constexpr u32 strict_bit = 0x80000000u;        // in fwd_ targets
inline constexpr u32 axiom_bit = 0x80000000u;         // in refs
inline constexpr u32 max_links = 0x40000000u;         // refs keep 2 * link below axiom_bit
inline constexpr u32 max_nodes = (u32{1} << 29) - 1;  // node ids fit LinkRec

inline constexpr i64 pos_inf = (i64{1} << 46) - 1;
inline constexpr i64 neg_inf = -pos_inf;
inline constexpr u32 max_landmarks = 16;
// Constraints a search for the shortest witness of a bounds contradiction may look at.
inline constexpr u32 bounds_search_budget = 512;
inline constexpr i64 strictly_after(i64 lo) {
  return lo | 1;
}
inline constexpr i64 strictly_before(i64 hi) {
  return (hi - 1) | 1;
}
inline constexpr i64 lower_seconds(i64 lo) {
  return lo >> 1;
}
inline constexpr i64 upper_seconds(i64 hi) {
  return (hi + 1) >> 1;
}
// p <= q follows from p's upper and q's lower bound.
inline constexpr bool bounds_le(i64 hi_p, i64 lo_q) {
  return upper_seconds(hi_p) <= lower_seconds(lo_q);
}

// Asks the kernel to back [p, p + bytes) with huge pages where it can (Linux, madvise), before
// the memory is first touched: the engine's arrays are read at random, and with 4 KB pages
// nearly every such read misses the TLB too. Only the 2 MB-aligned interior is affected, so
// nothing is rounded up. A no-op for small arrays and elsewhere.
void advise_huge(const void* p, std::size_t bytes);
// v.assign(n, value), with a fresh buffer advised for huge pages when it must grow.
template <class V, class T>
void assign_huge(V& v, std::size_t n, const T& value) {
  if (v.capacity() < n) {
    V fresh;
    fresh.reserve(n);
    advise_huge(fresh.data(), n * sizeof(fresh[0]));
    v.swap(fresh);
  }
  v.assign(n, value);
}

i64 lower_key(const Instant& t);  // start >= t
i64 upper_key(const Instant& t);  // end <= t
Instant lower_instant(i64 lo);
Instant upper_instant(i64 hi);

// Point operators after normalization (">" and ">=" swap their sides).
enum : u8 { op_lt = 0, op_le = 1, op_eq = 2 };

// One endpoint constraint of a link: side bit 1 = node (0: from, 1: to), bit 0 = endpoint.
struct Cons {
  u8 lhs = 0, op = op_lt, rhs = 0;
};
struct ConsList {
  u8 n = 0;
  std::array<Cons, 2> c{};
};

// Link codes: a Relation (0..14), or 16 + (from_end << 4 | to_end << 3 | PointOp) for one
// endpoint constraint.
inline constexpr u8 code_constraint = 16;

// A link's nodes and relation code in 8 bytes (29 bits of node and 3 bits of code in each
// word): what decoding a ref reads. Confidence, provenance and the dropped flag live apart.
class LinkRec {
 public:
  static constexpr u32 node_mask = (u32{1} << 29) - 1;
  LinkRec() = default;
  LinkRec(u32 from, u32 to, u8 code)
      : a_(from | (u32{code} & 7) << 29), b_(to | (u32{code} >> 3) << 29) {}
  u32 from() const { return a_ & node_mask; }
  u32 to() const { return b_ & node_mask; }
  u8 code() const { return static_cast<u8>((a_ >> 29) | ((b_ >> 29) << 3)); }

 private:
  u32 a_ = 0, b_ = 0;
};

struct BoundRec {
  u32 node = 0;
  float confidence = 1.0f;
  i64 lo = neg_inf, hi = pos_inf;  // keys of start >= earliest, end <= latest
  bool dropped = false;
  bool exact = false;  // also start <= earliest and end >= latest (where finite)
  // The bounds this record puts on the node's start (point & 1 == 0) or end.
  i64 lower(u32 point) const {
    if (!(point & 1)) return lo;
    return exact && hi != neg_inf && hi != pos_inf ? hi : neg_inf;
  }
  i64 upper(u32 point) const {
    if (point & 1) return hi;
    return exact && lo != neg_inf && lo != pos_inf ? lo : pos_inf;
  }
};

// A class-internal edge while a build runs: from <= to between points of one class.
struct InnerEdge {
  u32 from = 0, to = 0, ref = 0;
  friend bool operator<(const InnerEdge& a, const InnerEdge& b) {
    return a.from != b.from ? a.from < b.from : a.to != b.to ? a.to < b.to : a.ref < b.ref;
  }
};

// What search needs of a class: earliest and latest keys, landmark masks; 16 bytes.
class ClassInfo {
 public:
  i64 lo() const { return key(lo_); }
  i64 hi() const { return key(hi_); }
  u32 fmask() const { return static_cast<u32>(lo_ >> 48); }
  u32 bmask() const { return static_cast<u32>(hi_ >> 48); }
  void set_lo(i64 k) { lo_ = with_key(lo_, k); }
  void set_hi(i64 k) { hi_ = with_key(hi_, k); }
  void add_fmask(u32 m) { lo_ |= u64{m} << 48; }
  void add_bmask(u32 m) { hi_ |= u64{m} << 48; }

 private:
  static constexpr u64 low = (u64{1} << 48) - 1;
  static i64 key(u64 w) { return static_cast<i64>(w << 16) >> 16; }
  static u64 with_key(u64 w, i64 k) { return (w & ~low) | (static_cast<u64>(k) & low); }
  u64 lo_ = static_cast<u64>(neg_inf) & low;
  u64 hi_ = static_cast<u64>(pos_inf) & low;
};

// Node ids: one string arena, offsets, and an open-addressing table of node numbers.
class NameTable {
 public:
  u32 find(std::string_view name) const;  // npos when absent
  u32 insert(std::string_view name);      // npos when the name is taken
  std::string_view name(u32 id) const {
    return std::string_view(arena_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  u32 size() const { return static_cast<u32>(offsets_.size() - 1); }
  void reserve(std::size_t names);
  std::size_t memory() const;

 private:
  void grow();
  bool holds(u64 slot, u64 hash, std::string_view name) const;
  static constexpr u64 empty = ~u64{0};
  std::string arena_;
  std::vector<u32> offsets_{0};
  std::vector<u64> slots_;  // hash's high half << 32 | id; empty when free; at most half full
};

enum class Reach : u8 { none, le, lt };

}  // namespace graph

class GraphEngine {
 public:
  using u8 = graph::u8;
  using u32 = graph::u32;
  using i64 = graph::i64;

  explicit GraphEngine(GraphOptions options);

  const GraphOptions& options() const { return options_; }
  void reserve(std::size_t nodes, std::size_t links);

  // --- input
  u32 add_node(std::string_view id, NodeKind kind, std::optional<std::uint32_t> position,
               std::optional<Bounds> bounds, BoundsFit fit, double bounds_confidence,
               bool if_new = false);  // if_new: npos, not an error, when the id is taken
  u32 add_link(u32 from, u32 to, u8 code, std::string_view provenance, double confidence,
               std::string_view id);
  u32 find(std::string_view id) const { return names_.find(id); }
  u32 node_count() const { return names_.size(); }
  u32 link_count() const { return static_cast<u32>(links_.size()); }
  NodeView node(u32 n) const;
  NodeKind kind(u32 n) const;
  LinkView link(u32 l) const;
  std::optional<u32> dct() const {
    return dct_ == graph::npos ? std::nullopt : std::optional(dct_);
  }
  std::string describe(const Contradiction& c) const;
  std::string describe_link(u32 l) const;
  std::size_t memory() const;
  static u8 code_of(Relation r) { return static_cast<u8>(r); }
  static u8 code_of(EndpointConstraint c);
  const graph::ConsList& cons_of(u8 code) const { return table_[code]; }

  // --- state
  void update();  // brings the index up to date
  const std::vector<Contradiction>& contradictions() { return contradictions_; }

  // --- queries (call update() first)
  PointRelation point_relation(u32 p, u32 q);
  Proof explain(u32 p, u32 q);
  Entailment relation(u32 a, u32 b);
  EndpointRelations endpoint_relations(u32 a, u32 b);
  bool entails(u32 from, u32 to, u8 code);
  NodeBounds bounds(u32 node) const;
  std::vector<u32> ordered_with(u32 point, bool before);  // nodes whose far end is <= / >= point
  std::vector<u32> overlapping(u32 node);
  RangeMatch within(i64 from_seconds, i64 to_seconds) const;
  std::vector<TimelineEntry> timeline();

 private:
  friend struct Search;
  // --- relation tables
  u32 side_point(const graph::LinkRec& l, u8 side) const {
    return 2 * ((side & 2) ? l.to() : l.from()) + (side & 1);
  }
  // Inline: every search decodes refs in its innermost loop.
  std::pair<u32, u32> ref_points(u32 ref) const {
    if (ref & graph::axiom_bit) {
      const u32 n = ref & ~graph::axiom_bit;
      return {2 * n, 2 * n + 1};
    }
    const graph::LinkRec& l = links_[ref >> 1];
    const graph::Cons& c = table_[l.code()].c[ref & 1];
    return {side_point(l, c.lhs), side_point(l, c.rhs)};
  }
  bool ref_strict(u32 ref) const {
    if (ref & graph::axiom_bit) return true;
    return table_[links_[ref >> 1].code()].c[ref & 1].op == graph::op_lt;
  }

  // --- build (build.cpp)
  void rebuild();
  // Whether the unions over "=" of a round are still those of the one before it, when the
  // links dropped were `was_dropped` (one bit per link): true when no link dropped since holds
  // an equality, and then their order constraints are taken out of `pdeg`.
  bool reuse_unions(const std::vector<graph::u64>& was_dropped, std::vector<u32>& pdeg) const;
  struct Witness {
    std::vector<u32> links;
    std::vector<u32> bounds;
  };
  // Drops the least confident item of w and records the contradiction. Items in `spent` (links
  // and bounds dropped earlier in the same round) are not candidates; false, and nothing
  // recorded, when no candidate is left.
  struct Spent {
    std::set<u32> links, bounds;
  };
  // `bounds_only`: only the bounds on w are candidates.
  bool resolve(Contradiction::Kind kind, Witness&& w, const Spent* spent = nullptr,
               bool bounds_only = false);
  // The constraints that make point `to` follow from point `from` inside one class: during a
  // build from the edge list `inner` (null: from the index).
  void inner_path(u32 from, u32 to, const std::vector<graph::InnerEdge>* inner,
                  std::vector<u32>& refs) const;
  void index_inner_path(u32 from, u32 to, std::vector<u32>& refs) const;
  u32 eq_parent(u32 point) const;  // npos at a root of the equality forest
  u32 eq_root(u32 point) const;
  void tree_path(u32 a, u32 b, std::vector<u32>& refs) const;  // a, b in one equality tree
  // A class-level chain of refs as point-level refs, from_point to to_point.
  void expand(u32 from_point, const std::vector<u32>& refs, u32 to_point,
              const std::vector<graph::InnerEdge>* inner, std::vector<u32>& out) const;
  void refs_to_witness(const std::vector<u32>& refs, Witness& w) const;
  std::vector<graph::InnerEdge> both_ways(const std::vector<graph::InnerEdge>& equal,
                                          const std::vector<graph::InnerEdge>& loops) const;
  void choose_landmarks();
  // The two passes over the classes in order after a build round: earliest and latest
  // instants (every round: contradictions are found in them), and the landmark masks (once,
  // by ensure_masks, before the first search or incremental change needs them).
  void sweep_bounds();
  void sweep_masks();
  void ensure_masks();  // ensure_reverse, then the landmarks and their masks
  // The equalities' spanning forest (eq_up_) and the reverse lists (rev_, rev_src_): made by a
  // large graph's build, by ensure_reverse for a small one, when a proof or search needs them.
  // Runs make() once for the index `made` marks: the first caller makes it under the index
  // mutex, later ones see the flag (acquire) and skip.
  void make_once(std::atomic<bool>& made, const std::function<void()>& make);
  void build_eq_forest();
  void fill_reverse();
  void ensure_reverse();
  // One round of bounds contradictions; false when there is none. The later the round, the
  // more is resolved in it (see resolve_crossings).
  enum class CrossingRound { careful, bulk, last_resort };
  bool resolve_crossings(CrossingRound round);

  // --- incremental (incremental.cpp)
  bool apply_incremental();  // false when a full build is needed instead
  bool add_edge(u32 u, u32 v, bool strict, u32 ref);
  bool add_equal(u32 u, u32 v);
  // Pearce-Kelly: repairs the order after x <= y is added (and y <= x when `equal`), merging
  // the classes on a cycle; returns the merged class, or npos when nothing merged.
  u32 place(u32 x, u32 y, bool equal);
  u32 merge_classes(const std::vector<u32>& classes);
  bool settle(u32 merged);  // pushes a merged class's bounds and masks to its neighbours
  bool raise_lo(u32 c, i64 lo);
  bool lower_hi(u32 c, i64 hi);
  void spread_masks(u32 u, u32 v, bool strict);
  u32 new_class();
  void ensure_order();
  void relabel();  // spreads the order labels out again when a gap is used up
  void touch(u32 c);
  u32 find_rep(u32 c);  // with path halving (updates only)

  // --- search (search.cpp)
 public:
  u32 rep(u32 c) const {
    if (rep_.empty()) return c;
    while (rep_[c] != c) c = rep_[c];
    return c;
  }
  u32 cls(u32 point) const { return rep(cls_[point]); }
  // A class's place in the topological order: its id after a build, a sparse label after
  // incremental changes (labels need not be dense, only increase along every edge).
  graph::u64 ord(u32 c) const { return ord_.empty() ? c : ord_[c]; }
  const graph::ClassInfo& info(u32 c) const { return info_[c]; }
  u32 landmark_bit(u32 c) const;         // 0 when c is not a landmark of the last build
  u32 landmark_bit_of_rep(u32 c) const;  // the landmarks merged into class c
  bool simple() const { return rep_.empty() && dfwd_.empty(); }

  // Classes with delta edges or merged classes since the build (lookups only for those).
  bool touched(u32 c) const {
    return (c >> 6) < touched_.size() && ((touched_[c >> 6] >> (c & 63)) & 1);
  }

  // Calls f(target, strict) for each edge leaving class c; stops when f returns true.
  template <class F>
  bool for_out(u32 c, F&& f) const {
    if (simple()) {
      if (c >= base_classes_) return false;
      for (u32 k = fwd_off_[c], e = fwd_off_[c + 1]; k < e; ++k) {
        const u32 t = fwd_[k];
        if (f(t & ~graph::strict_bit, (t & graph::strict_bit) != 0)) return true;
      }
      return false;
    }
    auto one = [&](u32 m) {
      if (m < base_classes_) {
        for (u32 k = fwd_off_[m], e = fwd_off_[m + 1]; k < e; ++k) {
          const u32 t = rep(fwd_[k] & ~graph::strict_bit);
          if (t != c && f(t, (fwd_[k] & graph::strict_bit) != 0)) return true;
        }
      }
      if (!touched(m)) return false;
      const auto it = dfwd_.find(m);
      if (it != dfwd_.end()) {
        for (const u32 x : it->second) {
          const u32 t = rep(x & ~graph::strict_bit);
          if (t != c && f(t, (x & graph::strict_bit) != 0)) return true;
        }
      }
      return false;
    };
    if (one(c)) return true;
    if (!touched(c)) return false;
    const auto it = absorbed_.find(c);
    if (it != absorbed_.end()) {
      for (const u32 m : it->second) {
        if (one(m)) return true;
      }
    }
    return false;
  }
  // Calls f(source, strict, ref) for each constraint entering class c; stops when f returns true.
  template <class F>
  bool for_in(u32 c, F&& f) const {
    auto one = [&](u32 m) {
      if (m < base_classes_) {
        for (u32 k = rev_off_[m], e = rev_off_[m + 1]; k < e; ++k) {
          const u32 src = rev_src_[k];
          const u32 s = rep(src & ~graph::strict_bit);
          if (s != c && f(s, (src & graph::strict_bit) != 0, rev_[k])) return true;
        }
      }
      if (!touched(m)) return false;
      const auto it = drev_.find(m);
      if (it != drev_.end()) {
        for (const u32 ref : it->second) {
          const u32 s = cls(ref_points(ref).first);
          if (s != c && f(s, ref_strict(ref), ref)) return true;
        }
      }
      return false;
    };
    if (one(c)) return true;
    if (!touched(c)) return false;
    const auto it = absorbed_.find(c);
    if (it != absorbed_.end()) {
      for (const u32 m : it->second) {
        if (one(m)) return true;
      }
    }
    return false;
  }
  // for_in, with the sources' class info prefetched first: what proofs spend their time on.
  template <class F>
  bool for_in_prefetched(u32 c, F&& f) const {
    if (simple() && c < base_classes_) {
      for (u32 k = rev_off_[c], e = rev_off_[c + 1]; k < e; ++k) {
        __builtin_prefetch(&info_[rev_src_[k] & ~graph::strict_bit]);
      }
    }
    return for_in(c, f);
  }
  // for_out, with the successors' class info prefetched first.
  template <class F>
  bool for_out_prefetched(u32 c, F&& f) const {
    if (simple() && c < base_classes_) {
      for (u32 k = fwd_off_[c], e = fwd_off_[c + 1]; k < e; ++k) {
        __builtin_prefetch(&info_[fwd_[k] & ~graph::strict_bit]);
      }
    }
    return for_out(c, f);
  }

  // Calls f(member) for class c and each class merged into it.
  template <class F>
  void for_members(u32 c, F&& f) const {
    f(c);
    if (!touched(c)) return;
    const auto it = absorbed_.find(c);
    if (it != absorbed_.end()) {
      for (const u32 m : it->second) f(m);
    }
  }

 private:
  graph::Reach reach(u32 u, u32 v, std::vector<u32>* path);
  bool landmark_walk_forward(u32 x, u32 lm, std::vector<u32>& refs) const;
  bool landmark_walk_backward(u32 v, u32 lm, std::vector<u32>& refs) const;
  u32 edge_ref(u32 x, u32 y, bool strict) const;  // a ref of the edge x -> y
  struct Step {
    u32 x, y;
    bool strict;
  };
  void edge_refs(const std::vector<Step>& steps, std::vector<u32>& out) const;  // in a batch
  // The chain of constraints that carries class c's earliest instant from a point whose own
  // bound sets it (lower), or its latest instant to one (upper). Each class's step is worked
  // out once per build round and kept in a ChainMemo: many crossing classes share a chain.
  struct ChainMemo {
    static constexpr u32 unknown = graph::npos - 1;
    explicit ChainMemo(u32 classes)
        : next(classes, graph::npos), ref(classes, graph::npos), end(classes, unknown) {}
    std::vector<u32> next, ref, end;  // per class: next class, its constraint, the chain's point
    // The constraints into classes with many of them, looked up by (source, target, strict):
    // finding one by scanning its target's list for every chain through it would be quadratic.
    // Sorted by key; for each key the first constraint met, as edge_ref finds it.
    std::vector<std::pair<graph::u64, u32>> hub_refs;
    std::vector<bool> hub_read;  // per class, once one is looked up
    std::vector<u32> walked;     // chain_end's scratch, kept for its buffer
  };
  // edge_ref through a ChainMemo's cache.
  u32 chain_edge_ref(u32 x, u32 y, bool strict, ChainMemo& memo) const;
  // The point whose bound starts (lower) or ends (upper) c's chain; npos when none.
  u32 chain_end(u32 c, bool upper, ChainMemo& memo) const;
  // The chain's constraints in order along time: from the bound to c (lower), c to it (upper).
  void chain_refs(u32 c, bool upper, ChainMemo& memo, std::vector<u32>& refs) const;
  template <class Ok>
  u32 bound_walk(u32 c, bool upper, Ok&& ok, std::vector<u32>& refs, i64& key) const;
  // A point of class c whose node's own bound gives c its earliest (lower) or latest `key`.
  u32 own_bound(u32 c, i64 key, bool lower) const;
  const graph::BoundRec* bound_of(u32 node) const;
  void prove(u32 p, graph::u8 op, u32 q, Proof& proof);
  void refs_to_proof(const std::vector<u32>& refs, Proof& proof) const;
  std::vector<u32> class_levels();
  std::vector<u32> class_levels_kahn();  // any state, by Kahn's order with a heap

  GraphOptions options_;
  std::array<graph::ConsList, 64> table_{};

  // Input.
  graph::NameTable names_;
  std::vector<u8> kind_;
  std::vector<u32> position_;            // npos = none
  std::vector<graph::BoundRec> bounds_;  // sorted by node
  std::vector<graph::LinkRec> links_;
  std::vector<float> link_confidence_;
  std::vector<graph::u16> link_provenance_;
  std::vector<graph::u64> link_dropped_;  // one bit per link
  bool dropped(u32 l) const { return (link_dropped_[l >> 6] >> (l & 63)) & 1; }
  // Calls f(p, q, strict, ref) for each order constraint (not "=") of links [0, links) still in
  // play, then for each of nodes [0, nodes)'s start < end. With `map` (the point -> root or
  // point -> class array a pass reads), the map entries of the link 16 ahead are prefetched:
  // the passes that fill adjacency are bound by those random reads.
  template <class F>
  void each_constraint(u32 links, u32 nodes, F&& f, const std::vector<u32>* map = nullptr) const {
    constexpr u32 ahead = 16;
    for (u32 l = 0; l < links; ++l) {
      if (map && l + ahead < links) {
        __builtin_prefetch(map->data() + 2 * links_[l + ahead].from());
        __builtin_prefetch(map->data() + 2 * links_[l + ahead].to());
      }
      if (dropped(l)) continue;
      const graph::LinkRec& r = links_[l];
      const graph::ConsList& cl = table_[r.code()];
      for (u32 k = 0; k < cl.n; ++k) {
        const graph::Cons& c = cl.c[k];
        if (c.op == graph::op_eq) continue;
        f(side_point(r, c.lhs), side_point(r, c.rhs), c.op == graph::op_lt, 2 * l + k);
      }
    }
    for (u32 n = 0; n < nodes; ++n) f(2 * n, 2 * n + 1, true, graph::axiom_bit | n);
  }
  void set_dropped(u32 l) { link_dropped_[l >> 6] |= graph::u64{1} << (l & 63); }
  std::vector<std::string> provenances_;
  std::unordered_map<std::string, graph::u16> provenance_index_;  // when more than a few
  static constexpr std::size_t few_provenances = 64;
  std::size_t last_provenance_ = ~std::size_t{0};
  u32 find_provenance(std::string_view provenance) const;  // npos when new
  std::string link_id_arena_;
  std::vector<std::pair<u32, u32>> link_ids_;  // (link, offset into the arena), by link
  u32 dct_ = graph::npos;

  // The index.
  bool built_ = false;
  bool stale_ = false;  // needs a full build
  u32 applied_nodes_ = 0, applied_links_ = 0;
  u32 base_classes_ = 0;  // classes of the last full build
  std::vector<u32> cls_;  // point -> class
  std::vector<graph::ClassInfo> info_;
  std::vector<u32> landmarks_;  // class ids, bit k = landmarks_[k]
  // Whether landmarks_ and the classes' masks are made since the build. Const queries may run
  // concurrently after an update (graph.hpp): the first that needs them makes them, once.
  std::atomic<bool> masks_built_{false};
  std::atomic<bool> reverse_built_{false};  // eq_up_, rev_ and rev_src_ made since the build
  std::mutex index_mutex_;
  // What the lazily made parts are made from: the last build round's unions over "=", and the
  // nodes and links it had.
  std::vector<graph::InnerEdge> eq_edges_;
  u32 built_nodes_ = 0, built_links_ = 0;
  std::vector<u32> fwd_off_, fwd_, rev_off_, rev_;
  // Beside each rev_ entry, its source's class at the build with the strictness bit: searches
  // read it instead of decoding the ref through its link.
  std::vector<u32> rev_src_;
  // Class-internal constraints for proofs. Equalities of the build: per point, the ref to its
  // parent in the union-find's spanning forest (empty when there were none). Others (cycles
  // of "<="): (class of their first point, ref), sorted. Those added since the build: by the
  // class of their first point.
  std::vector<u32> eq_up_;
  std::vector<std::pair<u32, u32>> inner_;
  std::unordered_map<u32, std::vector<u32>> inner_extra_;
  // Bounded points by class: (class at the build, index in bounds_ << 1 | end), sorted; a bit
  // per class that has one (merged classes: any member); nodes with bounds added since.
  std::vector<std::pair<u32, u32>> owners_;
  std::vector<u32> owners_index_;  // first entry of each block of 64 classes
  std::vector<graph::u64> owned_;
  // The owners_ entries of class m (of the build).
  std::pair<const std::pair<u32, u32>*, const std::pair<u32, u32>*> owners_of(u32 m) const {
    const u32 b = m >> 6;
    if (b + 1 >= owners_index_.size()) return {nullptr, nullptr};
    const auto* first = owners_.data() + owners_index_[b];
    const auto* last = owners_.data() + owners_index_[b + 1];
    while (first != last && first->first < m) ++first;
    const auto* end = first;
    while (end != last && end->first == m) ++end;
    return {first, end};
  }
  std::vector<u32> owners_extra_;
  bool owns(u32 c) const { return (c >> 6) < owned_.size() && ((owned_[c >> 6] >> (c & 63)) & 1); }
  void set_owns(u32 c) {
    if ((c >> 6) >= owned_.size()) owned_.resize((c >> 6) + 1, 0);
    owned_[c >> 6] |= graph::u64{1} << (c & 63);
  }
  std::vector<Contradiction> contradictions_;

  // Incremental state since the last full build.
  std::vector<u32> rep_;  // class union-find; empty while nothing merged
  std::unordered_map<u32, std::vector<u32>> absorbed_;  // rep -> classes merged into it
  std::unordered_map<u32, std::vector<u32>> dfwd_, drev_;
  std::vector<graph::u64> ord_;  // order labels; empty = the class ids
  graph::u64 next_label_ = 0;
  std::size_t incremental_work_ = 0;  // classes visited by incremental updates since the build
  std::vector<graph::u64> touched_;
  std::size_t delta_edges_ = 0;
};

}  // namespace chronicle::detail
