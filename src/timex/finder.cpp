// find_timexes: match the rules sentence by sentence, find the dateline, then anchor every
// expression in text order (so that "the next day" can count from the last mentioned time).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include "chronicle/timex_finder.hpp"
#include "clause.hpp"
#include "engine.hpp"
#include "meaning.hpp"
#include "resolve.hpp"

namespace chronicle {

namespace detail {
namespace {

struct Chunk {
  Chunk() = default;
  Chunk(std::uint32_t first, std::uint32_t end, std::uint32_t s, const Rule* r, std::size_t k)
      : first_token(first), end_token(end), sentence(s), rule(r), index(k) {}

  std::uint32_t first_token = 0;
  std::uint32_t end_token = 0;
  std::uint32_t sentence = 0;
  const Rule* rule = nullptr;
  std::size_t index = 0;             // of the expression in the scanner's lists
  const Meaning* meaning = nullptr;  // the scanner's, once it has scanned the document
};

// Every expression the rules find, in text order; absorbed pieces are left out.
class Scanner {
 public:
  Scanner(const Document& doc, const TimexEngine& engine) : doc_(doc), e_(engine) {
    take_buffers();
    read_tokens();
  }
  ~Scanner() { return_buffers(); }
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  const std::vector<WordId>& word_ids() const { return buf_.word_ids; }
  // Every meaning built, by chunk index (those absorbed into larger expressions too).
  const Meaning* meanings() const { return buf_.meanings.data(); }

  // The expressions found; they and their meanings live as long as the scanner.
  const std::vector<Chunk>& run() {
    std::vector<Chunk>& found = buf_.chunks;
    const auto& sentences = doc_.sentences();
    for (std::uint32_t s = 0; s < sentences.size(); ++s) sentence(s, found);
    for (Chunk& c : found) c.meaning = &buf_.meanings[c.index];
    return found;
  }

 private:
  void sentence(std::uint32_t s, std::vector<Chunk>& found) {
    const Sentence& sent = doc_.sentences()[s];
    const std::uint32_t first = sent.first_token;
    const std::uint8_t* const flags = buf_.flags.data();
    // Most sentences name no time at all: skip them on the token flags alone.
    const bool any_temporal = any_flag(flags, first, sent.end_token, temporal);
    if (!any_temporal) return;
    const Token* const tokens = doc_.tokens().data();
    const WordId* const ids = buf_.word_ids.data();
    const std::uint16_t* const shapes = buf_.shapes.data();
    const Matcher& matcher = *e_.matcher;
    // What the sentence holds, and its tokens as the first layer's items: written once the
    // first layer calls best_match, which reads them. Many sentences with a word naming time
    // have no position worth the call ("5 people"); until then the first layer tests the
    // tokens themselves.
    Presence present;
    std::vector<Item>& items = buf_.items;
    bool items_written = false;
    const auto write_items = [&] {
      items.resize(sent.end_token - first);
      Item* const first_items = items.data();
      // The words one by one; whether a number is there, from the flags eight at a time (the
      // loop then reads no token).
      for (std::uint32_t t = first; t < sent.end_token; ++t) {
        matcher.add_presence(present, ids[t], false);
        first_items[t - first] = Item{t, t + 1, -1};
      }
      if (any_flag(flags, first, sent.end_token, number)) matcher.add_presence(present, -1, true);
      items_written = true;
    };
    const std::size_t first_chunk = buf_.spans.size();  // the expressions of earlier sentences stay
    std::vector<std::uint32_t>& chunk_at = buf_.chunk_positions;  // where the items' chunks are
    chunk_at.clear();
    for (int layer = 1; layer <= e_.grammar.layers(); ++layer) {
      if (layer > 1 && buf_.spans.size() == first_chunk)
        break;  // later layers build on earlier ones
      // What this layer finds, replacing its items in `items` once the layer ends.
      std::vector<Replacement>& found_here = buf_.replacements;
      found_here.clear();
      MatchInput in{&doc_,        &buf_.word_ids, &buf_.shapes, &items,
                    &buf_.labels, present,        &buf_.numbers};
      Match& m = buf_.match;
      // best_match at item i, and what it finds recorded: returns the item to go on from.
      const auto match_at = [&](std::uint32_t i) {
        if (!matcher.best_match(in, layer, i, m)) return i + 1;
        buf_.spans.push_back(
            Extent{items[m.begin].first_token, items[m.end - 1].end_token, m.rule});
        // Built in place: no capture names the new expression. Started as a copy of a blank
        // one: a Meaning (424 bytes, trivially copyable) is copied in a few wide moves, where
        // its constructor would store each field's default.
        build_meaning(*m.rule, m, e_.lexicon, buf_.meanings,
                      buf_.meanings.emplace_back(blank_meaning()));
        // The tag is a view of the rules' text: it stays valid when the meanings move.
        buf_.labels.push_back(ChunkLabel{buf_.meanings.back().tag, buf_.meanings.back().type});
        found_here.push_back(
            Replacement{i, m.end,
                        Item{buf_.spans.back().first_token, buf_.spans.back().end_token,
                             static_cast<std::int32_t>(buf_.spans.size() - 1)}});
        return m.end;
      };
      // Positions where best_match surely finds nothing are skipped without the call.
      const Matcher::StartTest& test = matcher.start_test(layer);
      if (layer == 1) {
        const std::uint32_t size = sent.end_token - first;
        for (std::uint32_t i = 0; i < size;) {
          // The items are the tokens still: on to the next that may start a rule near time.
          i = next_with_both(flags + first, i, size);
          if (i == size) break;
          if (!test.worth_trying_tokens(first, size, tokens, ids, shapes, i)) {
            ++i;
            continue;
          }
          if (!items_written) {
            write_items();
            in.present = present;
          }
          i = match_at(i);
        }
      } else {
        // Later layers combine earlier expressions: their matches start at most
        // `chunk_reach` items before one. Only those positions are tried, expression by
        // expression, in order (a match may end past the next ones).
        const auto size = static_cast<std::uint32_t>(items.size());
        std::uint32_t i = 0;
        for (const std::uint32_t k : chunk_at) {
          if (i + chunk_reach < k) i = k - chunk_reach;
          while (i <= k) {
            const Item& item = items[i];
            // A token no rule starts at: both tests at once (an expression's item has a first
            // token too, whose flags are read for nothing).
            const bool no_start = (item.chunk < 0) & ((flags[item.first_token] & can_start) == 0);
            if (no_start || !test.worth_trying(items.data(), size, tokens, ids, shapes, i)) {
              ++i;
              continue;
            }
            i = match_at(i);
          }
        }
      }
      if (!found_here.empty()) {
        if (layer == 1) {
          replace_tokens(items, found_here, chunk_at);
        } else {
          replace_items(items, found_here, chunk_at);
        }
      }
    }
    if (buf_.spans.size() == first_chunk) return;
    // The expressions left in the items, in order: where replace_items put them.
    for (const std::uint32_t at : chunk_at) {
      const auto k = static_cast<std::size_t>(items[at].chunk);
      if (buf_.meanings[k].drop) continue;
      found.emplace_back(buf_.spans[k].first_token, buf_.spans[k].end_token, s, buf_.spans[k].rule,
                         k);
    }
  }

