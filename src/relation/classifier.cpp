#include "classifier.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define CHRONICLE_RELATION_SSE2 1
#endif

namespace chronicle::detail::relation {

namespace {

using Kind = Item::Kind;

constexpr std::string_view type_names[] = {"ED", "ET", "EE", "EA", "TT"};
constexpr std::string_view provenances[] = {"model-event-dct", "model-event-time",
                                            "model-event-event", "model-adjacent-events",
                                            "model-time-time"};

// FNV-1a, four bytes to a loop step: most of what the classifier spends making features is
// here, and the loop's own compare and branch cost as much as a byte's xor and multiply.
constexpr std::uint32_t fnv(std::uint32_t h, std::string_view s) {
  constexpr std::uint32_t prime = 16777619u;
  std::size_t i = 0;
  for (; i + 4 <= s.size(); i += 4) {
    h = (h ^ static_cast<std::uint8_t>(s[i])) * prime;
    h = (h ^ static_cast<std::uint8_t>(s[i + 1])) * prime;
    h = (h ^ static_cast<std::uint8_t>(s[i + 2])) * prime;
    h = (h ^ static_cast<std::uint8_t>(s[i + 3])) * prime;
  }
  for (; i < s.size(); ++i) h = (h ^ static_cast<std::uint8_t>(s[i])) * prime;
  return h;
}

constexpr std::size_t pair_types = static_cast<std::size_t>(PairType::count);

// A feature is its pair type, name and value hashed together: type, name, "\x01", value; one
// with two values continues with "\x02" and the second. A Key holds, per pair type, the hash
// state after the constant part (type, name and any constant first value), worked out at
// compile time, so that making a feature hashes only its values.
struct Key {
  std::uint32_t h[pair_types];
};
constexpr Key key(std::string_view name) {
  Key k{};
  for (std::size_t t = 0; t < pair_types; ++t) {
    k.h[t] = fnv(fnv(fnv(2166136261u, type_names[t]), name), "\x01");
  }
  return k;
}
// The key of the two-value features whose first value is the constant v1.
constexpr Key key(std::string_view name, std::string_view v1) {
  Key k = key(name);
  for (std::uint32_t& h : k.h) h = fnv(fnv(h, v1), "\x02");
  return k;
}

std::uint32_t feature(PairType t, const Key& k, std::string_view value) {
  return fnv(k.h[static_cast<std::size_t>(t)], value);
}
std::uint32_t feature(PairType t, const Key& k, std::string_view v1, std::string_view v2) {
  return fnv(fnv(feature(t, k, v1), "\x02"), v2);
}

// The features of one side ("a" or "b") of a pair.
struct SideKeys {
  Key ttype, grain, mod, vsdct, function, cls, tense, aspect, ta, ct, pos, pol, modal, lemma,
      quoted, found;
};
constexpr SideKeys side_keys(std::string_view side) {
  return {key(side, "ttype"),    key(side, "grain"), key(side, "mod"),    key(side, "vsdct"),
          key(side, "function"), key(side, "class"), key(side, "tense"),  key(side, "aspect"),
          key(side, "ta"),       key(side, "ct"),    key(side, "pos"),    key(side, "pol"),
          key(side, "modal"),    key(side, "lemma"), key(side, "quoted"), key(side, "found")};
}
constexpr SideKeys side_a = side_keys("a"), side_b = side_keys("b");

constexpr Key key_bias = key("bias"), key_gov = key("gov"), key_gov_tense = key("gov-tense"),
              key_other_rule = key("other-rule"), key_rule = key("rule"),
              key_rule_rel = key("rule-rel"), key_ab1 = key("ab1"), key_ab2 = key("ab2"),
              key_order = key("order"), key_gap = key("gap"), key_between = key("between"),
              key_events_between = key("events-between"), key_comma = key("comma"),
              key_cue = key("cue"), key_first_between = key("first-between"),
              key_last_between = key("last-between"), key_before_left = key("before-left"),
              key_quote_change = key("quote-change"), key_time_prep = key("time-prep"),
              key_time_prep_tense = key("time-prep-tense"), key_events_n = key("events-n"),
              key_main = key("main"), key_aspects = key("aspects"), key_ct_pair = key("ct-pair"),
              key_opener = key("opener"), key_lc = key("lemma-class"), key_cl = key("class-lemma"),
              key_lemmas = key("lemmas"), key_paragraph = key("paragraph");

// bucket(n) is bucket_names[bucket_index(n)].
constexpr std::string_view bucket_names[] = {"0-1", "2-3", "4-6", "7-10", "11-20", "21+"};
constexpr unsigned buckets = std::size(bucket_names);
unsigned bucket_index(std::uint32_t n) {
  if (n <= 1) return 0;
  if (n <= 3) return 1;
  if (n <= 6) return 2;
  if (n <= 10) return 3;
  if (n <= 20) return 4;
  return 5;
}

constexpr std::string_view confidence_bucket_names[] = {"<.6", "<.7", "<.8", "<.9", ">=.9"};
unsigned confidence_bucket(double c) {
  if (c < 0.6) return 0;
  if (c < 0.7) return 1;
  if (c < 0.8) return 2;
  if (c < 0.9) return 3;
  return 4;
}

// Where a time lies against the DCT: -1 before, 1 after, 2 overlapping, 0 unknown.
std::int8_t versus_dct(const Timex& x, const std::optional<Timex>& dct) {
  if (!dct) return 0;
  std::optional<Bounds> a = x.bounds ? x.bounds : x.value.bounds();
  std::optional<Bounds> d = dct->bounds ? dct->bounds : dct->value.bounds();
  if (!a || !d || a->empty() || d->empty()) {
    if (x.value.kind() == TimeValue::Kind::past_ref) return -1;
    if (x.value.kind() == TimeValue::Kind::future_ref) return 1;
    if (x.value.kind() == TimeValue::Kind::present_ref) return 2;
    return 0;
  }
  if (a->latest <= d->earliest) return -1;
  if (d->latest <= a->earliest) return 1;
  return 2;
}
// versus_dct()'s answers by their value + 1.
constexpr std::string_view versus_names[] = {"before", "unknown", "after", "overlap"};
std::string_view versus_name(std::int8_t v) {
  return versus_names[v + 1];
}

// A side's two values (SideFeatures::first and second) as codes into the pair tables: an
// event's tense and class below side_events, a time's place against the DCT and grain from
// there on.
constexpr unsigned side_events = 8, firsts = side_events + 4, seconds = side_events + 16;
std::string_view first_name(unsigned code) {
  return code < side_events ? to_string(static_cast<Tense>(code))
                            : versus_names[code - side_events];
}
std::string_view second_name(unsigned code) {
  return code < side_events ? to_string(static_cast<EventClass>(code))
                            : to_string(static_cast<Grain>(code - side_events));
}
constexpr std::uint8_t no_code = 0xff;
// The tense and class names by code (to_string() searches its table).
struct EventNames {
  std::string_view tense[side_events], cls[side_events];
};
constexpr EventNames event_names = [] {
  EventNames n{};
  for (unsigned v = 0; v < side_events; ++v) {
    n.tense[v] = to_string(static_cast<Tense>(v));
    n.cls[v] = to_string(static_cast<EventClass>(v));
  }
  return n;
}();

// One table per pair type, each filled by fill(type, table): the feature hashes below are
// worked out once per process.
template <class Table, class Fill>
std::array<Table, pair_types> per_pair_type(Fill fill) {
  std::array<Table, pair_types> tables{};
  for (std::size_t ti = 0; ti < pair_types; ++ti) fill(static_cast<PairType>(ti), tables[ti]);
  return tables;
}

// The hashes of a side's features that only name enum values, per pair type and side, worked
// out once: a side hashed its names for every item.
struct SideTable {
  static constexpr unsigned classes = 8, tenses = 8, aspects = 4, parts = 8, types = 4, grains = 16,
                            mods = 16;
  // an event's
  std::uint32_t cls[classes], tense[tenses], aspect[aspects], ta[tenses][aspects],
      ct[classes][tenses], pos[parts], pol[2], modal[2], quoted[2],
      found[std::size(confidence_bucket_names)];
  // a time's
  std::uint32_t ttype[types], grain[grains], mod[mods], vsdct[std::size(versus_names)], function[2];
};
using SideTables = std::array<std::array<SideTable, 2>, pair_types>;

SideTables make_side_tables() {
  return per_pair_type<std::array<SideTable, 2>>([](PairType t, std::array<SideTable, 2>& sides) {
    for (unsigned si = 0; si < 2; ++si) {
      const SideKeys& side = si == 0 ? side_a : side_b;
      SideTable& tb = sides[si];
      for (unsigned v = 0; v < SideTable::classes; ++v) {
        const auto cls = to_string(static_cast<EventClass>(v));
        tb.cls[v] = feature(t, side.cls, cls);
        for (unsigned w = 0; w < SideTable::tenses; ++w) {
          tb.ct[v][w] = fnv(feature(t, side.ct, cls), to_string(static_cast<Tense>(w)));
        }
      }
      for (unsigned v = 0; v < SideTable::tenses; ++v) {
        const auto tense = to_string(static_cast<Tense>(v));
        tb.tense[v] = feature(t, side.tense, tense);
        for (unsigned w = 0; w < SideTable::aspects; ++w) {
          tb.ta[v][w] = fnv(feature(t, side.ta, tense), to_string(static_cast<Aspect>(w)));
        }
      }
      for (unsigned v = 0; v < SideTable::aspects; ++v) {
        tb.aspect[v] = feature(t, side.aspect, to_string(static_cast<Aspect>(v)));
      }
      for (unsigned v = 0; v < SideTable::parts; ++v) {
        tb.pos[v] = feature(t, side.pos, to_string(static_cast<PartOfSpeech>(v)));
      }
      for (unsigned v = 0; v < 2; ++v) {
        tb.pol[v] = feature(t, side.pol, to_string(static_cast<Polarity>(v)));
        tb.modal[v] = feature(t, side.modal, v ? "yes" : "no");
        tb.quoted[v] = feature(t, side.quoted, v ? "yes" : "no");
        tb.function[v] = feature(t, side.function, v ? "yes" : "no");
      }
      for (unsigned v = 0; v < std::size(confidence_bucket_names); ++v) {
        tb.found[v] = feature(t, side.found, confidence_bucket_names[v]);
      }
      for (unsigned v = 0; v < SideTable::types; ++v) {
        tb.ttype[v] = feature(t, side.ttype, to_string(static_cast<TimexType>(v)));
      }
      for (unsigned v = 0; v < SideTable::grains; ++v) {
        tb.grain[v] = feature(t, side.grain, to_string(static_cast<Grain>(v)));
      }
      for (unsigned v = 0; v < SideTable::mods; ++v) {
        tb.mod[v] = feature(t, side.mod, to_string(static_cast<TimexMod>(v)));
      }
      for (unsigned v = 0; v < std::size(versus_names); ++v) {
        tb.vsdct[v] = feature(t, side.vsdct, versus_names[v]);
      }
    }
  });
}

// The cue words between two items that make features, in the order they are added.
constexpr std::pair<std::uint32_t, std::string_view> cue_names[] = {
    {conn_after, "after"},  {conn_before, "before"}, {conn_since, "since"},
    {conn_until, "until"},  {conn_during, "during"}, {conn_overlap, "while"},
    {conn_when, "when"},    {conn_then, "then"},     {Cue::reporting, "report"},
    {relative, "relative"},
};

// The hashes of the features of a pair that only name enum values or side codes, per pair
// type, worked out once.
struct PairTable {
  std::uint32_t bias, main_a[2], gov[std::size(versus_names)],
      gov_tense[std::size(versus_names)][firsts], ab1[firsts][firsts], ab2[seconds][seconds],
      main_ab[2][2], aspects[SideTable::aspects][SideTable::aspects],
      ct_pair[side_events][side_events][side_events][side_events],  // two events': [tense][class]
      class_lemma[seconds],  // the cl feature's state before b's lemma
      paragraph[2], order[2], gap[buckets], events_between[buckets], events_n[4], comma[2],
      cue[std::size(cue_names)], quote_change;
};
using PairTables = std::array<PairTable, pair_types>;

PairTables make_pair_tables() {
  return per_pair_type<PairTable>([](PairType t, PairTable& tb) {
    tb.bias = feature(t, key_bias, "");
    tb.quote_change = feature(t, key_quote_change, "");
    for (unsigned v = 0; v < 2; ++v) {
      tb.main_a[v] = feature(t, key_main, v ? "a" : "-");
      for (unsigned w = 0; w < 2; ++w)
        tb.main_ab[v][w] = feature(t, key_main, v ? "a" : "-", w ? "b" : "-");
      tb.paragraph[v] = feature(t, key_paragraph, v ? "same" : "new");
      tb.order[v] = feature(t, key_order, v ? "ab" : "ba");
      tb.comma[v] = feature(t, key_comma, v ? "yes" : "no");
    }
    for (unsigned v = 0; v < std::size(versus_names); ++v) {
      tb.gov[v] = feature(t, key_gov, versus_names[v]);
      for (unsigned w = 0; w < firsts; ++w) {
        tb.gov_tense[v][w] = feature(t, key_gov_tense, versus_names[v], first_name(w));
      }
    }
    for (unsigned v = 0; v < firsts; ++v) {
      for (unsigned w = 0; w < firsts; ++w) {
        tb.ab1[v][w] = feature(t, key_ab1, first_name(v), first_name(w));
      }
    }
    for (unsigned v = 0; v < seconds; ++v) {
      for (unsigned w = 0; w < seconds; ++w) {
        tb.ab2[v][w] = feature(t, key_ab2, second_name(v), second_name(w));
      }
      tb.class_lemma[v] = fnv(feature(t, key_cl, second_name(v)), "\x02");
    }
    for (unsigned v = 0; v < SideTable::aspects; ++v) {
      for (unsigned w = 0; w < SideTable::aspects; ++w) {
        tb.aspects[v][w] = feature(t, key_aspects, to_string(static_cast<Aspect>(v)),
                                   to_string(static_cast<Aspect>(w)));
      }
    }
    // Only two events make the feature: pairs of the other types leave it unset.
    if (t == PairType::event_event || t == PairType::event_adjacent) {
      for (unsigned ta = 0; ta < side_events; ++ta) {
        for (unsigned ca = 0; ca < side_events; ++ca) {
          const std::uint32_t h = feature(t, key_ct_pair, first_name(ta), second_name(ca));
          for (unsigned tb2 = 0; tb2 < side_events; ++tb2) {
            const std::uint32_t h2 = fnv(h, first_name(tb2));
            for (unsigned cb = 0; cb < side_events; ++cb) {
              tb.ct_pair[ta][ca][tb2][cb] = fnv(h2, second_name(cb));
            }
          }
        }
      }
    }
    for (unsigned v = 0; v < buckets; ++v) {
      tb.gap[v] = feature(t, key_gap, bucket_names[v]);
      tb.events_between[v] = feature(t, key_events_between, bucket_names[v]);
    }
    for (unsigned k = 0; k < std::size(cue_names); ++k) {
      tb.cue[k] = feature(t, key_cue, cue_names[k].second);
    }
    for (unsigned v = 0; v < 4; ++v) {
      const char n = static_cast<char>('0' + v);
      tb.events_n[v] = feature(t, key_events_n, std::string_view(&n, 1));
    }
  });
}

// The hashes of the rules' features (a rule's name, with its relation), per pair type, worked
// out once: rule names are long, and most pairs carry one or more.
struct RuleTable {
  static constexpr std::size_t rules = static_cast<std::size_t>(Rule::count), relations = 16;
  std::uint32_t other[rules], rule[rules][relations], rule_rel[relations];
};
using RuleTables = std::array<RuleTable, pair_types>;

RuleTables make_rule_tables() {
  return per_pair_type<RuleTable>([](PairType t, RuleTable& tb) {
    for (std::size_t r = 0; r < RuleTable::relations; ++r) {
      tb.rule_rel[r] = feature(t, key_rule_rel, to_string(static_cast<Relation>(r)));
    }
    for (std::size_t k = 0; k < RuleTable::rules; ++k) {
      const auto name = rule_name(static_cast<Rule>(k));
      tb.other[k] = feature(t, key_other_rule, name);
      for (std::size_t r = 0; r < RuleTable::relations; ++r) {
        tb.rule[k][r] = feature(t, key_rule, name, to_string(static_cast<Relation>(r)));
      }
    }
  });
}

// The features of one side of a pair. `versus` is a time's versus_dct().
void make_side(const Context& ctx, PairType t, const SideKeys& side, const Item& it,
               std::int8_t versus, SideFeatures& s) {
  static const SideTables tables = make_side_tables();
  const SideTable& tb = tables[static_cast<std::size_t>(t)][&side == &side_b];
  unsigned n = 0;  // s.n at the end: a count in memory would be reloaded after every store
  auto add = [&](std::uint32_t h) { s.h[n++] = h; };
  auto finish = [&] {
    std::fill(s.h + n, s.h + SideFeatures::capacity, 0u);
    s.n = static_cast<std::uint8_t>(n);
  };
  if (it.kind == Kind::time) {
    const Timex& x = ctx.timexes()[it.index];
    const Grain grain = x.value.grain();
    const auto ty = static_cast<unsigned>(x.type), gr = static_cast<unsigned>(grain),
               mo = static_cast<unsigned>(x.mod);
    add(ty < SideTable::types ? tb.ttype[ty] : feature(t, side.ttype, to_string(x.type)));
    add(gr < SideTable::grains ? tb.grain[gr] : feature(t, side.grain, to_string(grain)));
    add(mo < SideTable::mods ? tb.mod[mo] : feature(t, side.mod, to_string(x.mod)));
    add(tb.vsdct[versus + 1]);
    add(tb.function[x.temporal_function]);
    s.first = versus_name(versus);
    s.second = to_string(grain);
    s.first_code = static_cast<std::uint8_t>(side_events + static_cast<unsigned>(versus + 1));
    s.second_code =
        gr < seconds - side_events ? static_cast<std::uint8_t>(side_events + gr) : no_code;
    finish();
    return;
  }
  const Event& e = ctx.events()[it.index];
  const auto c = static_cast<unsigned>(e.event_class), te = static_cast<unsigned>(e.tense),
             as = static_cast<unsigned>(e.aspect), po = static_cast<unsigned>(e.pos),
             pl = static_cast<unsigned>(e.polarity);
  s.first = te < side_events ? event_names.tense[te] : to_string(e.tense);
  s.second = c < side_events ? event_names.cls[c] : to_string(e.event_class);
  s.first_code = te < side_events ? static_cast<std::uint8_t>(te) : no_code;
  s.second_code = c < side_events ? static_cast<std::uint8_t>(c) : no_code;
  using T = SideTable;
  if (c < T::classes && te < T::tenses && as < T::aspects && po < T::parts && pl < 2) {
    add(tb.cls[c]);
    add(tb.tense[te]);
    add(tb.aspect[as]);
    add(tb.ta[te][as]);
    add(tb.ct[c][te]);
    add(tb.pos[po]);
    add(tb.pol[pl]);
  } else {
    const std::string_view aspect = to_string(e.aspect);
    add(feature(t, side.cls, s.second));
    add(feature(t, side.tense, s.first));
    add(feature(t, side.aspect, aspect));
    add(fnv(feature(t, side.ta, s.first), aspect));
    add(fnv(feature(t, side.ct, s.second), s.first));
    add(feature(t, side.pos, to_string(e.pos)));
    add(feature(t, side.pol, to_string(e.polarity)));
  }
  add(tb.modal[!e.modality.empty()]);
  add(feature(t, side.lemma, ctx.lemma(it.index)));
  add(tb.quoted[it.quoted]);
  // How sure the event stage was of an event it found (given events have no rule): an
  // annotator links few pairs of words that are not events at all.
  if (!e.rule.empty()) add(tb.found[confidence_bucket(e.confidence)]);
  finish();
}

// The main event of sentence s: its first finite verb, else its first verb; none when it has
// neither.
std::uint32_t sentence_main(const Context& ctx, std::size_t s) {
  const auto& items = ctx.items();
  std::uint32_t first_verb = none;
  for (std::uint32_t i = ctx.sentence_items_begin(s); i < ctx.sentence_items_end(s); ++i) {
    if (items[i].kind != Kind::event || !items[i].verb) continue;
    if (items[i].finite) return i;
    if (first_verb == none) first_verb = i;
  }
  return first_verb;
}

}  // namespace

std::string_view pair_type_name(PairType t) {
  return type_names[static_cast<std::size_t>(t)];
}

unsigned label_of(Relation r) {
  if (r == Relation::during || r == Relation::identity) r = Relation::simultaneous;
  if (r == Relation::during_inv) r = Relation::simultaneous;
  for (unsigned i = 0; i < label_relations.size(); ++i) {
    if (label_relations[i] == r) return i + 1;
  }
  return 0;
}

#ifdef CHRONICLE_RELATION_SSE2
namespace {
// The sum of the feature rows of `weights` (16-byte aligned), three vectors of four labels to a
// row: the compiler's own vectors split a row into uneven loads and took 15 instructions a
// feature (against 10).
void sum_rows_sse2(const std::int32_t* weights, std::uint32_t mask, const Features& f,
                   std::int32_t* sum) {
  static_assert(label_count == 12, "a row is three vectors");
  __m128i s0 = _mm_setzero_si128(), s1 = s0, s2 = s0;
  for (unsigned k = 0; k < f.n; ++k) {
    const auto* w = reinterpret_cast<const __m128i*>(weights + std::size_t{f.h[k] & mask} * 12);
    s0 = _mm_add_epi32(s0, _mm_load_si128(w));
    s1 = _mm_add_epi32(s1, _mm_load_si128(w + 1));
    s2 = _mm_add_epi32(s2, _mm_load_si128(w + 2));
  }
  _mm_storeu_si128(reinterpret_cast<__m128i*>(sum), s0);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(sum + 4), s1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(sum + 8), s2);
}
}  // namespace
#endif

