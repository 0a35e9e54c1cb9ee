// Document::parse: tokens, then paragraphs (lines), then sentences, then paragraph roles.
#include "chronicle/document.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string_view>

#include "document_words.hpp"

namespace chronicle {

namespace {

// A sentence longer than this many tokens is cut, so that later stages that look around a
// token within its sentence stay linear on text without punctuation.
constexpr std::uint32_t max_sentence_tokens = 1024;

bool is_terminal(std::string_view t) {
  return t == "." || t == "!" || t == "?" || t == "..." || t == "\xE2\x80\xA6" || t == "?!";
}

bool is_closer(std::string_view t) {
  return t == "\"" || t == "'" || t == ")" || t == "]" || t == "\xE2\x80\x9D" ||
         t == "\xE2\x80\x99" || t == "''";
}

bool is_opener(std::string_view t) {
  return t == "\"" || t == "'" || t == "(" || t == "[" || t == "\xE2\x80\x9C" ||
         t == "\xE2\x80\x98" || t == "``";
}

// Abbreviations that stand before a number only; elsewhere the word ends a sentence.
// "a.m." or "p.m." in either case.
bool is_meridiem(std::string_view w) {
  return w.size() == 4 && (w[0] == 'a' || w[0] == 'p' || w[0] == 'A' || w[0] == 'P') &&
         w[1] == '.' && (w[2] == 'm' || w[2] == 'M') && w[3] == '.';
}

bool number_abbreviation(std::string_view w) {
  return w == "no" || w == "No" || w == "NO" || w == "nos" || w == "Nos" || w == "vol" ||
         w == "Vol";
}

class Splitter {
 public:
  Splitter(const std::string& text, const std::vector<Token>& tokens)
      : text_(text), tokens_(tokens) {}

  // Is there a line break between token i-1 and token i that starts a new paragraph?
  bool paragraph_break(std::size_t i) const {
    if (i == 0 || !tokens_[i].has(Token::line_start)) return false;
    const Token& prev = tokens_[i - 1];
    const std::string_view gap(text_.data() + prev.end, tokens_[i].begin - prev.end);
    const auto first_nl = gap.find('\n');
    if (gap.find('\n', first_nl + 1) != std::string_view::npos) return true;  // a blank line
    // A single line break inside running text (a hard-wrapped paragraph) continues it when
    // the line before does not end a sentence and the next line starts in lower case.
    const std::string_view prev_text = text(prev);
    const char next_first = text_[tokens_[i].begin];
    const bool lower_start = next_first >= 'a' && next_first <= 'z';
    return !(lower_start && !is_terminal(prev_text) && prev_text != ":");
  }

  // Does a sentence end after token i (within a paragraph)? `next` is the token after any
  // closing quotes or brackets that follow i.
  bool sentence_end(std::size_t i, std::size_t next) const {
    const Token& t = tokens_[i];
    if (next >= tokens_.size()) return true;
    // Only punctuation and a word ending in a period (an initialism) may end a sentence
    // before more text: most tokens are settled here, before the next one is read.
    if (t.kind == TokenKind::number) return false;
    if (t.kind == TokenKind::word && !(t.size() > 2 && text_[t.end - 1] == '.')) return false;
    const std::string_view tt = text(t);
    const Token& n = tokens_[next];
    if (n.has(Token::glued)) return false;
    const std::string_view nt = text(n);
    const bool next_starts =
        n.has(Token::capitalized) || n.kind == TokenKind::number || is_opener(nt) ||
        (static_cast<unsigned char>(nt[0]) >= 0x80 && n.kind == TokenKind::word);
    if (t.kind == TokenKind::word && tt.size() > 2 && tt.back() == '.') {
      // A clock time ends its sentence before any capitalized word but a day, a month or a
      // zone ("shortly after 3 p.m. Hutchins showed no emotion"; "at 3 p.m. Thursday").
      if (i > 0 && tokens_[i - 1].kind == TokenKind::number && is_meridiem(tt)) {
        return n.kind == TokenKind::word && n.has(Token::capitalized) &&
               !detail::continues_clock_time(nt);
      }
      // An initialism at the end of a sentence ("... in the U.S. The company ...").
      return n.kind == TokenKind::word && n.has(Token::capitalized) &&
             detail::is_sentence_opener(nt);
    }
    if (!is_terminal(tt)) return false;
    if (tt != ".") return next_starts;
    if (i == 0) return next_starts;
    const Token& w = tokens_[i - 1];
    if (!t.has(Token::glued) || w.kind != TokenKind::word) return next_starts;
    const std::string_view wt = text(w);
    if (number_abbreviation(wt)) {  // "No. 2", but "He said no. Then ..."
      return n.kind != TokenKind::number && next_starts;
    }
    if (detail::is_title_abbreviation(wt)) return false;  // Mr. Smith, Gen. Lee
    if (detail::is_month_abbreviation(wt)) {              // Jan. 6
      return n.kind != TokenKind::number && next_starts;
    }
    if (wt.size() == 1 && w.has(Token::capitalized)) {  // an initial: John F. Kennedy
      return n.kind == TokenKind::word && n.has(Token::capitalized) &&
             detail::is_sentence_opener(nt);
    }
    return next_starts;
  }

