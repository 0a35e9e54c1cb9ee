// Matching timex rules over one sentence: a stream of items, each a token or an expression
// an earlier layer found.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
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
  std::int32_t chunk = -1;  // for <kind> captures
  WordId word = -1;         // for a capture of one word token: the word
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

// What a sentence holds, coarsely: the lexicon classes of its words (any entry they start),
// a hash of the words themselves, whether it has numbers. Rules that need something the
// sentence lacks are not tried there.
struct Presence {
  std::uint64_t classes = 0;
  std::uint64_t words = 0;  // bit (word id % 63); bit 63: a number
  bool covers(const Presence& need) const {
    return (need.classes & ~classes) == 0 && (need.words & ~words) == 0;
  }
};

// Whether a number token's text has a shape (#int, #year, ... or #n in digits) and its value.
bool number_shape(Shape shape, std::string_view text, std::int64_t& value);
// Every shape a number token's text has, a bit per Shape (1 << Shape::year...): the same
// answers as number_shape, in one pass.
std::uint16_t number_shapes(std::string_view text);
// The same, with the value number_shape gives for each of those shapes (they agree: the
// digits without their commas; for #clock, hours * 60 + minutes). Unset without a shape.
std::uint16_t number_shapes(std::string_view text, std::int32_t& value);

struct MatchInput {
  const Document* doc = nullptr;
  const std::vector<WordId>* word_ids = nullptr;       // one per document token
  const std::vector<std::uint16_t>* shapes = nullptr;  // one per document token: number_shapes
  const std::vector<Item>* items = nullptr;
  const std::vector<ChunkLabel>* chunks = nullptr;
  Presence present;  // of the sentence
  // One per document token: the value number_shapes gave a number with a shape (the others
  // are not read). Null: the matcher reads numbers from their text.
  const std::vector<std::int32_t>* numbers = nullptr;
};

class Matcher {
  // For StartTest: the edges of trie nodes merged (glued or not) into masks, a superset of
  // what a walk takes there.
  struct Follow {
    std::uint64_t words = 0;    // bit (word id % 64) of each word edge
    std::uint64_t classes = 0;  // the classes of its class edges
    std::uint16_t shapes = 0;   // the shapes of its number edges
    bool chunk = false;         // an edge for an expression
    bool ends = false;          // a rule's test ends here
  };
  static constexpr std::uint32_t maybe = ~0u, never = ~0u - 1;

 public:
  Matcher(const Grammar& grammar, const Lexicon& lexicon);
  // Its start tests point into its own tables.
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // The longest match of a rule of `layer` that starts at item `i` (ties: the rule written
  // first). Returns false when none matches.
  bool best_match(const MatchInput& in, int layer, std::uint32_t i, Match& out) const;

  // True when some rule of any layer could start at this token (a cheap pre-check).
  bool may_start(WordId word, bool is_number) const {
    return is_number || (word >= 0 && word_layers_[static_cast<std::size_t>(word)] != 0);
  }

  // A cheap test before best_match, for one layer: false when best_match would surely find
  // nothing at an item, because the item starts no rule of the layer, or the nodes of the
  // layer's trie it leads to (taken together) neither end a rule nor have an edge for the
  // next item ("the" before a word no rule wants, a duration with no "ago" after it).
  // Tables and masks only, no walk; words with rules the trie cannot test are always tried,
  // and so are numbers when a rule the trie cannot test may start at one (or the number is a
  // word of the lexicon too). The matcher keeps one per layer; the caller gives the sentence
  // as raw arrays.
  class StartTest {
   public:
    bool worth_trying(const Item* items, std::uint32_t size, const Token* tokens,
                      const WordId* word_ids, const std::uint16_t* shapes, std::uint32_t i) const {
      return test([items](std::uint32_t k) -> const Item& { return items[k]; }, size, tokens,
                  word_ids, shapes, i);
    }
    // The same for a sentence whose items are still its tokens [first, first + size) (the
    // first layer's), before they are written out as items.
    bool worth_trying_tokens(std::uint32_t first, std::uint32_t size, const Token* tokens,
                             const WordId* word_ids, const std::uint16_t* shapes,
                             std::uint32_t i) const {
      return test(
          [first](std::uint32_t k) {
            return Item{first + k, first + k + 1, -1};
          },
          size, tokens, word_ids, shapes, i);
    }

   private:
    friend class Matcher;
    // `item_at(k)`: item k of the sentence.
    template <class ItemAt>
    bool test(ItemAt item_at, std::uint32_t size, const Token* tokens, const WordId* word_ids,
              const std::uint16_t* shapes, std::uint32_t i) const {
      if (open_) return true;
      const Item& item = item_at(i);
      std::uint32_t f = chunk_follow_;
      if (item.chunk < 0) {
        const std::uint32_t t = item.first_token;
        const WordId w = word_ids[t];
        if (tokens[t].kind == TokenKind::number) {
          if (numbers_open_ || w >= 0) return true;
          // The root's edges for the shapes the number has, each to its own node.
          for (std::uint32_t left = shapes[t] & number_edges_; left != 0; left &= left - 1) {
            const auto shape = static_cast<unsigned>(__builtin_ctz(left));
            if (follows(number_follow_[shape], item_at, size, word_ids, shapes, i)) return true;
          }
          return false;
        }
        if (w < 0) return false;
        f = word_follow_[w];
      }
      return follows(f, item_at, size, word_ids, shapes, i);
    }