void RelationModelData::note_weights() {
  constexpr std::int64_t limit = std::numeric_limits<std::int32_t>::max() / Features::capacity;
  narrow = std::all_of(weights.begin(), weights.end(),
                       [](std::int32_t w) { return w > -limit && w < limit; });
}

void RelationModelData::score(const Features& f, std::int64_t* out) const {
  for (unsigned c = 0; c < label_count; ++c) out[c] = 0;
  if (weights.empty()) return;
  const std::uint32_t mask = (1u << bits) - 1;
  if (narrow) {
    std::int32_t sum[label_count] = {};
#ifdef CHRONICLE_RELATION_SSE2
    if (reinterpret_cast<std::uintptr_t>(weights.data()) % 16 == 0) {
      sum_rows_sse2(weights.data(), mask, f, sum);
    } else
#endif
      for (unsigned k = 0; k < f.n; ++k) {
        const std::int32_t* w = &weights[std::size_t{f.h[k] & mask} * label_count];
        for (unsigned c = 0; c < label_count; ++c) sum[c] += w[c];
      }
    for (unsigned c = 0; c < label_count; ++c) out[c] = sum[c];
    return;
  }
  for (unsigned k = 0; k < f.n; ++k) {
    const std::int32_t* w = &weights[std::size_t{f.h[k] & mask} * label_count];
    for (unsigned c = 0; c < label_count; ++c) out[c] += w[c];
  }
}

