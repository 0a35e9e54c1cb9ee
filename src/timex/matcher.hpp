// Matching timex rules over one sentence: a stream of items, each a token or an expression
// an earlier layer found.
#pragma once

#include <cstdint>
#include <vector>

#include "chronicle/document.hpp"
#include "chronicle/timex.hpp"
#include "grammar.hpp"
#include "lexicon.hpp"

namespace chronicle::detail {

struct Item {
  std::uint32_t first_token = 0;
  std::uint32_t end_token = 0;
  std::int32_t chunk = -1;  // index into the chunks, or -1 for a token
};

// What a pattern item captured.
struct Capture {
  std::int32_t begin = -1;  // items [begin, end); -1 when the capture did not take part
  std::int32_t end = -1;
  const LexValue* value = nullptr;  // the lexicon value, for @class captures
  std::int64_t number = 0;          // for #shape captures (#clock: hours * 60 + minutes)
  bool has_number = false;
  std::int32_t chunk = -1;          // for <kind> captures
  WordId word = -1;                 // for a capture of one word token: the word
  bool set() const { return begin >= 0; }
};

struct Match {
  const Rule* rule = nullptr;
  std::uint32_t begin = 0;  // items [begin, end)
  std::uint32_t end = 0;
  std::vector<Capture> captures;
};

// What chunks the matcher needs to know: their tag and type.
struct ChunkLabel {
  std::string_view tag;
  TimexType type = TimexType::date;
};

struct MatchInput {
  const Document* doc = nullptr;
  const std::vector<WordId>* word_ids = nullptr;  // one per document token
  const std::vector<Item>* items = nullptr;
  const std::vector<ChunkLabel>* chunks = nullptr;
};

class Matcher {
 public:
  Matcher(const Grammar& grammar, const Lexicon& lexicon);

  // The longest match of a rule of `layer` that starts at item `i` (ties: the rule written
  // first). Returns false when none matches.
  bool best_match(const MatchInput& in, int layer, std::uint32_t i, Match& out) const;

  // True when some rule of any layer could start at this token (a cheap pre-check).
  bool may_start(WordId word, bool is_number) const;

 private:
  struct StartIndex {
    std::vector<std::vector<std::uint32_t>> by_word;  // word id -> rules
    std::vector<std::uint32_t> numbers;               // rules that can start at a number
    std::vector<std::uint32_t> chunks;                // rules that can start at a chunk
    std::vector<std::uint32_t> anything;              // rules whose first item is unconstrained
  };
  void index_rule(std::uint32_t r, const PatternNode& node, std::vector<bool>& seen_words,
                  bool& nullable);

  const Grammar& grammar_;
  const Lexicon& lexicon_;
  std::vector<StartIndex> layers_;  // index by layer - 1
  std::vector<bool> word_may_start_;
  ClassId number_cls_, tens_cls_, scale_cls_, dozen_cls_;
  WordId a_, an_, hyphen_, and_;
  ClassId function_word_ = 0;
};

}  // namespace chronicle::detail
