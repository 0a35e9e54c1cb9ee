#include "classifier.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <stdexcept>
#include <unordered_map>

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

std::string_view bucket(std::uint32_t n) {
  if (n <= 1) return "0-1";
  if (n <= 3) return "2-3";
  if (n <= 6) return "4-6";
  if (n <= 10) return "7-10";
  if (n <= 20) return "11-20";
  return "21+";
}

std::string_view confidence_bucket(double c) {
  if (c < 0.6) return "<.6";
  if (c < 0.7) return "<.7";
  if (c < 0.8) return "<.8";
  if (c < 0.9) return "<.9";
  return ">=.9";
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
std::string_view versus_name(std::int8_t v) {
  return v < 0 ? "before" : v == 1 ? "after" : v == 2 ? "overlap" : "unknown";
}

// The hashes of an event side's features that only name enum values, per pair type and side,
// worked out once: an event side hashed its names for every item.
struct EventSideTable {
  static constexpr unsigned classes = 8, tenses = 8, aspects = 4, parts = 8;
  std::uint32_t cls[classes], tense[tenses], aspect[aspects], ta[tenses][aspects],
      ct[classes][tenses], pos[parts], pol[2], modal[2], quoted[2];
};
using EventSideTables = std::array<std::array<EventSideTable, 2>, pair_types>;

EventSideTables make_event_side_tables() {
  EventSideTables tables{};
  for (std::size_t ti = 0; ti < pair_types; ++ti) {
    const auto t = static_cast<PairType>(ti);
    for (unsigned si = 0; si < 2; ++si) {
      const SideKeys& side = si == 0 ? side_a : side_b;
      EventSideTable& tb = tables[ti][si];
      for (unsigned v = 0; v < EventSideTable::classes; ++v) {
        const auto cls = to_string(static_cast<EventClass>(v));
        tb.cls[v] = feature(t, side.cls, cls);
        for (unsigned w = 0; w < EventSideTable::tenses; ++w) {
          tb.ct[v][w] = fnv(feature(t, side.ct, cls), to_string(static_cast<Tense>(w)));
        }
      }
      for (unsigned v = 0; v < EventSideTable::tenses; ++v) {
        const auto tense = to_string(static_cast<Tense>(v));
        tb.tense[v] = feature(t, side.tense, tense);
        for (unsigned w = 0; w < EventSideTable::aspects; ++w) {
          tb.ta[v][w] = fnv(feature(t, side.ta, tense), to_string(static_cast<Aspect>(w)));
        }
      }
      for (unsigned v = 0; v < EventSideTable::aspects; ++v) {
        tb.aspect[v] = feature(t, side.aspect, to_string(static_cast<Aspect>(v)));
      }
      for (unsigned v = 0; v < EventSideTable::parts; ++v) {
        tb.pos[v] = feature(t, side.pos, to_string(static_cast<PartOfSpeech>(v)));
      }
      for (unsigned v = 0; v < 2; ++v) {
        tb.pol[v] = feature(t, side.pol, to_string(static_cast<Polarity>(v)));
        tb.modal[v] = feature(t, side.modal, v ? "yes" : "no");
        tb.quoted[v] = feature(t, side.quoted, v ? "yes" : "no");
      }
    }
  }
  return tables;
}

// The hashes of the rules' features (a rule's name, with its relation), per pair type, worked
// out once: rule names are long, and most pairs carry one or more.
struct RuleTable {
  static constexpr std::size_t rules = static_cast<std::size_t>(Rule::count), relations = 16;
  std::uint32_t other[rules], rule[rules][relations], rule_rel[relations];
};
using RuleTables = std::array<RuleTable, pair_types>;

RuleTables make_rule_tables() {
  RuleTables tables{};
  for (std::size_t ti = 0; ti < pair_types; ++ti) {
    const auto t = static_cast<PairType>(ti);
    RuleTable& tb = tables[ti];
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
  }
  return tables;
}

void make_side(const Context& ctx, PairType t, const SideKeys& side, const Item& it,
               SideFeatures& s) {
  auto add = [&](std::uint32_t h) { s.h[s.n++] = h; };
  if (it.kind == Kind::time) {
    const Timex& x = ctx.timexes()[it.index];
    const auto vs = versus_name(versus_dct(x, ctx.dct()));
    const auto grain = to_string(x.value.grain());
    add(feature(t, side.ttype, to_string(x.type)));
    add(feature(t, side.grain, grain));
    add(feature(t, side.mod, to_string(x.mod)));
    add(feature(t, side.vsdct, vs));
    add(feature(t, side.function, x.temporal_function ? "yes" : "no"));
    s.first = vs;
    s.second = grain;
    return;
  }
  const Event& e = ctx.events()[it.index];
  const std::string_view cls = to_string(e.event_class), tense = to_string(e.tense),
                         aspect = to_string(e.aspect);
  const auto c = static_cast<unsigned>(e.event_class), te = static_cast<unsigned>(e.tense),
             as = static_cast<unsigned>(e.aspect), po = static_cast<unsigned>(e.pos),
             pl = static_cast<unsigned>(e.polarity);
  using T = EventSideTable;
  if (c < T::classes && te < T::tenses && as < T::aspects && po < T::parts && pl < 2) {
    static const EventSideTables tables = make_event_side_tables();
    const T& tb = tables[static_cast<std::size_t>(t)][&side == &side_b];
    add(tb.cls[c]);
    add(tb.tense[te]);
    add(tb.aspect[as]);
    add(tb.ta[te][as]);
    add(tb.ct[c][te]);
    add(tb.pos[po]);
    add(tb.pol[pl]);
    add(tb.modal[!e.modality.empty()]);
    add(feature(t, side.lemma, ctx.lemma(it.index)));
    add(tb.quoted[it.quoted]);
    if (!e.rule.empty()) add(feature(t, side.found, confidence_bucket(e.confidence)));
    s.first = tense;
    s.second = cls;
    return;
  }
  add(feature(t, side.cls, cls));
  add(feature(t, side.tense, tense));
  add(feature(t, side.aspect, aspect));
  add(fnv(feature(t, side.ta, tense), aspect));
  add(fnv(feature(t, side.ct, cls), tense));
  add(feature(t, side.pos, to_string(e.pos)));
  add(feature(t, side.pol, to_string(e.polarity)));
  add(feature(t, side.modal, e.modality.empty() ? "no" : "yes"));
  add(feature(t, side.lemma, ctx.lemma(it.index)));
  add(feature(t, side.quoted, it.quoted ? "yes" : "no"));
  // How sure the event stage was of an event it found (given events have no rule): an
  // annotator links few pairs of words that are not events at all.
  if (!e.rule.empty()) add(feature(t, side.found, confidence_bucket(e.confidence)));
  s.first = tense;
  s.second = cls;
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
    std::int64_t x = 0;
    while (p != end && static_cast<unsigned char>(*p - '0') <= 9) x = x * 10 + (*p++ - '0');
    if (p == digits || p - digits > 18 || (p != end && *p != ' ' && *p != '\r')) return -1;
    out[n++] = neg ? -x : x;
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

FeatureMaker::FeatureMaker(const Context& ctx, const std::vector<Proposal>& proposals)
    : ctx_(ctx), proposals_(proposals) {
  const std::size_t items = ctx.items().size();
  item_first_.assign(items + 1, 0);
  for (const Proposal& p : proposals) {
    if (p.a < items) ++item_first_[p.a + 1];
    if (p.b < items) ++item_first_[p.b + 1];
  }
  for (std::size_t i = 0; i < items; ++i) item_first_[i + 1] += item_first_[i];
  by_item_.resize(item_first_[items]);
  std::vector<std::uint32_t> next(item_first_.begin(), item_first_.end() - 1);
  for (std::uint32_t p = 0; p < proposals.size(); ++p) {
    if (proposals[p].a < items) by_item_[next[proposals[p].a]++] = p;
    if (proposals[p].b < items) by_item_[next[proposals[p].b]++] = p;
  }
  sides_.assign(items * 2 * static_cast<std::size_t>(PairType::count), SideFeatures{});
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

void FeatureMaker::make(const Candidate& c, Features& f) const {
  f.n = 0;
  const PairType t = c.type;
  const auto& items = ctx_.items();
  const Item& a = items[c.a];
  f.add(feature(t, key_bias, ""));
  // Returns (tense, class) of an event, (vs-DCT, grain) of a time.
  auto side_features = [&](const SideKeys& side, std::uint32_t item,
                           const Item& it) -> std::pair<std::string_view, std::string_view> {
    SideFeatures& s = sides_[(std::size_t{item} * 2 + (&side == &side_b)) *
                                 static_cast<std::size_t>(PairType::count) +
                             static_cast<std::size_t>(t)];
    if (s.n == 0) make_side(ctx_, t, side, it, s);
    f.add(s.h, s.n);
    return {s.first, s.second};
  };
  const auto ae = side_features(side_a, c.a, a);
  // Whether the event is its sentence's main event (annotators link those most).
  if (a.kind == Kind::event) f.add(feature(t, key_main, main_[c.a] ? "a" : "-"));
  if (t == PairType::event_dct) {
    const std::int8_t gov = event_time_vs_dct_[a.index];
    f.add(feature(t, key_gov, versus_name(gov)));
    f.add(feature(t, key_gov_tense, versus_name(gov), ae.first));
  }
  static const RuleTables rule_tables = make_rule_tables();
  const RuleTable& rt = rule_tables[static_cast<std::size_t>(t)];
  for (std::uint32_t k = item_first_[c.a]; k < item_first_[c.a + 1]; ++k) {
    const Proposal& pr = proposals_[by_item_[k]];
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
  const auto be = side_features(side_b, c.b, b);
  f.add(feature(t, key_ab1, ae.first, be.first));
  f.add(feature(t, key_ab2, ae.second, be.second));
  if (b.kind == Kind::event && a.kind == Kind::event) {
    const Event& ea = ctx_.events()[a.index];
    const Event& eb = ctx_.events()[b.index];
    f.add(feature(t, key_main, main_[c.a] ? "a" : "-", main_[c.b] ? "b" : "-"));
    f.add(feature(t, key_aspects, to_string(ea.aspect), to_string(eb.aspect)));
    // Both sides' (tense, class) together, their lemmas, and each one's lemma with the other's
    // class.
    f.add(fnv(fnv(feature(t, key_ct_pair, ae.first, ae.second), be.first), be.second));
    f.add(feature(t, key_lemmas, ctx_.lemma(a.index), ctx_.lemma(b.index)));
    f.add(feature(t, key_lc, ctx_.lemma(a.index), be.second));
    f.add(feature(t, key_cl, ae.second, ctx_.lemma(b.index)));
  }
  const bool a_first = a.first <= b.first;
  const Item& l = a_first ? a : b;
  const Item& r = a_first ? b : a;
  // The main events of adjacent sentences: the later sentence's first word ("But", "Later")
  // and whether it opens a paragraph.
  if (t == PairType::event_adjacent) {
    const auto& sent = ctx_.doc().sentences()[r.sentence];
    f.add(feature(t, key_opener, ctx_.word(sent.first_token)));
    f.add(feature(t, key_paragraph, r.paragraph == l.paragraph ? "same" : "new"));
  }
  // Text between the two.
  f.add(feature(t, key_order, a_first ? "ab" : "ba"));
  const std::uint32_t gap = r.first > l.last ? r.first - l.last - 1 : 0;
  f.add(feature(t, key_gap, bucket(gap)));
  if (t == PairType::time_time || t == PairType::event_adjacent) return;
  std::uint32_t items_between = 0;
  bool comma = false;
  std::uint32_t cue_mask = 0;
  for (std::uint32_t u = l.last + 1; u < r.first; ++u) {
    if (ctx_.item_at(u) != none && items[ctx_.item_at(u)].kind == Kind::event) ++items_between;
    const std::string_view w = ctx_.word(u);
    if (w == ",") comma = true;
    cue_mask |= ctx_.cues(u);
    if (gap <= 6) f.add(feature(t, key_between, w));
  }
  f.add(feature(t, key_events_between, bucket(items_between)));
  if (items_between < 4) {  // the exact count (the bucket joins 0 and 1)
    const char n = static_cast<char>('0' + items_between);
    f.add(feature(t, key_events_n, std::string_view(&n, 1)));
  }
  f.add(feature(t, key_comma, comma ? "yes" : "no"));
  static constexpr std::pair<std::uint32_t, std::string_view> cue_names[] = {
      {conn_after, "after"},  {conn_before, "before"}, {conn_since, "since"},
      {conn_until, "until"},  {conn_during, "during"}, {conn_overlap, "while"},
      {conn_when, "when"},    {conn_then, "then"},     {Cue::reporting, "report"},
      {relative, "relative"},
  };
  for (const auto& [bit, name] : cue_names) {
    if (cue_mask & bit) f.add(feature(t, key_cue, name));
  }
  if (gap > 0) {
    f.add(feature(t, key_first_between, ctx_.word(l.last + 1)));
    f.add(feature(t, key_last_between, ctx_.word(r.first - 1)));
  }
  if (l.first > 0) f.add(feature(t, key_before_left, ctx_.word(l.first - 1)));
  if (a.quoted != b.quoted) f.add(feature(t, key_quote_change, ""));
  if (t == PairType::event_time) {
    const std::uint32_t pre = b.first > 0 ? b.first - 1 : 0;
    f.add(feature(t, key_time_prep, ctx_.word(pre)));
    f.add(feature(t, key_time_prep_tense, ctx_.word(pre), ae.first));
  }
}

void classify(const Context& ctx, const std::vector<Proposal>& proposals,
              const RelationModelData& model, std::vector<Classified>& out,
              std::vector<std::uint64_t>& candidate_keys) {
  thread_local std::vector<Candidate> cands;
  candidates(ctx, cands);
  candidate_keys.clear();
  for (const Candidate& c : cands) candidate_keys.push_back(pair_key(c.a, c.b));
  std::sort(candidate_keys.begin(), candidate_keys.end());
  if (model.weights.empty()) return;
  FeatureMaker maker(ctx, proposals);
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
