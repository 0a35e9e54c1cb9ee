#include "clause.hpp"

namespace chronicle::detail {

namespace {

constexpr std::uint32_t look_back = 14;
constexpr std::uint32_t look_ahead = 10;
constexpr std::uint32_t aux_reach = 3;  // "will (not) be closed": how far back an auxiliary may sit

// Token i's text, without Document::text's check that the token lies within the text: the
// tokens come from Document::parse, which tokenized that text (the reading steps through a
// dozen words per expression).
inline std::string_view token_text(const Document& doc, std::uint32_t i) {
  const Token& t = doc.tokens()[i];
  return std::string_view(doc.text().data() + t.begin, t.end - t.begin);
}

// By size first: most words are longer than any of these (and the test runs at every step).
inline bool is_clause_break(std::string_view t) {
  if (t.size() == 1) return t[0] == ';' || t[0] == ':';
  return t.size() == 2 && t[0] == '-' && t[1] == '-';
}

// Words that open a subordinate clause, whose verb follows them ("the countries where the
// Aug. 7 blasts killed 257"); "and", "as" or "after" also join phrases, so they are not here.
bool opens_subordinate(std::string_view t) {
  return t == "that" || t == "which" || t == "who" || t == "when" || t == "because" || t == "if" ||
         t == "while" || t == "where";
}

// Words that open a new clause: looking forward from an expression, the verb after them is
// not the expression's ("said on Jan. 5 that it would cut").
bool opens_clause(std::string_view t) {
  return t == "that" || t == "which" || t == "who" || t == "when" || t == "because" ||
         t == "after" || t == "before" || t == "if" || t == "while" || t == "where" || t == "and" ||
         t == "but" || t == "as";
}

// A lower-case "-ing" word: "reaching", "sending".
bool present_participle(const Document& doc, std::uint32_t i) {
  const Token& t = doc.tokens()[i];
  const std::string_view w = token_text(doc, i);
  return t.kind == TokenKind::word && !t.has(Token::capitalized) && w.size() > 4 &&
         w.substr(w.size() - 3) == "ing";
}

// The token of a word that opens an adverbial clause ("as", "after", "when", "while",
// "because", "before", "since", "until") within three words before the verb at `verb` (its
// subject between them: "as it moved", "after the talks collapsed"); else `verb`.
std::uint32_t adverbial_opener(const Document& doc, std::uint32_t sentence_first,
                               std::uint32_t verb) {
  for (std::uint32_t k = verb, steps = 0; k > sentence_first && steps < 4; ++steps) {
    --k;
    const std::string_view w = token_text(doc, k);
    if (w == "," || is_clause_break(w)) break;
    if (w == "as" || w == "after" || w == "when" || w == "while" || w == "because" ||
        w == "before" || w == "since" || w == "until") {
      return k + 1 < verb ? k : verb;  // a subject between them, not "as moved"
    }
  }
  return verb;
}

class Cues {
 public:
  Cues(const Document& doc, const std::vector<WordId>& ids, const TimexEngine& e)
      : doc_(doc), ids_(ids), e_(e), tense_classes_(e.tense_cue_classes) {}

  // False when at(i) surely gives no tense: the word is in no class of tense cues and is no
  // regular past form. Most words of a clause are neither; `text` is token i's.
  bool may_have_tense(std::uint32_t i, std::string_view text) const {
    if ((classes(i) & tense_classes_) != 0) return true;
    const Token& t = doc_.tokens()[i];
    return t.kind == TokenKind::word && regular_past(text, t);
  }

  bool in(std::uint32_t i, ClassId cls) const { return has(classes(i), cls); }
  // The classes of token i's word (none when it is no word of the lexicon), read once by
  // callers that test several.
  std::uint64_t classes(std::uint32_t i) const {
    const WordId w = ids_[i];
    return w >= 0 ? e_.lexicon.info(w).classes : 0;
  }
  static bool has(std::uint64_t classes, ClassId cls) {
    return (classes & (std::uint64_t{1} << cls)) != 0;
  }