double RelationModelData::confidence_of(PairType t, std::int64_t lead) const {
  const auto& steps = calibration[static_cast<std::size_t>(t)];
  if (steps.empty()) return confidence[static_cast<std::size_t>(t)];
  // The last step at or below the lead; the first one for leads below every step.
  auto it = std::upper_bound(
      steps.begin(), steps.end(), lead,
      [](std::int64_t x, const std::pair<std::int64_t, double>& s) { return x < s.first; });
  return it == steps.begin() ? it->second : std::prev(it)->second;
}

std::string RelationModelData::str() const {
  std::string out = "chronicle-relation-model 1\n";
  out += fmt::format("bits {} classes {}\n", bits, label_count);
  out += "margin";
  for (std::size_t t = 0; t < margin.size(); ++t)
    out += fmt::format(" {} {}", type_names[t], margin[t]);
  if (untensed_dct_margin) out += fmt::format(" EDu {}", *untensed_dct_margin);
  out += "\nconfidence";
  for (std::size_t t = 0; t < confidence.size(); ++t) {
    out += fmt::format(" {} {:.2f}", type_names[t], confidence[t]);
  }
  out += "\n";
  for (std::size_t t = 0; t < calibration.size(); ++t) {
    if (calibration[t].empty()) continue;
    out += fmt::format("calibration {}", type_names[t]);
    for (const auto& [lead, c] : calibration[t]) out += fmt::format(" {} {:.2f}", lead, c);
    out += "\n";
  }
  std::size_t last = 0;
  const std::size_t rows = weights.size() / label_count;
  for (std::size_t r = 0; r < rows; ++r) {
    const std::int32_t* w = &weights[r * label_count];
    bool any = false;
    for (unsigned c = 0; c < label_count; ++c) any = any || w[c] != 0;
    if (!any) continue;
    out += fmt::format("{}", r - last);
    for (unsigned c = 0; c < label_count; ++c) out += fmt::format(" {}", w[c]);
    out += "\n";
    last = r;
  }
  out += "end\n";
  return out;
}

