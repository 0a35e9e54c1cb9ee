// TempEval-3 counts for one document: span pairing, attribute agreement, temporal awareness.
#include <fmt/format.h>

#include <algorithm>
#include <chronicle/eval.hpp>
#include <map>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "temporal_closure.hpp"

namespace chronicle::eval {

Counts& Counts::operator+=(const Counts& o) {
  auto add_spans = [](SpanCounts& a, const SpanCounts& b) {
    a.gold += b.gold;
    a.system += b.system;
    a.strict += b.strict;
    a.relaxed += b.relaxed;
  };
  add_spans(timex, o.timex);
  timex.value += o.timex.value;
  timex.type += o.timex.type;
  add_spans(event, o.event);
  event.event_class += o.event.event_class;
  event.tense += o.event.tense;
  event.aspect += o.event.aspect;
  tlink += o.tlink;
  for (std::size_t k = 0; k < pair_kinds; ++k) tlink_by_pair[k] += o.tlink_by_pair[k];
  documents += o.documents;
  return *this;
}

TlinkCounts& TlinkCounts::operator+=(const TlinkCounts& o) {
  system += o.system;
  system_correct += o.system_correct;
  gold += o.gold;
  gold_found += o.gold_found;
  return *this;
}

std::string_view to_string(PairKind kind) {
  switch (kind) {
    case PairKind::event_dct:
      return "event-DCT";
    case PairKind::event_time:
      return "event-time";
    case PairKind::event_event:
      return "event-event";
    case PairKind::time_time:
      return "time-time";
  }
  return "?";
}

namespace {

// One-to-one pairs of gold and system spans: identical spans first, then overlaps.
struct Pairing {
  std::vector<std::size_t> gold_of;  // per system index: its gold index, or npos
  std::size_t strict = 0, relaxed = 0;
};

constexpr std::size_t none = static_cast<std::size_t>(-1);

std::vector<std::size_t> by_span(const std::vector<Span>& spans) {
  std::vector<std::size_t> order(spans.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return spans[a] < spans[b]; });
  return order;
}

Pairing pair_spans(const std::vector<Span>& gold, const std::vector<Span>& system) {
  Pairing p;
  p.gold_of.assign(system.size(), none);
  std::vector<bool> gold_used(gold.size(), false);
  const auto gold_order = by_span(gold);
  const auto system_order = by_span(system);
  std::multimap<std::pair<std::size_t, std::size_t>, std::size_t> exact;
  for (auto g : gold_order) exact.emplace(std::pair(gold[g].begin, gold[g].end), g);
  for (auto s : system_order) {
    const auto it = exact.find(std::pair(system[s].begin, system[s].end));
    if (it == exact.end()) continue;
    p.gold_of[s] = it->second;
    gold_used[it->second] = true;
    exact.erase(it);
    ++p.strict;
  }
  p.relaxed = p.strict;
  for (auto s : system_order) {
    if (p.gold_of[s] != none) continue;
    for (auto g : gold_order) {
      if (gold[g].begin >= system[s].end) break;
      if (gold_used[g] || !gold[g].overlaps(system[s])) continue;
      p.gold_of[s] = g;
      gold_used[g] = true;
      ++p.relaxed;
      break;
    }
  }
  return p;
}

template <class Record>
std::vector<Span> spans_of(const std::vector<Record>& records) {
  std::vector<Span> spans;
  spans.reserve(records.size());
  for (const auto& r : records) spans.push_back(r.span);
  return spans;
}

// The eiids of each event's instances, in document order; an event that has none in the
// instance list but names one (built by a program, not read) has that one.
std::vector<std::vector<std::string_view>> instances_by_event(const timeml::Document& doc) {
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < doc.events.size(); ++i) index.emplace(doc.events[i].id, i);
  std::vector<std::vector<std::string_view>> out(doc.events.size());
  for (const auto& inst : doc.instances) {
    const auto it = index.find(inst.event_id);
    if (it != index.end()) out[it->second].push_back(inst.id);
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].empty() && !doc.events[i].instance_id.empty()) {
      out[i].push_back(doc.events[i].instance_id);
    }
  }
  return out;
}

