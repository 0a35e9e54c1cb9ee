// The benchmark corpus generator: deterministic, sized as asked, well-formed JSONL, stories
// that open like wire copy, and TIMEX3 values that chronicle parses.
#include <chronicle/time_value.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "news_corpus.hpp"

namespace corpus = chronicle::corpus;

namespace {

// A minimal JSON reader, independent of the generator's own: one object whose members are all
// strings. Returns the members in order, or fails the test with the reason.
class JsonObject {
 public:
  explicit JsonObject(std::string_view s) : s_(s) {}

  bool parse(std::vector<std::pair<std::string, std::string>>& members, std::string& why) {
    try {
      ws();
      take('{');
      ws();
      if (peek() != '}') {
        for (;;) {
          ws();
          std::string key = str();
          ws();
          take(':');
          ws();
          std::string value = str();
          members.emplace_back(std::move(key), std::move(value));
          ws();
          if (peek() != ',') break;
          ++i_;
        }
      }
      take('}');
      ws();
      if (i_ != s_.size()) throw std::string("trailing text");
      return true;
    } catch (const std::string& e) {
      why = e + " at byte " + std::to_string(i_);
      return false;
    }
  }

 private:
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
  }
  void take(char c) {
    if (peek() != c) throw std::string("expected ") + c;
    ++i_;
  }
  std::string str() {
    take('"');
    std::string out;
    while (true) {
      if (i_ >= s_.size()) throw std::string("unterminated string");
      const char c = s_[i_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) throw std::string("raw control character");
      if (c != '\\') {
        out += c;
        continue;
      }
      const char e = peek();
      ++i_;
      if (e == 'n') {
        out += '\n';
      } else if (e == 't') {
        out += '\t';
      } else if (e == 'r') {
        out += '\r';
      } else if (e == 'b') {
        out += '\b';
      } else if (e == 'f') {
        out += '\f';
      } else if (e == '"' || e == '\\' || e == '/') {
        out += e;
      } else if (e == 'u') {
        // Only what json_quote writes: \u00XX for control characters.
        if (i_ + 4 > s_.size() || s_.compare(i_, 2, "00") != 0) throw std::string("bad \\u");
        out += static_cast<char>(std::stoi(std::string(s_.substr(i_ + 2, 2)), nullptr, 16));
        i_ += 4;
      } else {
        throw std::string("bad escape");
      }
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

std::vector<std::string_view> lines(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const std::size_t end = s.find('\n');
    out.push_back(s.substr(0, end));
    if (end == std::string_view::npos) break;
    s.remove_prefix(end + 1);
  }
  return out;
}

std::vector<std::string> paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find("\n\n", at);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(at, end - at));
    at = end + 2;
  }
  return out;
}

// The datelines the generator is designed to write, agency by agency, checked by hand (no
// std::regex: GCC 12 warns inside it under the sanitizers):
//   ALMATY, Kazakhstan, Jan. 6 (AP) --     MOSCOW (AP) --      Jan. 6 (UPI) --
//   WASHINGTON, Jan 6 (Reuters) -          (CNN) --            Hong Kong (CNN) --
//   PARIS, Jan 6, 2022 (AFP) -             PARIS (AFP) -
std::vector<std::string_view> split_commas(std::string_view s) {
  std::vector<std::string_view> parts;
  for (;;) {
    const std::size_t at = s.find(", ");
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 2);
  }
}

// Non-empty, first byte from `first`, every byte from `rest`.
bool made_of(std::string_view s, std::string_view first, std::string_view rest) {
  return !s.empty() && first.find(s[0]) != std::string_view::npos &&
         s.find_first_not_of(rest) == std::string_view::npos;
}

constexpr std::string_view upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view caps_name = "ABCDEFGHIJKLMNOPQRSTUVWXYZ .";
constexpr std::string_view any_name = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .";

