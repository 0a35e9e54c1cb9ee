// The timex finder's prefilters must never hide a match: the per-token number shapes give the
// answers of the matcher's own shape test, and a rule led by plain words still matches where
// nothing else in its sentence names time.
#include <chronicle/timex_finder.hpp>

#include <catch2/catch.hpp>

#include <string>

#include "../../src/timex/engine.hpp"

using namespace chronicle;
using namespace chronicle::detail;

namespace {

constexpr Shape number_kinds[] = {Shape::int_,  Shape::year, Shape::year2, Shape::day,
                                  Shape::month, Shape::hour, Shape::clock, Shape::number};

std::uint16_t shapes_one_by_one(std::string_view text) {
  std::uint16_t mask = 0;
  for (const Shape s : number_kinds) {
    std::int64_t value = 0;
    if (number_shape(s, text, value))
      mask |= static_cast<std::uint16_t>(1u << static_cast<unsigned>(s));
  }
  return mask;
}

std::string found(const std::string& text) {
  TimexOptions options;
  options.dct = *TimeValue::parse("1989-11-02");
  std::string out;
  for (const Timex& t : find_timexes(Document::parse(text), options).timexes) {
    out += std::string(t.span.in(text)) + "=" + t.value.str() + ";";
  }
  return out;
}

}  // namespace

