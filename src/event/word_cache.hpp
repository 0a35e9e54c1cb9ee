// The per-thread cache behind analyze_cached(): function_word() and analyze() of a word,
// direct-mapped by quick_hash. Its hit path is inline so that Analysis::build, which looks up
// every word of a document, takes the thread's cache once and pays no call per word.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "lexicon.hpp"

namespace chronicle::detail::event {

// Hashes of a word's last 3 and 4 bytes (all of it when shorter): the suffix features' values.
struct SuffixHashes {
  std::uint32_t three = 0, four = 0;
};
inline SuffixHashes suffix_hashes(std::string_view w) {
  return {quick_hash(w.size() > 3 ? w.substr(w.size() - 3) : w),
          quick_hash(w.size() > 4 ? w.substr(w.size() - 4) : w)};
}

class WordCache {
 public:
  static constexpr std::size_t max_word = 31;  // longer words are analyzed each time

  // The calling thread's cache.
  static WordCache& local();

  // func and analysis of w (1 to max_word bytes), whose quick_hash is h; returns w's suffix
  // hashes. Lemma views point into static data or into w. With `padded`, w is followed by at
  // least 7 readable bytes, and the word is compared 8 bytes a step without assembling its
  // tail.
  template <bool padded>
  const SuffixHashes& get(std::string_view w, std::uint32_t h, WordAnalysis& out, Func& func) {
    Entry& e = entries_[h & (size - 1)];
    if (e.size != w.size() || e.hash != h || !same_word<padded>(e.word, w)) fill(e, w, h);
    func = e.func;
    out = e.analysis;
    if (e.verb_at >= 0) out.verb_lemma = onto(w, e.verb_at, out.verb_lemma);
    if (e.noun_at >= 0) out.noun_lemma = onto(w, e.noun_at, out.noun_lemma);
    return e.suffixes;
  }

 private:
  // An entry keeps its own copy of the word; lemma views into it are moved onto the caller's
  // word on the way out, so nothing points into the cache.
  struct Entry {
    std::uint32_t hash = 0;
    std::uint8_t size = 0;         // 0: empty
    char word[max_word + 1] = {};  // one byte more: 8-byte loads from any offset stay inside
    Func func = Func::none;
    // Where the analysis's lemma views start in `word`; -1: elsewhere (static data).
    std::int8_t verb_at = -1, noun_at = -1;
    SuffixHashes suffixes;
    WordAnalysis analysis;
  };
  // 104-byte entries: 1.7 MB a thread. Over the first 2 MB of the bench corpus (about 4,700
  // distinct words of at most max_word bytes) 8192 slots were filled 8,937 times, 16384 slots
  // 5,593 times, 32768 slots 4,681 times; a fill (analyze()) costs about 870 instructions.
  static constexpr std::size_t size = 16384;

  // A lemma view that lay inside the entry's word, at `at`: the same place in the caller's
  // word, which has the same bytes.
  static std::string_view onto(std::string_view w, std::int8_t at, std::string_view v) {
    return std::string_view(w.data() + at, v.size());
  }

  // Are the w.size() bytes at `a` (an entry's word) those of w? 8 bytes a step, as quick_hash
  // loads them: a hit is the common case and words are short.
  template <bool padded>
  static bool same_word(const char* a, std::string_view w) {
    const std::size_t n = w.size();
    std::size_t k = 0;
    for (; k + 8 <= n; k += 8) {
      if (le::load64(a + k) != le::load64(w.data() + k)) return false;
    }
    if (k == n) return true;
    if constexpr (padded) {
      const std::uint64_t mask = low_bytes_mask(n - k);
      return ((le::load64(a + k) ^ le::load64(w.data() + k)) & mask) == 0;
    } else {
      return le::load_tail(a + k, n - k) == le::load_tail(w.data() + k, n - k);
    }
  }

  void fill(Entry& e, std::string_view w, std::uint32_t h);

  std::unique_ptr<Entry[]> entries_ = std::make_unique<Entry[]>(size);
};

}  // namespace chronicle::detail::event
