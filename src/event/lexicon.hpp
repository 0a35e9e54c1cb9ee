// The event stage's word knowledge: closed-class words and class hints (src/event/data/*.lex)
// and the WordNet lexicon with a small morphology (lemma and verb form of a word).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "wordnet_table.hpp"

namespace chronicle::detail::event {

// A fast 32-bit hash of a short string (8 bytes a step, assembled little-endian so that every
// machine gets the same value): the word cache's key and the features' word values.
namespace le {
// Little-endian loads of fixed widths (plain moves on little-endian machines).
inline std::uint64_t load64(const char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap64(x);
#endif
  return x;
}
inline std::uint64_t load32(const char* p) {
  std::uint32_t x;
  std::memcpy(&x, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap32(x);
#endif
  return x;
}
// Bytes p[0..n), 0 < n < 8, as a little-endian number: two overlapping loads, whose shared
// bytes agree, so or-ing them is exact.
inline std::uint64_t load_tail(const char* p, std::size_t n) {
  if (n >= 4) return load32(p) | load32(p + n - 4) << (8 * (n - 4));
  const auto byte = [p](std::size_t k) {
    return std::uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
  };
  return byte(0) | byte(n / 2) | byte(n - 1);
}
}  // namespace le

inline std::uint32_t quick_hash(std::string_view s) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    h = (h ^ le::load64(s.data() + i)) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  if (i < s.size()) {
    h = (h ^ le::load_tail(s.data() + i, s.size() - i)) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

// The low k bytes of a 64-bit word set (0 < k < 8): a table look-up where the shift by a
// computed count takes three or four instructions.
inline std::uint64_t low_bytes_mask(std::size_t k) {
  static constexpr std::uint64_t masks[8] = {
      0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF};
  return masks[k];
}

// quick_hash(string_view(p, n)), for text followed by at least 7 readable bytes: the last
// step loads 8 bytes and masks off those past the end, instead of assembling the tail.
inline std::uint32_t quick_hash_padded(const char* p, std::size_t n) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    h = (h ^ le::load64(p + i)) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  if (i < n) {
    const std::uint64_t tail = le::load64(p + i) & low_bytes_mask(n - i);
    h = (h ^ tail) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

// Closed-class categories (src/event/data/function_words.lex).
enum class Func : std::uint8_t {
  none,
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
};

// The category of a lower-case word; Func::none for open-class words.
Func function_word(std::string_view lower);

// TimeML classes the hint list gives a lemma (bit 1 << EventClass value); 0 when none.
std::uint8_t class_hints(std::string_view lemma);

// WordNet's bits (wn::) for a lower-case word as a lemma; 0 when WordNet lacks it.
std::uint32_t wordnet_info(std::string_view lower);

// A verb's form as its ending shows it.
enum class Form : std::uint8_t {
  none,  // not a verb form
  base,  // "open"
  s,     // "opens"
  ed,    // "opened", "broke", "overrun" (past or past participle; context decides)
  ing,   // "opening"
};

// What the morphology finds for a lower-case word. Lemmas are views into static data or into
// the word itself.
struct WordAnalysis {
  std::uint32_t self = 0;  // WordNet bits of the word as it is
  std::uint32_t verb = 0;  // WordNet bits of its verb lemma (when form != none)
  std::uint32_t noun = 0;  // WordNet bits of its noun lemma (when is_noun)
  // lex_bits() of this analysis: what the models' features read of it, packed once per word
  // (in the word cache) instead of once per candidate. Whoever changes the fields it reads
  // sets it again.
  std::uint32_t lex = 0;
  std::string_view verb_lemma;
  std::string_view noun_lemma;
  Form form = Form::none;
  bool is_noun = false;  // a noun or a noun's plural
  bool plural = false;   // a noun's plural ("protests", "children")
  bool is_adj = false;   // an adjective (or its comparative)
  // class_hints() of the word itself, of its verb lemma and of its noun lemma.
  std::uint8_t hints_self = 0, hints_verb = 0, hints_noun = 0;
  // Has a '.' ("u.s.", "p.m."): the tagger reads it as a name's mark. Kept with the word's
  // analysis (in its padding) so that the tagger does not look for a dot in every word.
  bool dotted = false;
};

// The WordNet facts of an analysis the event features read, in 30 bits: from the low end, the
// parts of speech and form (9 bits), the noun's and the verb's lexicographer files (5, 4),
// the eventive share (2), derived from a verb (1), and the noun, verb and adjective
// frequencies (3 bits each).
inline std::uint32_t lex_bits(const WordAnalysis& a) {
  const std::uint32_t pos_mask = (a.self & 15u) | (a.form != Form::none ? 16u : 0u) |
                                 (a.is_noun ? 32u : 0u) | (static_cast<std::uint32_t>(a.form) << 6);
  const std::uint32_t noun_lex = wn::field(a.noun, wn::noun_lex_shift, wn::noun_lex_bits);
  const std::uint32_t verb_lex = wn::field(a.verb, wn::verb_lex_shift, wn::verb_lex_bits);
  const std::uint32_t eventive = wn::field(a.noun, wn::eventive_shift, wn::eventive_bits);
  const std::uint32_t from_verb = (a.noun & wn::noun_from_verb) ? 1u : 0u;
  const std::uint32_t freqs = wn::field(a.noun, wn::noun_freq_shift, wn::freq_bits) |
                              wn::field(a.verb, wn::verb_freq_shift, wn::freq_bits) << 3 |
                              wn::field(a.self, wn::adj_freq_shift, wn::freq_bits) << 6;
  return pos_mask | noun_lex << 9 | verb_lex << 14 | eventive << 18 | from_verb << 20 | freqs << 21;
}

WordAnalysis analyze(std::string_view lower);

// function_word() and, for open-class words, analyze(), through a per-thread cache. Lemma
// views point into static data or into `lower`. Stores quick_hash(lower) in *hash when given.
// Writes into `out` (a unit's own field: no copy through a temporary).
void analyze_cached(std::string_view lower, WordAnalysis& out, Func& func,
                    std::uint32_t* hash = nullptr);
inline WordAnalysis analyze_cached(std::string_view lower, Func& func,
                                   std::uint32_t* hash = nullptr) {
  WordAnalysis a;
  analyze_cached(lower, a, func, hash);
  return a;
}

}  // namespace chronicle::detail::event
