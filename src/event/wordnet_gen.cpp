// Build-time tool: reads WordNet 3.0's database files (Debian's wordnet-base) and writes the
// compact lexicon the event stage uses (see wordnet_table.hpp for the layout):
//
//   chronicle-wordnet-gen /usr/share/wordnet out.cpp path/to/wordnet_table.hpp
//
// Only single words are kept (no collocations), lower-cased. The database format is the one
// wndb(5WN) documents: index.POS lines "lemma pos synset_cnt p_cnt [ptr...] sense_cnt
// tagsense_cnt offset...", data.POS lines "offset lex_filenum ss_type w_cnt word lex_id ...
// p_cnt [symbol offset pos source/target]... | gloss", and POS.exc lines "form lemma...".
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "wordnet_table.hpp"

namespace {

using chronicle::detail::fnv1a;
namespace wn = chronicle::detail::wn;

struct Synset {
  int lexfile = 0;
  std::vector<std::string> words;       // lower case, markers such as "(a)" removed
  std::vector<bool> derived_from_verb;  // per word: a '+' pointer to a verb
  std::vector<bool> participle;         // per word: a '<' pointer (adjective of a verb)
};

struct Lemma {
  std::vector<std::uint32_t> senses;  // synset offsets, most frequent first
};

[[noreturn]] void fail(const std::string& message) {
  std::cerr << "chronicle-wordnet-gen: " << message << "\n";
  std::exit(1);
}

bool keep_word(const std::string& w) {
  if (w.empty() || w.size() > 30) return false;
  for (char c : w) {
    if (!((c >= 'a' && c <= 'z') || c == '-' || c == '\'' || c == '.')) return false;
  }
  return w.front() >= 'a' && w.front() <= 'z';
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::ifstream open(const std::string& dir, const std::string& name) {
  std::ifstream in(dir + "/" + name);
  if (!in) fail(dir + "/" + name + " cannot be read (install Debian's wordnet-base)");
  return in;
}

std::map<std::uint32_t, Synset> read_data(const std::string& dir, const std::string& pos) {
  std::map<std::uint32_t, Synset> out;
  auto in = open(dir, "data." + pos);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ' ') continue;  // the license header
    std::istringstream ls(line);
    std::uint32_t offset = 0;
    int lexfile = 0;
    std::string type, wcnt_hex;
    ls >> offset >> lexfile >> type >> wcnt_hex;
    Synset s;
    s.lexfile = lexfile;
    const auto wcnt = std::stoul(wcnt_hex, nullptr, 16);
    for (unsigned long k = 0; k < wcnt; ++k) {
      std::string word, lex_id;
      ls >> word >> lex_id;
      const auto paren = word.find('(');
      if (paren != std::string::npos) word.erase(paren);
      s.words.push_back(lower(word));
    }
    s.derived_from_verb.assign(s.words.size(), false);
    s.participle.assign(s.words.size(), false);
    int pcnt = 0;
    ls >> pcnt;
    for (int k = 0; k < pcnt; ++k) {
      std::string symbol, target_offset, target_pos, source_target;
      ls >> symbol >> target_offset >> target_pos >> source_target;
      if (source_target.size() != 4) fail("data." + pos + ": bad pointer in " + line.substr(0, 8));
      const auto source = std::stoul(source_target.substr(0, 2), nullptr, 16);
      // source 0 means the whole synset; otherwise the source word's 1-based index.
      auto mark = [&](std::vector<bool>& flags) {
        for (std::size_t w = 0; w < flags.size(); ++w) {
          if (source == 0 || source == w + 1) flags[w] = true;
        }
      };
      if (symbol == "+" && target_pos == "v") mark(s.derived_from_verb);
      if (symbol == "<") mark(s.participle);
    }
    if (!ls) fail("data." + pos + ": malformed line " + line.substr(0, 8));
    out.emplace(offset, std::move(s));
  }
  return out;
}

std::map<std::string, Lemma> read_index(const std::string& dir, const std::string& pos) {
  std::map<std::string, Lemma> out;
  auto in = open(dir, "index." + pos);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ' ') continue;
    std::istringstream ls(line);
    std::string lemma, p;
    int synset_cnt = 0, p_cnt = 0;
    ls >> lemma >> p >> synset_cnt >> p_cnt;
    for (int k = 0; k < p_cnt; ++k) {
      std::string symbol;
      ls >> symbol;
    }
    int sense_cnt = 0, tagsense_cnt = 0;
    Lemma l;
    ls >> sense_cnt >> tagsense_cnt;
    for (int k = 0; k < synset_cnt; ++k) {
      std::uint32_t offset = 0;
      ls >> offset;
      l.senses.push_back(offset);
    }
    if (!ls) fail("index." + pos + ": malformed line for " + lemma);
    if (keep_word(lemma)) out.emplace(lemma, std::move(l));
  }
  return out;
}

