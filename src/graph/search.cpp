// Queries on the index: reachability with cuts, proofs, endpoint and TimeML relations.
//
// reach(u, v) answers whether class v is reachable from u, and whether through a strict
// constraint, by a depth-first search that never enters a class which cannot reach v: one
// later in the order, one whose bounds or landmark masks contradict reaching v. A class whose
// landmark masks prove it certainly before v ends the search at once. Then relation(a, b)
// costs a few of those searches, most of which end at their first cut.
//
// Proofs. An order that bounds give (the common case between events far apart) is proved by
// two short walks: from p forward to a class with its own latest instant, from q backward to
// one with its own earliest instant, each stopping at the first bound good enough. Otherwise
// the search's path, continued through its landmark by greedy walks. What a proof costs is
// cache misses on decoding refs (link record, then class), so lists are decoded level by level
// for all their entries at once, and the refs of a walk's forward steps are found in one
// batch at its end.
#include <algorithm>

#include "engine.hpp"

namespace chronicle::detail {

using namespace graph;

namespace {

// Visited states of a search: an open-addressing table, reused by the thread's searches.
struct Visited {
  struct Slot {
    u32 key = npos;
    u8 seen = 0;  // bit s: state (class, strict so far = s) visited
    u8 from_state[2] = {0, 0};
    u32 from[2] = {npos, npos};
  };
  std::vector<Slot> slots;
  std::vector<u32> used;

