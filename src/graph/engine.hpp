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
// Bounds. Times are int64 seconds since 1970-01-01. A lower bound "x >= t" is the key 2t and
// "x > t" is 2t + 1; an upper bound "x <= t" is 2t and "x < t" is 2t - 1. Then a point is
// feasible iff lo <= hi, p < q follows from bounds iff hi(p) < lo(q), and crossing a strict
// edge maps lo to lo | 1 and hi to (hi - 1) | 1. Infinities are odd keys that these maps fix.
// Landmarks. Up to 32 classes spread over the order; per class, fmask holds the landmarks it
// is certainly before (through a path whose last edge into the landmark is strict, or through
// a successor that has it) and bmask those certainly before it. They are monotone along edges,
// so they cut searches both ways: fmask(x) & bmask(y) proves x < y; a landmark that y is
// before but x is not proves that x does not reach y.
#pragma once

#include <chronicle/graph.hpp>

#include <array>
#include <cstdint>
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
inline constexpr u32 strict_bit = 0x80000000u;  // in fwd_ targets
inline constexpr u32 axiom_bit = 0x80000000u;   // in refs
inline constexpr u32 max_links = 0x40000000u;   // refs keep 2 * link below axiom_bit
inline constexpr u32 max_nodes = 0x3FFFFFFFu;   // points and classes stay below strict_bit

inline constexpr i64 neg_inf = -(i64{1} << 62) + 1;
inline constexpr i64 pos_inf = (i64{1} << 62) - 1;
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

struct LinkRec {
  u32 from = 0, to = 0;
  float confidence = 1.0f;
  u16 provenance = 0;
  u8 code = 0;
  u8 dropped = 0;
};

struct BoundRec {
  u32 node = 0;
  i64 lo = neg_inf, hi = pos_inf;            // keys of start >= earliest, end <= latest
  i64 start_hi = pos_inf, end_lo = neg_inf;  // exact fit: start <= earliest, end >= latest
  float confidence = 1.0f;
  bool dropped = false;
  bool exact = false;
  // The bound this record puts on the node's start (point & 1 == 0) or end.
  i64 lower(u32 point) const { return (point & 1) ? end_lo : lo; }
  i64 upper(u32 point) const { return (point & 1) ? hi : start_hi; }
};

// A class-internal edge for proofs: from <= to between points of one class.
struct InnerEdge {
  u32 from = 0, to = 0, ref = 0;
  friend bool operator<(const InnerEdge& a, const InnerEdge& b) {
    return a.from != b.from ? a.from < b.from : a.to != b.to ? a.to < b.to : a.ref < b.ref;
  }
};

// What search needs of a class, in one cache line.
struct ClassInfo {
  i64 lo = neg_inf, hi = pos_inf;
  u32 fmask = 0, bmask = 0;
};

// Node ids: one string arena, offsets, and an open-addressing table of node numbers.
class NameTable {
 public:
  u32 find(std::string_view name) const;  // npos when absent
  u32 insert(std::string_view name);      // the name must be absent
  std::string_view name(u32 id) const {
    return std::string_view(arena_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  u32 size() const { return static_cast<u32>(offsets_.size() - 1); }
  void reserve(std::size_t names);
  std::size_t memory() const;

 private:
  void grow();
  std::string arena_;
  std::vector<u32> offsets_{0};
  std::vector<u32> slots_;
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
               std::optional<Bounds> bounds, BoundsFit fit, double bounds_confidence);
  u32 add_link(u32 from, u32 to, u8 code, std::string_view provenance, double confidence,
               std::string_view id);
  u32 find(std::string_view id) const { return names_.find(id); }
  u32 node_count() const { return names_.size(); }
  u32 link_count() const { return static_cast<u32>(links_.size()); }
  NodeView node(u32 n) const;
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
    return 2 * ((side & 2) ? l.to : l.from) + (side & 1);
  }
  std::pair<u32, u32> ref_points(u32 ref) const;
  bool ref_strict(u32 ref) const;

  // --- build (build.cpp)
  void rebuild();
  struct Witness {
    std::vector<u32> links;
    std::vector<u32> bounds;
  };
  void resolve(Contradiction::Kind kind, Witness&& w);
  void inner_path(u32 from, u32 to, const std::vector<graph::InnerEdge>& inner,
                  std::vector<u32>& refs) const;
  void expand(u32 from_point, const std::vector<u32>& refs, u32 to_point,
              const std::vector<graph::InnerEdge>& inner, std::vector<u32>& out) const;
  void refs_to_witness(const std::vector<u32>& refs, Witness& w) const;
  void choose_landmarks();
  void sweep();
  bool resolve_crossings();

