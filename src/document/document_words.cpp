#include "document_words.hpp"

#include <algorithm>
#include <cstddef>

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
    "mr", "mrs", "ms", "dr", "prof", "gov", "gen", "lt", "col", "maj", "capt", "cmdr", "adm",
    "sgt", "cpl", "pvt", "sen", "rep", "reps", "sens", "rev", "fr", "st", "supt", "atty", "gens",
    "messrs", "mmes", "hon", "pres", "no", "nos", "vol", "vs", "v", "approx", "dept", "ft", "mt",
    "jr", "sr"};

constexpr std::string_view month_abbreviations[] = {"jan", "feb", "mar", "apr", "jun", "jul",
                                                    "aug", "sep", "sept", "oct", "nov", "dec"};

constexpr std::string_view sentence_openers[] = {
    "the", "a", "an", "in", "on", "at", "it", "he", "she", "they", "we", "i", "you", "but",
    "and", "or", "so", "this", "that", "these", "those", "there", "his", "her", "their", "its",
    "our", "my", "as", "after", "before", "when", "while", "if", "for", "with", "by", "from",
    "meanwhile", "however", "also", "some", "many", "most", "one", "officials", "police",
    "yet", "still", "now", "then", "since", "although", "though", "what", "who", "why", "how",
    "no", "not", "only", "both", "all", "each", "every", "last", "earlier", "later", "according"};

constexpr std::string_view boilerplate_lines[] = {
    "latest headlines", "read more", "advertisement", "related", "related stories",
    "related articles", "more stories", "trending", "most popular", "most read",
    "share this article", "share", "follow us", "sign up", "subscribe", "more from",
    "recommended", "top stories", "latest news", "you may also like", "comments",
    "continue reading", "back to top"};

}  // namespace

bool is_title_abbreviation(std::string_view word) { return in_list(title_abbreviations, word); }
bool is_month_abbreviation(std::string_view word) { return in_list(month_abbreviations, word); }
bool is_sentence_opener(std::string_view word) { return in_list(sentence_openers, word); }

bool is_caption(std::string_view paragraph) {
  // Every marker contains "hoto": look for that first, then at the words around it.
  for (std::size_t at = paragraph.find("hoto"); at != std::string_view::npos;
       at = paragraph.find("hoto", at + 4)) {
    if (at == 0 || (paragraph[at - 1] != 'p' && paragraph[at - 1] != 'P')) continue;
    const std::size_t start = at - 1;
    const std::string_view from = paragraph.substr(start);
    if (icontains(from.substr(0, 9), "photo by ") || icontains(from.substr(0, 14), "photo courtesy") ||
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