namespace {

// The integers of a line separated by spaces (a '\r' counts as one), into out[0..max): their
// count, max + 1 when there are more, or -1 for a word that is no integer of at most 18 digits.
// One pass, and no list of words: a model's weight lines are nearly all of its text.
int read_integers(std::string_view line, std::int64_t* out, int max) {
  const char* p = line.data();
  const char* const end = p + line.size();
  int n = 0;
  for (;;) {
    while (p != end && (*p == ' ' || *p == '\r')) ++p;
    if (p == end) return n;
    if (n == max) return max + 1;
    const bool neg = *p == '-';
    if (neg) ++p;
    const char* const digits = p;
    // Unsigned: a longer number wraps (defined) before the length test refuses it.
    std::uint64_t x = 0;
    while (p != end && static_cast<unsigned char>(*p - '0') <= 9) {
      x = x * 10 + static_cast<unsigned char>(*p++ - '0');
    }
    if (p == digits || p - digits > 18 || (p != end && *p != ' ' && *p != '\r')) return -1;
    const auto v = static_cast<std::int64_t>(x);  // at most 18 digits: it fits
    out[n++] = neg ? -v : v;
  }
}

}  // namespace

RelationModelData RelationModelData::parse(std::string_view text) {
  RelationModelData m;
  std::size_t line_no = 0;
  auto fail = [&](const std::string& what) -> void {
    throw std::runtime_error(fmt::format("relation model, line {}: {}", line_no, what));
  };
  auto next_line = [&]() -> std::string_view {
    if (text.empty()) fail("unexpected end of the model");
    const auto eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    ++line_no;
    return line;
  };
  auto words = [](std::string_view line) {
    std::vector<std::string_view> out;
    out.reserve(1 + label_count);  // a weights line: one allocation, not five as it grows
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\r')) ++i;
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\r') ++j;
      if (j > i) out.push_back(line.substr(i, j - i));
      i = j;
    }
    return out;
  };
  auto integer = [&](std::string_view s) -> std::int64_t {
    std::int64_t v = 0;
    if (read_integers(s, &v, 1) != 1) fail("bad number '" + std::string(s) + "'");
    return v;
  };
  // A confidence in [0, 1]. std::from_chars, not strtod: strtod reads the C locale's decimal
  // point, and a program that sets a locale with a decimal comma would fail to load the model.
  auto confidence = [&](std::string_view s) {
    double v = -1.0;
    const auto [end, err] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (err != std::errc() || end != s.data() + s.size() || !(v >= 0.0 && v <= 1.0)) {
      fail("bad confidence '" + std::string(s) + "'");
    }
    return v;
  };
  if (next_line() != "chronicle-relation-model 1") fail("not a chronicle relation model");
  {
    const auto w = words(next_line());
    if (w.size() != 4 || w[0] != "bits" || w[2] != "classes") fail("expected 'bits N classes N'");
    const auto bits = integer(w[1]);
    if (bits < 4 || bits > 24) fail("bits must be within 4..24");
    if (integer(w[3]) != label_count) fail(fmt::format("classes must be {}", label_count));
    m.bits = static_cast<unsigned>(bits);
  }
  {
    const auto w = words(next_line());
    const std::size_t n = 1 + 2 * m.margin.size();
    if ((w.size() != n && !(w.size() == n + 2 && w[n] == "EDu")) || w[0] != "margin") {
      fail("expected 'margin ...'");
    }
    for (std::size_t t = 0; t < m.margin.size(); ++t) m.margin[t] = integer(w[2 + 2 * t]);
    if (w.size() == n + 2) m.untensed_dct_margin = integer(w[n + 1]);
  }
  {
    const auto w = words(next_line());
    if (w.size() != 1 + 2 * m.confidence.size() || w[0] != "confidence") {
      fail("expected 'confidence ...'");
    }
    for (std::size_t t = 0; t < m.confidence.size(); ++t)
      m.confidence[t] = confidence(w[2 + 2 * t]);
  }
  const std::size_t rows = std::size_t{1} << m.bits;
  m.weights.assign(rows * label_count, 0);
  std::size_t row = 0;
  bool weights_begun = false;
  for (;;) {
    const std::string_view line = next_line();
    if (line == "end" || line == "end\r") break;
    if (!line.empty() && line[0] >= '0' && line[0] <= '9') {
      // A weights line (nearly all of the file): its numbers read in place, without a list of
      // words for each line (the model loads once per process, and 65,000 lines of them cost
      // a command-line run more than its text).
      std::int64_t v[1 + label_count];
      const int n = read_integers(line, v, 1 + label_count);
      if (n < 0) fail("bad number in '" + std::string(line) + "'");
      if (n != int{1 + label_count}) fail("expected a row delta and one weight per class");
      weights_begun = true;
      row += static_cast<std::size_t>(v[0]);
      if (v[0] < 0 || row >= rows) fail("row out of range");
      for (unsigned c = 0; c < label_count; ++c) {
        if (v[1 + c] < INT32_MIN || v[1 + c] > INT32_MAX) fail("weight out of range");
        m.weights[row * label_count + c] = static_cast<std::int32_t>(v[1 + c]);
      }
      continue;
    }
    const auto w = words(line);
    if (!w.empty() && w[0] == "calibration") {
      if (weights_begun || w.size() < 4 || w.size() % 2 != 0)
        fail("expected 'calibration TYPE (LEAD C)...'");
      const auto type = std::find(std::begin(type_names), std::end(type_names), w[1]);
      if (type == std::end(type_names)) fail("unknown pair type '" + std::string(w[1]) + "'");
      auto& steps = m.calibration[static_cast<std::size_t>(type - std::begin(type_names))];
      if (!steps.empty()) fail("pair type calibrated twice");
      for (std::size_t i = 2; i < w.size(); i += 2) {
        const std::int64_t lead = integer(w[i]);
        if (!steps.empty() && lead <= steps.back().first) fail("calibration leads must ascend");
        steps.emplace_back(lead, confidence(w[i + 1]));
      }
      continue;
    }
    if (w.size() != 1 + label_count) fail("expected a row delta and one weight per class");
    weights_begun = true;
    row += static_cast<std::size_t>(integer(w[0]));
    if (row >= rows) fail("row out of range");
    for (unsigned c = 0; c < label_count; ++c) {
      const auto v = integer(w[1 + c]);
      if (v < INT32_MIN || v > INT32_MAX) fail("weight out of range");
      m.weights[row * label_count + c] = static_cast<std::int32_t>(v);
    }
  }
  m.note_weights();
  return m;
}