  static const Meaning& blank_meaning() {
    static const Meaning blank;
    return blank;
  }

  // Eight flags from i, those from `end` on masked off: the buffer holds eight bytes past the
  // last token's (read_tokens), so the load stays inside it, and the flags of a sentence's
  // last few tokens are read at once too.
  static std::uint64_t eight_flags(const std::uint8_t* flags, std::uint32_t i, std::uint32_t end) {
    std::uint64_t eight;
    std::memcpy(&eight, flags + i, sizeof eight);
    if (end - i >= 8) return eight;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return eight & ~(~std::uint64_t{0} >> (8 * (end - i)));  // the first bytes are the high ones
#else
    return eight & low_bytes[end - i];
#endif
  }

  // Whether a token of [begin, end) has `flag`: the flags read eight at a time.
  static bool any_flag(const std::uint8_t* flags, std::uint32_t begin, std::uint32_t end,
                       std::uint8_t flag) {
    const std::uint64_t mask = 0x0101010101010101ull * flag;
    for (; begin < end; begin += 8) {
      if (eight_flags(flags, begin, end) & mask) return true;
    }
    return false;
  }

  // The first of flags [i, size) with both can_start and near_temporal, or size: eight flags
  // at a time (most tokens of a sentence naming time have not both).
  static std::uint32_t next_with_both(const std::uint8_t* flags, std::uint32_t i,
                                      std::uint32_t size) {
    static_assert(near_temporal == can_start << 3, "one shift lines the two bits up");
    constexpr std::uint64_t low_bits = 0x0101010101010101ull * can_start;
    for (; i < size; i += 8) {
      const std::uint64_t eight = eight_flags(flags, i, size);
      // can_start of each byte where near_temporal, three bits up in the same byte, is set
      // too (the bits a shift carries in from the next byte land above can_start). The first
      // flag is the lowest byte (x86 and the other little-endian targets).
      const std::uint64_t both = eight & (eight >> 3) & low_bits;
      if (both != 0) return i + static_cast<std::uint32_t>(__builtin_ctzll(both)) / 8;
    }
    return size;
  }

  // Items [begin, end) that a layer's expression replaces by its own item.
  struct Replacement {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    Item item;
  };

  // Rewrites `items` in place, in one pass, and where their expressions are: each
  // replacement takes at least one item and gives one, so the items move only towards the
  // front, and the expressions before the first replacement stay where they were.
  static void replace_items(std::vector<Item>& items, const std::vector<Replacement>& found,
                            std::vector<std::uint32_t>& chunk_at) {
    Item* const data = items.data();
    const auto size = static_cast<std::uint32_t>(items.size());
    std::uint32_t write = found.front().begin;
    std::uint32_t read = write;
    chunk_at.erase(std::lower_bound(chunk_at.begin(), chunk_at.end(), write), chunk_at.end());
    const auto move_to = [&](std::uint32_t end) {
      for (; read < end; ++read, ++write) {
        if (data[read].chunk >= 0) chunk_at.push_back(write);
        data[write] = data[read];
      }
    };
    for (const Replacement& r : found) {
      move_to(r.begin);
      chunk_at.push_back(write);
      data[write++] = r.item;
      read = r.end;
    }
    move_to(size);
    items.resize(write);
  }

