// The compact WordNet lexicon compiled into the library: the layout shared by its generator
// (src/event/wordnet_gen.cpp, run at build time over Debian's wordnet-base) and its reader
// (src/event/lexicon.cpp). Open addressing with linear probing over FNV-1a hashes of the
// lower-case word; keys are offsets into one blob of NUL-terminated words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace chronicle::detail {

// What WordNet says about a word as a lemma, packed in 32 bits.
namespace wn {
inline constexpr std::uint32_t noun = 1u << 0, verb = 1u << 1, adj = 1u << 2, adv = 1u << 3;
// The lexicographer file of the most frequent noun sense: lexfile - 3 + 1 (noun.Tops = 3 ...
// noun.time = 28), 0 when not a noun.
inline constexpr unsigned noun_lex_shift = 4, noun_lex_bits = 5;
// The same for verbs: lexfile - 29 + 1 (verb.body = 29 ... verb.weather = 43).
inline constexpr unsigned verb_lex_shift = 9, verb_lex_bits = 4;
// Share of the noun senses in eventive files (act, event, feeling, phenomenon, process,
// state): 0 none, 1 under half, 2 half or more, 3 all.
inline constexpr unsigned eventive_shift = 13, eventive_bits = 2;
// A noun sense linked to a verb by a derivation pointer ("acquisition" - "acquire").
inline constexpr std::uint32_t noun_from_verb = 1u << 15;
// Sense-tagged occurrences in SemCor (cntlist.rev), bucketed: 0, 1-2, 3-9, 10-29, 30-99,
// 100-299, 300-999, 1000+.
inline constexpr unsigned noun_freq_shift = 16, verb_freq_shift = 19, adj_freq_shift = 22,
                          freq_bits = 3;
inline constexpr unsigned adv_freq_shift = 25, adv_freq_bits = 2;  // 0, 1-9, 10-99, 100+
// An adjective sense that is a verb's participle ("injured" - "injure").
inline constexpr std::uint32_t adj_participle = 1u << 27;
// Number of senses, bucketed (0, 1, 2-3, 4+), for nouns and verbs.
inline constexpr unsigned noun_senses_shift = 28, verb_senses_shift = 30, senses_bits = 2;

constexpr unsigned field(std::uint32_t info, unsigned shift, unsigned bits) {
  return (info >> shift) & ((1u << bits) - 1u);
}
}  // namespace wn

struct WordnetSlot {
  std::uint32_t key;   // offset + 1 of the word in wordnet_blob; 0 for an empty slot
  std::uint32_t info;  // wn:: bits
};

// An irregular form (verb.exc, noun.exc, adj.exc): offsets + 1 of its lemmas, 0 when none.
struct WordnetExceptionSlot {
  std::uint32_t key;
  std::uint32_t verb;
  std::uint32_t noun;
  std::uint32_t adj;
};

constexpr std::uint32_t fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

extern const char wordnet_blob[];
extern const WordnetSlot wordnet_slots[];
extern const std::uint32_t wordnet_slot_mask;  // slot count - 1 (a power of two)
extern const WordnetExceptionSlot wordnet_exception_slots[];
extern const std::uint32_t wordnet_exception_slot_mask;

}  // namespace chronicle::detail