  // The tense token i signals by itself, or unknown. `participle` tells whether it is a past
  // form that an auxiliary before it may reinterpret.
  ClauseTense own(std::uint32_t i, std::uint32_t end, bool& participle,
                  bool after_expression = false) const {
    participle = false;
    const Token& t = doc_.tokens()[i];
    if (t.kind != TokenKind::word) return ClauseTense::unknown;
    const std::uint64_t c = classes(i);
    auto to_follows = [&](std::uint32_t k) {
      return k + 1 < end && (word(k + 1) == "to" || word(k + 1) == "for");
    };
    // "are due back on Friday", "is due in court", "due out next week": due where it is due.
    auto due_somewhere = [&] {
      if (i + 1 >= end || word(i) != "due") return false;
      const std::string_view next = word(i + 1);
      if (next == "in" && i + 2 < end && word(i + 2) == "part") return false;  // "due in part to"
      return next == "back" || next == "home" || next == "out" || next == "in" || next == "on" ||
             next == "at";
    };
    // "is due to", and read forward from an expression before it, "is expected to": the
    // present "is" is not the clause's tense then.
    const bool plan = has(c, e_.tense_future) ||
                      (has(c, e_.future_to) && (to_follows(i) || due_somewhere() ||
                                                (i + 1 < end && in(i + 1, e_.future_to) &&
                                                 has(c, e_.tense_present) && to_follows(i + 1))));
    if (plan) {
      // "the plan", "its hopes": a noun, not a plan for what follows.
      if (i > 0 && in(i - 1, e_.determiner)) return ClauseTense::unknown;
      // "had been scheduled to expire Friday": a plan of the past, for a time now past.
      if (i > 0 &&
          (word(i - 1) == "had" || (i > 1 && word(i - 1) == "been" && word(i - 2) == "had"))) {
        return ClauseTense::past;
      }
      // "On Friday, the council planned to vote": the time is the planning's, a past form's.
      if (after_expression && regular_past(doc_.text(t), t)) {
        participle = true;
        return ClauseTense::past;
      }
      return ClauseTense::future;
    }
    if (has(c, e_.tense_aux_past) || has(c, e_.tense_perfect)) return ClauseTense::past;
    if (has(c, e_.tense_present)) return ClauseTense::present;
    if (has(c, e_.not_past)) return ClauseTense::unknown;
    if (has(c, e_.tense_past) || regular_past(word(i), t)) {
      participle = true;
      return ClauseTense::past;
    }
    return ClauseTense::unknown;
  }

  std::string_view word(std::uint32_t i) const { return token_text(doc_, i); }

  // "closed", "announced": a lower-case word that ends in "ed".
  static bool regular_past(std::string_view text, const Token& t) {
    return text.size() > 4 && text[text.size() - 2] == 'e' && text.back() == 'd' &&
           !t.has(Token::capitalized);
  }

  // A verb of a timetable ("meet", "opens") as the present tense of a schedule: the clause
  // looks forward ("The leaders meet Monday"). An auxiliary just before it decides instead
  // ("did not meet Monday", "will meet"); after "to", a determiner or a degree word, or
  // capitalized ("the U.S. Open"), it is not the clause's verb.
  ClauseTense schedule(std::uint32_t i, std::uint32_t first, std::uint32_t end) const {
    if (doc_.tokens()[i].has(Token::capitalized)) return ClauseTense::unknown;
    if (i > first && (word(i - 1) == "to" || in(i - 1, e_.determiner))) {
      return ClauseTense::unknown;
    }
    // "the presidential vote", "last week's general vote": a noun past its modifier. Not past a
    // plural subject ("The ministers meet Monday"), nor as a singular verb ("The union strikes
    // Monday").
    if (i > first + 1 && doc_.tokens()[i - 1].kind == TokenKind::word &&
        word(i - 1).back() != 's' && word(i).back() != 's' &&
        !doc_.tokens()[i - 1].has(Token::capitalized) && !in(i - 1, e_.function_word) &&
        own_is_unknown(i - 1, end) && (in(i - 2, e_.determiner) || possessive(word(i - 2)))) {
      return ClauseTense::unknown;
    }
    // "more open", "wide open": an adjective.
    if (i > first) {
      const std::string_view before = word(i - 1);
      if (before == "more" || before == "most" || before == "less" || before == "very" ||
          before == "so" || before == "too" || before == "wide" || before == "fully") {
        return ClauseTense::unknown;
      }
    }
    for (std::uint32_t k = i, steps = 0; k > first && steps < aux_reach; ++steps) {
      --k;
      bool p = false;
      const ClauseTense aux = own(k, end, p);
      if (aux != ClauseTense::unknown && !p) return aux;
    }
    timetable = true;
    return ClauseTense::future;
  }
  // Whether the last tense at() gave came from a verb of a timetable.
  mutable bool timetable = false;

  // "to" as the marker of an infinitive ("to buy", "to pay down"), not the preposition ("to
  // $42", "to the city", "to five", "to Washington"): a lower-case word that is no function
  // word, determiner or number follows. `text` is token i's, which the caller holds.
  bool infinitive_marker(std::uint32_t i, std::string_view text, std::uint32_t end) const {
    if (text != "to" || i + 1 >= end) return false;
    const Token& next = doc_.tokens()[i + 1];
    return next.kind == TokenKind::word && !next.has(Token::capitalized) &&
           !in(i + 1, e_.function_word) && !in(i + 1, e_.determiner) && !in(i + 1, e_.number);
  }

