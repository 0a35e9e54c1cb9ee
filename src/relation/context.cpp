#include "context.hpp"

#include <algorithm>
#include <stdexcept>

#include "../embedded_data.hpp"
#include "../event/lexicon.hpp"

namespace chronicle::detail {
extern const EmbeddedFile relation_data_files[];
extern const std::size_t relation_data_file_count;
}  // namespace chronicle::detail

namespace chronicle::detail::relation {

namespace {

std::string_view data_file(std::string_view name) {
  for (std::size_t i = 0; i < relation_data_file_count; ++i) {
    if (relation_data_files[i].name == name) return relation_data_files[i].text;
  }
  throw std::logic_error("chronicle: the relation data file " + std::string(name) +
                         " is not embedded");
}

struct ListName {
  std::string_view name;
  std::uint32_t bit;
};
constexpr ListName list_names[] = {
    {"time_inside", time_inside},
    {"time_since", time_since},
    {"time_until", time_until},
    {"time_before", time_before},
    {"time_after", time_after},
    {"time_skip", time_skip},
    {"conn_after", conn_after},
    {"conn_before", conn_before},
    {"conn_since", conn_since},
    {"conn_until", conn_until},
    {"conn_during", conn_during},
    {"conn_overlap", conn_overlap},
    {"conn_when", conn_when},
    {"conn_then", conn_then},
    {"narrative_next", narrative_next},
    {"reporting", reporting},
    {"request", request},
    {"aspect_begin", aspect_begin},
    {"aspect_end", aspect_end},
    {"aspect_continue", aspect_continue},
    {"reaction", reaction},
    {"cause_preposition", cause_preposition},
    {"non_future", non_future},
    {"relative", relative},
    {"subject_skip", subject_skip},
    {"as_blockers", as_blockers},
    {"deferral", deferral},
    {"schedule", schedule},
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

Cues::Cues() {
  // "name: word word ..." lines; an indented line continues the list above it.
  const std::string_view text = data_file("cues.lex");
  std::uint32_t bit = 0;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (const auto hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    const bool continued = !line.empty() && is_space(line[0]);
    if (!continued) {
      const auto colon = line.find(':');
      if (colon == std::string_view::npos) {
        if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
          throw std::logic_error("cues.lex:" + std::to_string(line_no) + ": expected 'name:'");
        }
        continue;
      }
      const std::string_view name = line.substr(0, colon);
      bit = 0;
      for (const auto& l : list_names) {
        if (l.name == name) bit = l.bit;
      }
      if (bit == 0) {
        throw std::logic_error("cues.lex:" + std::to_string(line_no) + ": unknown list '" +
                               std::string(name) + "'");
      }
      line = line.substr(colon + 1);
    }
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && is_space(line[i])) ++i;
      std::size_t j = i;
      while (j < line.size() && !is_space(line[j])) ++j;
      if (j > i) {
        const std::string_view word = line.substr(i, j - i);
        if (word.find('_') == std::string_view::npos) {
          words_[word] |= bit;
        } else {
          Phrase p;
          p.bits = bit;
          std::size_t a = 0;
          while (a <= word.size()) {
            std::size_t b = word.find('_', a);
            if (b == std::string_view::npos) b = word.size();
            p.words.push_back(word.substr(a, b - a));
            a = b + 1;
          }
          phrases_[p.words[0]].push_back(std::move(p));
        }
      }
      i = j;
    }
  }
  index();
}

void Cues::index() {
  std::size_t cap = 16;
  while (cap < 4 * (words_.size() + phrases_.size())) cap *= 2;
  table_.assign(cap, Entry{});
  auto entry = [&](std::string_view w) -> Entry& {
    if (w.empty()) throw std::logic_error("cues.lex: an empty cue word");  // marks free slots
    filter_.add(w);
    for (std::size_t i = slot(w) & (cap - 1);; i = (i + 1) & (cap - 1)) {
      if (table_[i].word.empty()) table_[i].word = w;
      if (table_[i].word == w) return table_[i];
    }
  };
  for (const auto& [word, bits] : words_) entry(word).bits = bits;
  for (const auto& [word, phrases] : phrases_) entry(word).phrases = &phrases;
}

const Cues& Cues::get() {
  static const Cues cues;
  return cues;
}

std::uint32_t Cues::of(std::string_view lower) const {
  if (lower.empty() || lower.size() > 24) return 0;
  const Entry* e = find(lower);
  return e != nullptr ? e->bits : 0;
}

const std::vector<Cues::Phrase>* Cues::phrases_from(std::string_view first) const {
  const Entry* e = find(first);
  return e != nullptr ? e->phrases : nullptr;
}

std::pair<std::uint32_t, std::size_t> Cues::phrase(const std::string_view* words,
                                                   std::size_t n) const {
  if (n == 0) return {0, 0};
  const std::vector<Phrase>* phrases = phrases_from(words[0]);
  return phrases != nullptr ? longest(*phrases, words, n) : std::pair<std::uint32_t, std::size_t>{};
}

