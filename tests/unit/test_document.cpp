// The document model: tokens, sentences (news abbreviations, decimals, ellipses, quotes,
// parentheses) and the parts of a story (headline, captions, repeats, boilerplate).
#include <chronicle/document.hpp>

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using chronicle::Document;
using chronicle::ParagraphRole;
using chronicle::TokenKind;

namespace {

std::vector<std::string> sentences(const std::string& text) {
  const Document doc = Document::parse(text);
  std::vector<std::string> out;
  for (const auto& s : doc.sentences()) out.emplace_back(doc.text(s.span));
  return out;
}

std::vector<std::string> tokens(const std::string& text) {
  const Document doc = Document::parse(text);
  std::vector<std::string> out;
  for (const auto& t : doc.tokens()) out.emplace_back(doc.text(t));
  return out;
}

using Strings = std::vector<std::string>;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

}  // namespace

TEST_CASE("month abbreviations do not end a sentence before a number", "[document][split]") {
  CHECK(sentences("The talks began Jan. 6 in Geneva. They ended Sept. 30 in Vienna.") ==
        Strings{"The talks began Jan. 6 in Geneva.", "They ended Sept. 30 in Vienna."});
  CHECK(sentences("Prices fell from Feb. 3 to Dec. 28 last year.") ==
        Strings{"Prices fell from Feb. 3 to Dec. 28 last year."});
  // Without a number after it, a month abbreviation can end the sentence.
  CHECK(sentences("The vote is set for Jan. The board meets then.") ==
        Strings{"The vote is set for Jan.", "The board meets then."});
}

TEST_CASE("initialisms: U.S. and U.N. inside and at the end of sentences", "[document][split]") {
  CHECK(sentences("The U.S. said it would act. Officials at the U.N. agreed.") ==
        Strings{"The U.S. said it would act.", "Officials at the U.N. agreed."});
  CHECK(sentences("He went to the U.S. Embassy in Washington.") ==
        Strings{"He went to the U.S. Embassy in Washington."});
  // At a sentence's end: the next word opens a sentence.
  CHECK(sentences("He lives in the U.S. The company moved too.") ==
        Strings{"He lives in the U.S.", "The company moved too."});
  CHECK(sentences("The plan went to the U.N. It was approved.") ==
        Strings{"The plan went to the U.N.", "It was approved."});
  CHECK(tokens("the U.S. and U.N. envoys") == Strings{"the", "U.S.", "and", "U.N.", "envoys"});
  // A lower-case word after it continues the sentence, even one that could open another.
  CHECK(sentences("The talks began at 9 a.m. on Monday and ended at 4 p.m. in the capital.") ==
        Strings{"The talks began at 9 a.m. on Monday and ended at 4 p.m. in the capital."});
  CHECK(sentences("Aid from the U.S. and the U.N. arrived.") ==
        Strings{"Aid from the U.S. and the U.N. arrived."});
}

TEST_CASE("a clock time's a.m. or p.m. ends a sentence before a name", "[document][split]") {
  CHECK(sentences("The jury returned shortly after 3 p.m. Hutchins showed no emotion.") ==
        Strings{"The jury returned shortly after 3 p.m.", "Hutchins showed no emotion."});
  CHECK(sentences("Doors open at 7:30 a.m. Voters lined up early.") ==
        Strings{"Doors open at 7:30 a.m.", "Voters lined up early."});
  // A day, a month or a zone after it continues the sentence.
  CHECK(sentences("Polls close at 8 p.m. Thursday and results follow at 10 p.m. EST.") ==
        Strings{"Polls close at 8 p.m. Thursday and results follow at 10 p.m. EST."});
  CHECK(sentences("The launch is at 6 a.m. Eastern time on Sept. 3.") ==
        Strings{"The launch is at 6 a.m. Eastern time on Sept. 3."});
  CHECK(sentences("The curfew lasts until 5 a.m. Jan. 9, officials said.") ==
        Strings{"The curfew lasts until 5 a.m. Jan. 9, officials said."});
}

TEST_CASE("titles: Mr., Gov., Gen., Lt. never end a sentence", "[document][split]") {
  CHECK(sentences("Mr. Smith met Gov. Jones. Gen. Lee and Lt. Col. Brown left.") ==
        Strings{"Mr. Smith met Gov. Jones.", "Gen. Lee and Lt. Col. Brown left."});
  CHECK(sentences("Lt. Gov. Brown and Dr. Who met Sen. Reid.") ==
        Strings{"Lt. Gov. Brown and Dr. Who met Sen. Reid."});
}

TEST_CASE("initials in names", "[document][split]") {
  CHECK(sentences("John F. Kennedy was shot. W. E. B. Du Bois wrote it.") ==
        Strings{"John F. Kennedy was shot.", "W. E. B. Du Bois wrote it."});
  // An initial before a sentence opener ends the sentence ("Plan B.").
  CHECK(sentences("They chose Plan B. The rest failed.") ==
        Strings{"They chose Plan B.", "The rest failed."});
}