bool is_month_day(std::string_view s, bool ap_style) {
  static const std::set<std::string_view> ap = {"Jan.", "Feb.", "March", "April", "May",  "June",
                                                "July", "Aug.", "Sept.", "Oct.",  "Nov.", "Dec."};
  static const std::set<std::string_view> wire = {"Jan",  "Feb", "March", "April", "May", "June",
                                                  "July", "Aug", "Sept",  "Oct",   "Nov", "Dec"};
  const std::size_t space = s.find(' ');
  if (space == std::string_view::npos) return false;
  const std::string_view day = s.substr(space + 1);
  return (ap_style ? ap : wire).count(s.substr(0, space)) == 1 && !day.empty() && day.size() <= 2 &&
         day.find_first_not_of("0123456789") == std::string_view::npos;
}

bool is_year(std::string_view s) {
  return s.size() == 4 && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// The agency, "(AP)" and so on, when the paragraph starts with a dateline; "" otherwise.
std::string dateline_agency(std::string_view p) {
  static const std::pair<std::string_view, const char*> markers[] = {{"(AP) -- ", "(AP)"},
                                                                     {"(UPI) -- ", "(UPI)"},
                                                                     {"(Reuters) - ", "(Reuters)"},
                                                                     {"(CNN) -- ", "(CNN)"},
                                                                     {"(AFP) - ", "(AFP)"}};
  for (const auto& [marker, agency] : markers) {
    const std::size_t at = p.find(marker);
    if (at == std::string_view::npos || at > 80) continue;
    const std::size_t after = at + marker.size();
    if (after >= p.size() ||
        std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\"").find(p[after]) ==
            std::string_view::npos) {
      return "";
    }
    const std::string_view a = agency;
    if (a == "(CNN)") {
      if (at == 0) return agency;
      return p[at - 1] == ' ' && made_of(p.substr(0, at - 1), upper, any_name) ? agency : "";
    }
    if (at == 0 || p[at - 1] != ' ') return "";
    const auto parts = split_commas(p.substr(0, at - 1));
    bool ok = false;
    if (a == "(UPI)") {
      ok = parts.size() == 1 && is_month_day(parts[0], true);
    } else if (a == "(Reuters)") {
      ok =
          parts.size() == 2 && made_of(parts[0], upper, caps_name) && is_month_day(parts[1], false);
    } else if (a == "(AFP)") {
      ok = made_of(parts[0], upper, caps_name) &&
           (parts.size() == 1 ||
            (parts.size() == 3 && is_month_day(parts[1], false) && is_year(parts[2])));
    } else {  // AP: CITY[, Region][, Mon. D]
      ok = made_of(parts[0], upper, caps_name) && parts.size() <= 3;
      for (std::size_t i = 1; ok && i < parts.size(); ++i) {
        ok = (i == parts.size() - 1 && is_month_day(parts[i], true)) ||
             (i == 1 && made_of(parts[i], upper, any_name));
      }
    }
    return ok ? agency : "";
  }
  return "";
}

