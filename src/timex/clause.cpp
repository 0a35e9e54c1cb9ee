#include "clause.hpp"

namespace chronicle::detail {

namespace {

constexpr std::uint32_t look_back = 14;
constexpr std::uint32_t look_ahead = 10;

bool is_clause_break(std::string_view t) { return t == ";" || t == ":" || t == "--"; }

// The tense a single token signals, or unknown.
ClauseTense cue(const Document& doc, const std::vector<WordId>& ids, const TimexEngine& e,
                std::uint32_t i) {
  const Token& t = doc.tokens()[i];
  if (t.kind != TokenKind::word) return ClauseTense::unknown;
  const WordId w = ids[i];
  if (w >= 0) {
    const std::uint64_t classes = e.lexicon.info(w).classes;
    if (classes & (std::uint64_t{1} << e.tense_future)) return ClauseTense::future;
    if (classes & (std::uint64_t{1} << e.tense_past)) return ClauseTense::past;
    if (classes & (std::uint64_t{1} << e.tense_present)) return ClauseTense::present;
    if (classes & (std::uint64_t{1} << e.not_past)) return ClauseTense::unknown;
  }
  // A regular past form: a lower-case word ending in -ed.
  const std::string_view text = doc.text(t);
  if (text.size() > 4 && text[text.size() - 2] == 'e' && text.back() == 'd' &&
      !t.has(Token::capitalized)) {
    return ClauseTense::past;
  }
  return ClauseTense::unknown;
}

}  // namespace

ClauseTense clause_tense(const Document& doc, const std::vector<WordId>& word_ids,
                         const TimexEngine& engine, std::uint32_t sentence_first,
                         std::uint32_t sentence_end, std::uint32_t first, std::uint32_t end) {
  // Backwards to the start of the clause.
  for (std::uint32_t i = first, steps = 0; i > sentence_first && steps < look_back; ++steps) {
    --i;
    if (is_clause_break(doc.text(doc.tokens()[i]))) break;
    const ClauseTense t = cue(doc, word_ids, engine, i);
    if (t != ClauseTense::unknown) return t;
  }
  // Then forwards ("On Friday, the council will vote").
  for (std::uint32_t i = end, steps = 0; i < sentence_end && steps < look_ahead; ++i, ++steps) {
    if (is_clause_break(doc.text(doc.tokens()[i]))) break;
    const ClauseTense t = cue(doc, word_ids, engine, i);
    if (t != ClauseTense::unknown) return t;
  }
  return ClauseTense::unknown;
}

}  // namespace chronicle::detail