TEST_CASE("number abbreviations: No. 2, but 'said no.' ends a sentence", "[document][split]") {
  CHECK(sentences("The No. 2 man quit. He said no. Then he left.") ==
        Strings{"The No. 2 man quit.", "He said no.", "Then he left."});
}

TEST_CASE("decimals, amounts and clock times stay whole", "[document][split]") {
  CHECK(sentences("Prices rose 1.5 percent. It cost $2.25 million at 10:30 a.m. Police said so.") ==
        Strings{"Prices rose 1.5 percent.", "It cost $2.25 million at 10:30 a.m.",
                "Police said so."});
  CHECK(tokens("rose 1.5 percent to 1,000.25") ==
        Strings{"rose", "1.5", "percent", "to", "1,000.25"});
}

TEST_CASE("ellipses end a sentence only before a capital", "[document][split]") {
  CHECK(sentences("He paused... Then he spoke. She waited... and waited.") ==
        Strings{"He paused...", "Then he spoke.", "She waited... and waited."});
  CHECK(sentences("He paused\xE2\x80\xA6 Then he spoke.") ==
        Strings{"He paused\xE2\x80\xA6", "Then he spoke."});
}

TEST_CASE("quotes: closing quotes stay with their sentence", "[document][split]") {
  CHECK(sentences("\"We will fight,\" he said. \"We will win.\" Then he left.") ==
        Strings{"\"We will fight,\" he said.", "\"We will win.\"", "Then he left."});
  CHECK(sentences("He said: \"Go.\" Then he left.") ==
        Strings{"He said: \"Go.\"", "Then he left."});
  CHECK(sentences("``It was a bomb,'' said an official. He left.") ==
        Strings{"``It was a bomb,'' said an official.", "He left."});
  CHECK(sentences("\xE2\x80\x9CWe will win.\xE2\x80\x9D The crowd cheered.") ==
        Strings{"\xE2\x80\x9CWe will win.\xE2\x80\x9D", "The crowd cheered."});
}

TEST_CASE("parentheses", "[document][split]") {
  CHECK(sentences("She left (for good). Then she returned.") ==
        Strings{"She left (for good).", "Then she returned."});
  CHECK(sentences("(The report was late.) It came out.") ==
        Strings{"(The report was late.)", "It came out."});
  CHECK(sentences("Jan. 6 (UPI) -- Police opened fire.") ==
        Strings{"Jan. 6 (UPI) -- Police opened fire."});
}

TEST_CASE("question and exclamation marks end sentences", "[document][split]") {
  CHECK(sentences("What? Really! Yes.") == Strings{"What?", "Really!", "Yes."});
}

TEST_CASE("tokens: clitics, hyphens and byte offsets", "[document][tokens]") {
  CHECK(tokens("Britain's foreign ministry didn't say") ==
        Strings{"Britain", "'s", "foreign", "ministry", "did", "n't", "say"});
  const Document doc = Document::parse("A Russian-led alliance");
  REQUIRE(doc.tokens().size() == 5);
  CHECK(doc.text(doc.tokens()[1]) == "Russian");
  CHECK(doc.tokens()[2].has(chronicle::Token::glued));
  CHECK(doc.tokens()[3].has(chronicle::Token::glued));
  CHECK(doc.tokens()[3].begin == 10);
  CHECK(doc.tokens()[3].kind == TokenKind::word);
  // Offsets are bytes into the UTF-8 text.
  const Document utf8 = Document::parse("Caf\xC3\xA9 owners protested.");
  CHECK(utf8.text(utf8.tokens()[1]) == "owners");
  CHECK(utf8.tokens()[1].begin == 6);
}

TEST_CASE("sentence_at finds the sentence holding an offset", "[document]") {
  const Document doc = Document::parse("One here. Two there.\n\nThree.");
  REQUIRE(doc.sentences().size() == 3);
  CHECK(doc.sentence_at(0) == 0);
  CHECK(doc.sentence_at(12) == 1);
  CHECK(doc.sentence_at(23) == 2);
  CHECK(doc.sentences()[2].paragraph == 1);
}

TEST_CASE("a hard-wrapped paragraph continues on a lower-case line", "[document][paragraphs]") {
  const Document doc = Document::parse("The police opened fire on the\nangry mob.\nOthers fled.");
  REQUIRE(doc.paragraphs().size() == 2);
  CHECK(doc.text(doc.paragraphs()[0].span) == "The police opened fire on the\nangry mob.");
}

