#include "lexicon.hpp"

#include <array>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "../embedded_data.hpp"
#include "chronicle/event.hpp"
#include "word_cache.hpp"

namespace chronicle::detail {
extern const EmbeddedFile event_data_files[];
extern const std::size_t event_data_file_count;
}  // namespace chronicle::detail

namespace chronicle::detail::event {

namespace {

std::string_view data_file(std::string_view name) {
  for (std::size_t i = 0; i < event_data_file_count; ++i) {
    if (event_data_files[i].name == name) return event_data_files[i].text;
  }
  throw std::logic_error("chronicle: the event data file " + std::string(name) +
                         " is not embedded");
}

// A small open-addressing map from words in static data to a byte.
class WordMap {
 public:
  void build(const std::vector<std::pair<std::string_view, std::uint8_t>>& entries) {
    std::size_t size = 64;
    while (size < entries.size() * 3) size *= 2;
    keys_.assign(size, {});
    values_.assign(size, 0);
    mask_ = static_cast<std::uint32_t>(size - 1);
    for (const auto& [key, value] : entries) {
      std::uint32_t h = fnv1a(key) & mask_;
      while (!keys_[h].empty() && keys_[h] != key) h = (h + 1) & mask_;
      keys_[h] = key;
      values_[h] |= value;
    }
  }
  std::uint8_t find(std::string_view key) const { return find(key, fnv1a(key)); }
  // With the key's fnv1a hash already at hand.
  std::uint8_t find(std::string_view key, std::uint32_t hash) const {
    std::uint32_t h = hash & mask_;
    while (!keys_[h].empty()) {
      if (keys_[h] == key) return values_[h];
      h = (h + 1) & mask_;
    }
    return 0;
  }

 private:
  std::vector<std::string_view> keys_;
  std::vector<std::uint8_t> values_;
  std::uint32_t mask_ = 0;
};

// Calls f(word, category) for each "word CATEGORY" line of a .lex file.
template <typename F>
void for_each_entry(std::string_view file, std::string_view text, F f) {
  std::size_t line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    const auto hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty()) continue;
    const auto space = line.find(' ');
    if (space == std::string_view::npos || line.find(' ', space + 1) != std::string_view::npos) {
      throw std::logic_error("chronicle: " + std::string(file) + ":" + std::to_string(line_no) +
                             ": expected 'word CATEGORY'");
    }
    f(line.substr(0, space), line.substr(space + 1), line_no);
  }
}

constexpr std::array<std::pair<std::string_view, Func>, 18> func_names = {{
    {"DET", Func::det},
    {"PRON", Func::pron},
    {"POSS", Func::poss},
    {"PREP", Func::prep},
    {"PART", Func::part},
    {"TO", Func::to},
    {"CONJ", Func::conj},
    {"SUB", Func::sub},
    {"WH", Func::wh},
    {"MD", Func::md},
    {"WILL", Func::will},
    {"BE", Func::be},
    {"HAVE", Func::have},
    {"DO", Func::do_},
    {"NEG", Func::neg},
    {"ADV", Func::adv},
    {"NUMW", Func::numw},
    {"EX", Func::ex},
}};

struct Tables {
  WordMap functions;
  WordMap hints;

  Tables() {
    std::vector<std::pair<std::string_view, std::uint8_t>> entries;
    const std::string_view fw = "function_words.lex";
    for_each_entry(fw, data_file(fw), [&](std::string_view w, std::string_view cat, std::size_t n) {
      for (const auto& [name, f] : func_names) {
        if (name == cat) {
          entries.emplace_back(w, static_cast<std::uint8_t>(f));
          return;
        }
      }
      throw std::logic_error("chronicle: function_words.lex:" + std::to_string(n) +
                             ": unknown category");
    });
    functions.build(entries);
    entries.clear();
    const std::string_view ec = "event_classes.lex";
    for_each_entry(ec, data_file(ec), [&](std::string_view w, std::string_view cat, std::size_t n) {
      const auto c = parse_event_class(cat);
      if (!c) {
        throw std::logic_error("chronicle: event_classes.lex:" + std::to_string(n) +
                               ": unknown class");
      }
      entries.emplace_back(w, static_cast<std::uint8_t>(1u << static_cast<unsigned>(*c)));
    });
    hints.build(entries);
  }
};

// Inline: asked for every word the cache has not seen and for every lemma's hints.
[[gnu::always_inline]] inline const Tables& tables() {
  static const Tables t;
  return t;
}

std::string_view blob_word(std::uint32_t key) {
  const char* p = wordnet_blob + key - 1;
  return std::string_view(p, std::strlen(p));
}

// strncmp(p, w.data(), w.size()) == 0, inlined: the words are short, and a call to strncmp
// costs more than comparing them byte by byte.
inline bool same_prefix(const char* p, std::string_view w) {
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (p[k] != w[k]) return false;
    if (p[k] == '\0') return true;  // strncmp stops at a terminator both have
  }
  return true;
}