  // --- incremental (incremental.cpp)
  bool apply_incremental();  // false when a full build is needed instead
  bool add_edge(u32 u, u32 v, bool strict, u32 ref);
  bool merge_equal(u32 u, u32 v);
  std::vector<u32> between(u32 a, u32 b);       // classes on paths a -> ... -> b
  u32 merge_classes(std::vector<u32> classes);  // the new representative; npos on a crossing
  void reorder_region(u32 lo_pos, u32 hi_pos);
  bool raise_lo(u32 c, i64 lo);
  bool lower_hi(u32 c, i64 hi);
  void spread_masks(u32 u, u32 v, bool strict);
  u32 new_class();
  void ensure_order();
  u32 find_rep(u32 c);  // with path halving (updates only)

  // --- search (search.cpp)
 public:
  u32 rep(u32 c) const {
    if (rep_.empty()) return c;
    while (rep_[c] != c) c = rep_[c];
    return c;
  }
  u32 cls(u32 point) const { return rep(cls_[point]); }
  u32 ord(u32 c) const { return ord_.empty() ? c : ord_[c]; }
  const graph::ClassInfo& info(u32 c) const { return info_[c]; }
  u32 landmark_bit(u32 c) const;         // 0 when c is not a landmark of the last build
  u32 landmark_bit_of_rep(u32 c) const;  // the landmarks merged into class c
  bool simple() const { return rep_.empty() && dfwd_.empty(); }

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
          const u32 ref = rev_[k];
          const u32 s = cls(ref_points(ref).first);
          if (s != c && f(s, ref_strict(ref), ref)) return true;
        }
      }
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
    const auto it = absorbed_.find(c);
    if (it != absorbed_.end()) {
      for (const u32 m : it->second) {
        if (one(m)) return true;
      }
    }
    return false;
  }

 private:
  graph::Reach reach(u32 u, u32 v, std::vector<u32>* path);
  bool landmark_walk_forward(u32 x, u32 lm, std::vector<u32>& refs) const;
  bool landmark_walk_backward(u32 v, u32 lm, std::vector<u32>& refs) const;
  u32 edge_ref(u32 x, u32 y, bool strict) const;  // a ref of the edge x -> y
  // The chain of constraints that carries class c's earliest instant from a point whose own
  // bound sets it (lower_chain), or its latest instant to one (upper_chain); npos when none.
  void lower_chain(u32 c, std::vector<u32>& refs, u32& point) const;
  void upper_chain(u32 c, std::vector<u32>& refs, u32& point) const;
  // A point of class c whose node's own bound gives c its earliest (lower) or latest `key`.
  u32 own_bound(u32 c, i64 key, bool lower) const;
  const graph::BoundRec* bound_of(u32 node) const;
  void prove(u32 p, graph::u8 op, u32 q, Proof& proof);
  void inner_path_any(u32 from, u32 to, std::vector<u32>& refs) const;
  void refs_to_proof(const std::vector<u32>& refs, Proof& proof) const;
  std::vector<u32> class_levels();

  GraphOptions options_;
  std::array<graph::ConsList, 64> table_{};

  // Input.
  graph::NameTable names_;
  std::vector<u8> kind_;
  std::vector<u32> position_;            // npos = none
  std::vector<graph::BoundRec> bounds_;  // sorted by node
  std::vector<graph::LinkRec> links_;
  std::vector<std::string> provenances_;
  std::unordered_map<std::string, graph::u16> provenance_index_;
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
  std::vector<u32> fwd_off_, fwd_, rev_off_, rev_;
  std::vector<graph::InnerEdge> inner_;  // sorted; eq edges both ways, <= edges one way
  // Points of nodes with bounds, by class: (class at the build, point).
  std::vector<std::pair<u32, u32>> owners_;
  std::vector<u32> owners_extra_;  // nodes with bounds added since the build
  std::vector<Contradiction> contradictions_;

  // Incremental state since the last full build.
  std::vector<u32> rep_;  // class union-find; empty while nothing merged
  std::unordered_map<u32, std::vector<u32>> absorbed_;  // rep -> classes merged into it
  std::unordered_map<u32, std::vector<u32>> dfwd_, drev_;
  std::vector<u32> ord_, at_;  // position of a class / class at a position; empty = identity
  std::vector<graph::InnerEdge> inner_extra_;
  std::size_t delta_edges_ = 0;
};

}  // namespace chronicle::detail