// Sense-tagged occurrences per lemma and part of speech from cntlist.rev, whose lines are
// "lemma%ss_type:lex_filenum:lex_id:head_word:head_id sense_number tag_cnt" (ss_type 1 noun,
// 2 verb, 3 adjective, 4 adverb, 5 adjective satellite): how often the word is used as each
// part of speech in the SemCor texts, where index.POS only counts the senses seen there.
struct Counts {
  std::unordered_map<std::string, long> noun, verb, adj, adv;
};

Counts read_counts(const std::string& dir) {
  Counts out;
  auto in = open(dir, "cntlist.rev");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string key;
    long sense = 0, count = 0;
    if (!(ls >> key >> sense >> count)) fail("cntlist.rev: malformed line " + line.substr(0, 40));
    const auto percent = key.find('%');
    if (percent == std::string::npos || percent + 1 >= key.size()) {
      fail("cntlist.rev: bad sense key " + key);
    }
    const std::string lemma = lower(key.substr(0, percent));
    switch (key[percent + 1]) {
      case '1':
        out.noun[lemma] += count;
        break;
      case '2':
        out.verb[lemma] += count;
        break;
      case '3':
      case '5':
        out.adj[lemma] += count;
        break;
      case '4':
        out.adv[lemma] += count;
        break;
      default:
        fail("cntlist.rev: bad sense key " + key);
    }
  }
  return out;
}

long count_of(const std::unordered_map<std::string, long>& counts, const std::string& lemma) {
  const auto it = counts.find(lemma);
  return it == counts.end() ? 0 : it->second;
}

unsigned freq_bucket(long n) {
  const long limits[] = {0, 2, 9, 29, 99, 299, 999};
  unsigned b = 0;
  while (b < 7 && n > limits[b]) ++b;
  return b;
}

unsigned adv_bucket(long n) {
  return n == 0 ? 0 : n < 10 ? 1 : n < 100 ? 2 : 3;
}

unsigned sense_bucket(std::size_t n) {
  return n == 0 ? 0 : n == 1 ? 1 : n < 4 ? 2 : 3;
}

bool eventive(int lexfile) {
  // noun.act, noun.event, noun.feeling, noun.phenomenon, noun.process, noun.state
  return lexfile == 4 || lexfile == 11 || lexfile == 12 || lexfile == 19 || lexfile == 22 ||
         lexfile == 26;
}

std::size_t word_index(const Synset& s, const std::string& lemma) {
  for (std::size_t w = 0; w < s.words.size(); ++w) {
    if (s.words[w] == lemma) return w;
  }
  return s.words.size();
}