  std::string_view text(const Token& t) const {
    return std::string_view(text_.data() + t.begin, t.end - t.begin);
  }

 private:
  const std::string& text_;
  const std::vector<Token>& tokens_;
};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

// The first paragraph with each body: open addressing over paragraph numbers in a table at
// most half full (a std::unordered_map allocated a node per paragraph).
class FirstSeen {
 public:
  FirstSeen(const std::string& text, const std::vector<Paragraph>& paragraphs)
      : text_(text), paragraphs_(paragraphs) {
    std::size_t size = 16;
    while (size < 2 * paragraphs.size()) size *= 2;
    slots_.assign(size, empty);
  }
  // The paragraph first seen with `body`, or p (now recorded for it) when none was.
  std::uint32_t emplace(std::string_view body, std::uint32_t p) {
    const std::size_t mask = slots_.size() - 1;
    const std::size_t hash = std::hash<std::string_view>{}(body);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots_[i] == empty) {
        slots_[i] = p;
        return p;
      }
      if (trimmed(paragraphs_[slots_[i]].span.in(text_)) == body) return slots_[i];
    }
  }

 private:
  static constexpr std::uint32_t empty = UINT32_MAX;
  const std::string& text_;
  const std::vector<Paragraph>& paragraphs_;
  std::vector<std::uint32_t> slots_;
};

void assign_roles(const std::string& text, std::vector<Paragraph>& paragraphs) {
  FirstSeen first_seen(text, paragraphs);
  for (std::uint32_t p = 0; p < paragraphs.size(); ++p) {
    Paragraph& para = paragraphs[p];
    const std::string_view body = trimmed(para.span.in(text));
    if (body.size() >=
        40) {  // short lines repeat by chance ("Advertisement"); only long ones count
      const std::uint32_t first = first_seen.emplace(body, p);
      if (first != p) {
        para.role = ParagraphRole::repeat;
        para.repeat_of = first;
        continue;
      }
    }
    if (detail::is_caption(body)) para.role = ParagraphRole::caption;
  }
  // Boilerplate: short site furniture at the end of the story, and "Advertisement" anywhere.
  for (std::size_t p = paragraphs.size(); p-- > 0;) {
    Paragraph& para = paragraphs[p];
    const std::string_view body = trimmed(para.span.in(text));
    if (!detail::is_boilerplate(body)) break;
    para.role = ParagraphRole::boilerplate;
  }
  for (auto& para : paragraphs) {
    if (trimmed(para.span.in(text)) == "Advertisement") para.role = ParagraphRole::boilerplate;
  }
  // A headline: a first paragraph without a final period, followed by more text.
  if (paragraphs.size() > 1 && paragraphs[0].role == ParagraphRole::body) {
    const std::string_view first = trimmed(paragraphs[0].span.in(text));
    if (!first.empty() && first.size() < 200 && first.back() != '.' && first.back() != '"') {
      paragraphs[0].role = ParagraphRole::headline;
    }
  }
}