  // replace_items for the first layer, whose items are all tokens: no expression to find
  // among them, and a run of items between two replacements moves whole, once the items have
  // moved at all (most of a sentence's items, item by item there).
  static void replace_tokens(std::vector<Item>& items, const std::vector<Replacement>& found,
                             std::vector<std::uint32_t>& chunk_at) {
    Item* const data = items.data();
    std::uint32_t write = found.front().begin;
    std::uint32_t read = write;
    const auto move_to = [&](std::uint32_t end) {
      if (write != read) std::memmove(data + write, data + read, (end - read) * sizeof(Item));
      write += end - read;
      read = end;
    };
    for (const Replacement& r : found) {
      move_to(r.begin);
      chunk_at.push_back(write);
      data[write++] = r.item;
      read = r.end;
    }
    move_to(static_cast<std::uint32_t>(items.size()));
    items.resize(write);
  }

  // How many tokens the longest temporal phrase starting at token i spans ("St. Patrick's
  // Day"), 0 when none does ("St. Louis").
  std::size_t temporal_phrase_size(std::size_t i) const {
    const auto w = static_cast<std::size_t>(buf_.word_ids[i]);
    // The second word first, by its bit: the word after (read already) is no phrase's word
    // (-1) or not a second word of these phrases, mostly.
    if (i + 1 >= buf_.word_ids.size() || buf_.word_ids[i + 1] < 0 ||
        (e_.temporal_phrase_seconds[w] &
         (std::uint64_t{1} << (static_cast<std::uint64_t>(buf_.word_ids[i + 1]) % 64))) == 0) {
      return 0;
    }
    std::size_t longest = 0;
    for (const auto p : e_.temporal_phrases[w]) {
      const std::vector<WordId>& words = e_.lexicon.phrase(p).words;
      if (words.size() <= longest || words.size() > buf_.word_ids.size() - i) continue;
      std::size_t k = 1;
      while (k < words.size() && buf_.word_ids[i + k] == words[k]) ++k;
      if (k == words.size()) longest = k;
    }
    return longest;
  }

  // Per token: its word id and its flags (below): its word's, the tokens of temporal
  // phrases, and whether a token names time within `reach` tokens from it (crossing a
  // sentence end at worst lets a few positions through to the full test). One pass from the
  // last token: a phrase and the test of reach look only at the tokens after one, read
  // already. The loop works on raw pointers held in locals: a store of a byte may alias
  // anything, and through the vectors it would make the compiler reload every vector and
  // lexicon member after each token.
  void read_tokens() {
    const std::size_t n = doc_.tokens().size();
    buf_.word_ids.resize(n);
    buf_.flags.resize(n + 8);  // eight bytes more for eight_flags(), never read unmasked
    // Zeroed at once (a memset): only numbers' shapes are written below, and the buffer may
    // hold an earlier document's.
    buf_.shapes.assign(n, 0);
    buf_.numbers.resize(n);  // written for the numbers only, as the matcher reads them
    const Token* const tok = doc_.tokens().data();
    WordId* const ids = buf_.word_ids.data();
    const Lexicon::Finder lexicon = e_.lexicon.finder();
    const std::uint8_t* const word_flags = e_.word_flags.data();
    std::uint8_t* const flags = buf_.flags.data();
    std::uint16_t* const shapes = buf_.shapes.data();
    std::int32_t* const numbers = buf_.numbers.data();
    const char* const text = doc_.text().data();
    const char* const text_end = text + doc_.text().size();
    std::size_t last = SIZE_MAX;  // the nearest temporal token after i; none: out of reach
    for (std::size_t i = n; i-- > 0;) {
      // As Document::text(token) reads it, without its checks on each call: the tokens come
      // from Document::parse, which tokenizes the text itself, so they lie within it.
      const Token& t = tok[i];
      const std::string_view spelled(text + t.begin, t.end - t.begin);
      const WordId w = lexicon.find(spelled, text_end);
      ids[i] = w;
      std::uint8_t f = w >= 0 ? word_flags[static_cast<std::size_t>(w)] : 0;
      if (t.kind == TokenKind::number) {
        f |= can_start | temporal | number;
        shapes[i] = number_shapes(spelled, numbers[i]);
      }
      if (f & starts_temporal_phrase) {
        const std::size_t size = temporal_phrase_size(i);
        if (size > 0) f |= temporal | near_temporal;
        for (std::size_t k = i + 1; k < i + size; ++k) flags[k] |= temporal | near_temporal;
      }
      if (f & temporal) last = i;
      if (last - i <= reach) f |= near_temporal;
      flags[i] = f;
    }
  }

  // How far ahead of a word a rule's temporal token may sit ("the end of the year").
  static constexpr std::uint32_t reach = TimexEngine::reach;

  // How far before an expression a rule combining it may start ("the end of the 1990s").
  static constexpr std::uint32_t chunk_reach = 6;

  // Per token: may a rule start here, does it name time, does it start a phrase that may,
  // does a token within reach, is it a number.
  enum Flag : std::uint8_t {
    can_start = TimexEngine::can_start,
    temporal = TimexEngine::temporal,
    starts_temporal_phrase = TimexEngine::starts_temporal_phrase,
    near_temporal = 8,
    number = 16,  // a number token
  };
  const Document& doc_;
  const TimexEngine& e_;