  // An adverb that may stand between a determiner and a participle: "still", "newly",
  // "hastily" ("a still unspecified date", "the hastily arranged talks").
  bool adverb_like(std::uint32_t i, std::uint32_t end) const {
    const Token& t = doc_.tokens()[i];
    if (t.kind != TokenKind::word || t.has(Token::capitalized) || !own_is_unknown(i, end)) {
      return false;
    }
    const std::string_view w = word(i);
    return (w.size() > 3 && w.substr(w.size() - 2) == "ly") || in(i, e_.determiner) ||
           in(i, e_.function_word);
  }

  // "'s" or a word that ends in it ("week's").
  static bool possessive(std::string_view w) {
    return w.size() >= 2 && w.substr(w.size() - 2) == "'s";
  }

  // An article or a possessive: what follows it is a noun phrase.
  bool article_like(std::uint32_t i) const {
    const std::string_view w = word(i);
    return w == "a" || w == "an" || w == "the" || w == "The" || w == "A" || w == "its" ||
           w == "their" || w == "his" || w == "her" || w == "our" || w == "my" || w == "your";
  }

  bool own_is_unknown(std::uint32_t i, std::uint32_t end) const {
    bool participle = false;
    return own(i, end, participle) == ClauseTense::unknown;
  }

  // The tense at token i, reading a participle through the auxiliary before it.
  // `after_expression`: token i follows the expression (read forward from it).
  ClauseTense at(std::uint32_t i, std::uint32_t first, std::uint32_t end, bool& skip,
                 bool after_expression = false) const {
    skip = false;
    timetable = false;
    if (in(i, e_.tense_schedule)) return schedule(i, first, end);
    bool participle = false;
    const ClauseTense t = own(i, end, participle, after_expression);
    if (!participle) return t;
    // "a first cut in September", "its rate cut": an irregular past form after an article or
    // a possessive, maybe past an ordinal or a number, is a noun, whatever follows.
    if (!regular_past(word(i), doc_.tokens()[i]) &&
        ((i > first && article_like(i - 1)) ||
         (i > first + 1 && article_like(i - 2) &&
          (in(i - 1, e_.ordinal) || doc_.tokens()[i - 1].kind == TokenKind::number)))) {
      skip = true;
      return ClauseTense::unknown;
    }
    // "the flooded towns", "a still unspecified date": an adjective. Not when a preposition,
    // a number or punctuation follows: "The shares rose in March" has its verb. Two words
    // back, only past an adverb: "the ministry said it would" has its verb.
    const bool verb_follows_shape = i + 1 < end && (doc_.tokens()[i + 1].kind != TokenKind::word ||
                                                    in(i + 1, e_.function_word));
    if (!verb_follows_shape &&
        ((i > first && in(i - 1, e_.determiner)) ||
         (i > first + 1 && in(i - 2, e_.determiner) && adverb_like(i - 1, end)))) {
      skip = true;
      return ClauseTense::unknown;
    }
    for (std::uint32_t k = i, steps = 0; k > first && steps < aux_reach; ++steps) {
      --k;
      bool p = false;
      const ClauseTense aux = own(k, end, p);
      if (aux != ClauseTense::unknown && !p) return aux;  // "will be held", "is expected"
    }
    return ClauseTense::past;
  }

