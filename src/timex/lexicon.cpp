#include "lexicon.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <stdexcept>

namespace chronicle::detail {

std::uint64_t fold_hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (const char c : s) {
    auto b = static_cast<unsigned char>(c);
    if (b >= 'A' && b <= 'Z') b = static_cast<unsigned char>(b + 32);
    h = (h ^ b) * 1099511628211ull;
  }
  return h;
}

bool fold_equal(std::string_view a, std::string_view lower) {
  return a.size() == lower.size() && same_folded(a.data(), lower.data(), a.size());
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

LexValue make_value(std::string_view text) {
  LexValue v;
  v.text = std::string(text);
  std::int64_t n = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (!text.empty() && text[0] == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, n);
  if (ec == std::errc() && ptr == last && first != last) {
    v.number = n;
    v.is_number = true;
  }
  return v;
}

}  // namespace

ClassId Lexicon::add_class(std::string_view name) {
  for (std::size_t i = 0; i < class_names_.size(); ++i) {
    if (class_names_[i] == name) return static_cast<ClassId>(i);
  }
  if (class_names_.size() >= max_classes) throw std::runtime_error("too many lexicon classes");
  class_names_.emplace_back(name);
  return static_cast<ClassId>(class_names_.size() - 1);
}

bool Lexicon::has_class(std::string_view name) const {
  for (const auto& n : class_names_) {
    if (n == name) return true;
  }
  return false;
}

ClassId Lexicon::class_id(std::string_view name) const {
  for (std::size_t i = 0; i < class_names_.size(); ++i) {
    if (class_names_[i] == name) return static_cast<ClassId>(i);
  }
  throw std::runtime_error(fmt::format("unknown lexicon class '{}'", name));
}

void Lexicon::insert_slot(std::uint32_t key, WordId id) {
  if ((words_.size() + 1) * 2 > slots_.size()) {  // keep the load under one half
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    for (const Slot& s : old) {
      if (s.id != 0) {
        std::size_t i = s.key & (slots_.size() - 1);
        while (slots_[i].id != 0) i = (i + 1) & (slots_.size() - 1);
        slots_[i] = s;
      }
    }
  }
  const std::string& spelling = spellings_[static_cast<std::size_t>(id)];
  Slot slot;
  slot.key = key;
  slot.id = id + 1;
  slot.offset = static_cast<std::uint32_t>(pool_.size());
  slot.size = static_cast<std::uint32_t>(spelling.size());
  if (spelling.size() >= 2) {
    const std::size_t size = word_bytes::load_size(spelling.size());
    slot.head = word_bytes::read(spelling.data(), size);
    slot.tail = word_bytes::read(spelling.data() + spelling.size() - size, size);
    // Per byte, as the loads read it: 0x20 where the spelling has a letter.
    const auto letters = [size](const char* p) {
      char mask[8] = {};
      for (std::size_t k = 0; k < size; ++k) mask[k] = p[k] >= 'a' && p[k] <= 'z' ? 0x20 : 0;
      return word_bytes::read(mask, size);
    };
    slot.head_case = letters(spelling.data());
    slot.tail_case = letters(spelling.data() + spelling.size() - size);
  }
  pool_ += spelling;
  std::size_t i = key & (slots_.size() - 1);
  while (slots_[i].id != 0) i = (i + 1) & (slots_.size() - 1);
  slots_[i] = slot;
}

void Lexicon::add_two_bytes(const std::string& spelling, WordId id) {
  // Each byte as spelled or, a letter a-z, as its capital: what find()'s folded compare takes.
  const auto forms = [](char c) {
    const bool letter = c >= 'a' && c <= 'z';
    return std::array<char, 2>{c, letter ? static_cast<char>(c - 32) : c};
  };
  for (const char first : forms(spelling[0])) {
    for (const char second : forms(spelling[1])) {
      const char bytes[2] = {first, second};
      two_bytes_[word_bytes::load<std::uint16_t>(bytes)] =
          id + 1 < two_bytes_elsewhere ? static_cast<std::uint16_t>(id + 1) : two_bytes_elsewhere;
    }
  }
}