TEST_CASE("story parts: headline, caption, repeat, boilerplate", "[document][roles]") {
  const std::string caption =
      "Soldiers board a plane outside Moscow on Thursday. Photo by Defense Ministry/EPA-EFE";
  const std::string text = "Protesters killed as unrest grows\n\n" + caption + "\n" + caption +
                           "\n\nJan. 6 (UPI) -- Police opened fire.\n\nThe clashes continued."
                           "\n\nAdvertisement\n\nMore body text follows here.\n\nRead more"
                           "\n\nLatest Headlines";
  const Document doc = Document::parse(text);
  const auto& p = doc.paragraphs();
  REQUIRE(p.size() == 9);
  CHECK(p[0].role == ParagraphRole::headline);
  CHECK(p[1].role == ParagraphRole::caption);
  CHECK(p[2].role == ParagraphRole::repeat);
  CHECK(p[2].repeat_of == 1);
  CHECK(p[3].role == ParagraphRole::body);
  CHECK(p[4].role == ParagraphRole::body);
  CHECK(p[5].role == ParagraphRole::boilerplate);  // "Advertisement" anywhere
  CHECK(p[6].role == ParagraphRole::body);
  CHECK(p[7].role == ParagraphRole::boilerplate);  // trailing site furniture
  CHECK(p[8].role == ParagraphRole::boilerplate);
}

TEST_CASE("captions: AP photo credits and file photos", "[document][roles]") {
  const Document doc = Document::parse(
      "Title line here\n\nA man walks past a bank in Athens. (AP Photo/Thanassis Stavrakis)\n\n"
      "The minister in 2019. File photo\n\nThe bank closed on Monday.");
  REQUIRE(doc.paragraphs().size() == 4);
  CHECK(doc.paragraphs()[1].role == ParagraphRole::caption);
  CHECK(doc.paragraphs()[2].role == ParagraphRole::caption);
  CHECK(doc.paragraphs()[3].role == ParagraphRole::body);
}

TEST_CASE("no headline when the first paragraph is a sentence", "[document][roles]") {
  const Document doc = Document::parse("Police opened fire.\n\nThe clashes continued.");
  REQUIRE(doc.paragraphs().size() == 2);
  CHECK(doc.paragraphs()[0].role == ParagraphRole::body);
  // Short lines that repeat by chance are not repeats.
  const Document twice = Document::parse("Update\n\nText one.\n\nUpdate\n\nText two.");
  for (const auto& para : twice.paragraphs()) CHECK(para.role != ParagraphRole::repeat);
}

TEST_CASE("the reference article's parts", "[document][roles]") {
  const Document doc = Document::parse(read(CHRONICLE_SOURCE_DIR "/examples/kazakhstan-upi.txt"));
  const auto& p = doc.paragraphs();
  REQUIRE(p.size() == 20);
  CHECK(p[0].role == ParagraphRole::headline);
  CHECK(doc.text(p[0].span) ==
        "Dozens of protesters, police killed as unrest intensifies in Kazakhstan");
  CHECK(p[1].role == ParagraphRole::caption);
  CHECK(p[2].role == ParagraphRole::repeat);
  CHECK(p[2].repeat_of == 1);
  CHECK(p[3].role == ParagraphRole::body);  // the dateline's paragraph
  CHECK(doc.text(p[3].span).substr(0, 16) == "Jan. 6 (UPI) -- ");
  CHECK(p[6].role == ParagraphRole::caption);  // "Demonstrators are seen ... Photo by EPA-EFE"
  CHECK(p[6].end_sentence - p[6].first_sentence == 4);
  CHECK(p[19].role == ParagraphRole::boilerplate);
  CHECK(doc.text(p[19].span) == "Latest Headlines");
  for (std::size_t i = 7; i < 19; ++i) CHECK(p[i].role == ParagraphRole::body);
}

TEST_CASE("datelines", "[document][dateline]") {
  auto dateline = [](const std::string& text) {
    const Document doc = Document::parse(text);
    return std::string(doc.text(doc.dateline()));
  };
  CHECK(dateline("Title of the story\n\nJan. 6 (UPI) -- Police opened fire.") == "Jan. 6 (UPI) --");
  CHECK(dateline("WASHINGTON (Reuters) - The Senate voted.") == "WASHINGTON (Reuters) -");
  CHECK(dateline("ALMATY, Kazakhstan, Jan. 6 (AP) \xE2\x80\x94 Protesters set fires.") ==
        "ALMATY, Kazakhstan, Jan. 6 (AP) \xE2\x80\x94");
  CHECK(dateline("MOSCOW -- Troops arrived.") == "MOSCOW --");
  // No dateline: a sentence with a dash, or none at all.
  CHECK(dateline("The vote - a close one - passed.").empty());
  CHECK(dateline("Police opened fire on Wednesday.").empty());
  const Document doc = Document::parse(read(CHRONICLE_SOURCE_DIR "/examples/kazakhstan-upi.txt"));
  CHECK(doc.text(doc.dateline()) == "Jan. 6 (UPI) --");
}
