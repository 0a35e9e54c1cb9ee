#include "analysis.hpp"

#include "../swar.hpp"
#include "features.hpp"
#include "word_cache.hpp"

#include <algorithm>
#include <cstring>

namespace chronicle::detail::event {

namespace {

constexpr std::string_view tag_names[] = {"PUNCT", "NUM",  "DET", "PRON", "POSS", "PREP", "PART",
                                          "TO",    "CONJ", "SUB", "WH",   "MD",   "WILL", "BE",
                                          "HAVE",  "DO",   "NEG", "ADV",  "NUMW", "EX",   "NOUN",
                                          "PROPN", "ADJ",  "VB",  "VBZ",  "VBD",  "VBN",  "VBG"};
static_assert(std::size(tag_names) == static_cast<std::size_t>(Tag::count));

Tag tag_of(Func f) {
  switch (f) {
    case Func::det:
      return Tag::det;
    case Func::pron:
      return Tag::pron;
    case Func::poss:
      return Tag::poss;
    case Func::prep:
      return Tag::prep;
    case Func::part:
      return Tag::part;
    case Func::to:
      return Tag::to;
    case Func::conj:
      return Tag::conj;
    case Func::sub:
      return Tag::sub;
    case Func::wh:
      return Tag::wh;
    case Func::md:
      return Tag::md;
    case Func::will:
      return Tag::will;
    case Func::be:
      return Tag::be;
    case Func::have:
      return Tag::have;
    case Func::do_:
      return Tag::do_;
    case Func::neg:
      return Tag::neg;
    case Func::adv:
      return Tag::adv;
    case Func::numw:
      return Tag::numw;
    case Func::ex:
      return Tag::ex;
    case Func::none:
      break;
  }
  return Tag::noun;
}

// ASCII lower-casing of in[0..n) into out, 8 bytes a step: a byte of 'A'..'Z' gets its 0x20
// bit; bytes of 0x80 and above (UTF-8) are left alone.
void ascii_lower(const char* in, std::size_t n, char* out) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x;
    std::memcpy(&x, in + i, 8);
    x = swar::to_lower(x);
    std::memcpy(out + i, &x, 8);
  }
  for (; i < n; ++i) {
    const unsigned c = static_cast<unsigned char>(in[i]);
    out[i] = static_cast<char>(c | (static_cast<unsigned>(c - 'A' < 26u) << 5u));
  }
}

// Does w, a view into the padded lower-case text, contain a '.' ("U.S.", "p.m.")? 8 bytes a
// step; past w's end the padding's bytes are masked off.
bool has_dot(std::string_view w) {
  const std::size_t n = w.size();
  for (std::size_t k = 0; k < n; k += 8) {
    std::uint64_t zero = swar::has_byte(le::load64(w.data() + k), '.');
    if (n - k < 8) zero &= low_bytes_mask(n - k);
    if (zero != 0) return true;
  }
  return false;
}

void set_suffix_hashes(Unit& u, const SuffixHashes& h) {
  u.suffix3_hash = h.three;
  u.suffix4_hash = h.four;
}

bool ends_with(std::string_view w, std::string_view s) {
  return w.size() > s.size() && w.substr(w.size() - s.size()) == s;
}

unsigned freq(std::uint32_t info, unsigned shift) {
  return wn::field(info, shift, wn::freq_bits);
}

// Open-class candidates of a word without WordNet entries, from its ending.
void guess_unknown(Unit& u) {
  const std::string_view w = u.head;
  WordAnalysis& a = u.word;
  if (ends_with(w, "ly")) return;  // an adverb: no reading, tagged below
  if (ends_with(w, "ing")) {
    a.form = Form::ing;
    a.verb_lemma = w.substr(0, w.size() - 3);
  } else if (ends_with(w, "ed")) {
    a.form = Form::ed;
    a.verb_lemma = w.substr(0, w.size() - 2);
  } else if (ends_with(w, "ize") || ends_with(w, "ise") || ends_with(w, "ify") ||
             ends_with(w, "ate")) {
    a.form = Form::base;
    a.verb_lemma = w;
    a.is_noun = ends_with(w, "ate");
  } else if (ends_with(w, "ous") || ends_with(w, "ive") || ends_with(w, "ful") ||
             ends_with(w, "able") || ends_with(w, "ible") || ends_with(w, "ic") ||
             ends_with(w, "al") || ends_with(w, "ian") || ends_with(w, "ish")) {
    a.is_adj = true;
  } else {
    a.is_noun = true;
    a.plural = ends_with(w, "s") && !ends_with(w, "ss");
    a.noun_lemma = a.plural ? w.substr(0, w.size() - 1) : w;
  }
}