void candidates(const Context& ctx, std::vector<Candidate>& out) {
  out.clear();
  const auto& items = ctx.items();
  if (ctx.dct()) {
    for (std::uint32_t i = 0; i < items.size(); ++i) {
      if (items[i].kind == Kind::event) out.push_back({i, dct_item, PairType::event_dct});
    }
  }
  const std::size_t sentences = ctx.doc().sentences().size();
  std::uint32_t previous_main = none;
  for (std::size_t s = 0; s < sentences; ++s) {
    const std::uint32_t ib = ctx.sentence_items_begin(s), ie = ctx.sentence_items_end(s);
    for (std::uint32_t i = ib; i < ie; ++i) {
      if (items[i].kind != Kind::event) continue;
      std::uint32_t seen = 0;
      for (std::uint32_t j = i + 1; j < ie; ++j) {
        if (items[j].kind == Kind::time) {
          if (ctx.timexes()[items[j].index].type != TimexType::set) {
            out.push_back({i, j, PairType::event_time});
          }
          continue;
        }
        if (++seen <= 3) out.push_back({i, j, PairType::event_event});
      }
      for (std::uint32_t j = ib; j < i; ++j) {
        if (items[j].kind == Kind::time && ctx.timexes()[items[j].index].type != TimexType::set) {
          out.push_back({i, j, PairType::event_time});
        }
      }
    }
    const std::uint32_t main = sentence_main(ctx, s);
    if (main != none) {
      if (previous_main != none) out.push_back({previous_main, main, PairType::event_adjacent});
      previous_main = main;
    }
  }
  std::uint32_t previous_time = none;
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    if (items[i].kind != Kind::time || !items[i].node) continue;
    if (ctx.dct()) out.push_back({i, dct_item, PairType::time_time});
    if (previous_time != none) out.push_back({previous_time, i, PairType::time_time});
    previous_time = i;
  }
}

