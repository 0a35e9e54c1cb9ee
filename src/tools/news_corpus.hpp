// A deterministic generator of news-like text for chronicle's benchmarks and tests.
//
//   auto docs = chronicle::corpus::generate_stories(/*seed=*/1, 20'000'000);
//   std::string text = chronicle::corpus::join_text(docs);   // >= 20 MB of wire copy
//   std::string jsonl = chronicle::corpus::to_jsonl(docs);   // {"id","text","dct"} per line
//
// Stories look like wire copy: a headline, sometimes photo captions and a byline, a dateline
// in the style of its agency ("ALMATY, Kazakhstan, Jan. 6 (AP) --", "Jan. 6 (UPI) --",
// "WASHINGTON, Jan 6 (Reuters) -", "(CNN) --"), then paragraphs of reported events with
// temporal expressions of every common kind, numbers that are not dates, quotes and agency
// boilerplate. Templates and vocabulary are this project's own.
//
// Density aimed for: one temporal expression per 100-200 bytes of text (about 6-8 per KB;
// news wire runs at roughly 1 per 100-200 bytes in dense reporting) and one event word
// (verb or noun from the event lexicon) per 40-60 bytes. Stats reports what was written.
//
// Determinism: all choices come from Rng (xoshiro256** seeded through splitmix64), whose
// output is fixed by its definition, never from <random> distributions (whose output
// differs between standard libraries), the clock or the locale. Same seed and sizes, same
// bytes, on every machine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::corpus {

// xoshiro256** (Blackman and Vigna), its state filled from the seed by splitmix64.
class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t next();
  // Uniform in [0, n) by rejection, so without modulo bias; n must be > 0.
  std::uint64_t below(std::uint64_t n);
  // Uniform in [lo, hi], both included; lo <= hi.
  int between(int lo, int hi);
  // True with probability percent/100.
  bool chance(int percent);

  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }

 private:
  std::uint64_t s_[4];
};

struct Document {
  std::string id;    // "news-000001"
  std::string dct;   // document creation time, "YYYY-MM-DD"
  std::string text;  // UTF-8 story text, paragraphs separated by a blank line, ends with "\n"
};

// What the generator wrote, counted as it wrote it.
struct Stats {
  std::size_t documents = 0;
  std::size_t bytes = 0;    // text bytes of the documents
  std::size_t timexes = 0;  // temporal expressions (datelines with a date included)
  std::size_t events = 0;   // event verbs and nouns
  std::size_t numbers = 0;  // counts, money, scores, ages, route numbers: numbers not times

  Stats& operator+=(const Stats& o);
};

// Stories until join_text() of them holds at least `total_bytes` bytes. Story sizes vary
// between about 1.5 and 6 KB; the last story is sized to what remains, so the joined text
// ends less than one paragraph past `total_bytes`. Every story is complete.
std::vector<Document> generate_stories(std::uint64_t seed, std::size_t total_bytes,
                                       Stats* stats = nullptr);

// `count` stories of about `doc_bytes` bytes each (each between 0.6 and 1.4 times that),
// like TempEval's set of a few hundred short articles.
std::vector<Document> generate_documents(std::uint64_t seed, std::size_t count,
                                         std::size_t doc_bytes, Stats* stats = nullptr);

// The documents' texts, separated by one blank line (each text already ends with "\n").
std::string join_text(const std::vector<Document>& docs);

// One JSON object per line: {"id":"...","text":"...","dct":"YYYY-MM-DD"}.
std::string to_jsonl(const std::vector<Document>& docs);

// A JSON string literal (with the quotes) for UTF-8 text: escapes '"', '\\' and every
// control character; other bytes pass through.
std::string json_quote(std::string_view text);

// Reads what to_jsonl() writes (objects of string members, any key order, the usual JSON
// escapes including \uXXXX and surrogate pairs). Throws std::runtime_error with the line
// number on anything else or on a missing "text" member.
std::vector<Document> read_jsonl(std::string_view jsonl);

// `count` TIMEX3 value strings of every form chronicle::TimeValue parses (dates, times with
// zones, weeks, seasons, quarters, decades, X digits, parts of day, references, durations),
// in proportions like news text's: mostly days, then durations, years and months.
std::vector<std::string> generate_values(std::uint64_t seed, std::size_t count);

}  // namespace chronicle::corpus
