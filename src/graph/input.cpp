// The graph's input side: node names, links, relation tables, views and descriptions.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "engine.hpp"

namespace chronicle {

namespace {
constexpr std::string_view endpoint_name(Endpoint e) {
  return e == Endpoint::start ? "start" : "end";
}
constexpr std::string_view op_name(PointOp op) {
  switch (op) {
    case PointOp::less:
      return "<";
    case PointOp::less_equal:
      return "<=";
    case PointOp::equal:
      return "=";
    case PointOp::greater_equal:
      return ">=";
    case PointOp::greater:
      return ">";
  }
  return "?";
}
}  // namespace

std::string to_string(const EndpointConstraint& c) {
  return fmt::format("{} {} {}", endpoint_name(c.from), op_name(c.op), endpoint_name(c.to));
}

std::string_view to_string(PointRelation r) {
  switch (r) {
    case PointRelation::less:
      return "<";
    case PointRelation::equal:
      return "=";
    case PointRelation::less_equal:
      return "<=";
    case PointRelation::greater:
      return ">";
    case PointRelation::greater_equal:
      return ">=";
    case PointRelation::unknown:
      return "?";
  }
  return "?";
}

Bounds day_bounds(const Date& day) {
  return Bounds{Instant(day), Instant(day + boost::gregorian::days(1))};
}

namespace detail {
namespace graph {

namespace {
const Instant& epoch() {
  static const Instant e(Date(1970, 1, 1));
  return e;
}
// Seconds since the epoch, rounded down or up.
i64 seconds_of(const Instant& t, bool up) {
  const auto d = t - epoch();
  const i64 ticks = d.ticks();
  const i64 per = d.ticks_per_second();
  i64 s = ticks / per;
  const i64 rest = ticks % per;
  if (rest < 0 && !up) --s;
  if (rest > 0 && up) ++s;
  return s;
}
Instant instant_of(i64 seconds) {
  return epoch() + boost::posix_time::seconds(static_cast<long>(seconds));
}
// Ids are short ("ei123"): a word at a time, the tail by overlapping loads (no loop over
// bytes, no memcpy call). The table probes by the low bits, which the last mix spreads.
u64 load64(const char* p) {
  u64 w;
  std::memcpy(&w, p, 8);
  return w;
}
u64 load32(const char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}
inline u64 hash(std::string_view s) {
  constexpr u64 k = 0x9E3779B97F4A7C15ull;
  const char* p = s.data();
  std::size_t n = s.size();
  u64 h = n * k;
  for (; n > 8; p += 8, n -= 8) h = (h ^ load64(p)) * k;
  u64 w = 0;
  if (n >= 4) {
    w = load32(p) | load32(p + n - 4) << 32;
  } else if (n > 0) {
    w = static_cast<u64>(static_cast<unsigned char>(p[0])) |
        static_cast<u64>(static_cast<unsigned char>(p[n / 2])) << 8 |
        static_cast<u64>(static_cast<unsigned char>(p[n - 1])) << 16;
  }
  h = (h ^ w) * k;
  h ^= h >> 32;
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 29);
}
}  // namespace

void advise_huge(const void* p, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{1} << 21;
  if (bytes < 2 * huge) return;
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + huge - 1) & ~(huge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(huge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

i64 lower_key(const Instant& t) {
  if (t.is_pos_infinity()) return pos_inf;
  if (t.is_special()) return neg_inf;
  return 2 * seconds_of(t, false);
}
i64 upper_key(const Instant& t) {
  if (t.is_neg_infinity()) return neg_inf;
  if (t.is_special()) return pos_inf;
  return 2 * seconds_of(t, true);
}
Instant lower_instant(i64 lo) {
  if (lo <= neg_inf) return Instant(boost::date_time::neg_infin);
  if (lo >= pos_inf) return Instant(boost::date_time::pos_infin);
  return instant_of(lower_seconds(lo));
}
Instant upper_instant(i64 hi) {
  if (hi <= neg_inf) return Instant(boost::date_time::neg_infin);
  if (hi >= pos_inf) return Instant(boost::date_time::pos_infin);
  return instant_of(upper_seconds(hi));
}

namespace {
// Equal-length ids: short ones compared by loads, not a memcmp call.
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  if (n > 8) return std::memcmp(a, b, n) == 0;
  if (n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  for (std::size_t k = 0; k < n; ++k) {
    if (a[k] != b[k]) return false;
  }
  return true;
}
}  // namespace

// A slot holds the id's number and, above it, the high half of its hash: a probe that meets
// another id mostly tells them apart without reading the arena.
inline bool NameTable::holds(u64 slot, u64 h, std::string_view name) const {
  if ((slot >> 32) != (h >> 32)) return false;
  const u32 id = static_cast<u32>(slot);
  const u32 begin = offsets_[id];
  return offsets_[id + 1] - begin == name.size() &&
         same_bytes(arena_.data() + begin, name.data(), name.size());
}

u32 NameTable::find(std::string_view name) const {
  if (slots_.empty()) return npos;
  const u64 mask = slots_.size() - 1;
  const u64 h = hash(name);
  for (u64 i = h & mask;; i = (i + 1) & mask) {
    const u64 slot = slots_[i];
    if (slot == empty) return npos;
    if (holds(slot, h, name)) return static_cast<u32>(slot);
  }
}

u32 NameTable::insert(std::string_view name) {
  if (arena_.size() + name.size() >= npos)
    throw std::length_error("chronicle::Graph: ids too long");
  if (2 * (static_cast<u64>(size()) + 1) > static_cast<u64>(slots_.size())) grow();
  const u64 mask = slots_.size() - 1;
  const u64 h = hash(name);
  u64 i = h & mask;
  for (; slots_[i] != empty; i = (i + 1) & mask) {
    if (holds(slots_[i], h, name)) return npos;
  }
  const u32 id = size();
  arena_.append(name);
  offsets_.push_back(static_cast<u32>(arena_.size()));
  slots_[i] = (h >> 32 << 32) | id;
  return id;
}

void NameTable::grow() {
  std::size_t cap = slots_.empty() ? 16 : 2 * slots_.size();
  while (2 * (static_cast<u64>(size()) + 1) > static_cast<u64>(cap)) cap *= 2;
  slots_.assign(cap, empty);
  const u64 mask = cap - 1;
  for (u32 id = 0; id < size(); ++id) {
    const u64 h = hash(name(id));
    u64 i = h & mask;
    while (slots_[i] != empty) i = (i + 1) & mask;
    slots_[i] = (h >> 32 << 32) | id;
  }
}

void NameTable::reserve(std::size_t names) {
  offsets_.reserve(names + 1);
  arena_.reserve(8 * names);  // TimeML ids are short ("ei123")
  std::size_t cap = 16;
  while (2 * static_cast<u64>(names) > static_cast<u64>(cap)) cap *= 2;
  if (cap > slots_.size()) {
    slots_.assign(cap / 2, empty);  // grow() doubles it and reinserts what is there
    grow();
  }
}

std::size_t NameTable::memory() const {
  return arena_.capacity() + offsets_.capacity() * sizeof(u32) + slots_.capacity() * sizeof(u64);
}

}  // namespace graph

using namespace graph;

namespace {
// Sides: bit 1 = node (0: from, 1: to), bit 0 = endpoint (0: start, 1: end).
constexpr u8 AS = 0, AE = 1, BS = 2, BE = 3;

ConsList one(u8 l, u8 op, u8 r) {
  ConsList c;
  c.n = 1;
  c.c[0] = Cons{l, op, r};
  return c;
}
ConsList two(Cons a, Cons b) {
  ConsList c;
  c.n = 2;
  c.c[0] = a;
  c.c[1] = b;
  return c;
}
}  // namespace

GraphEngine::GraphEngine(GraphOptions options) : options_(options) {
  const u8 inc = options_.includes == IncludesReading::strict ? op_lt : op_le;
  const ConsList simultaneous = two({AS, op_eq, BS}, {AE, op_eq, BE});
  const ConsList includes = two({AS, inc, BS}, {BE, inc, AE});
  const ConsList is_included = two({BS, inc, AS}, {AE, inc, BE});
  auto set = [&](Relation r, ConsList c) { table_[static_cast<u8>(r)] = c; };
  set(Relation::before, one(AE, op_lt, BS));
  set(Relation::after, one(BE, op_lt, AS));
  set(Relation::ibefore, one(AE, op_eq, BS));
  set(Relation::iafter, one(BE, op_eq, AS));
  set(Relation::begins, two({AS, op_eq, BS}, {AE, op_lt, BE}));
  set(Relation::begun_by, two({AS, op_eq, BS}, {BE, op_lt, AE}));
  set(Relation::ends, two({AE, op_eq, BE}, {BS, op_lt, AS}));
  set(Relation::ended_by, two({AE, op_eq, BE}, {AS, op_lt, BS}));
  set(Relation::simultaneous, simultaneous);
  set(Relation::identity, simultaneous);
  set(Relation::includes, includes);
  set(Relation::is_included, is_included);
  const bool during_simultaneous = options_.during == DuringReading::simultaneous;
  set(Relation::during, during_simultaneous ? simultaneous : is_included);
  set(Relation::during_inv, during_simultaneous ? simultaneous : includes);
  set(Relation::vague, ConsList{});
  for (u8 fe = 0; fe < 2; ++fe) {
    for (u8 te = 0; te < 2; ++te) {
      const u8 a = fe, b = static_cast<u8>(2 | te);
      const u8 base = static_cast<u8>(code_constraint + (fe << 4) + (te << 3));
      table_[base + 0] = one(a, op_lt, b);
      table_[base + 1] = one(a, op_le, b);
      table_[base + 2] = one(a, op_eq, b);
      table_[base + 3] = one(b, op_le, a);
      table_[base + 4] = one(b, op_lt, a);
    }
  }
}

GraphEngine::u8 GraphEngine::code_of(EndpointConstraint c) {
  return static_cast<u8>(code_constraint + (static_cast<u8>(c.from) << 4) +
                         (static_cast<u8>(c.to) << 3) + static_cast<u8>(c.op));
}

void GraphEngine::reserve(std::size_t nodes, std::size_t links) {
  names_.reserve(nodes);
  kind_.reserve(nodes);
  position_.reserve(nodes);
  links_.reserve(links);
  advise_huge(links_.data(), links * sizeof(LinkRec));
  link_confidence_.reserve(links);
  link_provenance_.reserve(links);
  link_dropped_.reserve(links / 64 + 1);
  // A document's links come from a few dozen rules: their names grown once, not by doubling.
  provenances_.reserve(std::min<std::size_t>(links, few_provenances));
}

GraphEngine::u32 GraphEngine::add_node(std::string_view id, NodeKind kind,
                                       std::optional<std::uint32_t> position,
                                       std::optional<Bounds> bounds, BoundsFit fit,
                                       double bounds_confidence, bool if_new) {
  if (id.empty()) throw std::invalid_argument("chronicle::Graph: a node needs a non-empty id");
  if (kind == NodeKind::dct && dct_ != npos && names_.find(id) == npos) {
    throw std::invalid_argument(fmt::format("chronicle::Graph: a second DCT '{}' (the DCT is '{}')",
                                            id, names_.name(dct_)));
  }
  if (!(bounds_confidence >= 0.0 && bounds_confidence <= 1.0)) {
    throw std::invalid_argument(
        fmt::format("chronicle::Graph: bounds confidence of '{}' is outside [0, 1]", id));
  }
  if (names_.size() >= max_nodes) throw std::length_error("chronicle::Graph: too many nodes");
  const u32 n = names_.insert(id);  // one probe: npos when the id is taken
  if (n == npos) {
    if (!if_new) {
      throw std::invalid_argument(fmt::format("chronicle::Graph: duplicate node id '{}'", id));
    }
    return npos;
  }
  kind_.push_back(static_cast<u8>(kind));
  position_.push_back(position ? *position : npos);
  if (kind == NodeKind::dct) dct_ = n;
  if (bounds) {
    BoundRec b;
    b.node = n;
    b.lo = lower_key(bounds->earliest);
    b.hi = upper_key(bounds->latest);
    b.exact = fit == BoundsFit::exact;
    b.confidence = static_cast<float>(bounds_confidence);
    bounds_.push_back(b);
  }
  return n;
}

GraphEngine::u32 GraphEngine::find_provenance(std::string_view provenance) const {
  // A document's links have a few dozen provenances: a look through the list makes no
  // std::string, as the index needs; the index is for many more.
  if (provenances_.size() <= few_provenances) {
    const auto it = std::find(provenances_.begin(), provenances_.end(), provenance);
    return it == provenances_.end() ? npos : static_cast<u32>(it - provenances_.begin());
  }
  const auto it = provenance_index_.find(std::string(provenance));
  return it == provenance_index_.end() ? npos : it->second;
}

GraphEngine::u32 GraphEngine::add_link(u32 from, u32 to, u8 code, std::string_view provenance,
                                       double confidence, std::string_view id) {
  if (from >= node_count() || to >= node_count()) {
    throw std::invalid_argument("chronicle::Graph: a link to a node that does not exist");
  }
  if (!(confidence >= 0.0 && confidence <= 1.0)) {
    throw std::invalid_argument(
        fmt::format("chronicle::Graph: link confidence {} is outside [0, 1]", confidence));
  }
  if (links_.size() >= max_links) throw std::length_error("chronicle::Graph: too many links");
  // Links come in runs from one rule: check the last provenance before the index.
  u16 prov = 0;
  if (last_provenance_ < provenances_.size() && provenances_[last_provenance_] == provenance) {
    prov = static_cast<u16>(last_provenance_);
  } else if (const u32 known = find_provenance(provenance); known != npos) {
    prov = static_cast<u16>(known);
  } else {
    if (provenances_.size() > 0xFFFF) {
      throw std::length_error("chronicle::Graph: more than 65536 distinct provenances");
    }
    prov = static_cast<u16>(provenances_.size());
    provenances_.emplace_back(provenance);
    // The index is made only once there are more than a few (find_provenance looks through the
    // list until then): most graphs never need it.
    if (provenances_.size() > few_provenances) {
      if (provenance_index_.empty()) {
        for (std::size_t k = 0; k < provenances_.size(); ++k) {
          provenance_index_.emplace(provenances_[k], static_cast<u16>(k));
        }
      } else {
        provenance_index_.emplace(std::string(provenance), prov);
      }
    }
  }
  last_provenance_ = prov;
  const u32 l = static_cast<u32>(links_.size());
  links_.emplace_back(from, to, code);
  link_confidence_.push_back(static_cast<float>(confidence));
  link_provenance_.push_back(prov);
  if ((l >> 6) >= link_dropped_.size()) link_dropped_.push_back(0);
  if (!id.empty()) {
    if (link_ids_.empty()) {
      // The first link with an id: a pipeline's links all have one ("l1", "l2", ...), so the
      // index and the arena are grown once for the links reserved, not by doubling.
      link_ids_.reserve(links_.capacity());
      link_id_arena_.reserve(links_.capacity() * 6);
    }
    link_ids_.emplace_back(l, static_cast<u32>(link_id_arena_.size()));
    link_id_arena_.append(id);
    link_id_arena_.push_back('\0');
  }
  return l;
}

NodeView GraphEngine::node(u32 n) const {
  if (n >= node_count()) throw std::out_of_range("chronicle::Graph: no such node");
  NodeView v;
  v.id = names_.name(n);
  v.kind = static_cast<NodeKind>(kind_[n]);
  if (position_[n] != npos) v.position = position_[n];
  if (const BoundRec* b = bound_of(n)) {
    v.bounds = Bounds{lower_instant(b->lo), upper_instant(b->hi)};
    v.fit = b->exact ? BoundsFit::exact : BoundsFit::within;
    v.bounds_dropped = b->dropped;
  }
  return v;
}

NodeKind GraphEngine::kind(u32 n) const {
  if (n >= node_count()) throw std::out_of_range("chronicle::Graph: no such node");
  return static_cast<NodeKind>(kind_[n]);
}

const BoundRec* GraphEngine::bound_of(u32 node) const {
  const auto it = std::lower_bound(bounds_.begin(), bounds_.end(), node,
                                   [](const BoundRec& b, u32 x) { return b.node < x; });
  return it != bounds_.end() && it->node == node ? &*it : nullptr;
}

LinkView GraphEngine::link(u32 l) const {
  if (l >= link_count()) throw std::out_of_range("chronicle::Graph: no such link");
  const LinkRec& r = links_[l];
  const u8 code = r.code();
  LinkView v;
  // When every link has an id (as a pipeline's do), link l's is entry l.
  const auto it =
      l < link_ids_.size() && link_ids_[l].first == l
          ? link_ids_.begin() + l
          : std::lower_bound(link_ids_.begin(), link_ids_.end(), l,
                             [](const std::pair<u32, u32>& p, u32 x) { return p.first < x; });
  if (it != link_ids_.end() && it->first == l) {
    // Ids lie in the arena in link order, each followed by a '\0': the next one's offset
    // gives the length, not a strlen.
    const u32 end =
        it + 1 != link_ids_.end() ? (it + 1)->second : static_cast<u32>(link_id_arena_.size());
    v.id = std::string_view(link_id_arena_.data() + it->second, end - it->second - 1);
  }
  v.from = r.from();
  v.to = r.to();
  if (code < code_constraint) {
    v.relation = static_cast<Relation>(code);
  } else {
    const u8 c = static_cast<u8>(code - code_constraint);
    v.constraint =
        EndpointConstraint{static_cast<Endpoint>((c >> 4) & 1), static_cast<PointOp>(c & 7),
                           static_cast<Endpoint>((c >> 3) & 1)};
  }
  v.provenance = provenances_[link_provenance_[l]];
  v.confidence = static_cast<double>(link_confidence_[l]);
  v.dropped = dropped(l);
  return v;
}

std::string GraphEngine::describe_link(u32 l) const {
  const LinkView v = link(l);
  const std::string what = v.relation ? std::string(to_string(*v.relation))
                                      : fmt::format("[{}]", to_string(*v.constraint));
  return fmt::format("{}{} {} {} ({}, {:g})", v.id.empty() ? "" : fmt::format("{}: ", v.id),
                     names_.name(v.from), what, names_.name(v.to), v.provenance, v.confidence);
}

std::string GraphEngine::describe(const Contradiction& c) const {
  std::string out = c.kind == Contradiction::Kind::cycle ? "cycle:" : "bounds:";
  const char* sep = " ";
  for (const u32 n : c.bounds) {
    const NodeView v = node(n);
    out += fmt::format("{}{} within [{}, {})", sep, v.id,
                       v.bounds ? calendar::to_iso(v.bounds->earliest) : "",
                       v.bounds ? calendar::to_iso(v.bounds->latest) : "");
    sep = "; ";
  }
  for (const u32 l : c.links) {
    out += sep;
    out += describe_link(l);
    sep = "; ";
  }
  if (c.dropped_link) out += fmt::format(" -> dropped {}", describe_link(*c.dropped_link));
  if (c.dropped_bounds)
    out += fmt::format(" -> dropped the bounds of {}", names_.name(*c.dropped_bounds));
  return out;
}

std::size_t GraphEngine::memory() const {
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  std::size_t m = sizeof(*this) + names_.memory() + bytes(kind_) + bytes(position_) +
                  bytes(bounds_) + bytes(links_) + bytes(link_confidence_) +
                  bytes(link_provenance_) + bytes(link_dropped_) + link_id_arena_.capacity() +
                  bytes(link_ids_) + bytes(cls_) + bytes(info_) + bytes(landmarks_) +
                  bytes(fwd_off_) + bytes(fwd_) + bytes(rev_off_) + bytes(rev_) + bytes(rev_src_) +
                  bytes(inner_) + bytes(eq_up_) + bytes(rep_) + bytes(ord_) + bytes(touched_) +
                  bytes(owners_) + bytes(owned_) + bytes(owners_extra_);
  for (const auto& p : provenances_) m += p.capacity() + sizeof(p);
  for (const auto* map : {&absorbed_, &dfwd_, &drev_, &inner_extra_}) {
    for (const auto& kv : *map) m += 48 + bytes(kv.second);
  }
  return m;
}

}  // namespace detail
}  // namespace chronicle
