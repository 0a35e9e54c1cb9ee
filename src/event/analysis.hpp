// The event stage's view of a document: words as units (hyphenated compounds joined:
// "write-downs", "Russian-led"), each with its lower-case form, morphology and a coarse
// part-of-speech tag from a rule tagger. Built once per document into reused buffers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../scratch.hpp"
#include "chronicle/document.hpp"
#include "chronicle/timex.hpp"
#include "lexicon.hpp"

namespace chronicle::detail::event {

enum class Tag : std::uint8_t {
  punct,
  num,
  det,
  pron,
  poss,
  prep,
  part,
  to,
  conj,
  sub,
  wh,
  md,
  will,
  be,
  have,
  do_,
  neg,
  adv,
  numw,
  ex,
  noun,
  propn,
  adj,
  vb,   // base form: infinitive, imperative or present (non-3rd person)
  vbz,  // 3rd person singular present
  vbd,  // past tense
  vbn,  // past participle
  vbg,  // -ing form
  count
};

std::string_view tag_name(Tag t);

// Is t one of Ts? One shift and test, where a chain of compares is a branch each.
template <Tag... Ts>
constexpr bool tag_in(Tag t) {
  constexpr std::uint32_t set = ((1u << static_cast<unsigned>(Ts)) | ...);
  static_assert(static_cast<unsigned>(Tag::count) <= 32);
  return ((set >> static_cast<unsigned>(t)) & 1u) != 0;
}

inline bool is_verb_tag(Tag t) {
  return t == Tag::vb || t == Tag::vbz || t == Tag::vbd || t == Tag::vbn || t == Tag::vbg;
}
inline bool is_aux_tag(Tag t) {
  return t == Tag::be || t == Tag::have || t == Tag::do_ || t == Tag::md || t == Tag::will;
}
inline bool is_nominal_tag(Tag t) {
  return t == Tag::noun || t == Tag::propn || t == Tag::pron || t == Tag::num || t == Tag::numw;
}

struct Unit {
  enum Flag : std::uint8_t {
    capitalized = 1,     // starts with an upper-case letter
    all_caps = 2,        // two or more letters, all upper case
    sentence_start = 4,  // the first word of its sentence (after opening quotes)
    compound = 8,        // hyphenated pieces joined ("Russian-led")
    in_timex = 16,       // inside a temporal expression
    skipped = 32,        // in a paragraph whose events are not reported (repeat, boilerplate)
    auxiliary = 64,      // used as an auxiliary ("going" in "going to")
    headline = 128,      // in the story's headline
  };
  std::uint32_t begin = 0, end = 0;  // bytes in the document text
  std::uint32_t sentence = 0;        // index in Document::sentences()
  std::string_view lower;            // lower-case text
  std::string_view head;             // lower-case last piece of a compound (else == lower)
  WordAnalysis word;                 // morphology of `head`
  TokenKind kind = TokenKind::word;
  Func func = Func::none;
  Tag tag = Tag::punct;
  std::uint8_t flags = 0;
  std::uint8_t hints = 0;          // class_hints() of the lemma and of the word
  bool is_candidate = false;       // candidate(*this), once tagged
  std::uint32_t word_hash = 0;     // quick_hash(lower)
  std::uint32_t lemma_hash = 0;    // quick_hash(lemma())
  std::uint32_t suffix3_hash = 0;  // words: suffix_hashes(head), the suffix features' values
  std::uint32_t suffix4_hash = 0;  // (from the word cache: in the padding, Unit stays 128 bytes)

  // Provided, so that Analysis::build's emplace_back() stores each member's initializer above
  // (zeros) and no more: value-initializing a unit whose constructor is implicit zero-fills it
  // first (a `rep stos` of 128 bytes), and copying in a blank unit loads its 128 bytes.
  Unit() {}

  bool has(Flag f) const { return (flags & f) != 0; }
  // The lemma for the tag: verb lemma for verbs, noun lemma for nouns, else the word.
  std::string_view lemma() const;
  // A tag from the unit's kind and category alone, before the tagger reaches it.
  Tag tag_hint() const;
};

// Inline: asked of every candidate (features, class key, the event's lemma).
inline std::string_view Unit::lemma() const {
  // A base form is its own lemma: "may lay" is "lay", not the past of "lie".
  if (tag == Tag::vb && (word.self & wn::verb) != 0 && (flags & compound) == 0) return lower;
  if (is_verb_tag(tag) && !word.verb_lemma.empty()) {
    if ((flags & compound) != 0 && head.size() < lower.size()) return lower;
    return word.verb_lemma;
  }
  if (tag == Tag::noun && !word.noun_lemma.empty()) {
    if ((flags & compound) != 0 && head.size() < lower.size()) {
      return lower.substr(0, lower.size() - head.size()).empty() ? word.noun_lemma : lower;
    }
    return word.noun_lemma;
  }
  return lower;
}

class Analysis {
 public:
  // Fills the units of `doc` (reusing this object's buffers). Units inside `timexes` and in
  // skipped paragraphs are marked.
  void build(const Document& doc, const std::vector<Timex>* timexes, bool skip_paragraphs) {
    start(doc, timexes, skip_paragraphs);
    build_sentences(0, doc.sentences().size());
  }

  // The same a run of sentences at a time, for a stage that looks at one sentence at a time:
  // a big document's units (128 bytes a word) are not all held at once. start(), then
  // build_next() until it returns false; after each, the run's units are those below, and
  // each unit's `sentence` is its index in the document.
  void start(const Document& doc, const std::vector<Timex>* timexes, bool skip_paragraphs);
  bool build_next();

  const std::vector<Unit>& units() const { return units_; }
  // Units of the run's sentence s: [sentence_begin(s), sentence_begin(s + 1)).
  std::uint32_t sentence_begin(std::size_t s) const { return sentence_first_[s]; }
  std::size_t sentence_count() const { return sentence_first_.size() - 1; }
  // Gives back the buffers a big document grew (see scratch.hpp): units() is invalid after.
  void trim() { trim_scratch(units_, sentence_first_, lower_); }

 private:
  // The units of sentences [first_sentence, end_sentence) of the document start() was given.
  void build_sentences(std::size_t first_sentence, std::size_t end_sentence);
  void tag_sentence(std::uint32_t first, std::uint32_t end);

  const Document* doc_ = nullptr;
  const std::vector<Timex>* timexes_ = nullptr;
  bool skip_paragraphs_ = false;
  std::size_t next_sentence_ = 0;  // build_next()'s
  std::size_t next_timex_ = 0;     // the first timex not ended before the next sentence
  std::vector<Unit> units_;
  std::vector<std::uint32_t> sentence_first_;
  // The document's text lower-cased, then lower_padding bytes that no unit covers: a view of
  // a unit may be read 8 bytes at a time past its end (quick_hash_padded).
  static constexpr std::size_t lower_padding = 8;
  std::string lower_;
};

}  // namespace chronicle::detail::event