// A headline: one short line that starts with a capital or a numeral ("75 soldiers killed
// ...") and has no final period.
bool is_headline(const std::string& p) {
  return !p.empty() && p.size() <= 120 && p.find('\n') == std::string::npos &&
         ((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= '1' && p[0] <= '9')) && p.back() != '.';
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

TEST_CASE("the generator's PRNG is xoshiro256** seeded by splitmix64, bit for bit") {
  // Known answers computed from the published algorithms, independently of this code: any
  // machine, compiler or standard library gives these.
  corpus::Rng zero(0);
  CHECK(zero.next() == 0x99ec5f36cb75f2b4ULL);
  CHECK(zero.next() == 0xbf6e1f784956452aULL);
  CHECK(zero.next() == 0x1a5f849d4933e6e0ULL);
  corpus::Rng one(1);
  CHECK(one.next() == 0xb3f2af6d0fc710c5ULL);

  corpus::Rng r(42);
  for (int i = 0; i < 10000; ++i) {
    const int v = r.between(-3, 3);
    REQUIRE(v >= -3);
    REQUIRE(v <= 3);
    REQUIRE(r.below(7) < 7);
  }
}

TEST_CASE("the same seed gives the same bytes, another seed other bytes") {
  const auto a = corpus::generate_stories(7, 300'000);
  const auto b = corpus::generate_stories(7, 300'000);
  const auto c = corpus::generate_stories(8, 300'000);
  CHECK(corpus::join_text(a) == corpus::join_text(b));
  CHECK(corpus::to_jsonl(a) == corpus::to_jsonl(b));
  CHECK(corpus::join_text(a) != corpus::join_text(c));
  CHECK(fnv1a(corpus::join_text(a)) != fnv1a(corpus::join_text(c)));

  const auto d1 = corpus::generate_documents(3, 40, 2000);
  const auto d2 = corpus::generate_documents(3, 40, 2000);
  CHECK(corpus::to_jsonl(d1) == corpus::to_jsonl(d2));
  CHECK(corpus::to_jsonl(d1) != corpus::to_jsonl(corpus::generate_documents(4, 40, 2000)));

  CHECK(corpus::generate_values(5, 1000) == corpus::generate_values(5, 1000));
  CHECK(corpus::generate_values(5, 1000) != corpus::generate_values(6, 1000));
}

TEST_CASE("document k does not depend on how many documents were asked for") {
  const auto few = corpus::generate_documents(11, 5, 3000);
  const auto many = corpus::generate_documents(11, 50, 3000);
  REQUIRE(few.size() == 5);
  for (std::size_t i = 0; i < few.size(); ++i) {
    CHECK(few[i].dct == many[i].dct);
    CHECK(few[i].id == many[i].id);
  }
}

TEST_CASE("the corpus has the size asked for") {
  for (const std::size_t n : {1'000u, 60'000u, 1'000'000u, 3'000'000u}) {
    CAPTURE(n);
    corpus::Stats stats;
    const auto docs = corpus::generate_stories(1, n, &stats);
    const std::string text = corpus::join_text(docs);
    CHECK(text.size() >= n);
    CHECK(text.size() < n + 2048);
    CHECK(stats.documents == docs.size());
    std::size_t bytes = 0;
    for (const auto& d : docs) bytes += d.text.size();
    CHECK(stats.bytes == bytes);
    CHECK(text.size() == bytes + docs.size() - 1);
  }

  const std::size_t doc_bytes = 3000;
  const auto docs = corpus::generate_documents(1, 256, doc_bytes);
  REQUIRE(docs.size() == 256);
  std::size_t total = 0;
  for (const auto& d : docs) {
    CHECK(d.text.size() >= doc_bytes / 2);
    CHECK(d.text.size() <= doc_bytes * 14 / 10 + 1024);
    total += d.text.size();
  }
  const double mean = static_cast<double>(total) / 256.0;
  CHECK(mean > 0.9 * doc_bytes);
  CHECK(mean < 1.1 * doc_bytes);
}

TEST_CASE("every JSONL line is an object with id, text and dct") {
  const auto docs = corpus::generate_documents(2, 200, 2500);
  const std::string jsonl = corpus::to_jsonl(docs);
  REQUIRE(!jsonl.empty());
  CHECK(jsonl.back() == '\n');
  const auto ls = lines(std::string_view(jsonl).substr(0, jsonl.size() - 1));
  REQUIRE(ls.size() == docs.size());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < ls.size(); ++i) {
    CAPTURE(i);
    std::vector<std::pair<std::string, std::string>> members;
    std::string why;
    const bool ok = JsonObject(ls[i]).parse(members, why);
    INFO(why);
    REQUIRE(ok);
    REQUIRE(members.size() == 3);
    CHECK(members[0].first == "id");
    CHECK(members[1].first == "text");
    CHECK(members[2].first == "dct");
    CHECK(members[0].second == docs[i].id);
    CHECK(members[1].second == docs[i].text);
    const std::string& dct = members[2].second;
    REQUIRE(dct.size() == 10);
    CHECK((dct[4] == '-' && dct[7] == '-'));
    CHECK(std::stoi(dct.substr(0, 4)) >= 1995);
    CHECK(std::stoi(dct.substr(0, 4)) <= 2024);
    CHECK(std::stoi(dct.substr(5, 2)) >= 1);
    CHECK(std::stoi(dct.substr(5, 2)) <= 12);
    CHECK(std::stoi(dct.substr(8, 2)) >= 1);
    CHECK(std::stoi(dct.substr(8, 2)) <= 31);
    ids.insert(members[0].second);
  }
  CHECK(ids.size() == docs.size());

  // The generator's own reader gives the documents back.
  const auto back = corpus::read_jsonl(jsonl);
  REQUIRE(back.size() == docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    CHECK(back[i].id == docs[i].id);
    CHECK(back[i].text == docs[i].text);
    CHECK(back[i].dct == docs[i].dct);
  }
}

TEST_CASE("JSON strings are escaped and read back") {
  const std::string nasty =
      "say \"hi\"\\ \n\t\r\b\f\x01\x1f caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D /";
  const std::string quoted = corpus::json_quote(nasty);
  CHECK(quoted ==
        "\"say \\\"hi\\\"\\\\ \\n\\t\\r\\b\\f\\u0001\\u001f caf\xC3\xA9 "
        "\xE2\x80\x9Cq\xE2\x80\x9D /\"");
  std::vector<std::pair<std::string, std::string>> members;
  std::string why;
  REQUIRE(JsonObject("{\"text\":" + quoted + "}").parse(members, why));
  CHECK(members[0].second == nasty);

  const auto docs = corpus::read_jsonl(
      "{\"dct\": \"2022-01-06\", \"text\": \"a\\u00e9\\ud83d\\ude00\\/\", \"id\": \"x\"}\r\n\n");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].text == "a\xC3\xA9\xF0\x9F\x98\x80/");
  CHECK(docs[0].dct == "2022-01-06");
  CHECK_THROWS_WITH(corpus::read_jsonl("{\"id\":\"a\"}\n"), Catch::Contains("line 1"));
  CHECK_THROWS_WITH(corpus::read_jsonl("{\"text\":\"a\"}\n{\"text\":\"b\\q\"}"),
                    Catch::Contains("line 2"));
  CHECK_THROWS(corpus::read_jsonl("{\"text\":\"a\"} x"));
  CHECK_THROWS(corpus::read_jsonl("{\"text\":\"\\ud800\"}"));
  CHECK_THROWS(corpus::read_jsonl("[\"text\"]"));
}

TEST_CASE("the dateline check knows a dateline when it sees one") {
  CHECK(dateline_agency("ALMATY, Kazakhstan, Jan. 6 (AP) -- A") == "(AP)");
  CHECK(dateline_agency("NEW DELHI (AP) -- \"We") == "(AP)");
  CHECK(dateline_agency("Jan. 6 (UPI) -- A") == "(UPI)");
  CHECK(dateline_agency("WASHINGTON, Jan 6 (Reuters) - 12") == "(Reuters)");
  CHECK(dateline_agency("(CNN) -- A") == "(CNN)");
  CHECK(dateline_agency("Hong Kong (CNN) -- A") == "(CNN)");
  CHECK(dateline_agency("PARIS, Jan 6, 2022 (AFP) - A") == "(AFP)");
  CHECK(dateline_agency("Police said (AP) -- x").empty());
  CHECK(dateline_agency("Jan 6 (UPI) -- A").empty());  // UPI spells months as AP does
  CHECK(dateline_agency("WASHINGTON, Jan. 6 (Reuters) - A").empty());
  CHECK(dateline_agency("PARIS, Jan 6 (AFP) - A").empty());
  CHECK(dateline_agency("MOSCOW (AP) -- a").empty());
  CHECK(dateline_agency("Dozens detained in Almaty").empty());
}

TEST_CASE("every story opens with a headline or a dateline, as designed") {
  const auto docs = corpus::generate_stories(9, 2'000'000);
  std::size_t headlines = 0, dateline_first = 0;
  std::set<std::string> agencies;
  for (const auto& d : docs) {
    CAPTURE(d.id);
    REQUIRE(!d.text.empty());
    CHECK(d.text.back() == '\n');
    const auto ps = paragraphs(d.text);
    REQUIRE(!ps.empty());
    if (!dateline_agency(ps[0]).empty()) {
      ++dateline_first;
    } else {
      INFO(ps[0]);
      CHECK(is_headline(ps[0]));
      ++headlines;
    }
    // The dateline paragraph comes before the story's fifth paragraph: after the headline,
    // up to two photo captions and a byline.
    bool found = false;
    for (std::size_t i = 0; i < ps.size() && i < 5 && !found; ++i) {
      const std::string agency = dateline_agency(ps[i]);
      if (!agency.empty()) {
        found = true;
        agencies.insert(agency);
      }
    }
    INFO(d.text.substr(0, 400));
    CHECK(found);
  }
  CHECK(headlines > dateline_first);  // 90% of stories have a headline
  CHECK(dateline_first > 0);
  CHECK(agencies == std::set<std::string>{"(AFP)", "(AP)", "(CNN)", "(Reuters)", "(UPI)"});
}

TEST_CASE("a dateline with a date gives the document's date") {
  const auto docs = corpus::generate_documents(21, 300, 1500);
  const char* months[] = {"Jan.", "Feb.", "March", "April", "May",  "June",
                          "July", "Aug.", "Sept.", "Oct.",  "Nov.", "Dec."};
  int checked = 0;
  for (const auto& d : docs) {
    for (const auto& p : paragraphs(d.text)) {
      if (dateline_agency(p) != "(UPI)") continue;
      CAPTURE(d.id, d.dct, p.substr(0, 40));
      const int month = std::stoi(d.dct.substr(5, 2));
      const int day = std::stoi(d.dct.substr(8, 2));
      const std::string expected =
          std::string(months[month - 1]) + " " + std::to_string(day) + " (UPI) -- ";
      CHECK(p.rfind(expected, 0) == 0);
      ++checked;
    }
  }
  CHECK(checked > 20);
}

TEST_CASE("the corpus has what wire copy has, at the density aimed for") {
  corpus::Stats stats;
  const std::string text = corpus::join_text(corpus::generate_stories(1, 1'000'000, &stats));
  for (const char* feature : {"(UPI) --",
                              "(Reuters) -",
                              "(CNN) --",
                              "(AP) --",
                              "(AFP) -",
                              "Photo by ",
                              "overnight",
                              "this morning",
                              "last night",
                              " p.m.",
                              " a.m.",
                              "last week",
                              " days ago",
                              "days ago",
                              "the next day",
                              "for three days",
                              "a few days",
                              "24 hours",
                              "since 19",
                              "the 1990s",
                              "every Thursday",
                              " said",
                              "\"",
                              "killed",
                              "election",
                              "talks",
                              "attack",
                              " million",
                              " billion",
                              "$",
                              "1,",
                              "%",
                              "on Wednesday",
                              "late Thursday",
                              "Sept.",
                              "Dec.",
                              "Advertisement",
                              "\xC2\xA9"}) {
    INFO(feature);
    CHECK(text.find(feature) != std::string::npos);
  }
  const double kb = static_cast<double>(stats.bytes) / 1000.0;
  // One temporal expression per 100-200 bytes: 5-10 per KB.
  CHECK(static_cast<double>(stats.timexes) / kb > 5.0);
  CHECK(static_cast<double>(stats.timexes) / kb < 10.0);
  CHECK(static_cast<double>(stats.events) / kb > 15.0);
  CHECK(stats.numbers > 0);
  // Template markup never leaks into the text.
  CHECK(text.find_first_of("{}[]<>") == std::string::npos);
}

TEST_CASE("every generated TIMEX3 value parses and prints back unchanged") {
  const auto values = corpus::generate_values(1, 20'000);
  REQUIRE(values.size() == 20'000);
  std::set<chronicle::Grain> grains;
  std::size_t durations = 0, references = 0, unknown_digits = 0;
  for (const auto& v : values) {
    const auto parsed = chronicle::TimeValue::parse(v);
    INFO(v << ": " << (parsed.ok() ? parsed->str() : parsed.error().message));
    REQUIRE(parsed.ok());
    CHECK(parsed->str() == v);
    grains.insert(parsed->grain());
    durations += parsed->is_duration() ? 1 : 0;
    references += parsed->is_reference() ? 1 : 0;
    unknown_digits += v.find('X') != std::string::npos ? 1 : 0;
  }
  CHECK(durations > 1000);
  CHECK(references > 500);
  CHECK(unknown_digits > 500);
  using G = chronicle::Grain;
  for (const G g : {G::century, G::decade, G::year, G::half, G::quarter, G::season, G::month,
                    G::week, G::day, G::part_of_day, G::minute, G::second}) {
    INFO(chronicle::to_string(g));
    CHECK(grains.count(g) == 1);
  }
}