// The slot of w, whose fnv1a hash is `hash`; nullptr when WordNet lacks it.
const WordnetSlot* find_slot(std::string_view w, std::uint32_t hash) {
  std::uint32_t h = hash & wordnet_slot_mask;
  while (wordnet_slots[h].key != 0) {
    const char* p = wordnet_blob + wordnet_slots[h].key - 1;
    if (same_prefix(p, w) && p[w.size()] == '\0') return &wordnet_slots[h];
    h = (h + 1) & wordnet_slot_mask;
  }
  return nullptr;
}

const WordnetSlot* find_slot(std::string_view w) {
  return find_slot(w, fnv1a(w));
}

const WordnetExceptionSlot* find_exception(std::string_view w, std::uint32_t hash) {
  std::uint32_t h = hash & wordnet_exception_slot_mask;
  while (wordnet_exception_slots[h].key != 0) {
    const char* p = wordnet_blob + wordnet_exception_slots[h].key - 1;
    if (same_prefix(p, w) && p[w.size()] == '\0') {
      return &wordnet_exception_slots[h];
    }
    h = (h + 1) & wordnet_exception_slot_mask;
  }
  return nullptr;
}

// Does w end with the literal `suffix`, with at least two bytes before it? A compare of known
// length, inlined: each word the cache has not seen asks it up to a dozen times.
template <std::size_t N>
inline bool ends_with(std::string_view w, const char (&suffix)[N]) {
  constexpr std::size_t n = N - 1;
  return w.size() > n + 1 && std::memcmp(w.data() + (w.size() - n), suffix, n) == 0;
}

bool vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Looks up stem + tail (tail: "", "e" or "y") as a lemma having the bit `pos`.
struct Hit {
  std::uint32_t info = 0;
  std::string_view lemma;
};
Hit lemma_with(std::string_view stem, std::string_view tail, std::uint32_t pos) {
  char buf[64];
  if (stem.size() + tail.size() > sizeof buf || stem.empty()) return {};
  std::memcpy(buf, stem.data(), stem.size());
  std::memcpy(buf + stem.size(), tail.data(), tail.size());
  const WordnetSlot* s = find_slot(std::string_view(buf, stem.size() + tail.size()));
  if (s == nullptr || (s->info & pos) == 0) return {};
  return {s->info, blob_word(s->key)};
}

// The lemma of a form in -s with the part of speech `pos`: "-ies" from "-y" ("casualties");
// "-es" is an ending of its own only after a sibilant ("crosses", "taxes", "matches"), else
// the "e" is the lemma's ("changes", "rates", "fees", not "chang", "rat", "fe").
Hit s_form_lemma(std::string_view w, std::uint32_t pos) {
  Hit h;
  if (ends_with(w, "ies") && (h = lemma_with(w.substr(0, w.size() - 3), "y", pos)).info) return h;
  const std::string_view minus_s = w.substr(0, w.size() - 1);
  if (!ends_with(w, "es")) return lemma_with(minus_s, "", pos);
  const std::string_view minus_es = w.substr(0, w.size() - 2);
  const bool sibilant = ends_with(minus_es, "ss") || ends_with(minus_es, "x") ||
                        ends_with(minus_es, "z") || ends_with(minus_es, "ch") ||
                        ends_with(minus_es, "sh");
  const std::string_view first = sibilant ? minus_es : minus_s;
  const std::string_view second = sibilant ? minus_s : minus_es;
  if ((h = lemma_with(first, "", pos)).info) return h;
  return lemma_with(second, "", pos);
}

// Does the stem end in consonant, vowel, consonant ("hop", "rid", "din")? A verb so spelled
// doubles its consonant before "-ing" ("hopping"), so "hoping" is from "hope".
bool single_vowel_consonant(std::string_view stem) {
  const std::size_t n = stem.size();
  if (n < 3) return false;
  const char c = stem[n - 1];
  return !vowel(c) && c != 'w' && c != 'x' && c != 'y' && vowel(stem[n - 2]) && !vowel(stem[n - 3]);
}

// The verb lemma of a regular inflected form ("opened", "opens", "stopping").
Hit regular_verb(std::string_view w, Form& form) {
  Hit h;
  if (ends_with(w, "ing")) {
    const auto stem = w.substr(0, w.size() - 3);
    form = Form::ing;
    if (single_vowel_consonant(stem) && (h = lemma_with(stem, "e", wn::verb)).info) return h;
    if ((h = lemma_with(stem, "", wn::verb)).info) return h;
    if ((h = lemma_with(stem, "e", wn::verb)).info) return h;
    if (stem.size() >= 3 && stem.back() == stem[stem.size() - 2] && !vowel(stem.back())) {
      if ((h = lemma_with(stem.substr(0, stem.size() - 1), "", wn::verb)).info) return h;
    }
    if (ends_with(w, "ying") && (h = lemma_with(w.substr(0, w.size() - 4), "ie", wn::verb)).info) {
      return h;
    }
  } else if (ends_with(w, "ed")) {
    form = Form::ed;
    const auto stem = w.substr(0, w.size() - 2);
    if (ends_with(w, "ied") && (h = lemma_with(w.substr(0, w.size() - 3), "y", wn::verb)).info) {
      return h;
    }
    if ((h = lemma_with(stem, "e", wn::verb)).info) return h;
    if ((h = lemma_with(stem, "", wn::verb)).info) return h;
    if (stem.size() >= 3 && stem.back() == stem[stem.size() - 2] && !vowel(stem.back())) {
      if ((h = lemma_with(stem.substr(0, stem.size() - 1), "", wn::verb)).info) return h;
    }
  } else if (ends_with(w, "s") && !ends_with(w, "ss")) {
    form = Form::s;
    if ((h = s_form_lemma(w, wn::verb)).info) return h;
  }
  form = Form::none;
  return {};
}