void Lexicon::add_short_word(const std::string& spelling, WordId id) {
  const std::size_t n = spelling.size();
  const std::size_t size = n >= 2 ? word_bytes::load_size(n) : 0;
  ShortWord word;
  if (n >= 3) {
    word.lower = short_bytes(word_bytes::read(spelling.data(), size),
                             word_bytes::read(spelling.data() + n - size, size), n, size);
  } else {
    char padded[8] = {};
    std::memcpy(padded, spelling.data(), n);
    word.lower = word_bytes::load<std::uint64_t>(padded);
  }
  for (std::size_t k = 0; k < n; ++k) {
    if (spelling[k] >= 'a' && spelling[k] <= 'z') word.letters |= std::uint64_t{0x20} << (8 * k);
  }
  word.size = static_cast<std::uint32_t>(n);
  word.id = id;
  ShortWord& entry = short_words_[short_index(word.lower)];
  if (entry.id == -1) {
    entry = word;
  } else {
    entry = ShortWord{};
    entry.id = short_elsewhere;
  }
}

WordId Lexicon::intern(std::string_view word) {
  const WordId found = find(word);
  if (found >= 0) return found;
  const auto id = static_cast<WordId>(words_.size());
  spellings_.push_back(lower(word));
  words_.emplace_back();
  insert_slot(word.empty() ? 0 : quick_key(word), id);
  if (word.size() == 1) {
    const auto b = static_cast<unsigned char>(spellings_.back()[0]);
    single_byte_[b] = id;
    if (b >= 'a' && b <= 'z') single_byte_[b - 32] = id;
  }
  if (word.size() == 2) add_two_bytes(spellings_.back(), id);
  if (!word.empty() && word.size() <= 8) add_short_word(spellings_.back(), id);
  if (!word.empty()) {
    const std::uint32_t bit = quick_key(word) >> (32 - filter_bits);
    filter_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
    longest_ = std::max(longest_, word.size());
  }
  return id;
}

const LexValue* Lexicon::value_of(WordId id, ClassId cls) const {
  if (id < 0) return nullptr;
  for (const auto& [c, index] : info(id).values) {
    if (c == cls) return &values_[index];
  }
  return nullptr;
}

void Lexicon::load(std::string_view file_name, std::string_view text) {
  std::size_t line_no = 0;
  // Reused from phrase to phrase: most are one word, kept in no Phrase.
  std::vector<Token> tokens;
  std::vector<WordId> words;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    const auto fail = [&](std::string_view why) {
      throw std::runtime_error(fmt::format("{}:{}: {}", file_name, line_no, why));
    };
    const std::size_t colon = line.find(": ");
    const std::size_t space = line.find(' ');
    if (colon == std::string_view::npos || space == std::string_view::npos || space > colon) {
      fail("expected '<class> <value>: <phrase>, ...'");
    }
    const ClassId cls = add_class(line.substr(0, space));
    const LexValue value = make_value(trim(line.substr(space + 1, colon - space - 1)));
    std::string_view rest = line.substr(colon + 2);
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      std::string_view phrase = trim(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      if (phrase.empty()) continue;
      bool cap = false;
      if (phrase.size() > 5 && phrase.substr(phrase.size() - 5) == "[cap]") {
        cap = true;
        phrase = trim(phrase.substr(0, phrase.size() - 5));
      }
      tokens.clear();
      tokenize(phrase, tokens);
      if (tokens.empty()) fail("empty phrase");
      words.clear();
      for (const auto& t : tokens) words.push_back(intern(phrase.substr(t.begin, t.end - t.begin)));
      WordInfo& first = words_[static_cast<std::size_t>(words[0])];
      if (words.size() == 1) {
        (cap ? first.cap_classes : first.classes) |= std::uint64_t{1} << cls;
        bool present = false;
        for (const auto& [c, index] : first.values) present = present || c == cls;
        if (!present) {
          values_.push_back(value);
          first.values.emplace_back(cls, static_cast<std::uint32_t>(values_.size() - 1));
        }
      } else {
        Phrase& p = phrases_.emplace_back();
        p.words = words;
        p.cls = cls;
        p.value = value;
        p.cap = cap;
        first.phrases.push_back(static_cast<std::uint32_t>(phrases_.size() - 1));
      }
    }
  }
}

}  // namespace chronicle::detail