FeatureMaker::FeatureMaker(const Context& ctx, const std::vector<Proposal>& proposals) {
  reset(ctx, proposals);
}

void FeatureMaker::reset(const Context& ctx, const std::vector<Proposal>& proposals) {
  ctx_ = &ctx;
  proposals_ = &proposals;
  const std::size_t items = ctx.items().size();
  item_first_.assign(items + 1, 0);
  for (const Proposal& p : proposals) {
    if (p.a < items) ++item_first_[p.a + 1];
    if (p.b < items) ++item_first_[p.b + 1];
  }
  for (std::size_t i = 0; i < items; ++i) item_first_[i + 1] += item_first_[i];
  by_item_.resize(item_first_[items]);
  std::vector<std::uint32_t>& next = side_slot_;  // free until it is filled below
  next.assign(item_first_.begin(), item_first_.end() - 1);
  for (std::uint32_t p = 0; p < proposals.size(); ++p) {
    if (proposals[p].a < items) by_item_[next[proposals[p].a]++] = p;
    if (proposals[p].b < items) by_item_[next[proposals[p].b]++] = p;
  }
  side_slot_.assign(items * uses, none);
  sides_.resize(side_cache);  // once per thread
  sides_made_ = 0;
  time_vs_dct_.resize(ctx.timexes().size());
  for (std::size_t x = 0; x < ctx.timexes().size(); ++x) {
    time_vs_dct_[x] = versus_dct(ctx.timexes()[x], ctx.dct());
  }
  main_.assign(items, 0);
  for (std::size_t s = 0; s < ctx.doc().sentences().size(); ++s) {
    const std::uint32_t main = sentence_main(ctx, s);
    if (main != none) main_[main] = 1;
  }
  event_time_vs_dct_.assign(ctx.events().size(), 0);
  for (const Proposal& p : proposals) {
    if (p.b >= ctx.items().size() || p.a >= ctx.items().size()) continue;
    const Item& a = ctx.items()[p.a];
    const Item& b = ctx.items()[p.b];
    if (a.kind != Kind::event || b.kind != Kind::time) continue;
    if (p.rule != Rule::time_inside && p.rule != Rule::time_modifier) continue;
    if (event_time_vs_dct_[a.index] == 0) {
      event_time_vs_dct_[a.index] = versus_dct(ctx.timexes()[b.index], ctx.dct());
    }
  }
}

static_assert(sizeof(SideFeatures) == 96, "a side's owner lies in the padding");