std::pair<std::uint32_t, std::size_t> Cues::longest(const std::vector<Phrase>& phrases,
                                                    const std::string_view* words, std::size_t n) {
  std::pair<std::uint32_t, std::size_t> best{0, 0};
  for (const Phrase& p : phrases) {
    if (p.words.size() > n || p.words.size() <= best.second) continue;
    bool match = true;
    for (std::size_t k = 1; k < p.words.size() && match; ++k) match = words[k] == p.words[k];
    if (match) best = {p.bits, p.words.size()};
  }
  return best;
}

bool Context::is_punct(std::uint32_t t) const {
  return doc_->tokens()[t].kind == TokenKind::punct;
}

std::pair<std::uint32_t, std::size_t> Context::cue_at(std::uint32_t t, std::uint32_t end) const {
  const std::size_t n = std::min<std::size_t>(4, end - t);
  if (n > 0 && phrases_[t] != nullptr) {
    const auto p = Cues::longest(*phrases_[t], &words_[t], n);
    if (p.second > 0) return p;
  }
  return {cue_bits_[t], cue_bits_[t] != 0 ? 1 : 0};
}

std::uint32_t Context::token_of(std::size_t offset) const {
  const auto& tokens = doc_->tokens();
  auto it = std::upper_bound(tokens.begin(), tokens.end(), offset,
                             [](std::size_t o, const Token& t) { return o < t.begin; });
  if (it == tokens.begin()) return 0;
  return static_cast<std::uint32_t>(it - tokens.begin() - 1);
}

std::uint32_t Context::token_from(std::size_t offset, std::uint32_t hint) const {
  // Items come mostly in text order: gallop forward from the last answer, keeping
  // tokens[lo].begin <= offset and tokens[hi].begin > offset (or hi past the end).
  const auto& tokens = doc_->tokens();
  const std::size_t n = tokens.size();
  if (hint >= n || tokens[hint].begin > offset) return token_of(offset);
  std::size_t lo = hint, hi = hint + 1;
  for (std::size_t step = 1; hi < n && tokens[hi].begin <= offset; step *= 2) {
    lo = hi;
    hi = lo + step;
  }
  hi = std::min(hi, n);
  const auto it = std::upper_bound(tokens.begin() + static_cast<std::ptrdiff_t>(lo) + 1,
                                   tokens.begin() + static_cast<std::ptrdiff_t>(hi), offset,
                                   [](std::size_t o, const Token& t) { return o < t.begin; });
  return static_cast<std::uint32_t>(it - tokens.begin() - 1);
}

std::string_view Context::id(const Item& item) const {
  return item.kind == Item::Kind::event ? std::string_view((*events_)[item.index].instance_id)
                                        : std::string_view((*timexes_)[item.index].id);
}

std::string_view Context::dct_id() const {
  return dct_->has_value() ? std::string_view((*dct_)->id) : std::string_view();
}

