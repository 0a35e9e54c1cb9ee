// The timex lexicon: words and phrases with their classes and values, read from the data
// files (src/timex/data/*.lex), looked up per token by a case-folding hash.
//
// Classes (what their values mean):
//   month 1-12, weekday 1-7 (ISO), season SP/SU/FA/WI, pod MO/AF/EV/NI/DT, decade_word 2-9,
//   unit / units / unit_adj: a duration unit (Y M W D H MI S Q DE CE ML WE FN),
//   number 0-19, tens 20-90, scale 100/1000, dozen 12, vague X, ordinal 1-31,
//   ref PRESENT/PAST/FUTURE, relday day offset, mod_pre a TIMEX3 mod, set_word a duration,
//   ampm AM/PM, clock_word hh:mm, zone an offset (-05, +05:30, Z), holiday a day rule,
//   name: phrases that are names, never temporal expressions.
// Words that rules use literally ("ago", "the") are added as keywords: they get a word id
// but no class.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "../swar.hpp"
#include "chronicle/document.hpp"

namespace chronicle::detail {

using WordId = std::int32_t;  // -1: not in the lexicon
using ClassId = std::uint8_t;
constexpr int max_classes = 64;

struct LexValue {
  std::string text;         // as written in the data file
  std::int64_t number = 0;  // the value as an integer, when it is one
  bool is_number = false;
};

// An entry of more than one word, or one that needs a capital; matched token by token.
struct Phrase {
  std::vector<WordId> words;
  ClassId cls = 0;
  LexValue value;
  bool cap = false;
};

struct WordInfo {
  std::uint64_t classes = 0;      // classes of one-word entries without [cap]
  std::uint64_t cap_classes = 0;  // classes of one-word entries that need a capital
  std::vector<std::pair<ClassId, std::uint32_t>> values;  // class -> index into values_
  std::vector<std::uint32_t> phrases;  // multi-word phrases starting with this word
};

class Lexicon {
 public:
  // Reads the data files. Throws std::runtime_error naming file and line on a bad line.
  void load(std::string_view file_name, std::string_view text);

  ClassId class_id(std::string_view name) const;  // throws for an unknown class
  bool has_class(std::string_view name) const;
  // The id of a word (case-insensitive), creating a keyword entry if needed.
  WordId intern(std::string_view word);
  // The id of the word a token spells, or -1. `text` is the token's text.
  WordId find(std::string_view text) const;

  // find() over the table as it stands, its fields copied into the object: a loop that
  // holds one in a local and also stores bytes (which may alias anything) does not reload
  // the lexicon's members after each store.
  class Finder;
  Finder finder() const;

  const WordInfo& info(WordId id) const { return words_[static_cast<std::size_t>(id)]; }
  const std::string& word(WordId id) const { return spellings_[static_cast<std::size_t>(id)]; }
  const Phrase& phrase(std::uint32_t index) const { return phrases_[index]; }
  const LexValue& value(std::uint32_t index) const { return values_[index]; }
  // The value of a one-word entry of class `cls` for word `id`, or nullptr.
  const LexValue* value_of(WordId id, ClassId cls) const;
  std::size_t size() const { return words_.size(); }

 private:
  void insert_slot(std::uint32_t key, WordId id);
  ClassId add_class(std::string_view name);