// The dateline at the start of the first body paragraph: a short opening (a place, a date, an
// agency in parentheses) ended by a dash ("--", " - ", an en or em dash).
Span find_dateline(const std::string& text, const std::vector<Paragraph>& paragraphs) {
  for (const Paragraph& p : paragraphs) {
    if (p.role != ParagraphRole::body) continue;
    const std::string_view body = p.span.in(text);
    const std::string_view head = body.substr(0, 120);
    std::size_t dash = std::string_view::npos, dash_end = 0;
    for (std::size_t i = 1; i + 1 < head.size(); ++i) {
      if (head[i] == '-' && head[i + 1] == '-') {
        dash = i, dash_end = i + 2;
      } else if (head[i] == '-' && head[i - 1] == ' ' && head[i + 1] == ' ') {
        dash = i, dash_end = i + 1;
      } else if (head.compare(i, 3, "\xE2\x80\x94") == 0 ||
                 head.compare(i, 3, "\xE2\x80\x93") == 0) {
        dash = i, dash_end = i + 3;
      }
      if (dash != std::string_view::npos) break;
    }
    if (dash == std::string_view::npos) return {};
    const std::string_view before = head.substr(0, dash);
    // An agency in parentheses, or an upper-case place name ("WASHINGTON", "ALMATY,").
    const auto open = before.find('(');
    const bool agency =
        open != std::string_view::npos && before.find(')', open) != std::string_view::npos;
    std::size_t caps = 0;
    while (caps < before.size() && ((before[caps] >= 'A' && before[caps] <= 'Z') ||
                                    before[caps] == ' ' || before[caps] == '.'))
      ++caps;
    const bool place =
        caps >= 4 && (caps == before.size() || before[caps] == ',' || before[caps] == '(');
    if (!agency && !place) return {};
    return Span{p.span.begin, p.span.begin + dash_end};
  }
  return {};
}

}  // namespace

Document Document::parse(std::string text) {
  if (text.size() >= (std::size_t{1} << 32)) {
    throw std::length_error("chronicle::Document: texts of 4 GiB or more are not supported");
  }
  Document doc;
  doc.text_ = std::move(text);
  doc.tokens_.reserve(doc.text_.size() / 5 + 16);
  detail::tokenize(doc.text_, doc.tokens_);

  const auto& tokens = doc.tokens_;
  Splitter split(doc.text_, tokens);
  std::uint32_t sentence_start = 0;
  std::uint32_t paragraph_start_sentence = 0;
  std::uint32_t paragraph_start_token = 0;

  auto close_sentence = [&](std::uint32_t end_token) {
    if (end_token <= sentence_start) return;
    Sentence s;
    s.first_token = sentence_start;
    s.end_token = end_token;
    s.span = Span{tokens[sentence_start].begin, tokens[end_token - 1].end};
    s.paragraph = static_cast<std::uint32_t>(doc.paragraphs_.size());
    doc.sentences_.push_back(s);
    sentence_start = end_token;
  };
  auto close_paragraph = [&](std::uint32_t end_token) {
    close_sentence(end_token);
    if (end_token <= paragraph_start_token) return;
    Paragraph p;
    p.span = Span{tokens[paragraph_start_token].begin, tokens[end_token - 1].end};
    p.first_sentence = paragraph_start_sentence;
    p.end_sentence = static_cast<std::uint32_t>(doc.sentences_.size());
    doc.paragraphs_.push_back(p);
    paragraph_start_sentence = p.end_sentence;
    paragraph_start_token = end_token;
  };

  const auto count = static_cast<std::uint32_t>(tokens.size());
  for (std::uint32_t i = 0; i < count; ++i) {
    if (split.paragraph_break(i)) close_paragraph(i);
    // Closing quotes and brackets glued to a sentence's end belong to that sentence.
    std::uint32_t next = i + 1;
    while (next < count && tokens[next].has(Token::glued) && is_closer(split.text(tokens[next])) &&
           !tokens[next].has(Token::line_start)) {
      ++next;
    }
    const bool ends = split.sentence_end(i, next);
    if (ends && !(next < count && split.paragraph_break(next))) {
      close_sentence(next);
      i = next - 1;
    } else if (i + 1 - sentence_start >= max_sentence_tokens) {
      close_sentence(i + 1);
    }
  }
  close_paragraph(count);
  assign_roles(doc.text_, doc.paragraphs_);
  doc.dateline_ = find_dateline(doc.text_, doc.paragraphs_);
  return doc;
}

std::size_t Document::sentence_at(std::size_t offset) const {
  const auto it =
      std::upper_bound(sentences_.begin(), sentences_.end(), offset,
                       [](std::size_t off, const Sentence& s) { return off < s.span.begin; });
  return it == sentences_.begin() ? 0 : static_cast<std::size_t>(it - sentences_.begin() - 1);
}

}  // namespace chronicle