// Node names shared by the gold and the system graph.
class Nodes {
 public:
  std::size_t operator[](const std::string& name) {
    return ids_.emplace(name, ids_.size()).first->second;
  }
  std::size_t size() const { return ids_.size(); }

 private:
  std::unordered_map<std::string, std::size_t> ids_;
};

std::string time_node(std::string_view id) {
  return fmt::format("t:{}", id);
}
std::string instance_node(std::string_view id) {
  return fmt::format("e:{}", id);
}

PairKind pair_kind(bool from_time, bool from_dct, bool to_time, bool to_dct) {
  if (from_time && to_time) return PairKind::time_time;
  if (!from_time && !to_time) return PairKind::event_event;
  return from_dct || to_dct ? PairKind::event_dct : PairKind::event_time;
}

void count_tlinks(const timeml::Document& gold, const timeml::Document& system,
                  const Pairing& timexes, const Pairing& events, TlinkCounts& out,
                  std::array<TlinkCounts, pair_kinds>& by_pair) {
  // System ids renamed to the gold node they stand for; the rest get nodes of their own.
  std::unordered_map<std::string_view, std::string> time_name, instance_name;
  if (gold.dct && system.dct) time_name.emplace(system.dct->id, time_node(gold.dct->id));
  for (std::size_t s = 0; s < system.timexes.size(); ++s) {
    if (timexes.gold_of[s] != none) {
      time_name.emplace(system.timexes[s].id, time_node(gold.timexes[timexes.gold_of[s]].id));
    }
  }
  const auto gold_instances = instances_by_event(gold);
  const auto system_instances = instances_by_event(system);
  for (std::size_t s = 0; s < system.events.size(); ++s) {
    if (events.gold_of[s] == none) continue;
    const auto& g = gold_instances[events.gold_of[s]];
    const auto& own = system_instances[s];
    for (std::size_t k = 0; k < own.size() && k < g.size(); ++k) {
      instance_name.emplace(own[k], instance_node(g[k]));
    }
  }

  Nodes nodes;
  std::vector<PairKind> gold_kinds, system_kinds;  // per link of each graph
  auto graph = [&](const timeml::Document& doc, bool is_system) {
    std::vector<detail::IntervalLink> links;
    auto& kinds = is_system ? system_kinds : gold_kinds;
    const auto is_dct = [&](const std::string& id, bool is_time) {
      return is_time && doc.dct && id == doc.dct->id;
    };
    auto node = [&](const std::string& id, bool is_time) {
      if (is_system) {
        const auto& names = is_time ? time_name : instance_name;
        const auto it = names.find(id);
        if (it != names.end()) return nodes[it->second];
        return nodes[(is_time ? "system t:" : "system e:") + id];
      }
      return nodes[is_time ? time_node(id) : instance_node(id)];
    };
    for (const auto& l : doc.tlinks) {
      if (l.link.relation == Relation::vague) continue;
      const auto from = node(l.link.from, l.from_time);
      const auto to = node(l.link.to, l.to_time);
      if (from == to) continue;
      links.push_back({from, to, l.link.relation});
      kinds.push_back(pair_kind(l.from_time, is_dct(l.link.from, l.from_time), l.to_time,
                                is_dct(l.link.to, l.to_time)));
    }
    return links;
  };
  const auto gold_links = graph(gold, false);
  const auto system_links = graph(system, true);
  const auto n = nodes.size();
  const detail::IntervalClosure gold_closure(n, gold_links), system_closure(n, system_links);
  const auto gold_kept = detail::reduce(n, gold_links);
  const auto system_kept = detail::reduce(n, system_links);
  for (std::size_t k = 0; k < system_links.size(); ++k) {
    if (!system_kept[k]) continue;
    const bool correct = gold_closure.entails(system_links[k]);
    for (TlinkCounts* c : {&out, &by_pair[static_cast<std::size_t>(system_kinds[k])]}) {
      ++c->system;
      c->system_correct += correct;
    }
  }
  for (std::size_t k = 0; k < gold_links.size(); ++k) {
    if (!gold_kept[k]) continue;
    const bool found = system_closure.entails(gold_links[k]);
    for (TlinkCounts* c : {&out, &by_pair[static_cast<std::size_t>(gold_kinds[k])]}) {
      ++c->gold;
      c->gold_found += found;
    }
  }
}

}  // namespace