  void clear() {
    for (const u32 i : used) slots[i] = Slot{};
    used.clear();
    if (slots.empty()) slots.resize(256);
  }
  Slot* find(u32 key) {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = (key * 2654435761u) & mask;; i = (i + 1) & mask) {
      if (slots[i].key == key) return &slots[i];
      if (slots[i].key == npos) return nullptr;
    }
  }
  Slot& get(u32 key) {
    if (2 * (used.size() + 1) > slots.size()) rehash(2 * slots.size());
    const std::size_t mask = slots.size() - 1;
    std::size_t i = (key * 2654435761u) & mask;
    while (slots[i].key != npos && slots[i].key != key) i = (i + 1) & mask;
    if (slots[i].key == npos) {
      slots[i].key = key;
      used.push_back(static_cast<u32>(i));
    }
    return slots[i];
  }
  void rehash(std::size_t cap) {
    std::vector<Slot> old(cap);
    old.swap(slots);
    used.clear();
    for (const Slot& s : old) {
      if (s.key == npos) continue;
      const std::size_t mask = slots.size() - 1;
      std::size_t i = (s.key * 2654435761u) & mask;
      while (slots[i].key != npos) i = (i + 1) & mask;
      slots[i] = s;
      used.push_back(static_cast<u32>(i));
    }
  }
};

struct Scratch {
  Visited visited;
  std::vector<std::pair<u32, u8>> stack;
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

constexpr PointRelation flip(PointRelation r) {
  switch (r) {
    case PointRelation::less:
      return PointRelation::greater;
    case PointRelation::greater:
      return PointRelation::less;
    case PointRelation::less_equal:
      return PointRelation::greater_equal;
    case PointRelation::greater_equal:
      return PointRelation::less_equal;
    default:
      return r;
  }
}

constexpr bool satisfies(PointRelation r, u8 op) {
  const auto bits = static_cast<u8>(r);
  switch (op) {
    case op_lt:
      return bits == 1;
    case op_le:
      return (bits & 4) == 0;
    case op_eq:
      return bits == 2;
  }
  return false;
}

}  // namespace

GraphEngine::u32 GraphEngine::edge_ref(u32 x, u32 y, bool strict) const {
  u32 found = npos;
  for_in_prefetched(y, [&](u32 s, bool e, u32 ref) {
    if (s != x || (strict && !e)) return false;
    found = ref;
    return true;
  });
  return found;
}

void GraphEngine::edge_refs(const std::vector<Step>& steps, std::vector<u32>& out) const {
  // The refs of several edges at once, decoding all the target lists level by level so that
  // the cache misses of different steps overlap.
  if (!simple()) {
    for (const Step& st : steps) out.push_back(edge_ref(st.x, st.y, st.strict));
    return;
  }
  thread_local std::vector<u32> begin, end, points;
  const std::size_t n = steps.size();
  begin.resize(n);
  end.resize(n);
  for (const Step& st : steps) __builtin_prefetch(&rev_off_[st.y]);
  for (std::size_t i = 0; i < n; ++i) {
    begin[i] = rev_off_[steps[i].y];
    end[i] = rev_off_[steps[i].y + 1];
    __builtin_prefetch(&rev_[begin[i]]);
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (u32 k = begin[i]; k < end[i]; ++k) {
      if (!(rev_[k] & axiom_bit)) __builtin_prefetch(&links_[rev_[k] >> 1]);
    }
  }
  points.clear();
  for (std::size_t i = 0; i < n; ++i) {
    for (u32 k = begin[i]; k < end[i]; ++k) {
      points.push_back(ref_points(rev_[k]).first);
      __builtin_prefetch(&cls_[points.back()]);
    }
  }
  std::size_t j = 0;
  for (std::size_t i = 0; i < n; ++i) {
    u32 found = npos;
    for (u32 k = begin[i]; k < end[i]; ++k, ++j) {
      if (found == npos && cls_[points[j]] == steps[i].x &&
          (!steps[i].strict || ref_strict(rev_[k]))) {
        found = rev_[k];
      }
    }
    out.push_back(found);
  }
}

bool GraphEngine::landmark_walk_forward(u32 x, u32 lm, std::vector<u32>& refs) const {
  // Every class with lm in its fmask has a strict edge into lm or a successor with lm in its
  // fmask; taking the latest such successor in the order keeps the walk short.
  const u32 bit = landmark_bit_of_rep(lm);
  std::vector<Step> steps;
  u32 cur = x;
  while (cur != lm) {
    u32 best = npos;
    u64 best_ord = 0;
    bool best_strict = false;
    for_out_prefetched(cur, [&](u32 y, bool e) {
      if (y == lm) {
        if (!e) return false;
        best = y, best_strict = true;
        return true;
      }
      if ((info_[y].fmask() & bit) && (best == npos || ord(y) > best_ord)) {
        best = y, best_ord = ord(y), best_strict = e;
      }
      return false;
    });
    if (best == npos) return false;
    steps.push_back({cur, best, best_strict});
    cur = best;
  }
  edge_refs(steps, refs);
  return true;
}

bool GraphEngine::landmark_walk_backward(u32 v, u32 lm, std::vector<u32>& refs) const {
  const u32 bit = landmark_bit_of_rep(lm);
  std::vector<u32> back;
  u32 cur = v;
  while (cur != lm) {
    u32 best = npos, best_ref = npos;
    u64 best_ord = 0;
    for_in_prefetched(cur, [&](u32 y, bool e, u32 ref) {
      if (y == lm) {
        if (!e) return false;
        best = y, best_ref = ref;
        return true;
      }
      if ((info_[y].bmask() & bit) && (best == npos || ord(y) < best_ord)) {
        best = y, best_ord = ord(y), best_ref = ref;
      }
      return false;
    });
    if (best == npos) return false;
    back.push_back(best_ref);
    cur = best;
  }
  refs.insert(refs.end(), back.rbegin(), back.rend());
  return true;
}

GraphEngine::u32 GraphEngine::landmark_bit_of_rep(u32 c) const {
  if (rep_.empty()) return landmark_bit(c);
  u32 bits = 0;
  for (u32 k = 0; k < landmarks_.size(); ++k) {
    if (rep(landmarks_[k]) == c) bits |= 1u << k;
  }
  return bits;
}

Reach GraphEngine::reach(u32 u, u32 v, std::vector<u32>* path) {
  ensure_masks();
  const ClassInfo iv = info_[v];
  const u64 ov = ord(v);
  const u32 vbit = landmark_bit_of_rep(v);
  const i64 v_lo = iv.lo(), v_hi = iv.hi();
  const u32 v_f = iv.fmask(), v_b = iv.bmask();
  const u32 target = v_b | vbit;
  auto may = [&](u32 x, const ClassInfo& ix) {
    return ord(x) < ov && ix.lo() <= v_lo && ix.hi() <= v_hi && (v_f & ~ix.fmask()) == 0 &&
           (ix.bmask() & ~v_b) == 0;
  };
  if (!may(u, info_[u])) return Reach::none;

  Scratch& sc = scratch();
  sc.visited.clear();
  sc.stack.clear();
  // Where the search ended: at v itself, or at a class `hit` proved before v by landmark
  // `via` (the class itself when it is a landmark that v's bmask holds).
  u32 hit = npos, via = npos;
  u8 hit_state = 0;
  bool le = false;
  auto landmark_hit = [&](u32 x, const ClassInfo& ix) -> bool {
    const u32 m = ix.fmask() & target;
    if (m) {
      // The landmark latest in the build's order, nearest v: the walk back from v, the
      // dearer one (each step decodes links), stays short.
      via = rep(landmarks_[static_cast<u32>(31 - __builtin_clz(m))]);
      return true;
    }
    // x itself may be a landmark that v is after (only then does v's bmask hold more).
    if ((v_b & ~ix.bmask()) && (landmark_bit_of_rep(x) & v_b)) {
      via = x;
      return true;
    }
    return false;
  };
  {
    auto& s = sc.visited.get(u);
    s.seen = 1;
  }
  if (landmark_hit(u, info_[u])) {
    hit = u;
  } else {
    sc.stack.push_back({u, 0});
  }
  while (hit == npos && !sc.stack.empty()) {
    // Not a structured binding: C++17 lambdas cannot capture those (clang refuses).
    const u32 x = sc.stack.back().first;
    const u8 s = sc.stack.back().second;
    sc.stack.pop_back();
    if (s == 0 && (sc.visited.find(x)->seen & 2)) continue;  // a strict visit supersedes it
    for_out_prefetched(x, [&](u32 y, bool e) {
      const u8 s2 = static_cast<u8>(s | (e ? 1 : 0));
      if (y == v) {
        if (s2 || !le) {
          auto& slot = sc.visited.get(v);
          slot.seen |= static_cast<u8>(1u << s2);
          slot.from[s2] = x;
          slot.from_state[s2] = s;
        }
        if (s2) {
          hit = v, hit_state = 1;
          return true;
        }
        le = true;
        return false;
      }
      const ClassInfo& iy = info_[y];
      if (!may(y, iy)) return false;
      auto& slot = sc.visited.get(y);
      if (slot.seen & (s2 ? 2 : 3)) return false;
      slot.seen |= static_cast<u8>(1u << s2);
      slot.from[s2] = x;
      slot.from_state[s2] = s;
      if (landmark_hit(y, iy)) {
        hit = y, hit_state = s2;
        return true;
      }
      sc.stack.push_back({y, s2});
      return false;
    });
  }
  if (hit == npos && !le) return Reach::none;
  const Reach result = hit != npos ? Reach::lt : Reach::le;
  if (!path) return result;

  // The path: the search tree from u to where it ended, then the landmark route to v.
  u32 end = hit, end_state = hit_state;
  if (hit == npos) end = v, end_state = 0;
  std::vector<Step> back;
  for (u32 x = end, st = end_state; !(x == u && st == 0);) {
    const auto* slot = sc.visited.find(x);
    const u32 px = slot->from[st];
    const u32 ps = slot->from_state[st];
    back.push_back({px, x, st == 1 && ps == 0});
    x = px, st = ps;
  }
  std::reverse(back.begin(), back.end());
  edge_refs(back, *path);
  if (hit != npos && hit != v) {
    if (via != hit) landmark_walk_forward(hit, via, *path);
    if (via != v) landmark_walk_backward(v, via, *path);
  }
  return result;
}

PointRelation GraphEngine::point_relation(u32 p, u32 q) {
  ensure_masks();  // searches read the reverse lists and the landmarks
  const u32 u = cls(p), v = cls(q);
  if (u == v) return PointRelation::equal;
  const ClassInfo iu = info_[u], iv = info_[v];
  if (iu.hi() < iv.lo()) return PointRelation::less;
  if (iv.hi() < iu.lo()) return PointRelation::greater;
  bool le = bounds_le(iu.hi(), iv.lo()), ge = bounds_le(iv.hi(), iu.lo());
  const Reach forward = reach(u, v, nullptr);
  if (forward == Reach::lt) return PointRelation::less;
  const Reach backward = reach(v, u, nullptr);
  if (backward == Reach::lt) return PointRelation::greater;
  le = le || forward == Reach::le;
  ge = ge || backward == Reach::le;
  if (le && ge) return PointRelation::equal;
  if (le) return PointRelation::less_equal;
  if (ge) return PointRelation::greater_equal;
  return PointRelation::unknown;
}

void GraphEngine::refs_to_proof(const std::vector<u32>& refs, Proof& proof) const {
  for (const u32 ref : refs) {
    if (ref == npos || (ref & axiom_bit)) continue;
    const u32 l = ref >> 1;
    if (std::find(proof.links.begin(), proof.links.end(), l) == proof.links.end()) {
      proof.links.push_back(l);
    }
  }
}

template <class Ok>
GraphEngine::u32 GraphEngine::bound_walk(u32 c, bool upper, Ok&& ok, std::vector<u32>& refs,
                                         i64& key) const {
  // From class c along constraints (forward for a latest instant, backward for an earliest
  // one) to the first class with its own bound that, carried back to c, satisfies `ok`. Any
  // neighbour whose own bounds, carried back, satisfy `ok` keeps that possible; the tight
  // one always does, so the walk ends. Neighbours that own a bound are preferred.
  bool strict = false;
  auto carried = [&](i64 k, bool s) {
    return upper ? (s ? strictly_before(k) : k) : (s ? strictly_after(k) : k);
  };
  thread_local std::vector<u32> back;  // scratch, as relation() is called often
  back.clear();
  thread_local std::vector<Step> steps;  // the upper walk's edges: refs found in one batch
  steps.clear();
  for (int guard = 0; guard < 1 << 20; ++guard) {
    u32 found = npos;
    for_members(c, [&](u32 m) {
      if (found != npos || !owns(m)) return;
      const auto [first, last] = owners_of(m);
      for (auto it = first; it != last && found == npos; ++it) {
        const BoundRec& b = bounds_[it->second >> 1];
        const u32 p = 2 * b.node + (it->second & 1);
        const i64 k = upper ? b.upper(p) : b.lower(p);
        if (!b.dropped && k != neg_inf && k != pos_inf && cls(p) == c && ok(carried(k, strict))) {
          found = p, key = carried(k, strict);
        }
      }
    });
    for (const u32 n : owners_extra_) {
      if (found != npos) break;
      const BoundRec& b = *bound_of(n);
      for (u32 p = 2 * n; p <= 2 * n + 1 && found == npos; ++p) {
        const i64 k = upper ? b.upper(p) : b.lower(p);
        if (!b.dropped && k != neg_inf && k != pos_inf && cls(p) == c && ok(carried(k, strict))) {
          found = p, key = carried(k, strict);
        }
      }
    }
    if (found != npos) {
      if (upper) {
        edge_refs(steps, refs);
      } else {
        refs.insert(refs.end(), back.rbegin(), back.rend());
      }
      return found;
    }
    u32 next = npos, next_ref = npos;
    bool next_strict = false, next_owns = false;
    auto consider = [&](u32 d, bool e, u32 ref) {
      const bool o = owns(d);
      if (next_owns && !o) return;  // an owner is in hand: no need to look at others
      const ClassInfo& id = info_[d];
      if (!ok(carried(upper ? id.hi() : id.lo(), strict || e))) return;
      const bool better = next == npos || (o && !next_owns) ||
                          (o == next_owns && (upper ? ord(d) > ord(next) : ord(d) < ord(next)));
      if (better) next = d, next_ref = ref, next_strict = e, next_owns = o;
    };
    if (upper) {
      for_out_prefetched(c, [&](u32 d, bool e) {
        consider(d, e, npos);
        return false;
      });
      if (next != npos) steps.push_back({c, next, next_strict});
    } else {
      for_in_prefetched(c, [&](u32 y, bool e, u32 ref) {
        consider(y, e, ref);
        return false;
      });
    }
    if (next == npos) return npos;  // cannot happen: the bounds say a walk exists
    back.push_back(next_ref);
    strict = strict || next_strict;
    c = next;
  }
  return npos;
}

void GraphEngine::prove(u32 p, u8 op, u32 q, Proof& proof) {
  const u32 u = cls(p), v = cls(q);
  thread_local std::vector<u32> refs;  // scratch: prove() recurses only before using it
  refs.clear();
  if (u == v) {
    inner_path(p, q, nullptr, refs);
    if (op == op_eq) inner_path(q, p, nullptr, refs);
    refs_to_proof(refs, proof);
    return;
  }
  if (op == op_eq) {
    prove(p, op_le, q, proof);
    prove(q, op_le, p, proof);
    return;
  }
  const ClassInfo iu = info_[u], iv = info_[v];
  const bool by_bounds = op == op_lt ? iu.hi() < iv.lo() : bounds_le(iu.hi(), iv.lo());
  // Bounds first: two chains to the bounds that order p and q are usually short. Greedy
  // walks through a landmark find long paths in graphs of random links.
  const Reach r = by_bounds ? Reach::none : reach(u, v, &refs);
  if (r == Reach::none || (op == op_lt && r != Reach::lt)) {
    // p is before a latest instant that is before an earliest instant that is before q.
    refs.clear();
    thread_local std::vector<u32> up, down;
    up.clear();
    down.clear();
    i64 h = 0;
    const i64 v_lo = iv.lo();
    const u32 t = bound_walk(
        u, true, [&](i64 k) { return op == op_lt ? k < v_lo : bounds_le(k, v_lo); }, up, h);
    if (t == npos) return;
    i64 l = 0;
    const u32 s = bound_walk(
        v, false, [&](i64 k) { return op == op_lt ? h < k : bounds_le(h, k); }, down, l);
    if (s == npos) return;
    thread_local std::vector<u32> out;
    out.clear();
    expand(p, up, t, nullptr, out);
    expand(s, down, q, nullptr, out);
    refs_to_proof(out, proof);
    for (const u32 n : {t / 2, s / 2}) {
      if (std::find(proof.bounds.begin(), proof.bounds.end(), n) == proof.bounds.end()) {
        proof.bounds.push_back(n);
      }
    }
    return;
  }
  thread_local std::vector<u32> out;
  out.clear();
  expand(p, refs, q, nullptr, out);
  refs_to_proof(out, proof);
}

Proof GraphEngine::explain(u32 p, u32 q) {
  ensure_masks();  // searches read the reverse lists and the landmarks
  Proof proof;
  switch (point_relation(p, q)) {
    case PointRelation::less:
      prove(p, op_lt, q, proof);
      break;
    case PointRelation::less_equal:
      prove(p, op_le, q, proof);
      break;
    case PointRelation::equal:
      prove(p, op_eq, q, proof);
      break;
    case PointRelation::greater:
      prove(q, op_lt, p, proof);
      break;
    case PointRelation::greater_equal:
      prove(q, op_le, p, proof);
      break;
    case PointRelation::unknown:
      break;
  }
  return proof;
}

EndpointRelations GraphEngine::endpoint_relations(u32 a, u32 b) {
  ensure_masks();  // searches read the reverse lists and the landmarks
  EndpointRelations r;
  if (a == b) {
    r.start_start = r.end_end = PointRelation::equal;
    r.start_end = PointRelation::less;
    r.end_start = PointRelation::greater;
    return r;
  }
  r.end_start = point_relation(2 * a + 1, 2 * b);
  if (r.end_start == PointRelation::less) {
    r.start_start = r.start_end = r.end_end = PointRelation::less;
    return r;
  }
  r.start_end = point_relation(2 * a, 2 * b + 1);
  if (r.start_end == PointRelation::greater) {
    r.start_start = r.end_start = r.end_end = PointRelation::greater;
    return r;
  }
  r.start_start = point_relation(2 * a, 2 * b);
  r.end_end = point_relation(2 * a + 1, 2 * b + 1);
  return r;
}

namespace {
// The relation of side x against side y (bit 1: node b, bit 0: end) from the four pairs.
PointRelation side_relation(const EndpointRelations& e, u8 x, u8 y) {
  if (x == y) return PointRelation::equal;
  if ((x & 2) == (y & 2)) return (x & 1) ? PointRelation::greater : PointRelation::less;
  const bool flipped = (x & 2) != 0;
  const u8 a = flipped ? y : x, b = flipped ? x : y;
  const PointRelation ab =
      (a & 1) ? ((b & 1) ? e.end_end : e.end_start) : ((b & 1) ? e.start_end : e.start_start);
  return flipped ? flip(ab) : ab;
}
}  // namespace

Entailment GraphEngine::relation(u32 a, u32 b) {
  ensure_masks();  // searches read the reverse lists and the landmarks
  Entailment out;
  out.endpoints = endpoint_relations(a, b);
  if (a == b) {
    out.relation = Relation::simultaneous;
    return out;
  }
  static constexpr Relation preference[] = {
      Relation::before,       Relation::after,    Relation::ibefore,    Relation::iafter,
      Relation::begins,       Relation::begun_by, Relation::ends,       Relation::ended_by,
      Relation::simultaneous, Relation::includes, Relation::is_included};
  for (const Relation r : preference) {
    const ConsList& cl = table_[code_of(r)];
    bool all = true;
    for (u32 k = 0; k < cl.n && all; ++k) {
      all = satisfies(side_relation(out.endpoints, cl.c[k].lhs, cl.c[k].rhs), cl.c[k].op);
    }
    if (!all) continue;
    out.relation = r;
    for (u32 k = 0; k < cl.n; ++k) {
      const u32 p = 2 * ((cl.c[k].lhs & 2) ? b : a) + (cl.c[k].lhs & 1);
      const u32 q = 2 * ((cl.c[k].rhs & 2) ? b : a) + (cl.c[k].rhs & 1);
      prove(p, cl.c[k].op, q, out.proof);
    }
    break;
  }
  return out;
}

bool GraphEngine::entails(u32 from, u32 to, u8 code) {
  ensure_masks();  // searches read the reverse lists and the landmarks
  const ConsList& cl = table_[code];
  for (u32 k = 0; k < cl.n; ++k) {
    const u32 p = 2 * ((cl.c[k].lhs & 2) ? to : from) + (cl.c[k].lhs & 1);
    const u32 q = 2 * ((cl.c[k].rhs & 2) ? to : from) + (cl.c[k].rhs & 1);
    PointRelation r;
    if (p == q) {
      r = PointRelation::equal;
    } else if (p / 2 == q / 2) {
      r = (p & 1) ? PointRelation::greater : PointRelation::less;
    } else {
      r = point_relation(p, q);
    }
    if (!satisfies(r, cl.c[k].op)) return false;
  }
  return true;
}

NodeBounds GraphEngine::bounds(u32 node) const {
  const ClassInfo& s = info_[cls(2 * node)];
  const ClassInfo& e = info_[cls(2 * node + 1)];
  return NodeBounds{lower_instant(s.lo()), upper_instant(s.hi()), lower_instant(e.lo()),
                    upper_instant(e.hi())};
}

}  // namespace chronicle::detail