bool finite_aux(std::string_view w) {
  return w == "is" || w == "are" || w == "am" || w == "was" || w == "were" || w == "has" ||
         w == "have" || w == "had" || w == "do" || w == "does" || w == "did" || w == "'s" ||
         w == "'re" || w == "'ve" || w == "'m";
}

bool relative_that(const Unit* u) {
  return u && (u->lower == "that" || u->lower == "which" || u->lower == "who");
}

// Verbs whose past is their base form: after a singular subject they are past tense.
bool invariant_past(std::string_view w) {
  return w == "put" || w == "set" || w == "cut" || w == "hit" || w == "let" || w == "quit" ||
         w == "shut" || w == "spread" || w == "cost" || w == "hurt" || w == "burst" ||
         w == "cast" || w == "broadcast" || w == "bet" || w == "bid" || w == "upset" ||
         w == "split" || w == "shed" || w == "thrust" || w == "forecast" || w == "beat" ||
         w == "undercut" || w == "offset" || w == "reset";
}

// Past participles spelled as the base form.
bool participle_as_base(std::string_view w) {
  return invariant_past(w) || w == "overrun" || w == "run" || w == "come" || w == "become" ||
         w == "overcome" || w == "outrun";
}

// "it", "he", "she": a singular subject, after which a verb like "cut" is past.
bool singular_subject_pronoun(const Unit* u) {
  return u && (u->lower == "it" || u->lower == "he" || u->lower == "she");
}

// "full-year", "first-quarter", "long-term": a lower-case compound that modifies the noun
// after it rather than heading a subject.
bool hyphenated_modifier(const Unit* u) {
  return u && !u->has(Unit::capitalized) && u->lower.find('-') != std::string_view::npos;
}

// Verbs after which a participle describes a state: "remained shut", "stayed put".
bool linking_verb(std::string_view w) {
  return w == "remain" || w == "remains" || w == "remained" || w == "remaining" || w == "stay" ||
         w == "stays" || w == "stayed" || w == "staying" || w == "seem" || w == "seems" ||
         w == "seemed" || w == "become" || w == "becomes" || w == "became" || w == "get" ||
         w == "gets" || w == "got";
}

bool object_pronoun(std::string_view w) {
  return w == "him" || w == "them" || w == "us" || w == "me" || w == "himself" || w == "herself" ||
         w == "themselves" || w == "itself";
}

}  // namespace

// A tag for a unit not tagged yet (the next one), from its kind and category alone.
Tag Unit::tag_hint() const {
  if (kind == TokenKind::punct) return Tag::punct;
  if (kind == TokenKind::number) return Tag::num;
  if (func != Func::none) return tag_of(func);
  if ((flags & capitalized) != 0 && (flags & sentence_start) == 0) return Tag::propn;
  return Tag::noun;
}

std::string_view tag_name(Tag t) {
  return tag_names[static_cast<std::size_t>(t)];
}

void Analysis::start(const Document& doc, const std::vector<Timex>* timexes, bool skip_paragraphs) {
  doc_ = &doc;
  timexes_ = timexes;
  skip_paragraphs_ = skip_paragraphs;
  next_sentence_ = 0;
  next_timex_ = 0;
  const std::string& text = doc.text();
  // The padding lets hashes and compares of the units' views load 8 bytes at a time.
  lower_.resize(text.size() + lower_padding);
  ascii_lower(text.data(), text.size(), lower_.data());
}