 private:
  const Document& doc_;
  const std::vector<WordId>& ids_;
  const TimexEngine& e_;
  std::uint64_t tense_classes_;  // the classes own() and at() read a tense from
};

}  // namespace

ClauseTense clause_tense(const Document& doc, const std::vector<WordId>& word_ids,
                         const TimexEngine& engine, std::uint32_t sentence_first,
                         std::uint32_t sentence_end, std::uint32_t first, std::uint32_t end,
                         bool* infinitive, bool* timetable) {
  const Cues cues(doc, word_ids, engine);
  if (timetable) *timetable = false;
  bool infinitive_seen = false;
  if (infinitive) *infinitive = false;
  bool skip = false;
  // Forwards ("On Friday, the council will vote"), to the next comma after the one that may
  // close the expression's own phrase.
  auto forwards = [&] {
    for (std::uint32_t i = end, steps = 0; i < sentence_end && steps < look_ahead; ++i, ++steps) {
      const std::string_view word = token_text(doc, i);
      if (is_clause_break(word) || (word == "," && i > end) || opens_clause(word)) break;
      if (!cues.may_have_tense(i, word)) continue;
      const ClauseTense t = cues.at(i, sentence_first, sentence_end, skip, true);
      if (t != ClauseTense::unknown) {
        if (timetable) *timetable = cues.timetable;
        return t;
      }
    }
    return ClauseTense::unknown;
  };
  bool looked_forwards = false;
  // Backwards to the start of the clause. Past a word that opens a clause ("hoped she would
  // bring aid to the countries where the Aug. 7 blasts killed 257"), the expression sits in
  // that clause, whose verb follows it: that verb comes first.
  // "would weaken as it moved inland, reaching Mississippi by Monday": a participle after a
  // comma belongs to the main clause, not to the adverbial clause just before the comma.
  bool participial = false;
  for (std::uint32_t i = first, steps = 0; i > sentence_first && steps < look_back; ++steps) {
    --i;
    const std::string_view word = token_text(doc, i);
    if (is_clause_break(word)) break;
    if (word == "," && i + 1 < first && present_participle(doc, i + 1)) participial = true;
    if (!looked_forwards && opens_subordinate(word)) {
      looked_forwards = true;
      const ClauseTense t = forwards();
      if (t != ClauseTense::unknown) return t;
    }
    const ClauseTense t = cues.may_have_tense(i, word)
                              ? cues.at(i, sentence_first, sentence_end, skip)
                              : ClauseTense::unknown;
    if (t != ClauseTense::unknown && participial) {
      // Its subject within three words after "as", "after", "when"...: skip that clause.
      const std::uint32_t opener = adverbial_opener(doc, sentence_first, i);
      if (opener != i) {
        i = opener;
        participial = false;
        continue;
      }
    }
    if (t != ClauseTense::unknown) {
      if (infinitive) *infinitive = infinitive_seen;
      if (timetable) *timetable = cues.timetable;
      return t;
    }
    infinitive_seen = infinitive_seen || cues.infinitive_marker(i, word, first);
  }
  if (infinitive) *infinitive = infinitive_seen;
  if (!looked_forwards) return forwards();
  return ClauseTense::unknown;
}

Signal preceding_signal(const Document& doc, const std::vector<WordId>& word_ids,
                        const TimexEngine& engine, std::uint32_t sentence_first,
                        std::uint32_t first) {
  const Cues cues(doc, word_ids, engine);
  std::uint32_t i = first;
  // Skip "at least", "at the latest" between the preposition and the date.
  auto word = [&](std::uint32_t k) { return token_text(doc, k); };
  if (i >= sentence_first + 2 && (word(i - 1) == "least" || word(i - 1) == "most") &&
      word(i - 2) == "at") {
    i -= 2;
  }
  if (i <= sentence_first) return Signal::none;
  // Phrases ("as soon as", "no later than", "postponed until"): the words just before the
  // expression, so one of the phrases that end with the word before it (most words end none).
  // They go first: a phrase may end in a word that alone says something else ("until").
  const WordId before = word_ids[i - 1];
  if (before >= 0) {
    const auto w = static_cast<std::size_t>(before);
    const std::uint32_t end = engine.forward_phrase_start[w + 1];
    for (std::uint32_t at = engine.forward_phrase_start[w]; at < end; ++at) {
      const auto& f = engine.forward_phrases[at];
      const Phrase& phrase = engine.lexicon.phrase(f.phrase);
      const auto n = static_cast<std::uint32_t>(phrase.words.size());
      if (i < sentence_first + n) continue;
      bool same = true;
      for (std::uint32_t k = 0; k < n && same; ++k) same = word_ids[i - n + k] == phrase.words[k];
      if (same) return f.deferral ? Signal::deferral : f.start ? Signal::start : Signal::forward;
    }
  }
  if (cues.in(i - 1, engine.signal_nearest)) return Signal::nearest;
  if (before >= 0 && (before == engine.after_word || before == engine.past_word)) {
    return Signal::after;
  }
  // "postponed its Thursday session", "canceled Saturday's parade", "called off Friday's game":
  // the time of what was called off, which lay ahead when it was.
  std::uint32_t k = i - 1;
  if (k > sentence_first && cues.in(k, engine.determiner)) --k;
  if (cues.in(k, engine.cancel_verb) ||
      (k > sentence_first && word(k) == "off" &&
       (word(k - 1) == "called" || word(k - 1) == "calls" || word(k - 1) == "call"))) {
    return Signal::called_off;
  }
  if (cues.in(i - 1, engine.signal_deadline)) return Signal::deadline;
  if (cues.in(i - 1, engine.signal_backward)) return Signal::backward;
  return Signal::none;
}

}  // namespace chronicle::detail