  // An expression of the document so far, by chunk index: its tokens and rule.
  struct Extent {
    std::uint32_t first_token = 0;
    std::uint32_t end_token = 0;
    const Rule* rule = nullptr;
  };
  // The scanner's vectors, kept from one document to the next (per thread): a document then
  // allocates nothing for them, and the word ids and flags are not zeroed first (read_tokens
  // writes every element). A scanner takes them and gives them back when it ends; one made
  // meanwhile on the same thread would start with empty ones.
  struct Buffers {
    std::vector<std::uint8_t> flags;  // per token: Flag bits
    std::vector<WordId> word_ids;
    std::vector<std::uint16_t> shapes;  // per token: number_shapes of a number, else 0
    std::vector<std::int32_t> numbers;  // per number token with a shape: its value
    // The expressions so far, by chunk index: extent, meaning and the label later layers
    // match.
    std::vector<Extent> spans;
    std::vector<Meaning> meanings;
    std::vector<ChunkLabel> labels;
    std::vector<Chunk> chunks;  // what run() found
    // Reused from sentence to sentence.
    std::vector<Item> items;
    std::vector<Replacement> replacements;
    std::vector<std::uint32_t> chunk_positions;
    Match match;
  };
  Buffers buf_;
  static Buffers& spare() {
    thread_local Buffers buffers;
    return buffers;
  }
  void take_buffers() {
    std::swap(buf_, spare());
    buf_.spans.clear();
    buf_.meanings.clear();
    buf_.labels.clear();
    buf_.chunks.clear();
  }
  // Given back unless a huge document made them so: a thread keeps no more than that.
  void return_buffers() {
    constexpr std::size_t most_tokens = std::size_t{1} << 20;
    if (buf_.word_ids.capacity() > most_tokens || buf_.meanings.capacity() > most_tokens / 16) {
      return;
    }
    std::swap(buf_, spare());
  }
};

// Is `c` the second half of "from X to c", "between X and c", "X until c", "X - c"?
bool is_range_end(const Document& doc, const Chunk& start, const Chunk& c,
                  std::uint32_t sentence_first) {
  if (c.first_token != start.end_token + 1) return false;
  const std::string_view link = doc.text(doc.tokens()[start.end_token]);
  if (link == "until" || link == "till" || link == "through" || link == "-" ||
      link == "\xE2\x80\x93") {
    return true;
  }
  if (link != "to" && link != "and") return false;
  if (start.first_token == sentence_first) return false;
  const std::string_view opener = doc.text(doc.tokens()[start.first_token - 1]);
  return opener == "from" || opener == "between" || opener == "From" || opener == "Between";
}

bool in_class(const TimexEngine& e, WordId w, ClassId cls) {
  return w >= 0 && (e.lexicon.info(w).classes & (std::uint64_t{1} << cls)) != 0;
}

// "60 Minutes", "This Week", "48 Hours": a unit of time written with a capital inside an
// expression is a title (of a show, a book), not a time. All-capitals text is left alone.
bool is_title(const Document& doc, const std::vector<WordId>& ids, const TimexEngine& e,
              const Chunk& c, const Meaning* meanings) {
  if (!c.meaning->holiday.empty()) return false;  // "Thanksgiving Day", "Election Day"
  // "the day after New Year's Day": counted from a holiday, whose name is capitalized
  if (c.meaning->anchor == AnchorChoice::expression &&
      !meanings[c.meaning->anchor_expression].holiday.empty()) {
    return false;
  }
  const auto& tokens = doc.tokens();
  for (std::uint32_t k = c.first_token + 1; k < c.end_token; ++k) {
    const Token& t = tokens[k];
    if (!t.has(Token::capitalized) || t.has(Token::all_caps) || ids[k] < 0) continue;
    if (e.lexicon.info(ids[k]).classes & e.unit_classes) return true;
  }
  return false;
}

bool is_dash(std::string_view t) {
  return t == "--" || t == "-" || t == "_" || t == "\xE2\x80\x94" || t == "\xE2\x80\x93" ||
         t == "---";
}

// A dateline that names no agency, at the start of a paragraph [first, last): a place and a
// date, or a date with its year, closed by a dash ("KABUL, Afghanistan, Jan. 6 --",
// "Tuesday, 4 January 2022 --"), or a
// date with its year that opens the paragraph and a slash or bar after it, as news sites print
// them ("Jan. 6, 2022 / 10:21 AM / Updated ...").
std::optional<Dateline> dateline_without_agency(const Document& doc,
                                                const std::vector<Chunk>& chunks,
                                                std::uint32_t first, std::uint32_t last,
                                                const Chunk** date_chunk) {
  const auto& tokens = doc.tokens();
  for (const Chunk& c : chunks) {
    if (c.first_token < first) continue;
    if (c.first_token >= first + 24 || c.end_token >= last) break;
    const Meaning& m = *c.meaning;
    if (m.month <= 0 || m.day <= 0 || m.shifted) continue;
    const std::string_view after = doc.text(tokens[c.end_token]);
    const bool slash = c.first_token == first && m.year >= 0 && (after == "/" || after == "|");
    if (!slash && !is_dash(after)) break;
    // A bare "Jan. 2 --" opens the entries of a chronology as often as a story: a dateline
    // has a place before its date, or a year in it.
    if (!slash && c.first_token == first && m.year < 0) break;
    // Before the date: a place (capitalized words, numbers, punctuation) or nothing.
    for (std::uint32_t k = first; k < c.first_token; ++k) {
      const Token& t = tokens[k];
      if (t.kind == TokenKind::word && !t.has(Token::capitalized)) return std::nullopt;
    }
    Dateline d;
    d.span = Span{tokens[first].begin, tokens[c.end_token].end};
    d.date = Span{tokens[c.first_token].begin, tokens[c.end_token - 1].end};
    *date_chunk = &c;
    return d;
  }
  return std::nullopt;
}

// "ALMATY, Kazakhstan, Jan. 6 (AP) --", "Jan. 6 (UPI) --", "(CNN) --" at the top of a story.
std::optional<Dateline> find_dateline(const Document& doc, const std::vector<Chunk>& chunks,
                                      const Chunk** date_chunk) {
  const auto& tokens = doc.tokens();
  int body_seen = 0;
  for (const Paragraph& para : doc.paragraphs()) {
    if (para.role != ParagraphRole::body) continue;
    if (++body_seen > 2) break;
    if (para.first_sentence >= para.end_sentence) continue;
    const std::uint32_t first = doc.sentences()[para.first_sentence].first_token;
    const std::uint32_t last = doc.sentences()[para.end_sentence - 1].end_token;
    for (std::uint32_t j = first; j + 2 < last && j < first + 24; ++j) {
      if (doc.text(tokens[j]) != "(" || doc.text(tokens[j + 2]) != ")") continue;
      const Token& agency = tokens[j + 1];
      const std::string_view name = doc.text(agency);
      if (agency.kind != TokenKind::word || !agency.has(Token::capitalized) || name.size() > 12) {
        break;
      }
      const bool dash = j + 3 >= last || is_dash(doc.text(tokens[j + 3]));
      if (!dash) break;
      // What precedes must look like a place and a date: capitalized words, numbers, commas.
      bool place_like = true;
      for (std::uint32_t k = first; k < j && place_like; ++k) {
        const Token& t = tokens[k];
        place_like = t.kind != TokenKind::word || t.has(Token::capitalized);
      }
      if (!place_like) break;
      Dateline d;
      d.agency = std::string(name);
      const std::uint32_t end = j + 3 < last ? j + 4 : j + 3;
      d.span = Span{tokens[first].begin, tokens[end - 1].end};
      for (const Chunk& c : chunks) {
        if (c.first_token >= first && c.end_token <= j && c.meaning->month > 0 &&
            c.meaning->day > 0) {
          d.date = Span{tokens[c.first_token].begin, tokens[c.end_token - 1].end};
          *date_chunk = &c;
          break;
        }
      }
      return d;
    }
    if (auto d = dateline_without_agency(doc, chunks, first, last, date_chunk)) return d;
  }
  return std::nullopt;
}

// The clause around an expression, read for resolve() when it asks.
struct ClauseAround {
  const Document& doc;
  const std::vector<WordId>& word_ids;
  const TimexEngine& engine;
  const Sentence& sentence;
  const Chunk& chunk;

