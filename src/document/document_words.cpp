#include "document_words.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace chronicle::detail {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

template <std::size_t N>
bool in_list(const std::string_view (&list)[N], std::string_view word) {
  return std::any_of(std::begin(list), std::end(list),
                     [&](std::string_view w) { return iequals(w, word); });
}

bool icontains(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (iequals(hay.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

constexpr std::string_view title_abbreviations[] = {
    "mr",   "mrs",  "ms",     "dr",   "prof",   "gov",  "gen", "lt",   "col",  "maj", "capt",
    "cmdr", "adm",  "sgt",    "cpl",  "pvt",    "sen",  "rep", "reps", "sens", "rev", "fr",
    "st",   "supt", "atty",   "gens", "messrs", "mmes", "hon", "pres", "no",   "nos", "vol",
    "vs",   "v",    "approx", "dept", "ft",     "mt",   "jr",  "sr"};

constexpr std::string_view month_abbreviations[] = {"jan", "feb", "mar",  "apr", "jun", "jul",
                                                    "aug", "sep", "sept", "oct", "nov", "dec"};

constexpr std::string_view sentence_openers[] = {
    "the",   "a",    "an",      "in",    "on",       "at",        "it",        "he",
    "she",   "they", "we",      "i",     "you",      "but",       "and",       "or",
    "so",    "this", "that",    "these", "those",    "there",     "his",       "her",
    "their", "its",  "our",     "my",    "as",       "after",     "before",    "when",
    "while", "if",   "for",     "with",  "by",       "from",      "meanwhile", "however",
    "also",  "some", "many",    "most",  "one",      "officials", "police",    "yet",
    "still", "now",  "then",    "since", "although", "though",    "what",      "who",
    "why",   "how",  "no",      "not",   "only",     "both",      "all",       "each",
    "every", "last", "earlier", "later", "according"};

constexpr std::string_view clock_time_followers[] = {
    "monday",   "tuesday",   "wednesday", "thursday",  "friday",    "saturday", "sunday",
    "mon",      "tue",       "tues",      "wed",       "thu",       "thurs",    "fri",
    "sat",      "sun",       "january",   "february",  "march",     "april",    "may",
    "june",     "july",      "august",    "september", "october",   "november", "december",
    "jan",      "feb",       "mar",       "apr",       "jun",       "jul",      "aug",
    "sep",      "sept",      "oct",       "nov",       "dec",       "est",      "edt",
    "cst",      "cdt",       "mst",       "mdt",       "pst",       "pdt",      "akst",
    "akdt",     "hst",       "ast",       "adt",       "nst",       "ndt",      "et",
    "ct",       "mt",        "pt",        "gmt",       "utc",       "bst",      "cet",
    "cest",     "eet",       "eest",      "wet",       "west",      "ist",      "jst",
    "kst",      "msk",       "aest",      "aedt",      "eastern",   "central",  "mountain",
    "pacific",  "atlantic",  "alaska",    "hawaii",    "greenwich", "local",    "today",
    "tomorrow", "yesterday", "tonight"};

constexpr std::string_view boilerplate_lines[] = {
    "latest headlines", "read more",        "advertisement",      "related",
    "related stories",  "related articles", "more stories",       "trending",
    "most popular",     "most read",        "share this article", "share",
    "follow us",        "sign up",          "subscribe",          "more from",
    "recommended",      "top stories",      "latest news",        "you may also like",
    "comments",         "continue reading", "back to top"};

// A word of at most seven bytes as one number: its bytes, ASCII capitals lowered as iequals
// does, and its length in the top byte. Two words are iequals exactly when their numbers are.
constexpr std::size_t max_packed = 7;
constexpr std::uint64_t packed_lower(std::string_view w) {
  std::uint64_t x = std::uint64_t{w.size()} << 56;
  for (std::size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    x |= std::uint64_t{static_cast<unsigned char>(c)} << (8 * i);
  }
  return x;
}
template <std::size_t N>
constexpr bool all_packable(const std::string_view (&list)[N]) {
  for (const std::string_view w : list) {
    if (w.size() > max_packed) return false;
  }
  return true;
}
template <std::size_t N>
constexpr std::array<std::uint64_t, N> packed_list(const std::string_view (&list)[N]) {
  std::array<std::uint64_t, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = packed_lower(list[i]);
  return out;
}
// in_list for lists of short words: the word is lowered once and compared as a number with
// each entry (the sentence splitter asks these of every word before a period).
template <std::size_t N>
bool in_packed_list(const std::array<std::uint64_t, N>& list, std::string_view word) {
  if (word.size() > max_packed) return false;
  const std::uint64_t key = packed_lower(word);
  return std::find(list.begin(), list.end(), key) != list.end();
}
static_assert(all_packable(title_abbreviations) && all_packable(month_abbreviations));
constexpr auto packed_titles = packed_list(title_abbreviations);
constexpr auto packed_months = packed_list(month_abbreviations);

}  // namespace

bool is_title_abbreviation(std::string_view word) {
  return in_packed_list(packed_titles, word);
}
bool is_month_abbreviation(std::string_view word) {
  return in_packed_list(packed_months, word);
}
bool is_sentence_opener(std::string_view word) {
  return in_list(sentence_openers, word);
}
bool continues_clock_time(std::string_view word) {
  return in_list(clock_time_followers, word);
}

bool is_caption(std::string_view paragraph) {
  // Every marker contains "hoto": look for that first, then at the words around it.
  for (std::size_t at = paragraph.find("hoto"); at != std::string_view::npos;
       at = paragraph.find("hoto", at + 4)) {
    if (at == 0 || (paragraph[at - 1] != 'p' && paragraph[at - 1] != 'P')) continue;
    const std::size_t start = at - 1;
    const std::string_view from = paragraph.substr(start);
    if (icontains(from.substr(0, 9), "photo by ") ||
        icontains(from.substr(0, 14), "photo courtesy") ||
        icontains(from.substr(0, 12), "photo credit") || icontains(from.substr(0, 7), "photo: ")) {
      return true;
    }
    const std::string_view before = paragraph.substr(0, start);
    if ((before.size() >= 4 && iequals(before.substr(before.size() - 4), "(ap ")) ||
        (before.size() >= 5 && iequals(before.substr(before.size() - 5), "file "))) {
      return true;
    }
  }
  return false;
}

bool is_boilerplate(std::string_view paragraph) {
  if (paragraph.size() > 40) return false;
  while (!paragraph.empty() && (paragraph.back() == ':' || paragraph.back() == '.')) {
    paragraph.remove_suffix(1);
  }
  return in_list(boilerplate_lines, paragraph);
}

}  // namespace chronicle::detail