bool Analysis::build_next() {
  // Runs of some thousand words: the units of one stay in a few hundred KB.
  constexpr std::size_t run_tokens = 4096;
  const auto& sentences = doc_->sentences();
  if (next_sentence_ >= sentences.size()) return false;
  const std::size_t first = next_sentence_;
  // The sentences that start within run_tokens of this one's start (at least this one): a
  // search, not a walk (a news story is one run).
  const std::size_t limit = sentences[first].first_token + run_tokens;
  if (sentences.back().first_token < limit) {
    next_sentence_ = sentences.size();
  } else {
    const auto end = std::partition_point(
        sentences.begin() + static_cast<std::ptrdiff_t>(first + 1), sentences.end(),
        [limit](const Sentence& x) { return x.first_token < limit; });
    next_sentence_ = static_cast<std::size_t>(end - sentences.begin());
  }
  build_sentences(first, next_sentence_);
  return true;
}

void Analysis::build_sentences(std::size_t first_sentence, std::size_t end_sentence) {
  const Document& doc = *doc_;
  const std::vector<Timex>* const timexes = timexes_;
  const bool skip_paragraphs = skip_paragraphs_;
  const std::string& text = doc.text();
  const std::string_view lower(lower_.data(), text.size());
  const auto& tokens = doc.tokens();
  const auto& sentences = doc.sentences();
  const auto& paragraphs = doc.paragraphs();
  units_.clear();
  sentence_first_.clear();
  if (first_sentence < end_sentence) {
    units_.reserve(sentences[end_sentence - 1].end_token - sentences[first_sentence].first_token);
    sentence_first_.reserve(end_sentence - first_sentence + 1);
  }

  std::size_t next_timex = next_timex_;
  WordCache& words = WordCache::local();
  for (auto s = static_cast<std::uint32_t>(first_sentence); s < end_sentence; ++s) {
    const Sentence& sent = sentences[s];
    sentence_first_.push_back(static_cast<std::uint32_t>(units_.size()));
    const ParagraphRole role =
        paragraphs.empty() ? ParagraphRole::body : paragraphs[sent.paragraph].role;
    const bool skipped =
        skip_paragraphs && (role == ParagraphRole::repeat || role == ParagraphRole::boilerplate);
    // The flags every unit of the sentence shares.
    const std::uint8_t sentence_flags = static_cast<std::uint8_t>(
        (skipped ? Unit::skipped : 0) | (role == ParagraphRole::headline ? Unit::headline : 0));
    bool seen_word = false;
    for (std::uint32_t t = sent.first_token; t < sent.end_token; ++t) {
      const Token& tok = tokens[t];
      Unit& u = units_.emplace_back();
      // Fields are worked out in locals and stored once: the unit's stores could alias what
      // the loop reads, which would be loaded again after each one.
      std::uint32_t end = tok.end;
      TokenKind kind = tok.kind;
      std::uint8_t flags = sentence_flags;
      if (tok.has(Token::capitalized)) flags |= Unit::capitalized;
      if (tok.has(Token::all_caps)) flags |= Unit::all_caps;
      // Join hyphenated pieces: word-word, word-number, number-word ("F-16", "30-year").
      std::uint32_t last = t;
      while (last + 2 < sent.end_token && tokens[last + 1].has(Token::glued) &&
             tokens[last + 2].has(Token::glued) && tokens[last + 1].size() == 1 &&
             text[tokens[last + 1].begin] == '-' && tokens[last + 2].kind != TokenKind::punct &&
             (tokens[last].kind == TokenKind::word || tokens[last + 2].kind == TokenKind::word)) {
        last += 2;
      }
      if (last != t) {
        end = tokens[last].end;
        kind = TokenKind::word;
        flags |= Unit::compound;
      }
      // Tokens lie inside the text: no bounds check (substr's throw path costs registers).
      const std::string_view word(lower.data() + tok.begin, end - tok.begin);
      u.begin = tok.begin;
      u.end = end;
      u.sentence = s;
      u.kind = kind;
      u.lower = word;
      u.head = word;
      if (kind == TokenKind::word) {
        if (!seen_word) flags |= Unit::sentence_start;
        seen_word = true;
        if (last != t) {
          // The whole compound when WordNet has it ("cease-fire"), else its last piece.
          if (wordnet_info(word) == 0) {
            u.head = lower.substr(tokens[last].begin, tokens[last].end - tokens[last].begin);
          }
          Func f = Func::none;
          analyze_cached(u.head, u.word, f);
          if (f != Func::none) u.word = analyze(u.head);
          set_suffix_hashes(u, suffix_hashes(u.head));
        } else if (word.size() <= WordCache::max_word) {
          u.word_hash = quick_hash_padded(word.data(), word.size());
          set_suffix_hashes(u, words.get<true>(word, u.word_hash, u.word, u.func));
        } else {
          analyze_cached(word, u.word, u.func, &u.word_hash);
          set_suffix_hashes(u, suffix_hashes(word));
        }
      }
      if (timexes) {
        while (next_timex < timexes->size() && (*timexes)[next_timex].span.end <= tok.begin) {
          ++next_timex;
        }
        if (next_timex < timexes->size() && (*timexes)[next_timex].span.begin < end) {
          flags |= Unit::in_timex;
        }
      }
      u.flags = flags;
      t = last;
    }
  }
  sentence_first_.push_back(static_cast<std::uint32_t>(units_.size()));
  next_timex_ = next_timex;
  for (std::size_t s = 0; s + 1 < sentence_first_.size(); ++s) {
    tag_sentence(sentence_first_[s], sentence_first_[s + 1]);
  }
}