Counts compare(const timeml::Document& gold, const timeml::Document& system) {
  if (gold.text != system.text) {
    const auto mismatch =
        std::mismatch(gold.text.begin(), gold.text.end(), system.text.begin(), system.text.end());
    throw std::invalid_argument(fmt::format(
        "the system TEXT differs from the gold TEXT at byte {} (gold {} bytes, system {} bytes)",
        mismatch.first - gold.text.begin(), gold.text.size(), system.text.size()));
  }
  Counts c;
  c.documents = 1;

  const auto timexes = pair_spans(spans_of(gold.timexes), spans_of(system.timexes));
  c.timex.gold = gold.timexes.size();
  c.timex.system = system.timexes.size();
  c.timex.strict = timexes.strict;
  c.timex.relaxed = timexes.relaxed;
  for (std::size_t s = 0; s < system.timexes.size(); ++s) {
    if (timexes.gold_of[s] == none) continue;
    const auto& g = gold.timexes[timexes.gold_of[s]];
    const auto& x = system.timexes[s];
    if (g.value.str() == x.value.str()) ++c.timex.value;
    if (g.type == x.type) ++c.timex.type;
  }

  const auto events = pair_spans(spans_of(gold.events), spans_of(system.events));
  c.event.gold = gold.events.size();
  c.event.system = system.events.size();
  c.event.strict = events.strict;
  c.event.relaxed = events.relaxed;
  for (std::size_t s = 0; s < system.events.size(); ++s) {
    if (events.gold_of[s] == none) continue;
    const auto& g = gold.events[events.gold_of[s]];
    const auto& e = system.events[s];
    if (g.event_class == e.event_class) ++c.event.event_class;
    if (g.tense == e.tense) ++c.event.tense;
    if (g.aspect == e.aspect) ++c.event.aspect;
  }

  count_tlinks(gold, system, timexes, events, c.tlink, c.tlink_by_pair);
  return c;
}

namespace {

double percent(std::size_t n, std::size_t d, bool both_empty) {
  if (d == 0) return both_empty ? 100.0 : 0.0;
  return 100.0 * static_cast<double>(n) / static_cast<double>(d);
}

double f1(double p, double r) {
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

Prf prf(std::size_t matched_system, std::size_t system, std::size_t matched_gold,
        std::size_t gold) {
  const bool empty = system == 0 && gold == 0;
  Prf s;
  s.precision = percent(matched_system, system, empty);
  s.recall = percent(matched_gold, gold, empty);
  s.f1 = empty ? 100.0 : f1(s.precision, s.recall);
  return s;
}

}  // namespace

Scores score(const Counts& c) {
  Scores s;
  s.documents = c.documents;
  const auto& t = c.timex;
  const bool no_timex = t.gold == 0 && t.system == 0;
  s.timex.strict = prf(t.strict, t.system, t.strict, t.gold);
  s.timex.relaxed = prf(t.relaxed, t.system, t.relaxed, t.gold);
  s.timex.value_accuracy = percent(t.value, t.relaxed, no_timex);
  s.timex.type_accuracy = percent(t.type, t.relaxed, no_timex);
  s.timex.value_f1 = s.timex.value_accuracy * s.timex.relaxed.f1 / 100.0;
  s.timex.type_f1 = s.timex.type_accuracy * s.timex.relaxed.f1 / 100.0;

  const auto& e = c.event;
  const bool no_event = e.gold == 0 && e.system == 0;
  s.event.strict = prf(e.strict, e.system, e.strict, e.gold);
  s.event.relaxed = prf(e.relaxed, e.system, e.relaxed, e.gold);
  s.event.class_accuracy = percent(e.event_class, e.relaxed, no_event);
  s.event.tense_accuracy = percent(e.tense, e.relaxed, no_event);
  s.event.aspect_accuracy = percent(e.aspect, e.relaxed, no_event);

  s.tlink = score(c.tlink);
  return s;
}

Prf score(const TlinkCounts& l) {
  return prf(l.system_correct, l.system, l.gold_found, l.gold);
}

}  // namespace chronicle::eval
