// find_links: rules first, then the classifier for candidate pairs no rule settles.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

#include "../scratch.hpp"
#include "chronicle/relation_finder.hpp"
#include "classifier.hpp"
#include "context.hpp"
#include "finder.hpp"
#include "rules.hpp"

namespace chronicle {

namespace {

using detail::relation::dct_item;
using detail::relation::pair_key;
using detail::relation::Proposal;

// Pair keys to proposal indices: open addressing in a table at most half full, kept across
// calls (a std::unordered_map allocated a node per pair). No key is all ones: a <= b and
// both are below 0xffffffff.
class PairIndex {
 public:
  void reset(std::size_t pairs) {
    std::size_t cap = 16;
    while (cap < 2 * pairs) cap *= 2;
    slots_.assign(cap, Slot{});
  }
  // The index held for key and false, or value stored for it and true.
  std::pair<std::size_t*, bool> emplace(std::uint64_t key, std::size_t value) {
    Slot& s = slots_[find(key)];
    if (s.key == key) return {&s.value, false};
    s = Slot{key, value};
    return {&s.value, true};
  }
  bool contains(std::uint64_t key) const { return slots_[find(key)].key == key; }
  void trim() { detail::trim_scratch(slots_); }  // reset() comes before any other use after

 private:
  static constexpr std::uint64_t empty = ~std::uint64_t{0};
  struct Slot {
    std::uint64_t key = empty;
    std::size_t value = 0;
  };
  std::size_t find(std::uint64_t key) const {  // key's slot, or the empty one it would take
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
    while (slots_[i].key != key && slots_[i].key != empty) i = (i + 1) & mask;
    return i;
  }
  std::vector<Slot> slots_;
};

// The stage; `ends`, when given, gets each link's two ends as entities.
std::vector<Link> links_of(const Document& doc, const std::vector<Timex>& timexes,
                           const std::optional<Timex>& dct, const std::vector<Event>& events,
                           const RelationOptions& options,
                           std::vector<detail::relation::LinkEnds>* ends) {
  using namespace detail::relation;
  thread_local Context ctx;
  thread_local std::vector<Proposal> proposals;
  ctx.build(doc, timexes, dct, events);
  proposals.clear();
  apply_rules(ctx, options, proposals);

  // One link per pair: the most confident rule's (the first on ties).
  thread_local PairIndex best;
  best.reset(proposals.size());
  thread_local std::vector<std::uint8_t> keep;  // buffers kept from one document to the next
  keep.assign(proposals.size(), 0);
  for (std::size_t i = 0; i < proposals.size(); ++i) {
    const Proposal& p = proposals[i];
    if (p.b == dct_item && !dct) continue;
    const auto [held, inserted] = best.emplace(pair_key(p.a, p.b), i);
    if (inserted) {
      keep[i] = 1;
    } else if (rule_confidence(p.rule) > rule_confidence(proposals[*held].rule)) {
      keep[*held] = 0;
      keep[i] = 1;
      *held = i;
    }
  }

  thread_local std::vector<Classified> found;
  found.clear();
  thread_local std::vector<std::uint64_t> candidate_keys;
  candidate_keys.clear();
  if (options.classifier) {
    const RelationModel& model =
        options.model != nullptr ? *options.model : RelationModel::builtin(options.entities);
    classify(ctx, proposals, model.data(), found, candidate_keys);
  }
  const bool timeml = options.selection == LinkSelection::timeml && options.classifier;
  // The candidate pairs, searched by key (a table filled in one pass, not a sorted vector).
  thread_local PairIndex candidate_index;
  if (timeml) {
    candidate_index.reset(candidate_keys.size());
    for (const std::uint64_t key : candidate_keys) candidate_index.emplace(key, 0);
  }
  // (Filled for the TimeML selection only: another selection has no candidates to defer to.)
  auto is_candidate = [&](std::uint64_t key) { return timeml && candidate_index.contains(key); };

  std::vector<Link> links;
  links.reserve(proposals.size() + events.size());
  auto id_of = [&](std::uint32_t item) {
    return item == dct_item ? ctx.dct_id() : ctx.id(ctx.items()[item]);
  };
  auto end_of = [&](std::uint32_t item) {
    if (item == dct_item) return LinkEnd{};
    const Item& it = ctx.items()[item];
    return LinkEnd{it.kind == Item::Kind::event ? LinkEnd::Kind::event : LinkEnd::Kind::time,
                   it.index};
  };
  if (ends) {
    ends->clear();
    ends->reserve(links.capacity());  // one per link
  }
  // Built in place: a Link is four strings, and moving one in cost as much as filling it.
  // Its strings are new and empty: append is the cheaper path (assign goes through the
  // general replace).
  auto add = [&](std::uint32_t a, std::uint32_t b, Relation r, std::string_view provenance,
                 double confidence) {
    const std::string_view from = id_of(a), to = id_of(b);
    if (from.empty() || to.empty()) return;
    if (ends) ends->push_back(LinkEnds{end_of(a), end_of(b)});
    Link& l = links.emplace_back();
    l.from.append(from.data(), from.size());
    l.to.append(to.data(), to.size());
    l.relation = r;
    l.provenance.append(provenance.data(), provenance.size());
    l.confidence = confidence;
  };
  for (std::size_t i = 0; i < proposals.size(); ++i) {
    if (!keep[i]) continue;
    const Proposal& p = proposals[i];
    if (is_candidate(pair_key(p.a, p.b))) continue;  // the classifier decides
    add(p.a, p.b, p.relation, rule_name(p.rule), rule_confidence(p.rule));
  }
  // Two calendar times are ordered in the timeline by their values (the graph holds known dates
  // as bounds; a year-less "Wednesday" and "Thursday" stay as unordered as their values leave
  // them): a classifier guess between them can only repeat or contradict their values.
  auto calendar_time = [&](std::uint32_t item) {
    if (item == dct_item) return dct.has_value();
    const Item& it = ctx.items()[item];
    if (it.kind != Item::Kind::time) return false;
    const Timex& x = ctx.timexes()[it.index];
    return x.value.is_point() || (x.bounds.has_value() && !x.bounds->empty());
  };
  // The date of the dateline ("Jan. 6 (UPI) --") is the DCT's: the timeline relates the story's
  // events to the DCT, not again to that date.
  const Span dateline = doc.dateline();
  auto in_dateline = [&](std::uint32_t item) {
    if (item == dct_item || dateline.empty()) return false;
    const Item& it = ctx.items()[item];
    if (it.kind != Item::Kind::time) return false;
    const Span& x = ctx.timexes()[it.index].span;
    return dateline.begin <= x.begin && x.end <= dateline.end;
  };
  // What the rules say of each item, read in one pass over their kept proposals:
  // - dated_by_rule (per time): an event a time rule relates to it. Such a time belongs to the
  //   clause that is reported, not to the saying after it: "the rains began on April 29, the
  //   agency said".
  // - lasts_past_dct (per event): a rule says it lasts until a time after the DCT ("was closed
  //   until at least May 30" in a March story), so it is not over before the DCT, whatever the
  //   classifier guesses.
  // - own_time (per event): the time a rule places it in ("closed in February").
  thread_local std::vector<std::uint32_t> dated_by_rule, own_time;  // none: no such item
  thread_local std::vector<std::uint8_t> lasts_past_dct;
  dated_by_rule.assign(ctx.items().size(), none);
  own_time.assign(ctx.items().size(), none);
  lasts_past_dct.assign(ctx.items().size(), 0);
  for (std::size_t i = 0; i < proposals.size(); ++i) {
    const Proposal& p = proposals[i];
    if (!keep[i] || p.b == dct_item || ctx.items()[p.b].kind != Item::Kind::time) continue;
    if (is_event_time_rule(p.rule)) {
      dated_by_rule[p.b] = p.a;
      if (p.relation == Relation::is_included) own_time[p.a] = p.b;
    }
    if (p.relation == Relation::ended_by && after_dct(ctx.timexes()[ctx.items()[p.b].index], dct)) {
      lasts_past_dct[p.a] = 1;
    }
  }
  // Whether the clause around token `last` ends before event e: e is a finite verb with no
  // word between that joins it to the clause ("which began days ago as a protest", "that began
  // in May and spread": still the clause's).
  auto ends_before = [&](std::uint32_t last, std::uint32_t e) {
    const Item& ev = ctx.items()[e];
    if (!ev.finite) return false;
    for (std::uint32_t k = last + 1; k < ev.first; ++k) {
      const std::string_view w = ctx.word(k);
      if (w == "and" || w == "or" || w == "as" || w == "but") return false;
    }
    return true;
  };
  // A relative clause's time, dated by a rule for the clause's verb h, is not the time of an
  // event outside the clause: "Heavy rains that began late last month have flooded the region"
  // (the timeline's reading). The clause opens at most 8 tokens before h and its time.
  auto in_relative_clause_of = [&](std::uint32_t h, std::uint32_t t, std::uint32_t e) {
    const Item& hv = ctx.items()[h];
    const Item& ti = ctx.items()[t];
    const Item& ev = ctx.items()[e];
    if (hv.sentence != ev.sentence || ti.sentence != ev.sentence) return false;
    const std::uint32_t first = std::min(hv.first, ti.first);
    const std::uint32_t last = std::max(hv.last, ti.last);
    if (ev.first >= first && ev.first <= last) return false;
    const std::uint32_t sentence_first = doc.sentences()[ev.sentence].first_token;
    for (std::uint32_t k = first; k-- > sentence_first && k + 8 > first;) {
      const std::string_view w = ctx.word(k);
      if (w == "that" || w == "which" || w == "who") return ev.first < k || ends_before(last, e);
      if (w == "," || w == "." || w == ";") return false;
    }
    return false;
  };
  // Two coordinated verbs with a time each keep their own: "was closed in February and
  // reopened on Friday" does not put the closing on Friday. An event a rule places in one
  // time is not also inside another event's time unless its own lies within that one.
  auto other_events_time = [&](const Classified& c) {
    std::uint32_t e = c.a, t = c.b;
    Relation r = c.relation;
    if (t == dct_item || e == dct_item) return false;
    if (ctx.items()[e].kind == Item::Kind::time) {
      std::swap(e, t);
      r = inverse(r);
    }
    if (ctx.items()[e].kind != Item::Kind::event || ctx.items()[t].kind != Item::Kind::time) {
      return false;
    }
    if (r != Relation::is_included && r != Relation::during && r != Relation::simultaneous &&
        r != Relation::identity) {
      return false;
    }
    const std::uint32_t own = own_time[e], holder = dated_by_rule[t];
    // Nor, in a timeline, is it inside a time that shares no moment with its own ("postponed its
    // Thursday session until next week": the session is not on Thursday). (In TimeML, 5-fold C
    // and ABC fell by 0.05 with the veto: annotators link the old time too.)
    if (!timeml && own != none && own != t) {
      const auto& mine = ctx.timexes()[ctx.items()[own].index].bounds;
      const auto& other = ctx.timexes()[ctx.items()[t].index].bounds;
      if (mine && other && !mine->empty() && !other->empty() &&
          (mine->latest <= other->earliest || other->latest <= mine->earliest)) {
        return true;
      }
    }
    if (holder == none || holder == e) return false;
    // (In TimeML the annotators' links sometimes cross into the clause: 5-fold C and ABC fell
    // by 0.03 and 0.02 with the veto there too.)
    if (own == none) return !timeml && in_relative_clause_of(holder, t, e);
    if (own == t) return false;
    const auto& inner = ctx.timexes()[ctx.items()[own].index].bounds;
    const auto& outer = ctx.timexes()[ctx.items()[t].index].bounds;
    return !(inner && outer && !inner->empty() && outer->earliest <= inner->earliest &&
             inner->latest <= outer->latest);
  };
  auto reported_time = [&](std::uint32_t e, std::uint32_t t) {
    const Item& ev = ctx.items()[e];
    const Item& ti = ctx.items()[t];
    if (ev.kind != Item::Kind::event || ti.kind != Item::Kind::time) return false;
    if (ctx.events()[ev.index].event_class != EventClass::reporting) return false;
    const std::uint32_t holder = dated_by_rule[t];
    if (holder == none || holder == e || ti.last >= ev.first || ti.sentence != ev.sentence) {
      return false;
    }
    for (std::uint32_t u = ti.last + 1; u < ev.first; ++u) {
      if (ctx.word(u) == ",") return true;
    }
    return false;
  };
  // The rules' reading of a verb of wanting or saying and a time after the DCT holds for the
  // classifier's guesses too: "Forecasters expect more rain over the weekend".
  auto dates_complement_of = [&](std::uint32_t e, std::uint32_t t) {
    const Item& ev = ctx.items()[e];
    const Item& ti = ctx.items()[t];
    return ev.kind == Item::Kind::event && ti.kind == Item::Kind::time &&
           dates_complement(ctx.events()[ev.index], ctx.timexes()[ti.index], dct);
  };
  for (const Classified& c : found) {
    if (c.b == dct_item && !dct) continue;
    if (c.b != dct_item && (reported_time(c.a, c.b) || dates_complement_of(c.a, c.b))) continue;
    if (other_events_time(c)) continue;
    if (c.b == dct_item && lasts_past_dct[c.a] &&
        (c.relation == Relation::before || c.relation == Relation::ibefore)) {
      continue;
    }
    // Nor is one a rule places in a time after the DCT ("postponed the vote until Friday").
    if (c.b == dct_item && own_time[c.a] != none &&
        after_dct(ctx.timexes()[ctx.items()[own_time[c.a]].index], dct) &&
        (c.relation == Relation::before || c.relation == Relation::ibefore ||
         c.relation == Relation::is_included || c.relation == Relation::simultaneous)) {
      continue;
    }
    if (!timeml &&
        ((calendar_time(c.a) && calendar_time(c.b)) || in_dateline(c.a) || in_dateline(c.b))) {
      continue;
    }
    // In a timeline, the rule's link is in already. In TimeML the classifier says how too:
    // it weighs every rule's verdict on the pair among its features, and held out its
    // relation matches the annotators' more often than the rule's own (README, TLINK scores).
    if (!timeml && best.contains(pair_key(c.a, c.b))) continue;
    // TimeML's DCT is the day of writing; the timeline's is the moment of publication within
    // it. An event simultaneous with that day spans the moment: it includes it.
    if (!timeml && c.b == dct_item && c.relation == Relation::simultaneous) {
      add(c.a, c.b, Relation::includes, c.provenance, c.confidence);
      continue;
    }
    add(c.a, c.b, c.relation, c.provenance, c.confidence);
  }
  for (std::size_t i = 0; i < links.size(); ++i) {
    char id[24] = {'l'};
    const auto end = std::to_chars(id + 1, id + sizeof id, i + 1).ptr;
    links[i].id.append(id, static_cast<std::size_t>(end - id));  // empty until now
  }
  // The stages after this one (the graph, the caller's output) allocate on top of what is
  // kept: a big document's scratch goes.
  ctx.trim();
  best.trim();
  candidate_index.trim();
  detail::trim_scratch(proposals, keep, found, candidate_keys, dated_by_rule, own_time,
                       lasts_past_dct);
  return links;
}

}  // namespace

std::vector<Link> find_links(const Document& doc, const std::vector<Timex>& timexes,
                             const std::optional<Timex>& dct, const std::vector<Event>& events,
                             const RelationOptions& options) {
  return links_of(doc, timexes, dct, events, options, nullptr);
}

namespace detail::relation {

std::vector<Link> find_links(const Document& doc, const std::vector<Timex>& timexes,
                             const std::optional<Timex>& dct, const std::vector<Event>& events,
                             const RelationOptions& options, std::vector<LinkEnds>& ends) {
  return links_of(doc, timexes, dct, events, options, &ends);
}

}  // namespace detail::relation

}  // namespace chronicle
