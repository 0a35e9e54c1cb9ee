// Scoring TimeML output against gold TimeML, as TempEval-3 does.
//
//   auto counts = chronicle::eval::compare(gold_doc, system_doc);   // one document
//   total += counts;                                                 // a corpus: sum counts
//   auto s = chronicle::eval::score(total);                          // percentages 0-100
//   s.timex.relaxed.f1; s.event.class_accuracy; s.tlink.f1;
//
// Timexes and events are paired one to one: first the pairs with identical spans (strict),
// then, among those left, each system annotation with the first gold one it overlaps
// (relaxed; the strict pairs count as relaxed too). Attribute accuracies are over the relaxed
// pairs, and "value F1" is value accuracy x relaxed F1 (likewise type). The DCT is given, not
// predicted, so it is not scored as a timex.
//
// TLINKs are scored by temporal awareness (UzZaman and Allen 2011; TempEval-3): system
// timexes and event instances are renamed to the gold ones they are paired with (the DCT to
// the DCT; the k-th MAKEINSTANCE of a paired event to the k-th of its gold event), then
// precision = |reduced(system) ∩ closure(gold)| / |reduced(system)| and
// recall = |reduced(gold) ∩ closure(system)| / |reduced(gold)|, where the closure is the
// point-algebra closure of the TLINK graph (each interval has a start before its end; every
// relation is a conjunction of < and = between endpoints; DURING, DURING_INV and IDENTITY
// mean SIMULTANEOUS, as in the TempEval-3 scorer) and the reduced graph keeps, in document
// order, each link that the links kept so far and those still to come do not entail.
// Self-loops and VAGUE links say nothing about order and are left out of both graphs.
//
// Scores are micro-averaged: sum the Counts of all documents, then score(). A ratio whose
// denominator is 0 is 100 when gold and system are both empty for that layer, else 0.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chronicle/io/timeml.hpp"

namespace chronicle::eval {

struct SpanCounts {
  std::size_t gold = 0;     // annotations in the gold document
  std::size_t system = 0;   // annotations in the system document
  std::size_t strict = 0;   // pairs with identical spans
  std::size_t relaxed = 0;  // pairs with overlapping spans, strict pairs included
};

struct TimexCounts : SpanCounts {
  std::size_t value = 0;  // relaxed pairs with the same value
  std::size_t type = 0;   // relaxed pairs with the same type
};

struct EventCounts : SpanCounts {
  std::size_t event_class = 0;  // relaxed pairs with the same class
  std::size_t tense = 0;        // ... tense (of the event's first MAKEINSTANCE)
  std::size_t aspect = 0;       // ... aspect
};

struct TlinkCounts {
  std::size_t system = 0;          // |reduced(system)|
  std::size_t system_correct = 0;  // |reduced(system) ∩ closure(gold)|
  std::size_t gold = 0;            // |reduced(gold)|
  std::size_t gold_found = 0;      // |reduced(gold) ∩ closure(system)|

  TlinkCounts& operator+=(const TlinkCounts& o);
};

// What a TLINK relates, for the breakdown of the TLINK counts: an event and the DCT, an
// event and another time, two events, or two times (the DCT among them). A reduced graph's
// links split among the kinds, so the kinds' counts add up to the whole.
enum class PairKind : unsigned char { event_dct, event_time, event_event, time_time };
inline constexpr std::size_t pair_kinds = 4;
std::string_view to_string(PairKind kind);  // "event-DCT", "event-time", ...

struct Counts {
  TimexCounts timex;
  EventCounts event;
  TlinkCounts tlink;
  std::array<TlinkCounts, pair_kinds> tlink_by_pair{};  // indexed by PairKind
  std::size_t documents = 0;

  Counts& operator+=(const Counts& o);
};

// Percentages, 0-100.
struct Prf {
  double precision = 0, recall = 0, f1 = 0;
};

Prf score(const TlinkCounts& counts);

struct Scores {
  struct Timex {
    Prf strict, relaxed;
    double value_accuracy = 0, type_accuracy = 0, value_f1 = 0, type_f1 = 0;
  } timex;
  struct Event {
    Prf strict, relaxed;
    double class_accuracy = 0, tense_accuracy = 0, aspect_accuracy = 0;
  } event;
  Prf tlink;
  std::size_t documents = 0;
};

// Compares a system document with its gold document. Throws std::invalid_argument when their
// TEXTs differ (the message gives the first differing byte).
Counts compare(const timeml::Document& gold, const timeml::Document& system);

Scores score(const Counts& counts);

// One document's counts, for the per-document report.
struct DocumentCounts {
  std::string name;
  Counts counts;
};

// The scores as one JSON object: {"timex": {...}, "event": {...}, "tlink": {...},
// "documents": N}, each layer with a "counts" object too; with per-document counts, a
// "per_document" array of {"document": name, "timex": ..., "event": ..., "tlink": ...}.
std::string to_json(const Counts& total, const std::vector<DocumentCounts>& per_document = {});

// The scores as a text table; with per-document counts, one line per document first; with
// `by_pair`, the TLINK scores of each PairKind after the whole.
std::string to_table(const Counts& total, const std::vector<DocumentCounts>& per_document = {},
                     bool by_pair = false);

}  // namespace chronicle::eval