  std::vector<std::string> class_names_;
  std::vector<std::string> spellings_;  // lower-case
  std::vector<WordInfo> words_;
  std::vector<Phrase> phrases_;
  std::vector<LexValue> values_;
  // Open addressing on quick_key. A slot holds where its spelling sits in pool_, so that a
  // lookup compares without going through spellings_.
  struct Slot {
    std::uint32_t key = 0;
    std::int32_t id = 0;  // id + 1; 0 marks an empty slot
    std::uint32_t offset = 0, size = 0;
    // The spelling's first and last word_bytes::load_size(size) bytes, as find() loads a
    // word's: a word of up to 16 bytes is compared with these alone.
    std::uint64_t head = 0, tail = 0;
    // 0x20 in each byte of head (tail) that is a letter a-z: the bit a capital may flip.
    std::uint64_t head_case = 0, tail_case = 0;
  };
  std::vector<Slot> slots_;
  std::string pool_;  // the spellings, lower-case, one after another
  // quick_key: a cheap hash of a word's length and a few of its bytes, case folded. Its top
  // bits index a Bloom-style filter (most words of a text are not in the lexicon and leave
  // at once), its low bits the table.
  static constexpr unsigned filter_bits = 16;
  std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>((1u << filter_bits) / 64, 0);
  std::size_t longest_ = 0;
  // One-byte words (a fifth of a text's tokens: punctuation, "a"), by byte, either case.
  std::array<WordId, 256> single_byte_ = make_single_byte();
  static std::array<WordId, 256> make_single_byte() {
    std::array<WordId, 256> a{};
    a.fill(-1);
    return a;
  }
  // Two-byte words (a tenth of a text's tokens: "in", "on", "to", "of"), by their two bytes as
  // one load reads them, every capitalization of a spelling: a look-up is one load, where the
  // hash and its comparisons cost some fifty instructions. An entry is the id + 1 (0: no
  // word), or two_bytes_elsewhere for an id too large for it, which find() looks up in the
  // hash table as other words.
  static constexpr std::uint16_t two_bytes_elsewhere = 0xFFFF;
  std::vector<std::uint16_t> two_bytes_ = std::vector<std::uint16_t>(std::size_t{1} << 16, 0);
  void add_two_bytes(const std::string& spelling, WordId id);
  // Words of one to eight bytes ("the", "and", "said": most of a text's tokens) in a
  // direct-mapped table of their own, by a hash of their bytes case folded: a text hashes
  // where the word it folds to does. An entry holds the one word that hashes there, compared
  // as the slots compare (a text that differs is no word: none other hashes there), none (id
  // -1, matching no text), or, for words that share an entry, short_elsewhere: find() looks
  // them up in the hash table as longer words.
  struct ShortWord {
    std::uint64_t lower = 0;    // the spelling's bytes, as short_bytes() reads a text's
    std::uint64_t letters = 0;  // 0x20 in each byte that is a letter a-z
    std::uint32_t size = 0;     // 0 for none and for short_elsewhere
    WordId id = -1;
  };
  static constexpr WordId short_elsewhere = -2;
  static constexpr unsigned short_bits = 13;
  std::vector<ShortWord> short_words_ = std::vector<ShortWord>(std::size_t{1} << short_bits);
  void add_short_word(const std::string& spelling, WordId id);
  // The bytes of a word of 3 to 8 bytes in one number, from its first and last
  // load_size(n) bytes (which overlap unless n is 4 or 8), the rest zero. (Words of one or
  // two bytes, which find(text) looks up in tables of their own, are in the table for
  // find(text, buffer_end) alone: their bytes, zero-padded.)
  static std::uint64_t short_bytes(std::uint64_t head, std::uint64_t tail, std::size_t n,
                                   std::size_t size) {
    return head | tail << (8 * (n - size));
  }
  static std::size_t short_index(std::uint64_t bytes) {
    return static_cast<std::size_t>(((bytes | 0x2020202020202020ull) * 0x9E3779B97F4A7C15ull) >>
                                    (64 - short_bits));
  }
  static inline std::uint32_t quick_key(std::string_view s);
  // quick_key of a word of n >= 2 bytes from its first and last load_size(n) bytes.
  static std::uint32_t quick_key(std::uint64_t head, std::uint64_t tail, std::size_t n) {
    // Setting bit 5 folds A-Z onto a-z; it changes other bytes too, but alike in a text and
    // in the spelling it folds to, which is all a key needs. No branch per byte.
    constexpr std::uint64_t fold = 0x2020202020202020ull;
    const std::uint64_t k =
        ((head | fold) ^ ((tail | fold) * 0xC2B2AE3D27D4EB4Full) ^ n) * 0x9E3779B97F4A7C15ull;
    return static_cast<std::uint32_t>(k >> 32);
  }
};

// Case-folded FNV-1a hash of a word (ASCII letters folded).
std::uint64_t fold_hash(std::string_view s);
bool fold_equal(std::string_view a, std::string_view lower);

// find() runs once per token of every document: defined here, to be inlined there.

// low_bytes[n]: the mask of the first n bytes of a load (n <= 8), one load where the shift that
// makes it is a handful of instructions per token.
inline constexpr std::uint64_t low_bytes[9] = {0,
                                               0xFFull,
                                               0xFFFFull,
                                               0xFFFFFFull,
                                               0xFFFFFFFFull,
                                               0xFFFFFFFFFFull,
                                               0xFFFFFFFFFFFFull,
                                               0xFFFFFFFFFFFFFFull,
                                               ~std::uint64_t{0}};

// Words of a text are read a machine word at a time: a word of n bytes (n >= 2) as two loads
// that overlap when n is not a multiple of their size, (first, last) bytes of it.
namespace word_bytes {

template <class T>
inline std::uint64_t load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

using swar::to_lower;

// How many bytes a load reads for a word of n >= 2 bytes.
inline std::size_t load_size(std::size_t n) {
  return n < 4 ? 2 : n < 8 ? 4 : 8;
}

inline std::uint64_t read(const char* p, std::size_t size) {
  return size == 2   ? load<std::uint16_t>(p)
         : size == 4 ? load<std::uint32_t>(p)
                     : load<std::uint64_t>(p);
}

}  // namespace word_bytes

// to_lower(text) == lower, for bytes `lower` of a lower-case spelling whose letters a-z have
// 0x20 in `letters`: the bytes may differ only in that bit of a letter, and a letter with the
// bit clear is its capital. Cheaper than to_lower.
inline bool same_case_folded(std::uint64_t text, std::uint64_t lower, std::uint64_t letters) {
  return ((text ^ lower) & ~letters) == 0;
}

// fold_equal for lookups, where the sizes are known equal.
inline bool same_folded(const char* a, const char* lower, std::size_t n) {
  using namespace word_bytes;
  if (n < 2) {
    const char c = n == 0 ? 0 : a[0];
    return n == 0 || (c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c) == lower[0];
  }
  const std::size_t size = load_size(n);
  for (std::size_t i = 0; i + size < n; i += size) {  // every load but the last
    if (to_lower(read(a + i, size)) != read(lower + i, size)) return false;
  }
  return to_lower(read(a + n - size, size)) == read(lower + n - size, size);
}

inline std::uint32_t Lexicon::quick_key(std::string_view s) {
  // The first and last 2, 4 or 8 bytes and the length.
  using namespace word_bytes;
  const std::size_t n = s.size();
  if (n < 2) {
    const std::uint64_t first = n == 0 ? 0 : static_cast<unsigned char>(s[0]) | 0x20;
    const std::uint64_t k = (first ^ (first * 0xC2B2AE3D27D4EB4Full) ^ n) * 0x9E3779B97F4A7C15ull;
    return static_cast<std::uint32_t>(k >> 32);
  }
  const std::size_t size = load_size(n);
  return quick_key(read(s.data(), size), read(s.data() + n - size, size), n);
}

class Lexicon::Finder {
 public:
  explicit Finder(const Lexicon& lex)
      : single_byte_(lex.single_byte_.data()),
        longest_(lex.longest_),
        filter_(lex.filter_.data()),
        slots_(lex.slots_.data()),
        mask_(lex.slots_.size() - 1),
        pool_(lex.pool_.data()),
        two_bytes_(lex.two_bytes_.data()),
        short_words_(lex.short_words_.data()) {}

