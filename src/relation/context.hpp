// The relation stage's view of a document: cue words, events and times placed on tokens,
// quotation state, and the lemmas of events (found when given events lack them).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../scratch.hpp"
#include "chronicle/document.hpp"
#include "chronicle/event.hpp"
#include "chronicle/timex.hpp"

namespace chronicle::detail::relation {

// The cue lists of src/relation/data/cues.lex, as bits.
enum Cue : std::uint32_t {
  time_inside = 1u << 0,
  time_since = 1u << 1,
  time_until = 1u << 2,
  time_before = 1u << 3,
  time_after = 1u << 4,
  time_skip = 1u << 5,
  conn_after = 1u << 6,
  conn_before = 1u << 7,
  conn_since = 1u << 8,
  conn_until = 1u << 9,
  conn_during = 1u << 10,
  conn_overlap = 1u << 11,
  conn_when = 1u << 12,
  conn_then = 1u << 13,
  narrative_next = 1u << 14,
  reporting = 1u << 15,
  request = 1u << 16,
  aspect_begin = 1u << 17,
  aspect_end = 1u << 18,
  aspect_continue = 1u << 19,
  reaction = 1u << 20,
  cause_preposition = 1u << 21,
  non_future = 1u << 22,
  relative = 1u << 23,
  subject_skip = 1u << 24,
  as_blockers = 1u << 25,
  deferral = 1u << 26,
  schedule = 1u << 27,
};

// A set of words that may answer "no" where a hash map would be searched: one bit per
// (length, first, second and last byte) of its words. Most words of a text are no cue, and
// this test costs a tenth of the search.
class WordFilter {
 public:
  void add(std::string_view w) {
    const std::uint32_t b = bit(w);
    bits_[b >> 6] |= std::uint64_t{1} << (b & 63);
  }
  bool may_hold(std::string_view w) const {
    const std::uint32_t b = bit(w);
    return (bits_[b >> 6] >> (b & 63)) & 1;
  }

 private:
  static constexpr unsigned bits = 12;
  static std::uint32_t bit(std::string_view w) {
    if (w.empty()) return 0;
    constexpr std::uint32_t odd = 0x9E3779B1u;
    std::uint32_t h = static_cast<std::uint32_t>(w.size());
    h = h * odd ^ static_cast<std::uint8_t>(w[0]);
    h = h * odd ^ static_cast<std::uint8_t>(w[w.size() > 1 ? 1 : 0]);
    h = h * odd ^ static_cast<std::uint8_t>(w.back());
    return (h * odd) >> (32 - bits);
  }
  std::array<std::uint64_t, (std::size_t{1} << bits) / 64> bits_{};
};

class Cues {
 public:
  static const Cues& get();
  // Bits of the single-word lists holding `lower`.
  std::uint32_t of(std::string_view lower) const;
  // The longest multi-word cue starting at `words[0]` (lower-case words): its bits and its
  // length in words (0 when none).
  std::pair<std::uint32_t, std::size_t> phrase(const std::string_view* words, std::size_t n) const;

  struct Phrase {
    std::vector<std::string_view> words;
    std::uint32_t bits = 0;
  };
  // The multi-word cues whose first word is `first` (nullptr when none), and phrase()'s answer
  // among them: what a context finds once per token.
  const std::vector<Phrase>* phrases_from(std::string_view first) const;
  static std::pair<std::uint32_t, std::size_t> longest(const std::vector<Phrase>& phrases,
                                                       const std::string_view* words,
                                                       std::size_t n);

  // A word's entry: the bits of the single-word lists holding it, and the multi-word cues
  // starting with it (nullptr when none).
  struct Entry {
    std::string_view word;
    std::uint32_t bits = 0;
    const std::vector<Phrase>* phrases = nullptr;
  };
  // The entry of `lower`, nullptr when it is neither a cue word nor a cue's first word: of()
  // and phrases_from() in one search, what a context does for each token.
  const Entry* find(std::string_view lower) const {
    if (!filter_.may_hold(lower)) return nullptr;
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = slot(lower) & mask;; i = (i + 1) & mask) {
      const Entry& e = table_[i];
      if (e.word.empty()) return nullptr;
      if (e.word == lower) return &e;
    }
  }

 private:
  Cues();
  void index();                                  // fills the filter and the table from the maps
  static std::size_t slot(std::string_view w) {  // all of w's bytes, FNV-1a
    std::uint32_t h = 2166136261u;
    for (const char c : w) h = (h ^ static_cast<std::uint8_t>(c)) * 16777619u;
    return h;
  }
  // Keys are views into the embedded cues.lex text (static data).
  std::unordered_map<std::string_view, std::uint32_t> words_;
  std::unordered_map<std::string_view, std::vector<Phrase>> phrases_;  // by first word
  WordFilter filter_;                                                  // the keys of both maps
  std::vector<Entry> table_;  // the same, open addressing at most a quarter full
};