    // Whether best_match may find a rule at item i after its first item took the root's
    // edges to follows_[f] (maybe: rules the trie cannot test; never: no edge).
    template <class ItemAt>
    bool follows(std::uint32_t f, ItemAt item_at, std::uint32_t size, const WordId* word_ids,
                 const std::uint16_t* shapes, std::uint32_t i) const {
      if (f == maybe) return true;
      if (f == never) return false;
      // The node after the first item: it ends a rule, or one of its edges takes item i + 1.
      const Follow& next = follows_[f];
      if (next.ends) return true;
      if (i + 1 >= size) return false;
      const Item& after = item_at(i + 1);
      if (after.chunk >= 0) return next.chunk;
      const std::uint32_t t = after.first_token;
      if ((shapes[t] & next.shapes) != 0) return true;
      const WordId w = word_ids[t];
      if (w < 0) return false;
      if (next.words & (std::uint64_t{1} << (static_cast<std::uint64_t>(w) % 64))) return true;
      return (word_classes_[w] & next.classes) != 0;
    }

    bool open_ = true;
    bool numbers_open_ = true;                      // a number is always worth a call
    std::uint16_t number_edges_ = 0;                // the shapes of the root's number edges
    const std::uint32_t* number_follow_ = nullptr;  // per shape: a follows_ index
    const std::uint32_t* word_follow_ = nullptr;
    std::uint32_t chunk_follow_ = 0;
    const Follow* follows_ = nullptr;
    const std::uint64_t* word_classes_ = nullptr;
  };
  // The test for `layer`; one that tries every item for a layer out of range.
  const StartTest& start_test(int layer) const {
    const auto l = static_cast<std::size_t>(layer);
    return layer > 0 && l < start_test_count_ ? start_tests_[l] : start_tests_[0];
  }

  // What a token contributes to its sentence's Presence.
  // Without a branch: most tokens are not in the lexicon, unpredictably.
  void add_presence(Presence& p, WordId word, bool is_number) const {
    p.words |= static_cast<std::uint64_t>(is_number) << 63;
    // Widened before the + 1, which the load's displacement then takes.
    const Presence& of = word_presence_[static_cast<std::size_t>(std::int64_t{word} + 1)];
    p.classes |= of.classes;
    p.words |= of.words;
  }

 private:
  // Where the rules the trie cannot test may start (their first item).
  struct StartIndex {
    std::vector<std::vector<std::uint32_t>> by_word;  // word id -> rules
    std::vector<std::uint32_t> numbers;               // rules that can start at a number
    std::vector<std::uint32_t> chunks;                // rules that can start at a chunk
    std::vector<std::uint32_t> anything;              // rules whose first item is unconstrained
  };
  void index_rule(std::uint32_t r, const PatternNode& node, std::vector<bool>& seen_words,
                  bool& nullable);

  // A cheap test of one item that a rule's leading items must pass before the full search
  // runs: most positions fail it at once (the rules that start with "the" are many).
  struct Check {
    enum class Kind : std::uint8_t { words, word_class, number, chunk } kind = Kind::words;
    bool glued = false;
    std::vector<WordId> words;  // words: any of these
    ClassId cls = 0;            // word_class (one-word entries only)
    Shape shape = Shape::int_;  // number: a number token of this shape (#n: in digits)
  };
  using Prefix = std::vector<Check>;
  // Per rule, the ways its first few items can begin (optional items expanded); a position
  // must pass one of them. Empty: no cheap test applies.
  std::vector<std::vector<Prefix>> prefixes_;
  void build_prefix(std::uint32_t r);
  bool fixed_check(const PatternNode& n, Check& out) const;
  void expand(const std::vector<const PatternNode*>& items, std::size_t index, std::size_t depth,
              Prefix& current, std::vector<Prefix>& out) const;
  std::vector<std::vector<std::uint32_t>> class_phrases_;  // per class: its phrases
  std::vector<std::vector<WordId>> class_starts_;          // per class: words starting an entry

