// Features of a unit for the event detector and the class model: hashes of (template, value)
// pairs, the same at training and at run time.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "analysis.hpp"
#include "grammar.hpp"
#include "model.hpp"

namespace chronicle::detail::event {

// Hashes a feature template id with its values. In the header: the detector's word-context
// features are hashed inline (word_context_score).
class FeatureKey {
 public:
  explicit FeatureKey(std::uint32_t tmpl) : h_(tmpl * 0x9E3779B1u + 0x7F4A7C15u) {}
  FeatureKey& s(std::string_view v) {
    for (const char c : v) {
      h_ ^= static_cast<unsigned char>(c);
      h_ *= 16777619u;
    }
    h_ ^= 0xFFu;
    h_ *= 16777619u;
    return *this;
  }
  FeatureKey& n(std::uint32_t v) {
    h_ ^= v + 0x9E3779B9u + (h_ << 6) + (h_ >> 2);
    return *this;
  }
  std::uint32_t done() const {
    std::uint32_t h = h_;
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
  }

 private:
  std::uint32_t h_;
};

// candidate()'s rules on tag and category as a table: for each tag, the categories (bits by
// Func) a candidate of that tag may have. One look-up and a bit test, where the rules were a
// chain of compares.
struct CandidateHeads {
  std::uint32_t by_tag[static_cast<unsigned>(Tag::count)] = {};
  constexpr CandidateHeads() {
    constexpr auto bit = [](Func f) { return 1u << static_cast<unsigned>(f); };
    // Of the closed classes, only these.
    constexpr std::uint32_t heads =
        bit(Func::none) | bit(Func::have) | bit(Func::do_) | bit(Func::part);
    for (unsigned t = 0; t < static_cast<unsigned>(Tag::count); ++t) {
      // Proper names, adverbs and particles almost never head an event in TimeBank or AQUAINT
      // (12 of 11,000 proper-name words, none of the others): skipping them is cheap recall.
      const Tag tag = static_cast<Tag>(t);
      if (tag == Tag::propn || tag == Tag::adv || tag == Tag::part) continue;
      // An open-class word tagged as a preposition ("compared (with)") is none either.
      by_tag[t] = tag == Tag::prep ? heads & ~bit(Func::none) : heads;
    }
  }
};
inline constexpr CandidateHeads candidate_heads{};

// Can unit u head an event at all? Punctuation, numbers and closed-class words other than
// have and do cannot (a copula is not an event in TimeML: its predicate is); nor can proper
// names, adverbs, particles, or words inside temporal expressions. Inline: asked of every
// unit.
inline bool candidate(const Unit& u) {
  if (u.kind != TokenKind::word || (u.flags & (Unit::in_timex | Unit::auxiliary)) != 0) {
    return false;
  }
  const std::uint32_t heads = candidate_heads.by_tag[static_cast<unsigned>(u.tag)];
  return ((heads >> static_cast<unsigned>(u.func)) & 1u) != 0;
}

// What the detector's features read of a unit alone: its word, lemma and suffix hashes, and
// (packed in `rest`) its tag, shape, hints and WordNet facts. Equal keys, equal features.
struct OwnKey {
  std::uint32_t word = 0, lemma = 0, suffix3 = 0;
  std::uint64_t rest = 0;
  std::uint32_t field(unsigned shift, unsigned bits) const {
    return static_cast<std::uint32_t>(rest >> shift) & ((1u << bits) - 1u);
  }
  // The fields of `rest`, as own_key() packs them.
  std::uint32_t tag() const { return field(0, 5); }
  std::uint32_t shape() const { return field(5, 7); }
  std::uint32_t hints() const { return field(12, 8); }
  std::uint32_t pos_mask() const { return field(20, 9); }
  std::uint32_t noun_lex() const { return field(29, 5); }
  std::uint32_t verb_lex() const { return field(34, 4); }
  std::uint32_t eventive() const { return field(38, 2); }
  std::uint32_t from_verb() const { return field(40, 1); }
  bool operator==(const OwnKey& o) const {
    return word == o.word && lemma == o.lemma && suffix3 == o.suffix3 && rest == o.rest;
  }
};
// Inline, with what it reads: asked of every candidate.
inline std::uint32_t tag_id(Tag t) {
  return static_cast<std::uint32_t>(t);
}

inline std::uint32_t shape(const Unit& u) {
  return (u.flags & (Unit::capitalized | Unit::all_caps | Unit::sentence_start | Unit::compound)) |
         (u.word.plural ? 64u : 0u);
}

// WordNet facts about the unit's reading: parts of speech, lexicographer files, eventive share
// (unpacked from WordAnalysis::lex).
struct Lex {
  std::uint32_t pos_mask, noun_lex, verb_lex, eventive, from_verb, freqs;
};
inline Lex lex_of(const Unit& u) {
  const std::uint32_t x = u.word.lex;
  Lex l{};
  l.pos_mask = x & 511u;
  l.noun_lex = (x >> 9) & 31u;
  l.verb_lex = (x >> 14) & 15u;
  l.eventive = (x >> 18) & 3u;
  l.from_verb = (x >> 20) & 1u;
  l.freqs = x >> 21;
  return l;
}

inline OwnKey own_key(const Unit& u) {
  OwnKey k;
  k.word = u.word_hash;
  k.lemma = u.lemma_hash;
  k.suffix3 = u.suffix3_hash;
  // WordAnalysis::lex's low 21 bits are pos_mask, noun_lex, verb_lex, eventive and from_verb
  // as `rest` holds them from bit 20.
  k.rest = tag_id(u.tag) | shape(u) << 5 | std::uint64_t{u.hints} << 12 |
           std::uint64_t{u.word.lex & ((1u << 21) - 1u)} << 20;
  return k;
}

// The detector's features are the unit's own (from its key alone: they can be scored once
// per key) and those of its context (appended to f).
void own_detection_features(const OwnKey& key, Features& f);
void context_detection_features(const std::vector<Unit>& units, std::uint32_t i,
                                std::uint32_t begin, std::uint32_t end, const OwnKey& key,
                                Features& f);

// What stands for a neighbour past the sentence's start and end: boundary markers for words,
// 100 and 101 for tags.
constexpr std::uint32_t word_before_sentence = 0x9E3779B9u, word_after_sentence = 0x7F4A7C15u;
constexpr std::uint32_t tag_before_sentence = 100, tag_after_sentence = 101;

// What the detector's context features read: the neighbours' word hashes and tags (a tag's
// id, or the markers above) and the verb group's signature.
struct DetectContext {
  std::uint32_t wm1 = 0, wp1 = 0, tm1 = 0, tp1 = 0, signature = 0;
};
// Inline: asked for every candidate, and the result comes back in registers.
inline DetectContext detect_context(const std::vector<Unit>& units, std::uint32_t i,
                                    std::uint32_t begin, std::uint32_t end) {
  DetectContext c;
  if (i > begin) {
    c.wm1 = units[i - 1].word_hash;
    c.tm1 = tag_id(units[i - 1].tag);
  } else {
    c.wm1 = word_before_sentence;
    c.tm1 = tag_before_sentence;
  }
  if (i + 1 < end) {
    c.wp1 = units[i + 1].word_hash;
    c.tp1 = tag_id(units[i + 1].tag);
  } else {
    c.wp1 = word_after_sentence;
    c.tp1 = tag_after_sentence;
  }
  c.signature = group_signature(units, i, begin);
  return c;
}

// The context features split as a cache scores them: those over neighbouring words (many
// values: hashed each time), and groups over tags and small fields, each taking few enough
// values to be scored once per model and value (tag_context_cache.hpp).
void word_context_features(const OwnKey& key, const DetectContext& c, Features& f);
// The word-context features' hashes, each passed to add(): one list for the features
// (training, tests) and for find_events' score of them.
template <typename Add>
void each_word_context_feature(const OwnKey& key, const DetectContext& c, Add add) {
  const std::uint32_t w = key.word;
  add(FeatureKey(14).n(c.wm1).done());
  add(FeatureKey(15).n(c.wp1).done());
  add(FeatureKey(26).n(c.wm1).n(w).done());
  add(FeatureKey(27).n(w).n(c.wp1).done());
}

// The one-class model `detect`'s score of those features (their sum, without listing them).
// Inline: asked for every candidate.
inline std::int32_t word_context_score(const OwnKey& key, const DetectContext& c,
                                       const LinearModel& detect) {
  std::int32_t s = 0;
  each_word_context_feature(key, c, [&](std::uint32_t h) { s += detect.weight1(h); });
  return s;
}
enum class TagGroup : std::uint8_t { tags, signature, lex_left, lex_right, count };
// A context tag (a tag's id, or 100 and 101 past the sentence's ends) in 5 bits.
inline std::uint32_t tag5(std::uint32_t t) {
  static_assert(static_cast<unsigned>(Tag::count) + 2 <= 32);
  return t >= tag_before_sentence ? t - tag_before_sentence + static_cast<std::uint32_t>(Tag::count)
                                  : t;
}
constexpr std::uint32_t tag_group_size(TagGroup g) {
  switch (g) {
    case TagGroup::tags:
      return 1u << 15;  // tm1, t, tp1
    case TagGroup::signature:
      return 1u << 11;  // signature (6 bits), t
    case TagGroup::lex_left:
      return 1u << 13;  // eventive, from_verb, noun_lex, tm1
    case TagGroup::lex_right:
      return 1u << 12;  // is a noun, noun_lex, from_verb, tp1
    case TagGroup::count:
      break;
  }
  return 0;
}
// The inputs of group g's features packed in a number below tag_group_size(g): equal
// numbers, equal features. Inline: the cache computes it for every candidate.
inline std::uint32_t tag_group_index(TagGroup g, const OwnKey& key, const DetectContext& c) {
  const std::uint32_t t = key.tag(), tm1 = tag5(c.tm1), tp1 = tag5(c.tp1);
  switch (g) {
    case TagGroup::tags:
      return (tm1 << 5 | t) << 5 | tp1;
    case TagGroup::signature:
      return c.signature << 5 | t;
    case TagGroup::lex_left:
      return ((key.eventive() << 1 | key.from_verb()) << 5 | key.noun_lex()) << 5 | tm1;
    case TagGroup::lex_right: {
      const std::uint32_t noun = t == static_cast<std::uint32_t>(Tag::noun) ? 1u : 0u;
      return ((noun << 5 | key.noun_lex()) << 1 | key.from_verb()) << 5 | tp1;
    }
    case TagGroup::count:
      break;
  }
  return 0;
}
void tag_group_features(TagGroup g, const OwnKey& key, const DetectContext& c, Features& f);

// Features for "is units[i] an event?"; the sentence's units are [begin, end). Both kinds.
void detection_features(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                        std::uint32_t end, Features& f);

// What the class model's own features read of a unit: its OwnKey, the hash of its 4-byte
// suffix and its WordNet frequencies.
struct ClassKey {
  OwnKey own;
  std::uint32_t suffix4 = 0, freqs = 0;
  bool operator==(const ClassKey& o) const {
    return own == o.own && suffix4 == o.suffix4 && freqs == o.freqs;
  }
};
// Inline: asked of every event, with what it reads.
inline ClassKey class_key(const Unit& u, const OwnKey& own) {
  return ClassKey{own, u.suffix4_hash, lex_of(u).freqs};
}

// The class model's features, split as the detector's are.
void own_class_features(const ClassKey& key, Features& f);
void context_class_features(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                            std::uint32_t end, const VerbGroup& group, const ClassKey& key,
                            Features& f);

// The class model's context features split as the detector's are: those over words, and
// groups over the next tag and the verb group, which take few values (tag_context_cache.hpp).
// `tp1` is the next tag (DetectContext::tp1).
void word_context_class_features(const std::vector<Unit>& units, std::uint32_t i,
                                 std::uint32_t begin, std::uint32_t end, const ClassKey& key,
                                 Features& f);
// The class model's word-context features' hashes, each passed to add(), as
// each_word_context_feature() lists the detector's. The neighbours' words are the detector's
// (c.wm1, c.wp1: the same boundary markers past the sentence's ends), read once per event.
// Always inline: out of line, the caller's sums behind `add` are stored back after each feature.
template <typename Add>
[[gnu::always_inline]] inline void each_word_context_class_feature(
    const std::vector<Unit>& units, std::uint32_t i, std::uint32_t end, const ClassKey& key,
    const DetectContext& c, Add add) {
  const OwnKey& o = key.own;
  const std::uint32_t lemma = o.lemma, t = o.tag(), hints = o.hints();
  const std::uint32_t verb_lex = o.verb_lex();
  // The first word after the head past adverbs and particles: "to", "that", a verb...
  std::uint32_t r = i + 1;
  while (r < end && (units[r].tag == Tag::adv || units[r].tag == Tag::part)) ++r;
  const std::uint32_t after = r < end ? units[r].word_hash : word_after_sentence;
  const std::uint32_t after_tag = r < end ? tag_id(units[r].tag) : tag_after_sentence;
  add(FeatureKey(110).n(c.wp1).done());
  add(FeatureKey(111).n(c.wm1).done());
  add(FeatureKey(113).n(lemma).n(after).done());
  add(FeatureKey(114).n(lemma).n(after_tag).done());
  add(FeatureKey(116).n(after).n(t).done());
  add(FeatureKey(119).n(hints).n(after).done());
  add(FeatureKey(120).n(verb_lex).n(after).done());
}
// The seven-class model `event_class`'s scores of those features, into out[0..7); out[7] is a
// spare lane, written with scratch. Inline: asked for every event, with the detector's context
// at hand.
inline void word_context_class_scores(const std::vector<Unit>& units, std::uint32_t i,
                                      std::uint32_t end, const ClassKey& key,
                                      const DetectContext& c, const LinearModel& event_class,
                                      std::int32_t* out) {
  // Eight lanes a row, as LinearModel::score reads them (the table has a lane to spare), summed
  // in one vector.
  typedef std::int16_t I16x8 __attribute__((vector_size(16)));
  I32x8 sum = {};
  each_word_context_class_feature(units, i, end, key, c, [&](std::uint32_t h) {
    I16x8 w;
    std::memcpy(&w, event_class.weights(event_class.row(h)), sizeof w);
    sum += __builtin_convertvector(w, I32x8);
  });
  std::memcpy(out, &sum, sizeof sum);
}
// The same, with the context worked out here (tests).
void word_context_class_scores(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                               std::uint32_t end, const ClassKey& key,
                               const LinearModel& event_class, std::int32_t* out);
enum class ClassTagGroup : std::uint8_t { next_tag_tense, signature, count };
constexpr std::uint32_t class_tag_group_size(ClassTagGroup g) {
  return g == ClassTagGroup::next_tag_tense ? 1u << 10  // tp1, tense (3 bits), aspect (2 bits)
         : g == ClassTagGroup::signature    ? 1u << 11  // signature (6 bits), t
                                            : 0;
}
inline std::uint32_t class_tag_group_index(ClassTagGroup g, const OwnKey& key,
                                           const VerbGroup& group, std::uint32_t tp1) {
  if (g == ClassTagGroup::next_tag_tense) {
    return (tag5(tp1) << 3 | static_cast<std::uint32_t>(group.tense)) << 2 |
           static_cast<std::uint32_t>(group.aspect);
  }
  return std::uint32_t{group.signature} << 5 | key.tag();
}
void class_tag_group_features(ClassTagGroup g, const OwnKey& key, const VerbGroup& group,
                              std::uint32_t tp1, Features& f);

// Features for "which class is the event at units[i]?". Both kinds.
void class_features(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                    std::uint32_t end, const VerbGroup& group, Features& f);

}  // namespace chronicle::detail::event
