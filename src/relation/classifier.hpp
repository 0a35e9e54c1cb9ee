// The pair classifier: candidate pairs, their features, a linear model over hashed features
// (averaged perceptron), and its training. The model file:
//
//   chronicle-relation-model 1
//   bits 16 classes 12
//   margin ED 0 ET 0 EE 0 EA 0 TT 0       minimum score lead of a relation over "none"
//                                          (then optionally EDu 0: ED for untensed events)
//   confidence ED 0.7 ... TT 0.9           held-out precision of each pair type
//   calibration ED 0 0.5 6000 0.7 ...      optional, one line per pair type: the held-out
//                                          precision of its links by their score lead
//   <row delta> <weight>*classes           one line per non-zero row, rows ascending
//   end
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chronicle/link.hpp"
#include "context.hpp"
#include "rules.hpp"

namespace chronicle::detail::relation {

// Kinds of candidate pairs.
enum class PairType : std::uint8_t {
  event_dct,       // ED: an event and the DCT
  event_time,      // ET: an event and a time of its sentence
  event_event,     // EE: two nearby events of one sentence
  event_adjacent,  // EA: the main events of adjacent sentences
  time_time,       // TT: a time and the DCT, or the next time
  count
};
std::string_view pair_type_name(PairType t);

// The labels: none, then the relations the model predicts.
inline constexpr std::array<Relation, 11> label_relations{
    Relation::before,       Relation::after,   Relation::includes, Relation::is_included,
    Relation::simultaneous, Relation::begins,  Relation::begun_by, Relation::ends,
    Relation::ended_by,     Relation::ibefore, Relation::iafter};
inline constexpr unsigned label_count = label_relations.size() + 1;  // 0 = none
// The label of a relation (0 for vague); DURING and IDENTITY count as SIMULTANEOUS.
unsigned label_of(Relation r);

struct Candidate {
  std::uint32_t a = 0, b = 0;  // items; b may be dct_item
  PairType type = PairType::event_dct;
};

// The features one item gives a pair as its first or second side.
struct SideFeatures {
  static constexpr unsigned capacity = 11;
  SideFeatures() {}  // leaves h as it is: the features are made into it
  std::uint8_t n = 0;
  std::uint32_t h[capacity];       // h[n, capacity) are 0
  std::string_view first, second;  // (tense, class) of an event, (vs-DCT, grain) of a time
  std::uint8_t first_code = 0, second_code = 0;  // the same as indices of the pair tables
  // Hash states of pair features that go on with the other side's value, made on first use:
  // an event's on side a after its lemma (the lemmas and lemma-class features).
  bool lemma_states = false;
  // Whose features these are (FeatureMaker::side_slot_'s entry is item's, at `use`): a cache
  // full of sides forgets them all at once (in the padding: SideFeatures stays 96 bytes).
  std::uint8_t use = 0;
  std::uint32_t lemmas = 0, lemma_class = 0;
  std::uint32_t item = 0;
};

struct Features {
  static constexpr unsigned capacity = 96;
  std::uint32_t h[capacity];
  unsigned n = 0;
  void add(std::uint32_t x) {
    if (n < capacity) h[n++] = x;
  }
  // add() of each, in one copy.
  void add(const std::uint32_t* xs, unsigned count) {
    const unsigned take = std::min(count, capacity - n);
    std::memcpy(h + n, xs, std::size_t{take} * sizeof *xs);
    n += take;
  }
  // add() of a side's features: all of its array when it fits (a copy of known size, not a
  // call of memcpy), of which the first s.n count.
  void add(const SideFeatures& s) {
    if (n + SideFeatures::capacity > capacity) return add(s.h, s.n);
    std::memcpy(h + n, s.h, sizeof s.h);
    n += s.n;
  }
};

struct RelationModelData {
  unsigned bits = 16;
  std::vector<std::int32_t> weights;  // (1 << bits) rows of label_count
  std::array<std::int64_t, static_cast<std::size_t>(PairType::count)> margin{};
  // The margin of an event-DCT pair whose event has no tense of its own (a noun, an
  // infinitive, a participle): TimeML annotators link fewer of those to the DCT. Written as
  // "EDu" on the margin line when it differs from ED's.
  std::optional<std::int64_t> untensed_dct_margin;
  std::array<double, static_cast<std::size_t>(PairType::count)> confidence{0.7, 0.7, 0.5, 0.4, 0.8};
  // Per pair type, steps (lead, confidence) with ascending leads: a link whose relation leads
  // the runner-up relation by `lead` or more (and by less than the next step's) has that
  // confidence; the first step also covers smaller leads. Empty: `confidence` of the type.
  std::array<std::vector<std::pair<std::int64_t, double>>,
             static_cast<std::size_t>(PairType::count)>
      calibration;
  double confidence_of(PairType t, std::int64_t lead) const;