  ClauseReading reading() const {
    ClauseReading r;
    r.tense = clause_tense(doc, word_ids, engine, sentence.first_token, sentence.end_token,
                           chunk.first_token, chunk.end_token, &r.infinitive, &r.timetable);
    switch (preceding_signal(doc, word_ids, engine, sentence.first_token, chunk.first_token)) {
      case Signal::forward:
        r.tense = ClauseTense::future;
        break;
      case Signal::deferral:
        r.tense = ClauseTense::future;
        r.timetable = true;
        break;
      case Signal::backward:
        r.tense = ClauseTense::past;
        break;
      case Signal::nearest:
        r.nearest = true;
        break;
      case Signal::deadline:
        r.nearest = r.tense == ClauseTense::unknown || r.tense == ClauseTense::present;
        break;
      case Signal::after:
        r.after = true;
        break;
      case Signal::called_off:
        r.nearest = true;
        r.called_off = true;
        break;
      case Signal::start:
        if (r.tense == ClauseTense::unknown) r.tense = ClauseTense::future;
        break;
      case Signal::none:
        break;
    }
    return r;
  }
  static ClauseReading read(const void* self) {
    return static_cast<const ClauseAround*>(self)->reading();
  }
};

// Day numbers coordinated with a month-day: "April 24 and 25", "March 3-5", "Jan. 6, 7 and
// 8". Returns the tokens of the later days, each greater than the one before; empty unless
// the list closes with "and", "or", "to", "through" or a dash (so that "on March 3, 5 of them"
// stays out) and no word but a function word follows a day ("April 24 and 25 people").
std::vector<std::pair<std::uint32_t, int>> coordinated_days(const Document& doc,
                                                            const std::vector<WordId>& ids,
                                                            const TimexEngine& e,
                                                            std::uint32_t after, int day,
                                                            std::uint32_t sentence_end) {
  std::vector<std::pair<std::uint32_t, int>> days;
  const auto& tokens = doc.tokens();
  bool closed = false;
  for (std::uint32_t k = after; k + 1 < sentence_end && !closed;) {
    const std::string_view link = doc.text(tokens[k]);
    const bool comma = link == ",";
    if (!comma && link != "and" && link != "or" && link != "to" && link != "through" &&
        !is_dash(link)) {
      break;
    }
    const Token& number = tokens[k + 1];
    const std::string_view digits = doc.text(number);
    if (number.kind != TokenKind::number || digits.size() > 2) break;
    int next = 0;
    for (const char c : digits) {
      if (c < '0' || c > '9') return {};
      next = next * 10 + (c - '0');
    }
    if (next <= day || next > 31) break;
    if (k + 2 < sentence_end) {
      const Token& follow = tokens[k + 2];
      if (follow.kind == TokenKind::number) break;
      if (follow.kind == TokenKind::word && !in_class(e, ids[k + 2], e.function_word)) break;
    }
    days.emplace_back(k + 1, next);
    day = next;
    closed = !comma;
    k += 2;
  }
  if (!closed) days.clear();
  return days;
}

// Words between the two ends of a range of times of day: "from 2 a.m. until shortly after
// 6 a.m. Saturday", "between 9 and 11 p.m. Friday".
bool range_word(std::string_view w) {
  return w == "to" || w == "until" || w == "till" || w == "through" || w == "and" || w == "-" ||
         w == "shortly" || w == "just" || w == "about" || w == "around" || w == "after" ||
         w == "before";
}

// A time of day alone ("10:35 a.m.", "9 a.m.") that a day follows closely in its clause takes
// that day: "at 10:35 a.m. (0735 GMT) Friday", "at 9 a.m. on Monday", "at noon, local time,
// Tuesday", "from 2 a.m. until 6 a.m. Saturday". Between them only brackets, commas, "on",
// "local time", the words of a range and other times of day. Returns the day's chunk, or null.
const Chunk* following_day(const Document& doc, const std::vector<Chunk>& chunks, std::size_t at) {
  const Chunk& c = chunks[at];
  // A clock time or a part of the day ("at dawn on Monday") without a day of its own.
  auto time_of_day_alone = [](const Meaning& m) {
    return (m.hour >= 0 || m.pod != PartOfDay::none) && !m.has_calendar_fields() && !m.shifted &&
           m.type == TimexType::time;
  };
  if (!time_of_day_alone(*c.meaning)) return nullptr;
  std::uint32_t gap = 0;
  std::uint32_t from = c.end_token;
  for (std::size_t k = at + 1; k < chunks.size() && chunks[k].sentence == c.sentence; ++k) {
    const Chunk& d = chunks[k];
    for (std::uint32_t i = from; i < d.first_token; ++i, ++gap) {
      const std::string_view w = doc.text(doc.tokens()[i]);
      if (w != "(" && w != ")" && w != "," && w != "on" && w != "local" && w != "time" &&
          !range_word(w)) {
        return nullptr;
      }
    }
    if (gap > 5) return nullptr;
    const Meaning& m = *d.meaning;
    if (time_of_day_alone(m)) {
      from = d.end_token;
      continue;
    }
    // A day, or the end of a range that names its day ("until shortly after 6 a.m. Saturday").
    const bool day = (m.weekday >= 0 || (m.month >= 0 && m.day >= 0)) &&
                     (m.type == TimexType::date || (m.type == TimexType::time && m.hour >= 0)) &&
                     m.duration.size == 0 && !m.ref && !m.shifted;
    return day ? &d : nullptr;
  }
  return nullptr;
}

// "t1", "t2", ...: the last id's text is kept and counted up in decimal (no conversion per
// id), and written in place, into the new timex's empty string (no temporary), a byte at a
// time: push_back is inlined, and the few bytes fit the string's own buffer, where assign()
// would be a library call costing more than all of them.
class TimexIds {
 public:
  void next(std::string& id) {
    std::size_t k = size_ - 1;
    while (text_[k] == '9') text_[k--] = '0';
    if (k == 0) {  // all nines: one digit more, "t99" -> "t100"
      text_[1] = '1';
      text_[size_++] = '0';
    } else {
      ++text_[k];
    }
    for (std::size_t i = 0; i < size_; ++i) id.push_back(text_[i]);
  }