namespace {

// What the features combine, computed once per unit as soon as it is tagged (while it is
// still in cache: no second pass over the units). Always inline: tag_sentence calls it from
// each of its paths for words, and out of line it costs a call per word and the loop's state
// spilled around it.
[[gnu::always_inline]] inline void finish_unit(Unit& u) {
  if (u.kind != TokenKind::word || u.has(Unit::compound)) {
    u.word_hash = quick_hash_padded(u.lower.data(), u.lower.size());
  }
  u.is_candidate = candidate(u);
  if (!u.is_candidate) return;
  const std::string_view lemma = u.lemma();
  // Most lemmas are the word itself (the same view): equal text, equal hash and hints,
  // without comparing or looking up again. Other lemmas equal to the word hash the same.
  const bool lemma_is_word = lemma.data() == u.lower.data() && lemma.size() == u.lower.size();
  u.lemma_hash = lemma_is_word ? u.word_hash : quick_hash(lemma);
  if (u.has(Unit::compound) || (u.word.form == Form::none && !u.word.is_noun)) {
    const std::uint8_t word_hints = class_hints(u.lower);
    u.hints = static_cast<std::uint8_t>(word_hints | (lemma_is_word ? 0 : class_hints(lemma)));
  } else {
    // An analyzed word (not a compound): hints_self is class_hints(u.lower).
    const std::uint8_t by_tag = is_verb_tag(u.tag)   ? u.word.hints_verb
                                : u.tag == Tag::noun ? u.word.hints_noun
                                : lemma_is_word      ? 0
                                                     : class_hints(lemma);
    u.hints = static_cast<std::uint8_t>(by_tag | u.word.hints_self);
  }
}

}  // namespace