SideFeatures& FeatureMaker::new_side(std::uint32_t item, bool b, PairType t) const {
  if (sides_made_ == side_cache) {
    for (const SideFeatures& old : sides_)
      side_slot_[std::size_t{old.item} * uses + old.use] = none;
    sides_made_ = 0;
  }
  const std::uint32_t slot = sides_made_++;
  side_slot_[slot_index(item, b, t)] = slot;
  // make_side() writes every field but these.
  SideFeatures& s = sides_[slot];
  s.lemma_states = false;
  s.item = item;
  s.use = use_of(b, t);
  const Item& it = ctx_->items()[item];
  make_side(*ctx_, t, b ? side_b : side_a, it,
            it.kind == Kind::time ? time_vs_dct_[it.index] : std::int8_t{0}, s);
  return s;
}

void FeatureMaker::make(const Candidate& c, Features& f) const {
  static const PairTables pair_tables = make_pair_tables();
  static const RuleTables rule_tables = make_rule_tables();
  f.n = 0;
  const PairType t = c.type;
  const PairTable& pt = pair_tables[static_cast<std::size_t>(t)];
  const auto& items = ctx_->items();
  const Item& a = items[c.a];
  f.add(pt.bias);
  // (tense, class) of an event, (vs-DCT, grain) of a time, as names and as codes.
  const SideFeatures& sa = side(c.a, false, t);
  f.add(sa);
  const std::string_view a_first_name = sa.first, a_second_name = sa.second;
  const std::uint8_t a_first_code = sa.first_code, a_second_code = sa.second_code;
  // Whether the event is its sentence's main event (annotators link those most).
  if (a.kind == Kind::event) f.add(pt.main_a[main_[c.a]]);
  if (t == PairType::event_dct) {
    const std::int8_t gov = event_time_vs_dct_[a.index];
    f.add(pt.gov[gov + 1]);
    f.add(a_first_code != no_code ? pt.gov_tense[gov + 1][a_first_code]
                                  : feature(t, key_gov_tense, versus_name(gov), a_first_name));
  }
  const RuleTable& rt = rule_tables[static_cast<std::size_t>(t)];
  for (std::uint32_t k = item_first_[c.a]; k < item_first_[c.a + 1]; ++k) {
    const Proposal& pr = (*proposals_)[by_item_[k]];
    const bool same = pr.a == c.a && pr.b == c.b;
    const bool swapped = pr.a == c.b && pr.b == c.a;
    const auto rule = static_cast<std::size_t>(pr.rule);
    if (!same && !swapped) {
      if (t == PairType::event_dct) {
        f.add(rule < RuleTable::rules ? rt.other[rule]
                                      : feature(t, key_other_rule, rule_name(pr.rule)));
      }
      continue;
    }
    const Relation r = same ? pr.relation : inverse(pr.relation);
    const auto rel = static_cast<std::size_t>(r);
    if (rule < RuleTable::rules && rel < RuleTable::relations) {
      f.add(rt.rule[rule][rel]);
      f.add(rt.rule_rel[rel]);
    } else {
      f.add(feature(t, key_rule, rule_name(pr.rule), to_string(r)));
      f.add(feature(t, key_rule_rel, to_string(r)));
    }
  }
  if (c.b == dct_item) return;
  const Item& b = items[c.b];
  // (Side a's features may be gone: side b's can be new.)
  const SideFeatures& sb = side(c.b, true, t);
  f.add(sb);
  const bool firsts_coded = a_first_code != no_code && sb.first_code != no_code;
  const bool seconds_coded = a_second_code != no_code && sb.second_code != no_code;
  f.add(firsts_coded ? pt.ab1[a_first_code][sb.first_code]
                     : feature(t, key_ab1, a_first_name, sb.first));
  f.add(seconds_coded ? pt.ab2[a_second_code][sb.second_code]
                      : feature(t, key_ab2, a_second_name, sb.second));
  if (b.kind == Kind::event && a.kind == Kind::event) {
    const Event& ea = ctx_->events()[a.index];
    const Event& eb = ctx_->events()[b.index];
    const auto asp_a = static_cast<unsigned>(ea.aspect), asp_b = static_cast<unsigned>(eb.aspect);
    f.add(pt.main_ab[main_[c.a]][main_[c.b]]);
    f.add(asp_a < SideTable::aspects && asp_b < SideTable::aspects
              ? pt.aspects[asp_a][asp_b]
              : feature(t, key_aspects, to_string(ea.aspect), to_string(eb.aspect)));
    // Both sides' (tense, class) together, their lemmas, and each one's lemma with the other's
    // class.
    const bool ct_table = (t == PairType::event_event || t == PairType::event_adjacent) &&
                          firsts_coded && seconds_coded;
    f.add(ct_table ? pt.ct_pair[a_first_code][a_second_code][sb.first_code][sb.second_code]
                   : fnv(fnv(feature(t, key_ct_pair, a_first_name, a_second_name), sb.first),
                         sb.second));
    // Made above; fetched again as making sb may have emptied the cache (sb stays where it is:
    // sides_ never moves, and its next slot is not sb's).
    SideFeatures& sa2 = side(c.a, false, t);
    if (!sa2.lemma_states) {
      const std::string_view lemma = ctx_->lemma(a.index);
      sa2.lemmas = fnv(fnv(key_lemmas.h[static_cast<std::size_t>(t)], lemma), "\x02");
      sa2.lemma_class = fnv(fnv(key_lc.h[static_cast<std::size_t>(t)], lemma), "\x02");
      sa2.lemma_states = true;
    }
    const std::string_view lemma_b = ctx_->lemma(b.index);
    f.add(fnv(sa2.lemmas, lemma_b));
    f.add(fnv(sa2.lemma_class, sb.second));
    f.add(fnv(a_second_code != no_code ? pt.class_lemma[a_second_code]
                                       : fnv(feature(t, key_cl, a_second_name), "\x02"),
              lemma_b));
  }
  const bool a_first = a.first <= b.first;
  const Item& l = a_first ? a : b;
  const Item& r = a_first ? b : a;
  // The main events of adjacent sentences: the later sentence's first word ("But", "Later")
  // and whether it opens a paragraph.
  if (t == PairType::event_adjacent) {
    const auto& sent = ctx_->doc().sentences()[r.sentence];
    f.add(feature(t, key_opener, ctx_->word(sent.first_token)));
    f.add(pt.paragraph[r.paragraph == l.paragraph]);
  }
  // Text between the two.
  f.add(pt.order[a_first]);
  const std::uint32_t gap = r.first > l.last ? r.first - l.last - 1 : 0;
  f.add(pt.gap[bucket_index(gap)]);
  if (t == PairType::time_time || t == PairType::event_adjacent) return;
  std::uint32_t items_between = 0;
  bool comma = false;
  std::uint32_t cue_mask = 0;
  for (std::uint32_t u = l.last + 1; u < r.first; ++u) {
    if (ctx_->item_at(u) != none && items[ctx_->item_at(u)].kind == Kind::event) ++items_between;
    const std::string_view w = ctx_->word(u);
    if (w == ",") comma = true;
    cue_mask |= ctx_->cues(u);
    if (gap <= 6) f.add(feature(t, key_between, w));
  }
  f.add(pt.events_between[bucket_index(items_between)]);
  if (items_between < 4) f.add(pt.events_n[items_between]);  // the bucket joins 0 and 1
  f.add(pt.comma[comma]);
  for (unsigned k = 0; k < std::size(cue_names); ++k) {
    if (cue_mask & cue_names[k].first) f.add(pt.cue[k]);
  }
  if (gap > 0) {
    f.add(feature(t, key_first_between, ctx_->word(l.last + 1)));
    f.add(feature(t, key_last_between, ctx_->word(r.first - 1)));
  }
  if (l.first > 0) f.add(feature(t, key_before_left, ctx_->word(l.first - 1)));
  if (a.quoted != b.quoted) f.add(pt.quote_change);
  if (t == PairType::event_time) {
    const std::uint32_t pre = b.first > 0 ? b.first - 1 : 0;
    f.add(feature(t, key_time_prep, ctx_->word(pre)));
    f.add(feature(t, key_time_prep_tense, ctx_->word(pre), a_first_name));
  }
}