  // Whether every weight is small enough that a pair's scores add up exactly in 32 bits (they
  // are then summed that way, four labels to a vector instruction). Set by note_weights().
  bool narrow = false;
  void note_weights();

  void score(const Features& f, std::int64_t* out) const;
  std::string str() const;
  static RelationModelData parse(std::string_view text);  // throws std::runtime_error
};

// The candidate pairs of a document, in a deterministic order.
void candidates(const Context& ctx, std::vector<Candidate>& out);

// Features of a candidate; `proposals` are the rules' proposals (all of them, kept or not).
class FeatureMaker {
 public:
  FeatureMaker() = default;
  FeatureMaker(const Context& ctx, const std::vector<Proposal>& proposals);
  // Makes features of another document's candidates (keeping the buffers).
  void reset(const Context& ctx, const std::vector<Proposal>& proposals);
  void make(const Candidate& c, Features& f) const;
  // Gives back the buffers a big document grew (see scratch.hpp); reset() comes before make().
  void trim() {
    trim_scratch(item_first_, by_item_, event_time_vs_dct_, time_vs_dct_, main_, side_slot_);
  }

 private:
  // The features of item as side b (or a) of a pair of type t.
  SideFeatures& side(std::uint32_t item, bool b, PairType t) const {
    const std::uint32_t slot = side_slot_[slot_index(item, b, t)];
    return slot != none ? sides_[slot] : new_side(item, b, t);
  }
  static std::size_t slot_index(std::uint32_t item, bool b, PairType t) {
    return std::size_t{item} * uses + use_of(b, t);
  }
  // The ten (side, pair type) uses of an item.
  static constexpr std::size_t uses = 2 * static_cast<std::size_t>(PairType::count);
  static std::uint8_t use_of(bool b, PairType t) {
    const unsigned side = b ? static_cast<unsigned>(PairType::count) : 0u;
    return static_cast<std::uint8_t>(side + static_cast<unsigned>(t));
  }
  SideFeatures& new_side(std::uint32_t item, bool b, PairType t) const;

  const Context* ctx_ = nullptr;
  const std::vector<Proposal>* proposals_ = nullptr;
  // Proposal indices per item (either side), in order: item i's are
  // by_item_[item_first_[i], item_first_[i + 1]).
  std::vector<std::uint32_t> item_first_, by_item_;
  std::vector<std::int8_t> event_time_vs_dct_;  // per event: its governing time vs the DCT
  std::vector<std::int8_t> time_vs_dct_;        // per time: versus the DCT
  // Per item: whether it is its sentence's main event (the candidates' choice: its first
  // finite verb, else its first verb).
  std::vector<std::uint8_t> main_;
  // The features of one side of a pair, per (item, side, pair type), made on first use: an
  // item takes part in many candidate pairs and hashes the same strings for each. side_slot_
  // holds their places in sides_ (none: not made yet); most items fill few of the ten.
  // The candidates of an item come close together (its sentence's, the next sentence's, the
  // next time's; an event's one DCT pair): sides_ holds the last side_cache sides made, and
  // when full it is emptied, the sides in it made again if asked for (the same features).
  // Document-wide it held 25 bytes per input byte. Its size never changes (the first
  // sides_made_ are in use): the sides made for one pair stay where they are while the pair's
  // next side is made.
  static constexpr std::uint32_t side_cache = 4096;
  mutable std::vector<std::uint32_t> side_slot_;
  mutable std::vector<SideFeatures> sides_;
  mutable std::uint32_t sides_made_ = 0;
};

struct Classified {
  std::uint32_t a = 0, b = 0;
  Relation relation = Relation::vague;
  std::string_view provenance;
  double confidence = 0.5;
  PairType type = PairType::event_dct;
  std::int64_t lead = 0;  // the relation's score minus the runner-up relation's
};

// The classifier's links over every candidate pair (rule-settled ones included), and the
// keys (lower item << 32 | higher item) of all candidate pairs, in candidate order.
void classify(const Context& ctx, const std::vector<Proposal>& proposals,
              const RelationModelData& model, std::vector<Classified>& out,
              std::vector<std::uint64_t>& candidate_keys);

inline std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) {
  if (a > b) std::swap(a, b);
  return (std::uint64_t{a} << 32) | b;
}

// --- training ---------------------------------------------------------------------------

struct Example {
  std::vector<std::uint32_t> features;
  std::uint8_t label = 0;
  PairType type = PairType::event_dct;
};

struct TrainOptions {
  unsigned bits = 16;
  unsigned epochs = 6;
  std::uint64_t seed = 1;
};

RelationModelData train(const std::vector<Example>& examples, const TrainOptions& options);

}  // namespace chronicle::detail::relation