inline constexpr std::uint32_t none = 0xffffffffu;

// An event or a time placed in the text.
struct Item {
  enum class Kind : std::uint8_t { event, time };
  Kind kind = Kind::event;
  std::uint32_t index = 0;  // into the events or the timexes
  std::uint32_t first = 0;  // tokens [first, last]; an event's head token
  std::uint32_t last = 0;
  std::uint32_t sentence = 0;
  std::uint32_t paragraph = 0;
  bool quoted = false;  // inside quotation marks
  bool verb = false;    // an event read as a verb (VERB, or a tense)
  bool finite = false;  // a verb with tense past, present or future
  bool node = false;    // a time that is a point in time (not a duration or set)
};

class Context {
 public:
  void build(const Document& doc, const std::vector<Timex>& timexes,
             const std::optional<Timex>& dct, const std::vector<Event>& events);

  const Document& doc() const { return *doc_; }
  const std::vector<Timex>& timexes() const { return *timexes_; }
  const std::vector<Event>& events() const { return *events_; }
  const std::optional<Timex>& dct() const { return *dct_; }

  std::size_t token_count() const { return words_.size(); }
  std::string_view word(std::uint32_t t) const { return words_[t]; }  // lower case
  std::uint32_t cues(std::uint32_t t) const { return cue_bits_[t]; }
  bool quoted(std::uint32_t t) const { return quoted_[t] != 0; }
  bool is_punct(std::uint32_t t) const;
  // The multi-word or single-word cue at token t, within sentence end `end`.
  std::pair<std::uint32_t, std::size_t> cue_at(std::uint32_t t, std::uint32_t end) const;

  const std::vector<Item>& items() const { return items_; }
  const Item& event_item(std::size_t e) const { return items_[event_item_[e]]; }
  const Item& time_item(std::size_t t) const { return items_[time_item_[t]]; }
  std::uint32_t event_item_index(std::size_t e) const { return event_item_[e]; }
  std::uint32_t time_item_index(std::size_t t) const { return time_item_[t]; }
  // The item whose head (event) or span (time) covers token t; none when there is none.
  std::uint32_t item_at(std::uint32_t t) const { return token_item_[t]; }
  // Items of sentence s, [begin, end) in items().
  std::uint32_t sentence_items_begin(std::size_t s) const { return sentence_items_[s]; }
  std::uint32_t sentence_items_end(std::size_t s) const { return sentence_items_[s + 1]; }

  const std::string& lemma(std::size_t e) const { return lemmas_[e]; }
  std::uint32_t lemma_cues(std::size_t e) const { return lemma_cues_[e]; }
  // The subject head's token of a verb event (its actor, or the nearest noun-like word to its
  // left past auxiliaries); none when not found.
  std::uint32_t subject(std::size_t e) const { return subjects_[e]; }
  // The token that holds byte `offset` of the text (an event's object head, say).
  std::uint32_t token_of(std::size_t offset) const;

  std::string_view id(const Item& item) const;
  std::string_view dct_id() const;

  // Gives back the buffers a big document grew (see scratch.hpp); build() comes before any
  // other use after.
  void trim() {
    trim_scratch(lower_, words_, cue_bits_, phrases_, quoted_, items_, event_item_, time_item_,
                 token_item_, sentence_items_, lemmas_, lemma_cues_, subjects_);
  }

 private:
  // token_of(offset), searched from token `hint` on when the offset lies at or after it.
  std::uint32_t token_from(std::size_t offset, std::uint32_t hint) const;

  const Document* doc_ = nullptr;
  const std::vector<Timex>* timexes_ = nullptr;
  const std::vector<Event>* events_ = nullptr;
  const std::optional<Timex>* dct_ = nullptr;
  std::string lower_;
  std::vector<std::string_view> words_;
  std::vector<std::uint32_t> cue_bits_;
  std::vector<const std::vector<Cues::Phrase>*> phrases_;  // multi-word cues starting at a token
  std::vector<std::uint8_t> quoted_;
  std::vector<Item> items_;
  std::vector<std::uint32_t> event_item_, time_item_, token_item_, sentence_items_;
  std::vector<std::string> lemmas_;
  std::vector<std::uint32_t> lemma_cues_;
  std::vector<std::uint32_t> subjects_;
};

}  // namespace chronicle::detail::relation