// The singular of a regular noun plural ("protests", "casualties", "crosses").
Hit regular_noun(std::string_view w) {
  if (!ends_with(w, "s") || ends_with(w, "ss")) return {};
  return s_form_lemma(w, wn::noun);
}

}  // namespace

Func function_word(std::string_view lower) {
  return static_cast<Func>(tables().functions.find(lower));
}

std::uint8_t class_hints(std::string_view lemma) {
  return tables().hints.find(lemma);
}

std::uint32_t wordnet_info(std::string_view lower) {
  const WordnetSlot* s = find_slot(lower);
  return s ? s->info : 0;
}

WordAnalysis analyze(std::string_view w) {
  WordAnalysis a;
  a.dotted = w.find('.') != std::string_view::npos;
  if (w.empty() || w.size() >= 64) return a;
  // One hash of w for all its look-ups: WordNet, its exceptions and the hint list.
  const std::uint32_t hash = fnv1a(w);
  const WordnetSlot* self = find_slot(w, hash);
  if (self) a.self = self->info;
  const WordnetExceptionSlot* exc = find_exception(w, hash);

  // Verb reading: an irregular form, a regular inflection, or the lemma itself.
  if (exc && exc->verb) {
    a.verb_lemma = blob_word(exc->verb);
    a.verb = wordnet_info(a.verb_lemma);
    a.form = ends_with(w, "ing")                        ? Form::ing
             : ends_with(w, "s") && !ends_with(w, "ss") ? Form::s
                                                        : Form::ed;
  } else {
    Form form = Form::none;
    const Hit h = regular_verb(w, form);
    if (h.info) {
      a.verb = h.info;
      a.verb_lemma = h.lemma;
      a.form = form;
    } else if (a.self & wn::verb) {
      a.verb = a.self;
      a.verb_lemma = w;
      a.form = Form::base;
    }
  }
  // Noun reading.
  if (a.self & wn::noun) {
    a.is_noun = true;
    a.noun = a.self;
    a.noun_lemma = w;
  }
  if (exc && exc->noun) {
    a.is_noun = true;
    a.plural = true;
    a.noun_lemma = blob_word(exc->noun);
    a.noun = wordnet_info(a.noun_lemma);
  } else {
    // A plural, even when WordNet also lists it as a lemma ("leaders", "arms").
    const Hit h = regular_noun(w);
    if (h.info) {
      a.is_noun = true;
      a.plural = true;
      a.noun = h.info;
      a.noun_lemma = h.lemma;
    }
  }
  a.is_adj = (a.self & wn::adj) != 0 || (exc && exc->adj);
  a.hints_self = tables().hints.find(w, hash);
  // A lemma that is w itself (the same view) has w's hints.
  const auto hints_of = [&](std::string_view lemma) -> std::uint8_t {
    if (lemma.empty()) return 0;
    if (lemma.data() == w.data() && lemma.size() == w.size()) return a.hints_self;
    return class_hints(lemma);
  };
  a.hints_verb = hints_of(a.verb_lemma);
  a.hints_noun = hints_of(a.noun_lemma);
  a.lex = lex_bits(a);
  return a;
}

WordCache& WordCache::local() {
  thread_local WordCache cache;
  return cache;
}

void WordCache::fill(Entry& e, std::string_view w, std::uint32_t h) {
  e.hash = h;
  e.size = static_cast<std::uint8_t>(w.size());
  std::memcpy(e.word, w.data(), w.size());
  const std::string_view own(e.word, w.size());
  e.func = function_word(own);
  e.analysis = e.func == Func::none ? analyze(own) : WordAnalysis{};
  const auto at = [&e](std::string_view v) -> std::int8_t {
    const bool inside = v.data() >= e.word && v.data() < e.word + sizeof e.word;
    return inside ? static_cast<std::int8_t>(v.data() - e.word) : std::int8_t{-1};
  };
  e.verb_at = at(e.analysis.verb_lemma);
  e.noun_at = at(e.analysis.noun_lemma);
  e.suffixes = suffix_hashes(own);
}

void analyze_cached(std::string_view w, WordAnalysis& out, Func& func, std::uint32_t* hash) {
  const std::uint32_t h = quick_hash(w);
  if (hash) *hash = h;
  if (w.empty() || w.size() > WordCache::max_word) {
    func = function_word(w);
    out = func == Func::none ? analyze(w) : WordAnalysis{};
    return;
  }
  WordCache::local().get<false>(w, h, out, func);
}

}  // namespace chronicle::detail::event
