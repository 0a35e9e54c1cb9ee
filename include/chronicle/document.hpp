// Document: the text split into paragraphs, sentences and tokens, with byte offsets into the
// original UTF-8. Every later stage reads a Document.
//
//   auto doc = chronicle::Document::parse("Jan. 6 (UPI) -- Police opened fire on Wednesday.");
//   for (const auto& s : doc.sentences()) ...
//
// Tokens: words (letters, with PTB-style clitics split off: "don't" -> "do" "n't",
// "Britain's" -> "Britain" "'s"), numbers ("1,000", "1.5", "10:30"), initialisms with their
// dots ("U.S.", "p.m."), and punctuation, one mark per token except runs ("--", "..."). Hyphens,
// slashes and digit-letter boundaries split tokens ("mid-January" -> "mid" "-" "January",
// "1990s" -> "1990" "s"); the pieces carry Token::glued so that they can be joined again.
// Invalid UTF-8 and NUL bytes separate tokens and are otherwise ignored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chronicle/span.hpp"

namespace chronicle {

enum class TokenKind : std::uint8_t { word, number, punct };

struct Token {
  enum Flag : std::uint8_t {
    glued = 1,        // no whitespace before it (it continues the previous token)
    line_start = 2,   // first token of its line
    capitalized = 4,  // starts with an ASCII uppercase letter
    all_caps = 8,     // has at least two letters, all ASCII uppercase
  };
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  TokenKind kind = TokenKind::word;
  std::uint8_t flags = 0;

  bool has(Flag f) const { return (flags & f) != 0; }
  Span span() const { return Span{begin, end}; }
  std::size_t size() const { return end - begin; }
};

struct Sentence {
  Span span;                      // from its first token's begin to its last token's end
  std::uint32_t first_token = 0;  // [first_token, end_token) in Document::tokens()
  std::uint32_t end_token = 0;
  std::uint32_t paragraph = 0;
};

// What a paragraph is in a news story. Captions and repeats are kept in the document (their
// times still count) but stages that find events skip them as the roles say.
enum class ParagraphRole : std::uint8_t {
  body,
  headline,     // the title line at the top
  caption,      // a photo caption ("... Photo by Jane Doe/EPA-EFE")
  repeat,       // the same text as an earlier paragraph
  boilerplate,  // trailing site furniture ("Latest Headlines", "Read more", "Advertisement")
};

struct Paragraph {
  Span span;
  std::uint32_t first_sentence = 0;  // [first_sentence, end_sentence) in Document::sentences()
  std::uint32_t end_sentence = 0;
  ParagraphRole role = ParagraphRole::body;
  std::uint32_t repeat_of = 0;  // for ParagraphRole::repeat: the index of the first occurrence
};

class Document {
 public:
  Document() = default;

  // Splits `text`. Texts of 4 GiB or more are refused with std::length_error (offsets are
  // 32-bit to keep tokens small).
  static Document parse(std::string text);

  const std::string& text() const { return text_; }
  std::string_view text(Span s) const { return s.in(text_); }
  std::string_view text(const Token& t) const { return text(t.span()); }

  const std::vector<Token>& tokens() const { return tokens_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }
  const std::vector<Paragraph>& paragraphs() const { return paragraphs_; }

  // The index of the sentence holding byte `offset` (the last sentence starting at or before
  // it); 0 for an empty document.
  std::size_t sentence_at(std::size_t offset) const;

  // The dateline that opens the story's first body paragraph, through its dash:
  // "Jan. 6 (UPI) --", "WASHINGTON (Reuters) -", "ALMATY, Kazakhstan, Jan. 6 (AP) --" (or an en or
  // em dash). Empty when the story has none. (The timex stage reads the date in it.)
  Span dateline() const { return dateline_; }

 private:
  std::string text_;
  std::vector<Token> tokens_;
  std::vector<Sentence> sentences_;
  std::vector<Paragraph> paragraphs_;
  Span dateline_;
};

namespace detail {
// Tokenizes `text` (the first step of Document::parse), appending to `out`.
void tokenize(std::string_view text, std::vector<Token>& out);
}  // namespace detail

}  // namespace chronicle