void Context::build(const Document& doc, const std::vector<Timex>& timexes,
                    const std::optional<Timex>& dct, const std::vector<Event>& events) {
  doc_ = &doc;
  timexes_ = &timexes;
  events_ = &events;
  dct_ = &dct;
  const Cues& cues = Cues::get();
  const auto& tokens = doc.tokens();
  const std::string& text = doc.text();

  lower_.resize(text.size());
  std::transform(text.begin(), text.end(), lower_.begin(), lower_ascii);
  const std::string_view lower(lower_);
  words_.resize(tokens.size());
  cue_bits_.resize(tokens.size());
  phrases_.resize(tokens.size());
  quoted_.assign(tokens.size(), 0);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    words_[i] = lower.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    const std::string_view w = words_[i];
    const Cues::Entry* e = cues.find(w);  // cues.of(w) and cues.phrases_from(w) in one search
    cue_bits_[i] = e != nullptr && tokens[i].kind == TokenKind::word ? e->bits : 0;
    phrases_[i] = e != nullptr ? e->phrases : nullptr;
  }

  // Quotation marks: straight quotes toggle, curly ones open and close; a paragraph starts
  // outside quotes. The marks themselves count as outside.
  const auto& sentences = doc.sentences();
  std::vector<std::uint32_t> token_paragraph(tokens.size(), 0);
  for (const Paragraph& p : doc.paragraphs()) {
    bool inside = false;
    for (std::uint32_t s = p.first_sentence; s < p.end_sentence && s < sentences.size(); ++s) {
      for (std::uint32_t t = sentences[s].first_token; t < sentences[s].end_token; ++t) {
        token_paragraph[t] = static_cast<std::uint32_t>(&p - doc.paragraphs().data());
        const std::string_view w = words_[t];
        if (w == "\"" || w == "``" || w == "''") {
          inside = w == "``" ? true : w == "''" ? false : !inside;
        } else if (w == "\xE2\x80\x9C") {
          inside = true;
        } else if (w == "\xE2\x80\x9D") {
          inside = false;
        } else {
          quoted_[t] = inside ? 1 : 0;
        }
      }
    }
  }

  // Items in text order: events at their head token, times over their span.
  items_.clear();
  items_.reserve(events.size() + timexes.size());
  std::uint32_t hint = 0;
  for (std::size_t e = 0; e < events.size(); ++e) {
    Item it;
    it.kind = Item::Kind::event;
    it.index = static_cast<std::uint32_t>(e);
    it.first = it.last = hint = tokens.empty() ? 0 : token_from(events[e].span.begin, hint);
    const Event& ev = events[e];
    it.verb = ev.pos == PartOfSpeech::verb ||
              (ev.pos == PartOfSpeech::unknown && ev.tense != Tense::none);
    it.finite = ev.tense == Tense::past || ev.tense == Tense::present || ev.tense == Tense::future;
    items_.push_back(it);
  }
  hint = 0;
  for (std::size_t x = 0; x < timexes.size(); ++x) {
    Item it;
    it.kind = Item::Kind::time;
    it.index = static_cast<std::uint32_t>(x);
    const Span span = timexes[x].span;
    it.first = hint = tokens.empty() ? 0 : token_from(span.begin, hint);
    it.last = tokens.empty()
                  ? 0
                  : token_from(span.end > span.begin ? span.end - 1 : span.begin, it.first);
    it.node = timexes[x].type == TimexType::date || timexes[x].type == TimexType::time;
    items_.push_back(it);
  }
  std::stable_sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
    return a.first != b.first ? a.first < b.first : a.kind < b.kind;
  });
  event_item_.assign(events.size(), none);
  time_item_.assign(timexes.size(), none);
  token_item_.assign(tokens.size(), none);
  sentence_items_.assign(sentences.size() + 1, 0);
  // Items are in text order: the sentence (doc.sentence_at of the first token's offset, the
  // last sentence starting at or before it) only moves forward.
  std::uint32_t sentence = 0;
  for (std::uint32_t i = 0; i < items_.size(); ++i) {
    Item& it = items_[i];
    if (!tokens.empty()) {
      const std::size_t offset = tokens[it.first].begin;
      while (sentence + 1 < sentences.size() && sentences[sentence + 1].span.begin <= offset) {
        ++sentence;
      }
    }
    it.sentence = sentence;
    it.paragraph = tokens.empty() ? 0 : token_paragraph[it.first];
    it.quoted = !tokens.empty() && quoted_[it.first] != 0;
    (it.kind == Item::Kind::event ? event_item_ : time_item_)[it.index] = i;
    for (std::uint32_t t = it.first; t <= it.last && t < tokens.size(); ++t) {
      if (token_item_[t] == none || it.kind == Item::Kind::event) token_item_[t] = i;
    }
  }
  // sentence_items_[s] = first item of sentence s (items are in text order).
  {
    std::uint32_t i = 0;
    for (std::size_t s = 0; s <= sentences.size(); ++s) {
      while (i < items_.size() && items_[i].sentence < s) ++i;
      sentence_items_[s] = i;
    }
    sentence_items_[sentences.size()] = static_cast<std::uint32_t>(items_.size());
  }

  // Lemmas: the event's own, or the word's (verb or noun lemma) when a given event has none.
  lemmas_.resize(events.size());
  lemma_cues_.resize(events.size());
  subjects_.assign(events.size(), none);
  for (std::size_t e = 0; e < events.size(); ++e) {
    const Event& ev = events[e];
    const Item& it = items_[event_item_[e]];
    if (!ev.lemma.empty()) {
      lemmas_[e] = ev.lemma;
    } else {
      const std::string_view w = lower.substr(ev.span.begin, ev.span.size());
      detail::event::Func func = detail::event::Func::none;
      const auto a = detail::event::analyze_cached(w, func);
      std::string_view l = w;
      if (it.verb && !a.verb_lemma.empty())
        l = a.verb_lemma;
      else if (!it.verb && a.is_noun && !a.noun_lemma.empty())
        l = a.noun_lemma;
      else if (!a.verb_lemma.empty() && a.form != detail::event::Form::none)
        l = a.verb_lemma;
      lemmas_[e] = std::string(l);
    }
    lemma_cues_[e] = cues.of(lemmas_[e]);
    if (!tokens.empty() && !ev.actor.empty()) {
      subjects_[e] = token_of(ev.actor.begin);
    } else if (it.verb && !tokens.empty()) {
      const std::uint32_t first = sentences.empty() ? 0 : sentences[it.sentence].first_token;
      for (std::uint32_t t = it.first; t > first;) {
        --t;
        if (tokens[t].kind != TokenKind::word) break;
        const std::string_view w = words_[t];
        if ((cue_bits_[t] & subject_skip) != 0 ||
            (w.size() > 4 && w.substr(w.size() - 2) == "ly")) {
          continue;
        }
        detail::event::Func func = detail::event::Func::none;
        detail::event::analyze_cached(w, func);
        if (func == detail::event::Func::none || func == detail::event::Func::pron)
          subjects_[e] = t;
        break;
      }
    }
  }
}

}  // namespace chronicle::detail::relation