TEST_CASE("number_shapes answers as number_shape does, for every short text") {
  // Every text of up to 5 characters over digits, ',', ':' and one other character.
  const std::string alphabet = "0123456789,:x";
  std::string text;
  std::size_t checked = 0;
  for (std::size_t length = 0; length <= 5; ++length) {
    std::size_t combinations = 1;
    for (std::size_t k = 0; k < length; ++k) combinations *= alphabet.size();
    for (std::size_t n = 0; n < combinations; ++n) {
      text.clear();
      for (std::size_t k = 0, rest = n; k < length; ++k, rest /= alphabet.size()) {
        text += alphabet[rest % alphabet.size()];
      }
      if (number_shapes(text) != shapes_one_by_one(text)) FAIL("text '" << text << "'");
      ++checked;
    }
  }
  CHECK(checked > 400'000);
  for (const char* odd : {"1234567890", "123456789", "2,000,000,000", "1,000", "2999", "3000",
                          "0999", "24:00", "24:60", "7:05", "007:05", "12:5"}) {
    CHECK(number_shapes(odd) == shapes_one_by_one(odd));
  }
}

TEST_CASE("a phrase's words name time only inside the phrase") {
  const TimexEngine& e = TimexEngine::instance();
  const auto flags = [&](const char* word) {
    return e.word_flags[static_cast<std::size_t>(e.lexicon.find(word))];
  };
  // "the" and "." are words of "the fourth of july", "st . patrick 's day": not time by
  // themselves.
  CHECK((flags("the") & TimexEngine::temporal) == 0);
  CHECK((flags(".") & TimexEngine::temporal) == 0);
  CHECK((flags("st") & TimexEngine::starts_temporal_phrase) != 0);
  CHECK(found("Parades marked St. Patrick's Day in Boston.") == "St. Patrick's Day=1989-03-17;");
  CHECK(found("The St. Louis company earned $45.2 million.").empty());
}

TEST_CASE("rules led by plain words keep one of them flagged") {
  const TimexEngine& e = TimexEngine::instance();
  // "the latest period": nothing in it names time but "period", which the check flags.
  CHECK((e.word_flags[static_cast<std::size_t>(e.lexicon.find("period"))] &
         TimexEngine::temporal) != 0);
  CHECK(found("Sales in the latest period were $1.76 billion.") == "the latest period=1989-Q3;");
  // "the latter part of the year": the year sits five tokens in, so the phrase (of a class
  // that does not name time) is flagged where it is.
  bool latter_part = false;
  for (const auto p : e.temporal_phrases[static_cast<std::size_t>(e.lexicon.find("the"))]) {
    std::string words;
    for (const WordId w : e.lexicon.phrase(p).words) words += e.lexicon.word(w) + " ";
    latter_part = latter_part || words == "the latter part of ";
  }
  CHECK(latter_part);
  CHECK(found("Output fell in the latter part of the year.") ==
        "the latter part of the year=1989;");
}

TEST_CASE("every lexicon word is found in any case, and its near misses are not") {
  const Lexicon& l = TimexEngine::instance().lexicon;
  for (WordId id = 0; id < static_cast<WordId>(l.size()); ++id) {
    const std::string& word = l.word(id);
    std::string upper = word, title = word;
    for (char& c : upper) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
    if (!title.empty() && title[0] >= 'a' && title[0] <= 'z')
      title[0] = static_cast<char>(title[0] - 32);
    CHECK(l.find(word) == id);
    CHECK(l.find(upper) == id);
    CHECK(l.find(title) == id);
    // The same bytes inside a longer text, and one byte changed at each end.
    const std::string text = "(" + upper + ")";
    CHECK(l.find(std::string_view(text).substr(1, word.size())) == id);
    std::string changed = word;
    changed.back() = changed.back() == '#' ? '$' : '#';
    CHECK(l.find(changed) != id);
    changed = word;
    changed.front() = changed.front() == '#' ? '$' : '#';
    CHECK(l.find(changed) != id);
  }
  CHECK(l.find("Januaryy") < 0);
  CHECK(l.find("") < 0);
}

TEST_CASE("the matcher's start test never hides a match") {
  // At every item of every layer: where best_match finds a rule, worth_trying says to call
  // it. Layer 1 reads the tokens; the later layers also see expressions of many kinds, each
  // put in place of one token in turn.
  const TimexEngine& e = TimexEngine::instance();
  const Matcher& matcher = *e.matcher;
  const ChunkLabel labels[] = {{"duration", TimexType::duration},
                               {"weekday", TimexType::date},
                               {"monthday", TimexType::date},
                               {"day", TimexType::date},
                               {"clock", TimexType::time},
                               {"time", TimexType::time},
                               {"year", TimexType::date},
                               {"month", TimexType::date},
                               {"this", TimexType::date},
                               {"period", TimexType::date},
                               {"decade", TimexType::date},
                               {"century", TimexType::date},
                               {"the_period", TimexType::duration},
                               {"quarter", TimexType::date},
                               {"half1", TimexType::date},
                               {"year_earlier", TimexType::date},
                               {"set", TimexType::set},
                               {"", TimexType::date}};
  const std::vector<ChunkLabel> chunks(std::begin(labels), std::end(labels));
  std::size_t calls = 0, matches = 0;
  std::vector<std::size_t> matches_in(static_cast<std::size_t>(e.grammar.layers()) + 1, 0);
  for (const char* text :
       {"The talks ended Wednesday night , two days later than planned , at 3 p.m. Friday .",
        "About three weeks ago , the company said sales in the past 12 months rose 5 % or so .",
        "Early next year , the the latter part of the 1990s , noon Thursday , Jan. 5 , 2022 .",
        "Another two years more , nearly a decade , some time in the 20th century , 10:35 a.m.",
        "He said on Monday , Jan. 3 , that the week of March 6 was the third quarter 's best ."}) {
    const Document doc = Document::parse(text);
    std::vector<WordId> ids;
    std::vector<std::uint16_t> shapes;
    for (const Token& t : doc.tokens()) {
      ids.push_back(e.lexicon.find(doc.text(t)));
      shapes.push_back(t.kind == TokenKind::number ? number_shapes(doc.text(t)) : 0);
    }
    std::vector<Item> items;
    const auto n = static_cast<std::uint32_t>(doc.tokens().size());
    for (std::uint32_t t = 0; t < n; ++t) items.push_back(Item{t, t + 1, -1});
    Presence present;
    present.classes = present.words = ~std::uint64_t{0};  // every rule may be tried
    const MatchInput in{&doc, &ids, &shapes, &items, &chunks, present};
    const auto check_all = [&](int layer) {
      const Matcher::StartTest& test = matcher.start_test(layer);
      for (std::uint32_t i = 0; i < items.size(); ++i) {
        Match m;
        ++calls;
        if (!matcher.best_match(in, layer, i, m)) continue;
        ++matches;
        ++matches_in[static_cast<std::size_t>(layer)];
        if (!test.worth_trying(items.data(), static_cast<std::uint32_t>(items.size()),
                               doc.tokens().data(), ids.data(), shapes.data(), i)) {
          FAIL("layer " << layer << ", item " << i << " of: " << text);
        }
      }
    };
    check_all(1);
    for (int layer = 2; layer <= e.grammar.layers(); ++layer) {
      for (std::uint32_t j = 0; j < n; ++j) {
        for (std::size_t c = 0; c < chunks.size(); ++c) {
          items[j].chunk = static_cast<std::int32_t>(c);
          check_all(layer);
        }
        items[j].chunk = -1;
      }
    }
  }
  // Every layer's rules did match, so the test saw them.
  for (int layer = 1; layer <= e.grammar.layers(); ++layer) {
    CHECK(matches_in[static_cast<std::size_t>(layer)] > 0);
  }
  CHECK(calls > 10 * matches);
}