  // find(), for a text that lies in a buffer ending at `buffer_end`: a word of up to eight
  // bytes with eight bytes of the buffer from its start is read in one load, its bytes past
  // the word masked off, and looked up in the table of short words with no branch on its
  // length (token lengths follow no pattern a branch predictor learns).
  WordId find(std::string_view text, const char* buffer_end) const {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const std::size_t n = text.size();
    if (n - 1 < 8 && buffer_end - text.data() >= 8) {
      // The word's bytes first, zeros after: as short_bytes() reads one (the first byte lowest).
      const std::uint64_t bytes = word_bytes::load<std::uint64_t>(text.data()) & low_bytes[n];
      const ShortWord& entry = short_words_[short_index(bytes)];
      // The word first: an entry shared by several words has size 0, which no text has.
      if (entry.size == n && same_case_folded(bytes, entry.lower, entry.letters)) return entry.id;
      if (entry.id != short_elsewhere) return -1;
    }
#else
    (void)buffer_end;
#endif
    return find(text);
  }

  WordId find(std::string_view text) const {
    using namespace word_bytes;
    const std::size_t n = text.size();
    if (n == 1) return single_byte_[static_cast<unsigned char>(text[0])];
    if (n == 2) {
      const std::uint16_t entry = two_bytes_[word_bytes::load<std::uint16_t>(text.data())];
      if (entry != two_bytes_elsewhere) return static_cast<WordId>(entry) - 1;
    }
    // Empty, or longer than any word: one test (longest_ stays 0 while no word has a slot).
    if (n - 1 >= longest_) return -1;
    // Loaded once, for the key and the comparison.
    const std::size_t size = load_size(n);
    const std::uint64_t head = read(text.data(), size);
    const std::uint64_t tail = read(text.data() + n - size, size);
    if (n <= 8) {
      const std::uint64_t bytes = short_bytes(head, tail, n, size);
      const ShortWord& entry = short_words_[short_index(bytes)];
      if (entry.id != short_elsewhere) {
        return entry.size == n && same_case_folded(bytes, entry.lower, entry.letters) ? entry.id
                                                                                      : -1;
      }
    }
    const std::uint32_t key = quick_key(head, tail, n);
    const std::uint32_t bit = key >> (32 - filter_bits);
    if (!(filter_[bit >> 6] & (std::uint64_t{1} << (bit & 63)))) return -1;
    for (std::size_t i = key & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id == 0) return -1;
      if (s.key == key && s.size == n && same_case_folded(head, s.head, s.head_case) &&
          same_case_folded(tail, s.tail, s.tail_case) &&
          (n <= 2 * size || same_folded(text.data(), pool_ + s.offset, n))) {
        return s.id - 1;
      }
    }
  }

 private:
  const WordId* single_byte_;
  std::size_t longest_;
  const std::uint64_t* filter_;
  const Slot* slots_;
  std::size_t mask_;
  const char* pool_;
  const std::uint16_t* two_bytes_;
  const ShortWord* short_words_;
};

inline Lexicon::Finder Lexicon::finder() const {
  return Finder(*this);
}

inline WordId Lexicon::find(std::string_view text) const {
  return Finder(*this).find(text);
}

}  // namespace chronicle::detail