namespace {

// The classifier's links over cands (classify()).
void score_candidates(const Context& ctx, const std::vector<Proposal>& proposals,
                      const RelationModelData& model, const std::vector<Candidate>& cands,
                      FeatureMaker& maker, std::vector<Classified>& out) {
  maker.reset(ctx, proposals);
  Features f;
  std::int64_t scores[label_count];
  for (const Candidate& c : cands) {
    maker.make(c, f);
    model.score(f, scores);
    unsigned best = 1;
    for (unsigned k = 2; k < label_count; ++k) {
      if (scores[k] > scores[best]) best = k;
    }
    const auto type = static_cast<std::size_t>(c.type);
    const bool untensed_dct = c.type == PairType::event_dct && !ctx.items()[c.a].finite;
    const std::int64_t margin =
        untensed_dct && model.untensed_dct_margin ? *model.untensed_dct_margin : model.margin[type];
    if (scores[best] - scores[0] <= margin) continue;
    std::int64_t runner_up = std::numeric_limits<std::int64_t>::min();
    for (unsigned k = 1; k < label_count; ++k) {
      if (k != best && scores[k] > runner_up) runner_up = scores[k];
    }
    const std::int64_t lead = scores[best] - runner_up;
    out.push_back(Classified{c.a, c.b, label_relations[best - 1], provenances[type],
                             model.confidence_of(c.type, lead), c.type, lead});
  }
}

}  // namespace

void classify(const Context& ctx, const std::vector<Proposal>& proposals,
              const RelationModelData& model, std::vector<Classified>& out,
              std::vector<std::uint64_t>& candidate_keys) {
  thread_local std::vector<Candidate> cands;
  candidates(ctx, cands);
  // A big document's are sized at once (at most one link per candidate): grown by doubling,
  // they held the old copy and the new. (A news story's grow a few times, at little cost.)
  candidate_keys.clear();
  if (cands.size() * sizeof(Classified) > scratch_keep_bytes) {
    candidate_keys.reserve(cands.size());
    out.reserve(out.size() + cands.size());
  }
  for (const Candidate& c : cands) candidate_keys.push_back(pair_key(c.a, c.b));
  thread_local FeatureMaker maker;  // its buffers kept from one document to the next
  if (!model.weights.empty()) score_candidates(ctx, proposals, model, cands, maker, out);
  trim_scratch(cands);
  maker.trim();
}

RelationModelData train(const std::vector<Example>& examples, const TrainOptions& options) {
  RelationModelData m;
  m.bits = options.bits;
  const std::size_t rows = std::size_t{1} << m.bits;
  const std::uint32_t mask = static_cast<std::uint32_t>(rows - 1);
  std::vector<std::int64_t> w(rows * label_count, 0), acc(rows * label_count, 0);
  std::vector<std::size_t> order(examples.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::uint64_t state = options.seed * 6364136223846793005ull + 1442695040888963407ull;
  auto next = [&]() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  };
  std::int64_t step = 1;
  std::int64_t scores[label_count];
  for (unsigned epoch = 0; epoch < options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[next() % i]);
    for (std::size_t idx : order) {
      const Example& ex = examples[idx];
      for (auto& s : scores) s = 0;
      for (std::uint32_t h : ex.features) {
        const std::int64_t* row = &w[std::size_t{h & mask} * label_count];
        for (unsigned c = 0; c < label_count; ++c) scores[c] += row[c];
      }
      unsigned pred = 0;
      for (unsigned c = 1; c < label_count; ++c) {
        if (scores[c] > scores[pred]) pred = c;
      }
      if (pred != ex.label) {
        for (std::uint32_t h : ex.features) {
          const std::size_t base = std::size_t{h & mask} * label_count;
          w[base + ex.label] += 1000;
          acc[base + ex.label] += 1000 * step;
          w[base + pred] -= 1000;
          acc[base + pred] -= 1000 * step;
        }
      }
      ++step;
    }
  }
  m.weights.assign(rows * label_count, 0);
  for (std::size_t k = 0; k < w.size(); ++k) {
    m.weights[k] = static_cast<std::int32_t>(w[k] - acc[k] / step);
  }
  m.note_weights();
  return m;
}

}  // namespace chronicle::detail::relation