  // The prefixes of every rule of a layer as a trie: walking it with the items at a position
  // yields the rules whose leading items fit there, the only ones worth a full search.
  static constexpr std::uint32_t none = ~0u;
  // The fields a walk reads first come first, in one cache line.
  struct TrieNode {
    std::vector<std::uint32_t> rules;                        // rules whose test ends here
    std::vector<std::pair<WordId, std::uint32_t>> words[2];  // [glued] sorted (word, child)
    std::uint64_t class_mask[2] = {0, 0};                    // [glued] the classes below
    std::uint64_t word_mask[2] = {0, 0};  // [glued] bit (word id % 64) of each word edge
    std::vector<std::pair<ClassId, std::uint32_t>> classes[2];  // [glued] (class, child)
    std::vector<std::pair<Shape, std::uint32_t>> numbers[2];    // [glued] (shape, child)
    std::uint32_t chunk = none;
  };
  std::vector<TrieNode> trie_;
  std::vector<Follow> follows_;
  std::vector<std::vector<std::uint32_t>> word_follow_;  // per layer, per word: a follows_ index
  std::vector<std::uint32_t> chunk_follow_;              // per layer, for an expression
  // Per layer, per Shape: the root's number edges of that shape taken together.
  std::vector<std::array<std::uint32_t, 16>> number_follow_;
  std::uint32_t open_layers_ = 0;  // layers whose rules may start anywhere: always tried
  // Per word: the classes of its one-word entries, with or without a capital (the classes a
  // walk's class edges test).
  std::vector<std::uint64_t> word_classes_;
  std::vector<StartTest> start_tests_;  // per layer (index 0: none, always open)
  std::size_t start_test_count_ = 0;    // start_tests_.size(), without a division per call
  void build_follows();
  std::vector<std::uint32_t> roots_;  // per layer
  // The root's class edges a word takes, per layer, per word, lower-case or capitalized (a
  // word is in its cap_classes only capitalized): their children in the root's edge order,
  // in one array; word w of layer l, capitalized c, has children[at[k], at[k + 1]) for
  // k = (l * words + w) * 2 + c. For a token, where no rule ends at the root and the root's
  // other edges a token may take are numbers (root_tabled_: none of them glued), best_match
  // leaves the root by tables alone, with no scan of its edge lists.
  struct RootClassEdges {
    std::vector<std::uint32_t> children;
    std::vector<std::uint32_t> at;
  } root_class_edges_;
  std::vector<bool> root_tabled_;  // per layer
  void build_root_tables();
  std::vector<std::vector<std::uint32_t>> root_words_;  // per layer: word id -> child
  void build_trie();
  void insert(std::uint32_t node, const Prefix& prefix, std::size_t k, std::uint32_t rule,
              int layer);
  std::uint32_t child(std::uint32_t node, const Check& c, WordId w);
  struct Walk;  // what a walk reads and fills, one argument down its recursion
  void collect(const Walk& walk, std::uint32_t node, std::uint32_t pos) const;
  std::vector<bool> one_word_class_;  // per class: no entry spans several words
  // Per word id + 1 (0: no word): every class an entry the word starts has, and its bit.
  std::vector<Presence> word_presence_;
  std::vector<Presence> needs_;  // per rule: what a sentence must hold for it
  // Per rule: the most items a match of it spans (unbounded: a number in words may run on).
  // best_match runs the longest-reaching candidates first and skips those that can no longer
  // beat the match found ("Jan." alone once "Jan. 6" matched).
  std::vector<std::uint32_t> most_items_;
  static constexpr std::uint32_t unbounded = 1u << 20;
  std::uint32_t most_items(const PatternNode& n) const;
  // Per rule: sets of which a sentence must hold at least one word or class each (the
  // alternatives "(trading | business | working)" need one of their words).
  std::vector<std::vector<Presence>> needs_one_of_;
  bool has_needs(const Presence& present, std::uint32_t rule) const;
  void build_needs(std::uint32_t r);

  const Grammar& grammar_;
  const Lexicon& lexicon_;
  std::uint32_t rule_count_;  // grammar_.rules().size(), without a division per call
  // This matcher's number among those made (from 1): best_match's per-thread buffers are
  // sized for the last matcher they served, and checked again only for another.
  std::uint64_t serial_;
  std::size_t most_captures_ = 0;   // the most captures a rule has
  std::vector<StartIndex> layers_;  // index by layer - 1
  // Per layer (bit layer - 1, layers up to 32): which items may start one of its rules.
  std::vector<std::uint32_t> word_layers_;  // per word
  std::uint32_t number_layers_ = 0, chunk_layers_ = 0, any_layers_ = 0;
  // Per layer: the kinds of expression its rules may start with, split once: an expression
  // fits when one of the kinds names its type or tag (as the search reads "day|weekday").
  struct StartKinds {
    bool any = false;
    std::uint32_t types = 0;             // bit per TimexType
    std::vector<std::string_view> tags;  // every kind, compared with the tag
    void add(std::string_view kinds);
    bool fits(const ChunkLabel& label) const {
      if (any || (types & (std::uint32_t{1} << static_cast<unsigned>(label.type))) != 0) {
        return true;
      }
      for (const std::string_view tag : tags) {
        if (tag == label.tag) return true;
      }
      return false;
    }
  };
  std::vector<StartKinds> chunk_starts_;
  static std::uint32_t layer_bit(int layer) {
    return layer <= 32 ? std::uint32_t{1} << (layer - 1) : ~std::uint32_t{0};
  }
  ClassId number_cls_, tens_cls_, scale_cls_, dozen_cls_;
  WordId a_, an_, hyphen_, and_;
  std::uint64_t plain_openers_ = 0;  // classes of words that are no name opening a sentence
};

}  // namespace chronicle::detail