// A left-to-right rule tagger: closed-class words by their list, open-class words by what
// WordNet allows and the tags before them.
void Analysis::tag_sentence(std::uint32_t first, std::uint32_t end) {
  Tag prev = Tag::punct, core = Tag::punct;  // core: the previous tag past adverbs and negation
  Tag last_verb = Tag::punct;                // the last verb tag in the sentence
  bool clause_finite = false;                // a finite verb seen in the current clause
  bool saved_finite = false, in_relative = false;
  bool prev_plural = false;
  const Unit* prev_unit = nullptr;
  // A local pointer: the byte-sized stores to units below could alias units_ itself, which
  // would reload it at every step.
  Unit* const units = units_.data();
  // Is there a finite auxiliary ahead, before the clause ends?
  auto finite_ahead = [&](std::uint32_t from, std::uint32_t to) {
    for (std::uint32_t k = from; k < to && k < from + 12; ++k) {
      const Unit& v = units[k];
      if (v.kind == TokenKind::punct || v.func == Func::sub || v.func == Func::wh ||
          v.func == Func::conj) {
        return false;
      }
      if (v.func == Func::md || v.func == Func::will ||
          ((v.func == Func::be || v.func == Func::have || v.func == Func::do_) &&
           finite_aux(v.lower))) {
        return true;
      }
    }
    return false;
  };
  for (std::uint32_t i = first; i < end; ++i) {
    Unit& u = units[i];
    if (u.kind != TokenKind::word) {
      // Punctuation and numbers take their tag from their kind, and of the steps after the
      // tag below only these apply to them (a path of its own: no rule's state to carry).
      const Tag t = u.kind == TokenKind::punct ? Tag::punct : Tag::num;
      u.tag = t;
      if (in_relative && t == Tag::punct && u.lower == ",") {
        clause_finite = saved_finite;
        in_relative = false;
      }
      prev = t;
      prev_unit = &u;
      prev_plural = false;
      core = t;
      if (t == Tag::punct) last_verb = Tag::punct;
      u.word_hash = quick_hash_padded(u.lower.data(), u.lower.size());
      u.is_candidate = false;  // not a word
      continue;
    }
    const Unit* next = i + 1 < end ? &units[i + 1] : nullptr;
    Tag t = Tag::noun;
    if (u.func != Func::none) {
      t = tag_of(u.func);
      if (u.lower == "'s" || u.lower == "\xE2\x80\x99s") {
        // "it's" is "it is"; "Britain's" is a possessive unless a verb form follows.
        // "Slepian's shooting" is a possessive: an -ing word that can be a noun.
        // ... and so is "the company's preferred stock".
        const Unit* after = i + 2 < end ? &units[i + 2] : nullptr;
        const bool noun_after = after && after->kind == TokenKind::word &&
                                after->func == Func::none &&
                                (after->word.is_noun || after->has(Unit::capitalized));
        const bool verbal_next = next && ((next->word.form == Form::ing && !next->word.is_noun) ||
                                          (next->word.form == Form::ed && !noun_after) ||
                                          next->func == Func::neg || next->func == Func::det);
        t = (prev == Tag::pron || prev == Tag::ex || prev == Tag::wh || verbal_next) ? Tag::be
                                                                                     : Tag::poss;
      } else if (u.lower == "'d") {
        t = next && next->word.form == Form::ed ? Tag::have : Tag::md;
      } else if (u.lower == "her") {
        const bool np_next = next && next->kind == TokenKind::word &&
                             (next->func == Func::none || next->func == Func::numw);
        t = np_next ? Tag::poss : Tag::pron;
      } else if (u.func == Func::part && is_verb_tag(core) && core == prev) {
        t = Tag::part;
      } else if (u.func == Func::part) {
        t = Tag::prep;
      }
      // The steps after the tag below, as they apply to a function word (its tag is none of
      // punct, noun or the verb tags; it is neither "going" nor a compound): a path of its own.
      u.tag = t;
      if (t == Tag::md || t == Tag::will ||
          ((t == Tag::be || t == Tag::have || t == Tag::do_) && finite_aux(u.lower))) {
        clause_finite = true;
      }
      if ((t == Tag::wh || t == Tag::sub) && prev_unit && prev_unit->lower == ",") {
        saved_finite = clause_finite;
        in_relative = true;
      }
      if (t == Tag::sub || t == Tag::wh) clause_finite = false;
      prev = t;
      prev_unit = &u;
      prev_plural = false;
      if (t != Tag::adv && t != Tag::neg) core = t;
      if (t == Tag::sub || t == Tag::wh) last_verb = Tag::punct;
      finish_unit(u);
      continue;
    } else if (u.has(Unit::compound) && u.head == u.lower && u.word.self == 0) {
      t = Tag::adj;
    } else if (u.lower == "compared" && next && (next->lower == "with" || next->lower == "to") &&
               core != Tag::be && core != Tag::have && core != Tag::wh) {
      // "up 5%, compared with 4% a year ago": a complex preposition (as "including" is one),
      // not a verb; but "was compared with", "which compared with" are verbs.
      t = Tag::prep;
    } else {
      WordAnalysis& a = u.word;
      // The analysis is of the whole word unless a compound is analyzed by its last piece.
      const bool dotted = u.head.size() == u.lower.size() ? a.dotted : has_dot(u.lower);
      const bool capital = u.has(Unit::capitalized) || dotted;
      const bool known = a.self != 0 || a.form != Form::none || a.is_noun;
      if (capital && (!u.has(Unit::sentence_start) || !known)) {
        // A proper name: of the steps after the tag below, these apply (a path of its own).
        u.tag = Tag::propn;
        if (next && next->func == Func::to && u.lower == "going") u.flags |= Unit::auxiliary;
        prev = core = Tag::propn;
        prev_unit = &u;
        prev_plural = false;
        finish_unit(u);
        continue;
      } else {
        if (!known) {
          guess_unknown(u);
          a.lex = lex_bits(a);  // the guess changed the reading
        }
        const bool V = a.form != Form::none, N = a.is_noun, J = a.is_adj;
        // The frequencies are read where a rule weighs them (most words never get there).
        const auto nf = [&a] { return freq(a.noun, wn::noun_freq_shift); };
        const auto vf = [&a] { return freq(a.verb, wn::verb_freq_shift); };
        const auto jf = [&a] { return freq(a.self, wn::adj_freq_shift); };
        const bool det_before = prev == Tag::det || prev == Tag::poss || prev == Tag::adj ||
                                prev == Tag::num || prev == Tag::numw ||
                                (prev == Tag::punct && prev_unit && prev_unit->lower == "%");
        const bool next_nominal = next && next->kind == TokenKind::word &&
                                  next->func == Func::none &&
                                  (next->word.is_noun || next->has(Unit::capitalized));
        if (V && a.form == Form::ing) {
          const bool noun_compound =
              N && (prev == Tag::noun || prev == Tag::propn) && i >= first + 2 &&
              (units[i - 2].tag == Tag::det || units[i - 2].tag == Tag::poss ||
               units[i - 2].tag == Tag::adj);
          if (core == Tag::be)
            t = Tag::vbg;
          else if (det_before)
            t = next_nominal && J ? Tag::adj : N ? Tag::noun : Tag::adj;
          else if (noun_compound)
            t = Tag::noun;  // "the Kenya bombing"
          else
            t = Tag::vbg;
        } else if (V && a.form == Form::ed) {
          const Tag nt = next ? next->tag_hint() : Tag::punct;
          const bool object_next = nt == Tag::det || nt == Tag::poss || nt == Tag::num ||
                                   nt == Tag::numw || nt == Tag::propn ||
                                   (next && object_pronoun(next->lower));
          if (core == Tag::be || core == Tag::have) {
            t = Tag::vbn;
          } else if (det_before && next_nominal) {
            t = Tag::adj;  // "the wounded man"
          } else if (det_before && prev == Tag::det) {
            t = Tag::vbn;  // "those killed"
          } else if (next && next->lower == "by") {
            t = Tag::vbn;
          } else if (object_next) {
            t = Tag::vbd;  // "killed 257 people", "said the ambassador"
          } else if (core == Tag::conj) {
            t = last_verb == Tag::vbn ? Tag::vbn : Tag::vbd;
          } else if (is_nominal_tag(core) || core == Tag::ex) {
            // "a hair found near the home ... may yield": followed by a preposition, with a
            // finite verb later in the clause, it is a reduced relative.
            t = !clause_finite && nt == Tag::prep && finite_ahead(i + 1, end) ? Tag::vbn : Tag::vbd;
          } else if (core == Tag::wh || (core == Tag::sub && relative_that(prev_unit))) {
            t = Tag::vbd;  // "the bomb that exploded"
          } else if (core == Tag::punct && u.has(Unit::sentence_start)) {
            t = Tag::vbn;
          } else if (core == Tag::punct) {
            t = clause_finite ? Tag::vbn : Tag::vbd;
          } else if (core == Tag::prep || core == Tag::sub) {
            t = Tag::vbn;
          } else {
            t = Tag::vbd;
          }
        } else if (V && a.form == Form::s) {
          if (!N)
            t = Tag::vbz;
          else if (det_before || core == Tag::prep || core == Tag::to)
            t = Tag::noun;
          else if (core == Tag::pron || core == Tag::wh)
            t = Tag::vbz;
          else if (core == Tag::conj && last_verb == Tag::vbz)
            t = Tag::vbz;
          else if (core == Tag::noun || core == Tag::propn) {
            // "the embassy attacks at ...": a plural before a preposition or the end is a noun.
            const Tag nt = next ? next->tag_hint() : Tag::punct;
            // ... and so is one followed by a verb form ("terrorist blasts killed").
            const bool verb_next = next && next->func == Func::none &&
                                   (next->word.form == Form::ed || next->word.form == Form::s) &&
                                   !next->has(Unit::capitalized);
            t = nf() > vf() + 1 || nt == Tag::prep || nt == Tag::punct || verb_next ? Tag::noun
                                                                                    : Tag::vbz;
          } else
            t = nf() >= vf() ? Tag::noun : Tag::vbz;
        } else if (V && a.form == Form::base) {
          if (core == Tag::to || core == Tag::md || core == Tag::will || core == Tag::do_) {
            t = Tag::vb;
          } else if ((core == Tag::be || core == Tag::have) && participle_as_base(u.lower)) {
            t = Tag::vbn;  // "was set afire", "was overrun", "has come"
          } else if (prev_unit && linking_verb(prev_unit->lower) && participle_as_base(u.lower)) {
            t = Tag::vbn;  // "remained shut", "stayed put"
          } else if (core == Tag::noun && prev_plural && (!N || nf() <= vf() + 1)) {
            t = Tag::vb;  // "world leaders watch"
          } else if (((core == Tag::propn ||
                       (core == Tag::noun && !prev_plural && !hyphenated_modifier(prev_unit)) ||
                       (core == Tag::pron && singular_subject_pronoun(prev_unit))) ||
                      (core == Tag::conj && last_verb == Tag::vbd)) &&
                     invariant_past(u.lower)) {
            // "The FBI put ...", "it cut": a singular subject rules out the present. Not after
            // a hyphenated modifier: "its full-year forecast" is a noun phrase.
            t = Tag::vbd;
          } else if (det_before || core == Tag::prep) {
            t = N ? Tag::noun : J ? Tag::adj : Tag::vb;
          } else if (core == Tag::pron || core == Tag::wh) {
            t = Tag::vb;
          } else if (N && (core == Tag::noun || core == Tag::propn || core == Tag::punct)) {
            t = nf() + 1 >= vf() ? Tag::noun : Tag::vb;
          } else if (J && jf() >= vf() && jf() >= nf()) {
            t = Tag::adj;
          } else {
            t = N && nf() >= vf() ? Tag::noun : Tag::vb;
          }
        } else if (N && J) {
          // An adjective before a noun or after a copula; otherwise the head of its phrase.
          t = (next_nominal && jf() + 1 >= nf()) || core == Tag::be ? Tag::adj : Tag::noun;
        } else if (N) {
          t = Tag::noun;
        } else if (J) {
          t = Tag::adj;
        } else if ((a.self & wn::adv) != 0 || ends_with(u.lower, "ly")) {
          t = Tag::adv;
        } else {
          t = Tag::noun;
        }
        if (J && t == Tag::noun && det_before && next_nominal && !a.plural) t = Tag::adj;
      }
    }
    // Punctuation, numbers, function words and proper names took their own paths above: a
    // step added here that applies to them belongs there too.
    u.tag = t;
    // "going to" + verb is a future, not an event of going.
    if (next && next->func == Func::to && u.lower == "going") u.flags |= Unit::auxiliary;
    if (t == Tag::vbd || t == Tag::vbz || t == Tag::md || t == Tag::will ||
        ((t == Tag::be || t == Tag::have || t == Tag::do_) && finite_aux(u.lower)) ||
        (t == Tag::vb && core != Tag::to && core != Tag::md && core != Tag::will &&
         core != Tag::do_)) {
      clause_finite = true;
    }
    // A relative clause set off by commas (", who was hospitalized,") does not count for
    // the clause around it.
    if ((t == Tag::wh || t == Tag::sub) && prev_unit && prev_unit->lower == ",") {
      saved_finite = clause_finite;
      in_relative = true;
    }
    if (t == Tag::sub || t == Tag::wh) clause_finite = false;
    if (in_relative && t == Tag::punct && u.lower == ",") {
      clause_finite = saved_finite;
      in_relative = false;
    }
    prev = t;
    prev_unit = &u;
    prev_plural = t == Tag::noun && u.word.plural;
    if (t != Tag::adv && t != Tag::neg) core = t;
    if (is_verb_tag(t)) last_verb = t;
    if (t == Tag::punct || t == Tag::sub || t == Tag::wh) last_verb = Tag::punct;
    finish_unit(u);
  }
}

}  // namespace chronicle::detail::event