// Escapes a word for a C++ string literal (the kept words are plain ASCII).
std::string literal(const std::string& w) {
  std::string out = "\"";
  for (char c : w) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\\000\"";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) fail("usage: chronicle-wordnet-gen WORDNET_DIR OUT.cpp wordnet_table.hpp");
  const std::string dir = argv[1];

  std::map<std::string, std::uint32_t> info;
  const auto nouns = read_index(dir, "noun");
  const auto verbs = read_index(dir, "verb");
  const auto adjs = read_index(dir, "adj");
  const auto advs = read_index(dir, "adv");
  const Counts counts = read_counts(dir);
  {
    const auto data = read_data(dir, "noun");
    for (const auto& [word, l] : nouns) {
      std::uint32_t bits = wn::noun;
      const Synset& first = data.at(l.senses.front());
      bits |= static_cast<std::uint32_t>(first.lexfile - 3 + 1) << wn::noun_lex_shift;
      std::size_t ev = 0;
      bool from_verb = false;
      for (auto offset : l.senses) {
        const Synset& s = data.at(offset);
        if (eventive(s.lexfile)) ++ev;
        const auto w = word_index(s, word);
        if (w < s.words.size() && s.derived_from_verb[w]) from_verb = true;
      }
      const std::size_t n = l.senses.size();
      const unsigned share = ev == 0 ? 0 : ev == n ? 3 : 2 * ev >= n ? 2 : 1;
      bits |= share << wn::eventive_shift;
      if (from_verb) bits |= wn::noun_from_verb;
      bits |= freq_bucket(count_of(counts.noun, word)) << wn::noun_freq_shift;
      bits |= sense_bucket(n) << wn::noun_senses_shift;
      info[word] |= bits;
    }
  }
  {
    const auto data = read_data(dir, "verb");
    for (const auto& [word, l] : verbs) {
      std::uint32_t bits = wn::verb;
      const Synset& first = data.at(l.senses.front());
      bits |= static_cast<std::uint32_t>(first.lexfile - 29 + 1) << wn::verb_lex_shift;
      bits |= freq_bucket(count_of(counts.verb, word)) << wn::verb_freq_shift;
      bits |= sense_bucket(l.senses.size()) << wn::verb_senses_shift;
      info[word] |= bits;
    }
  }
  {
    const auto data = read_data(dir, "adj");
    for (const auto& [word, l] : adjs) {
      std::uint32_t bits = wn::adj;
      for (auto offset : l.senses) {
        const Synset& s = data.at(offset);
        const auto w = word_index(s, word);
        if (w < s.words.size() && s.participle[w]) bits |= wn::adj_participle;
      }
      bits |= freq_bucket(count_of(counts.adj, word)) << wn::adj_freq_shift;
      info[word] |= bits;
    }
  }
  for (const auto& [word, l] : advs) {
    info[word] |= wn::adv | (adv_bucket(count_of(counts.adv, word)) << wn::adv_freq_shift);
  }

  // Irregular forms: form -> lemma per part of speech (the first lemma listed).
  struct Exception {
    std::string verb, noun, adj;
  };
  std::map<std::string, Exception> exceptions;
  for (const char* pos : {"verb", "noun", "adj"}) {
    auto in = open(dir, std::string(pos) + ".exc");
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream ls(line);
      std::string form, lemma;
      if (!(ls >> form >> lemma)) continue;
      if (!keep_word(form) || !keep_word(lemma)) continue;
      Exception& e = exceptions[form];
      std::string& slot = pos[0] == 'v' ? e.verb : pos[0] == 'n' ? e.noun : e.adj;
      if (slot.empty()) slot = lemma;
    }
  }

  // The blob: every word and exception lemma once, sorted.
  std::map<std::string, std::uint32_t> offsets;
  for (const auto& [w, bits] : info) offsets[w] = 0;
  for (const auto& [form, e] : exceptions) {
    offsets[form] = 0;
    for (const auto* l : {&e.verb, &e.noun, &e.adj}) {
      if (!l->empty()) offsets[*l] = 0;
    }
  }
  std::string blob_source;
  std::uint32_t pos = 0;
  for (auto& [w, off] : offsets) {
    off = pos + 1;
    pos += static_cast<std::uint32_t>(w.size() + 1);
    blob_source += "    " + literal(w) + "\n";
  }

  auto table_size = [](std::size_t n) {
    std::size_t size = 1024;
    while (size * 2 < n * 3) size *= 2;  // load factor at most 2/3
    return size;
  };
  const std::size_t slot_count = table_size(info.size());
  std::vector<chronicle::detail::WordnetSlot> slots(slot_count, {0, 0});
  for (const auto& [w, bits] : info) {
    std::size_t h = fnv1a(w) & (slot_count - 1);
    while (slots[h].key != 0) h = (h + 1) & (slot_count - 1);
    slots[h] = {offsets.at(w), bits};
  }
  const std::size_t exc_count = table_size(exceptions.size());
  std::vector<chronicle::detail::WordnetExceptionSlot> exc(exc_count, {0, 0, 0, 0});
  for (const auto& [form, e] : exceptions) {
    std::size_t h = fnv1a(form) & (exc_count - 1);
    while (exc[h].key != 0) h = (h + 1) & (exc_count - 1);
    auto off = [&](const std::string& l) { return l.empty() ? 0u : offsets.at(l); };
    exc[h] = {offsets.at(form), off(e.verb), off(e.noun), off(e.adj)};
  }

  std::ostringstream out;
  out << "// Generated by chronicle-wordnet-gen from WordNet 3.0 (" << info.size() << " words, "
      << exceptions.size() << " irregular forms); do not edit.\n"
      << "// WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n"
      << "#include \"" << argv[3] << "\"\n\n"
      << "#if defined(__clang__)\n#pragma clang diagnostic ignored \"-Woverlength-strings\"\n"
      << "#endif\n\nnamespace chronicle::detail {\n\n"
      << "const char wordnet_blob[] =\n"
      << blob_source << "    \"\";\n\n"
      << "const WordnetSlot wordnet_slots[] = {\n";
  for (const auto& s : slots) out << "{" << s.key << "u," << s.info << "u},\n";
  out << "};\nconst std::uint32_t wordnet_slot_mask = " << slot_count - 1 << "u;\n\n"
      << "const WordnetExceptionSlot wordnet_exception_slots[] = {\n";
  for (const auto& s : exc) {
    out << "{" << s.key << "u," << s.verb << "u," << s.noun << "u," << s.adj << "u},\n";
  }
  out << "};\nconst std::uint32_t wordnet_exception_slot_mask = " << exc_count - 1
      << "u;\n\n}  // namespace chronicle::detail\n";

  // Rewrite only on change, so that the library is not rebuilt for nothing.
  const std::string text = out.str();
  {
    std::ifstream old(argv[2], std::ios::binary);
    if (old) {
      std::string previous((std::istreambuf_iterator<char>(old)), {});
      if (previous == text) return 0;
    }
  }
  std::ofstream file(argv[2], std::ios::binary | std::ios::trunc);
  file << text;
  if (!file) fail(std::string(argv[2]) + ": cannot be written");
  return 0;
}