 private:
  char text_[24] = {'t', '0'};
  std::size_t size_ = 2;
};

TimeValue dct_from_dateline(const Meaning& m, std::optional<int> year) {
  TimeValue::Point p;
  const int y = m.year >= 0 ? m.year : year ? *year : -1;
  p.year = y >= 0 ? YearField{static_cast<std::int16_t>(y), 4, 0} : YearField{0, 4, 0b1111};
  p.month = Field<std::int8_t>::of(m.month);
  p.day = Field<std::int8_t>::of(m.day);
  return TimeValue::of(p);
}

}  // namespace
}  // namespace detail

TimexResult find_timexes(const Document& doc, const TimexOptions& options) {
  using namespace detail;
  const TimexEngine& engine = TimexEngine::instance();
  Scanner scanner(doc, engine);
  const std::vector<Chunk>& chunks = scanner.run();

  TimexResult result;
  const Chunk* dateline_chunk = nullptr;
  result.dateline = find_dateline(doc, chunks, &dateline_chunk);

  // The DCT: given, or from the dateline, completed with the given year.
  std::optional<TimeValue> dct = options.dct;
  if (dct && options.year && dct->is_point() && !dct->point().year.known()) {
    dct->point().year = YearField{static_cast<std::int16_t>(*options.year), 4, 0};
  }
  if (!dct && options.use_dateline && dateline_chunk) {
    dct = dct_from_dateline(*dateline_chunk->meaning, options.year);
    if (!dct->ok()) dct.reset();
  }
  if (!dct && options.year) dct = TimeValue::year_only(*options.year);
  Anchor dct_anchor;
  if (dct && dct->ok()) {
    Timex t;
    t.id = "t0";
    t.type = dct->point().hour.present() ? TimexType::time : TimexType::date;
    t.value = *dct;
    t.function = DocumentFunction::creation_time;
    t.bounds = dct->bounds();
    t.rule = options.dct ? "dct:given" : dateline_chunk ? "dct:dateline" : "dct:year";
    result.dct = t;
    dct_anchor = Anchor::of(*dct, "t0");
  }

  result.timexes.reserve(chunks.size());
  // One input for every expression: it carries the anchors (the last mentioned time, the
  // reported period, the day of the sentence) from one to the next, without copying them.
  ResolveInput in;
  in.meanings = scanner.meanings();
  in.dct = std::move(dct_anchor);
  in.policy = options.policy;
  in.anchoring = options.anchoring;
  std::uint32_t last_sentence = 0;
  std::uint32_t current_sentence = ~0u;
  TimexIds ids;
  const Chunk* previous = nullptr;
  Meaning recurring;  // a weekday that recurs with the one before it (a Meaning is large)
  // Times of day anchored to a day that follows them: (index in result.timexes, the day).
  std::vector<std::pair<std::size_t, const Chunk*>> pending_anchors;
  // The sentence's day, kept aside while the day after an expression stands in for it: one
  // for the loop (an Anchor is a dozen fields to initialize, and few expressions need it).
  Anchor sentence_day;
  std::uint32_t story_year_scanned = 0;  // tokens up to here checked for in.sentence_year
  for (const Chunk& c : chunks) {
    if (c.sentence != current_sentence) {
      current_sentence = c.sentence;
      in.sentence_day = Anchor{};
      in.sentence_year = Anchor{};
    }
    const Sentence& sent = doc.sentences()[c.sentence];
    // The sentence's year holds up to a relative clause.
    for (; in.sentence_year.has_year() && story_year_scanned < c.first_token;
         ++story_year_scanned) {
      if (in_class(engine, scanner.word_ids()[story_year_scanned], engine.story_year_break))
        in.sentence_year = Anchor{};
    }
    in.meaning = c.meaning;
    in.last_is_recent = in.last.any() && c.sentence <= last_sentence + 1;
    const ClauseAround clause{doc, scanner.word_ids(), engine, sent, c};
    in.read_clause = &ClauseAround::read;
    in.clause_source = &clause;
    // The end of a range ("from Jan. 3 to Jan. 19", "from Tuesday until late Wednesday")
    // lies after its start. It is read as usual when that reading does; otherwise it counts
    // forward from the start ("from Sept. 14 to Thursday" is the Thursday just past when that
    // is after Sept. 14; "from November to February" the February after). What names its own
    // day ("this morning") is left alone.
    const Timex* range_start = nullptr;
    if (previous && previous->sentence == c.sentence && !c.meaning->shifted &&
        is_range_end(doc, *previous, c, sent.first_token) && !result.timexes.empty()) {
      range_start = &result.timexes.back();
    }
    // "every Monday and Thursday": a bare weekday joined to a recurring one recurs too.
    if (c.meaning->weekday > 0 && c.meaning->type == TimexType::date && previous &&
        previous->sentence == c.sentence && previous->end_token + 1 == c.first_token &&
        previous->meaning->type == TimexType::set && previous->meaning->weekday > 0 &&
        !c.meaning->shifted && c.meaning->year < 0 && c.meaning->month < 0 && c.meaning->day < 0 &&
        c.meaning->week < 0) {
      const std::string_view joint = doc.text(doc.tokens()[previous->end_token]);
      if (joint == "and" || joint == "or") {
        recurring = *c.meaning;
        recurring.type = TimexType::set;
        recurring.quant = previous->meaning->quant;
        in.meaning = &recurring;
      }
    }
    previous = &c;
    if (is_title(doc, scanner.word_ids(), engine, c, scanner.meanings())) continue;
    // A time of day with its day just after it is read on that day, and anchored to it once
    // the day has its id.
    const Chunk* day_after =
        following_day(doc, chunks, static_cast<std::size_t>(&c - chunks.data()));
    if (day_after) {
      const ClauseAround day_clause{doc, scanner.word_ids(), engine, sent, *day_after};
      in.meaning = day_after->meaning;
      in.clause_source = &day_clause;
      const Resolved d = resolve(in);
      in.meaning = c.meaning;
      in.clause_source = &clause;
      if (d.valid && d.value.is_point() && d.value.point().day.present()) {
        sentence_day = std::exchange(in.sentence_day, Anchor::of(d.value, ""));
        in.day_follows = true;
      } else {
        day_after = nullptr;
      }
    }
    Resolved r = resolve(in);
    if (day_after) {
      in.sentence_day = std::move(sentence_day);
      in.day_follows = false;
    }
    if (range_start) {
      Anchor start = Anchor::of(range_start->value, range_start->id);
      const bool after_start = r.valid && r.bounds && range_start->bounds &&
                               !(r.bounds->latest <= range_start->bounds->latest);
      if ((start.has_day() || (start.has_month() && start.has_year())) && !after_start) {
        // Counted from the start instead of the DCT, for this expression only.
        std::swap(in.dct, start);
        in.clause = clause.reading();
        in.clause.tense = ClauseTense::future;
        in.read_clause = nullptr;
        in.range_end = true;
        r = resolve(in);
        in.range_end = false;
        std::swap(in.dct, start);
      }
    }
    if (!r.valid) continue;
    if (day_after) pending_anchors.emplace_back(result.timexes.size(), day_after);
    Timex& t = result.timexes.emplace_back();
    ids.next(t.id);
    // Approximators ("about two weeks") give the mod but stay outside the extent.
    std::uint32_t first = c.first_token;
    while (first + 1 < c.end_token &&
           in_class(engine, scanner.word_ids()[first], engine.outside_extent)) {
      ++first;
    }
    t.span = Span{doc.tokens()[first].begin, doc.tokens()[c.end_token - 1].end};
    t.type = r.type;
    t.value = std::move(r.value);
    t.mod = r.mod;
    t.temporal_function = r.temporal_function;
    // Mostly empty, as the new timex's strings are: moved only when not (a move is a call).
    if (!r.quant.empty()) t.quant = std::move(r.quant);
    if (!r.freq.empty()) t.freq = std::move(r.freq);
    // A few bytes into the new timex's empty string, which holds them in place: push_back is
    // inlined, where assign() is a library call.
    for (const char ch : r.anchor_id.view()) t.anchor_id.push_back(ch);
    t.bounds = r.bounds;
    t.rule = c.rule->name;
    // Mostly none: the loop and the erase are skipped at one test (the erase costs some
    // thirty instructions on an empty list).
    if (!pending_anchors.empty()) {
      for (const auto& [index, chunk] : pending_anchors) {
        if (chunk != &c) continue;
        result.timexes[index].anchor_id = t.id;
        result.timexes[index].temporal_function = true;
      }
      // Done with (or past) those days: the list stays as short as one run of times.
      pending_anchors.erase(std::remove_if(pending_anchors.begin(), pending_anchors.end(),
                                           [&](const auto& p) { return p.second <= &c; }),
                            pending_anchors.end());
    }
    // "The last crisis, in 2012, ended at Easter": a year alone after "in" / "of" / "during"
    // sets the rest of the sentence in it.
    // So does one with no preposition before it ("was rejected twice last year, in June").
    const auto sets_story_year = [&] {
      // "the past year" runs up to the DCT: no year a story is set in.
      const auto& words = scanner.word_ids();
      if (c.end_token - c.first_token >= 2 && words[c.first_token] == engine.the_word &&
          (words[c.first_token + 1] == engine.past_word ||
           words[c.first_token + 1] == engine.last_word))
        return false;
      if (c.first_token == sent.first_token) return true;
      const WordId before = words[c.first_token - 1];
      return in_class(engine, before, engine.signal_story_year) ||
             !in_class(engine, before, engine.function_word);
    };
    if (t.type == TimexType::date && t.value.is_point() && sets_story_year()) {
      const TimeValue::Point& p = t.value.point();
      Anchor a = Anchor::of(t.value, t.id);
      if (a.has_year() && a.decade < 0 && !p.month.present() && !p.week.present() &&
          !p.quarter.present() && !p.half.present() && p.season == Season::none) {
        in.sentence_year = std::move(a);
        story_year_scanned = c.end_token;
      }
    }
    // What later expressions count from: points with at least a year or month. The
    // dateline's date is the DCT itself, not a time the story mentions.
    // Comparatives ("a year earlier") count from the period being discussed; they do not
    // become it.
    const bool period_value =
        t.value.is_point() && (t.value.point().quarter.present() || t.value.point().half.present());
    const bool comparative = c.meaning->anchor == AnchorChoice::period ||
                             c.meaning->anchor == AnchorChoice::reported ||
                             (c.meaning->grain_of_anchor && period_value);
    if (&c != dateline_chunk && !comparative && t.value.is_point() &&
        (t.type == TimexType::date || t.type == TimexType::time)) {
      Anchor a = Anchor::of(t.value, t.id);
      // The period being reported: a quarter or half named as such (not counted from another
      // one, "a year earlier") that has ended by the DCT: results are reported afterwards.
      if (a.year >= 0 && (a.quarter > 0 || a.half > 0) && !c.meaning->grain_of_anchor && t.bounds &&
          result.dct && result.dct->bounds && t.bounds->latest <= result.dct->bounds->earliest) {
        in.reported = a;
      }
      const bool names_period = a.has_year() || a.has_month() || a.decade >= 0;
      // "at 10:42 p.m. on Tuesday": the day after a clock time on it adds nothing; "two hours
      // later" counts from the clock time.
      const bool day_of_last_clock = a.hour < 0 && in.last.hour >= 0 &&
                                     c.sentence == last_sentence && in.last.year == a.year &&
                                     in.last.month == a.month && in.last.day == a.day;
      if (names_period) last_sentence = c.sentence;
      // The last of the anchors it becomes takes it whole.
      if (a.has_day()) {
        if (names_period && !day_of_last_clock) in.last = in.last_day = a;
        in.sentence_day = std::move(a);
      } else if (names_period) {
        in.last = std::move(a);
      }
    }
    // The days coordinated with a month-day share its month and year.
    if (t.type == TimexType::date && t.value.is_point() && t.value.point().day.present() &&
        t.value.point().month.present() && t.mod == TimexMod::none) {
      const auto days = coordinated_days(doc, scanner.word_ids(), engine, c.end_token,
                                         t.value.point().day.value(), sent.end_token);
      // What the later days take from the first (`t` moves when the vector grows).
      const TimeValue::Point first_day = t.value.point();
      const bool temporal_function = t.temporal_function;
      const std::string anchor_id = days.empty() ? std::string() : t.anchor_id;
      for (const auto& [token, day] : days) {
        TimeValue::Point p = first_day;
        p.day = decltype(p.day)::of(static_cast<std::int8_t>(day));
        const auto value = TimeValue::parse(TimeValue::of(p).str());
        if (!value) break;  // "Feb. 28 and 30"
        Timex& next = result.timexes.emplace_back();
        ids.next(next.id);
        next.span = Span{doc.tokens()[token].begin, doc.tokens()[token].end};
        next.type = TimexType::date;
        next.value = *value;
        next.temporal_function = temporal_function;
        next.anchor_id = anchor_id;
        next.bounds = next.value.bounds();
        next.rule = "coordinated-day";
      }
    }
  }
  return result;
}

}  // namespace chronicle
