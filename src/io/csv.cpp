#include "chronicle/io/csv.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>
#include <utility>
#include <vector>

#include "../swar.hpp"
#include "chronicle/timeline.hpp"
#include "timeline_rows.hpp"
#include "utf8.hpp"

namespace chronicle::csv {

namespace {

bool formula_like(std::string_view field) {
  if (field.empty()) return false;
  const char c = field[0];
  return c == '=' || c == '+' || c == '-' || c == '@';
}

using detail::swar::has_byte;

// Per byte: 1 when it makes a field quoted, 2 when it is not ASCII. Most cells are a few
// bytes long, where a table lookup beats the eight-byte test.
constexpr std::array<unsigned char, 256> byte_kinds = [] {
  std::array<unsigned char, 256> k{};
  k[','] = k['"'] = k['\r'] = k['\n'] = 1;
  for (std::size_t c = 0x80; c < 256; ++c) k[c] = 2;
  return k;
}();

// Appends a quoted field's body: quotes doubled, made valid UTF-8 unless known ASCII.
void append_quoted_body(std::string& out, std::string_view field, bool ascii) {
  std::size_t run = 0;
  for (;;) {
    const auto* q =
        static_cast<const char*>(std::memchr(field.data() + run, '"', field.size() - run));
    const std::size_t end = q ? static_cast<std::size_t>(q - field.data()) + 1 : field.size();
    if (ascii) {
      out.append(field.data() + run, end - run);
    } else {
      detail::utf8::append_valid(out, field.substr(run, end - run));
    }
    if (!q) return;
    out += '"';
    run = end;
  }
}

// The byte_kinds of a field's bytes, or-ed.
unsigned kinds_of(std::string_view field) {
  unsigned kinds = 0;
  // Eight bytes at a time: sentences make up most of a table's bytes.
  std::size_t at = 0;
  for (; at + 8 <= field.size(); at += 8) {
    std::uint64_t w;
    std::memcpy(&w, field.data() + at, 8);
    if (w & detail::swar::highs) kinds |= 2;
    if (has_byte(w, ',') | has_byte(w, '"') | has_byte(w, '\r') | has_byte(w, '\n')) kinds |= 1;
  }
  for (; at < field.size(); ++at) kinds |= byte_kinds[static_cast<unsigned char>(field[at])];
  return kinds;
}

}  // namespace

void append_field(std::string& out, std::string_view field, const WriteOptions& options) {
  const unsigned kinds = kinds_of(field);
  const bool quote = kinds & 1, ascii = !(kinds & 2);
  if (quote) out += '"';
  if (!options.raw && formula_like(field)) out += '\'';
  if (!quote) {
    if (ascii) {
      out.append(field.data(), field.size());
    } else {
      detail::utf8::append_valid(out, field);
    }
    return;
  }
  append_quoted_body(out, field, ascii);
  out += '"';
}

Writer& Writer::field(std::string_view text) {
  separate();
  append_field(out_, text, options_);
  return *this;
}

Writer& Writer::field(std::uint64_t number) {
  separate();
  char buf[24];
  char* begin = buf + sizeof buf;
  do {
    *--begin = static_cast<char>('0' + number % 10);
    number /= 10;
  } while (number != 0);
  out_.append(begin, static_cast<std::size_t>(buf + sizeof buf - begin));
  return *this;
}

Writer& Writer::field(float number) {
  separate();
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, number);  // shortest round trip
  out_.append(buf, static_cast<std::size_t>(r.ptr - buf));
  return *this;
}

Writer& Writer::empty() {
  separate();
  return *this;
}

void Writer::end_row() {
  out_ += options_.crlf ? "\r\n" : "\n";
  first_ = true;
}

void write_row(std::ostream& out, const std::vector<std::string>& fields,
               const WriteOptions& options) {
  std::string line;
  Writer w(line, options);
  for (const auto& f : fields) w.field(std::string_view(f));
  w.end_row();
  out << line;
}

// --- The Timeline tables.

namespace {

constexpr std::string_view event_columns[] = {
    "doc",      "event_id", "order",    "group",    "trigger", "phrase", "lemma",     "class",
    "tense",    "aspect",   "polarity", "modality", "actor",   "object", "time_text", "time_value",
    "earliest", "latest",   "anchor",   "sentence", "begin",   "end"};
constexpr std::string_view link_columns[] = {"doc", "from",       "relation",
                                             "to",  "provenance", "confidence"};
// quant and freq (a set's "EVERY", "2X") come last: columns added later go at the end, so a
// reader that counts columns keeps working.
constexpr std::string_view timex_columns[] = {"doc",   "timex_id", "text",     "type",   "value",
                                              "mod",   "anchor",   "earliest", "latest", "sentence",
                                              "begin", "end",      "quant",    "freq"};

// An instant cell: ISO 8601, empty when unbounded. `scratch` keeps its capacity between cells.
void instant_field(Writer& w, std::string& scratch, const Instant& t) {
  scratch.clear();
  detail::append_iso(scratch, t);
  w.field(std::string_view(scratch));
}

std::string_view span_text(const Timeline& t, const Span& s) {
  return s.empty() ? std::string_view() : t.document.text(s);
}

// "00" to "99", and 10^0 to 10^19: RowWriter's numbers.
constexpr char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";
constexpr std::array<std::uint64_t, 20> powers_of_ten = [] {
  std::array<std::uint64_t, 20> p{};
  std::uint64_t v = 1;
  for (std::size_t i = 0; i < p.size(); ++i) {
    p[i] = v;
    if (i + 1 < p.size()) v *= 10;
  }
  return p;
}();
static_assert(powers_of_ten[19] == 10000000000000000000ull);

// Writer's cells, gathered in a buffer that goes into the table a few rows at a time: an events
// row is two dozen cells, mostly short plain ASCII (ids, names, numbers), and appending each to
// the string cost more than the cell itself. Cells that need quotes, a formula guard or UTF-8
// repair go through append_field as Writer writes them.
class RowWriter {
 public:
  RowWriter(std::string& out, const WriteOptions& options) : out_(out), options_(options) {}
  RowWriter(const RowWriter&) = delete;
  RowWriter& operator=(const RowWriter&) = delete;

  RowWriter& field(std::string_view text) {
    room(text.size() + 1);
    separate();
    if (text.size() <= small && (options_.raw || !formula_like(text))) {
      // Copied while its bytes are tested, eight at a time while they last: kept when none
      // needs quotes or repair.
      char* const to = buf_ + n_;
      const char* const from = text.data();
      std::uint64_t special = 0;
      std::size_t i = 0;
      for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, from + i, 8);
        std::memcpy(to + i, &w, 8);
        special |= (w & detail::swar::highs) | has_byte(w, ',') | has_byte(w, '"') |
                   has_byte(w, '\r') | has_byte(w, '\n');
      }
      unsigned kinds = 0;
      for (; i < text.size(); ++i) {
        to[i] = from[i];
        kinds |= byte_kinds[static_cast<unsigned char>(from[i])];
      }
      if ((special | kinds) == 0) {
        n_ += text.size();
        return *this;
      }
    }
    flush();
    append_field(out_, text, options_);
    return *this;
  }
  // A cell known to need no quotes, formula guard nor UTF-8 repair: an enum's TimeML name, an
  // ISO 8601 instant.
  RowWriter& plain(std::string_view text) {
    if (text.size() > small) return field(text);  // never, but the buffer must hold it
    room(text.size() + 1);
    separate();
    std::memcpy(buf_ + n_, text.data(), text.size());
    n_ += text.size();
    return *this;
  }
  RowWriter& field(std::uint64_t number) {
    room(21);
    separate();
    // The digits are counted first, then written in place from the last, two at a time.
    std::size_t length = 1;
    while (length < 20 && number >= powers_of_ten[length]) ++length;
    char* p = buf_ + n_ + length;
    for (; number >= 100; number /= 100) {
      p -= 2;
      std::memcpy(p, digit_pairs + 2 * (number % 100), 2);
    }
    if (number >= 10) {
      std::memcpy(p - 2, digit_pairs + 2 * number, 2);
    } else {
      p[-1] = static_cast<char>('0' + number);
    }
    n_ += length;
    return *this;
  }
  RowWriter& empty() {
    room(1);
    separate();
    return *this;
  }
  void end_row() {
    room(2);
    if (options_.crlf) buf_[n_++] = '\r';
    buf_[n_++] = '\n';
    first_ = true;
  }
  // Moves the buffered cells into the table: before writing to it directly, and at the end.
  void flush() {
    out_.append(buf_, n_);
    n_ = 0;
  }

 private:
  static constexpr std::size_t small = 64, capacity = 1024;
  void room(std::size_t n) {
    if (capacity - n_ < n) flush();
  }
  void separate() {
    if (!first_) buf_[n_++] = ',';
    first_ = false;
  }

  std::string& out_;
  WriteOptions options_;
  bool first_ = true;
  std::size_t n_ = 0;
  char buf_[capacity];
};

// An instant cell through a one-entry memo: events in timeline order often share a bound with
// the row before, and writing a date costs more than comparing two.
struct InstantCell {
  bool set = false;
  Instant last;
  std::string text;
  void write(RowWriter& w, const Instant& t) {
    if (!set || !(t == last)) {
      text.clear();
      detail::append_iso(text, t);
      last = t;
      set = true;
    }
    w.plain(std::string_view(text));  // digits, '-', 'T' and ':', a digit first
  }
};

// About the bytes of t's event rows: the sentence of each event (the longest cell), and room
// for the rest. Reserved at once, a big document's output does not grow by doubling, whose
// last step held the old copy and the new: pages reserved and never written take no memory.
std::size_t event_rows_size(const Timeline& t) {
  constexpr std::size_t other_cells = 200;  // ids, numbers, names, phrases: ~160 in news
  const auto& sentences = t.document.sentences();
  std::size_t n = t.events.size() * (other_cells + t.id.size());
  for (const Event& e : t.events) {
    if (e.sentence < sentences.size()) n += sentences[e.sentence].span.size();
  }
  return n;
}

void event_rows(std::string& out, const Timeline& t, const WriteOptions& options) {
  // (A news story's rows grow the string a few times, which costs little: the estimate's pass
  // over the events is kept for big documents.)
  constexpr std::size_t big_document = std::size_t{1} << 20;
  if (t.document.text().size() > big_document) out.reserve(out.size() + event_rows_size(t));
  RowWriter w(out, options);
  std::string scratch;
  // The value of each anchor, written once per document: many events share an anchor. Indexed
  // by timex, the DCT last.
  std::vector<std::string> anchor_values(t.timexes.size() + 1);
  std::vector<bool> anchor_valued(t.timexes.size() + 1, false);
  auto anchor_value = [&](const Timex& x) -> std::string_view {
    std::size_t i = t.timexes.size();  // the DCT's
    if (!(t.dct && &x == &*t.dct)) {
      const std::less<const Timex*> before;
      const Timex* const begin = t.timexes.data();
      if (t.timexes.empty() || before(&x, begin) || !before(&x, begin + t.timexes.size())) {
        scratch = x.value.str();  // not one of the timeline's: not kept
        return scratch;
      }
      i = static_cast<std::size_t>(&x - begin);
    }
    if (!anchor_valued[i]) {
      anchor_values[i] = x.value.str();
      anchor_valued[i] = true;
    }
    return anchor_values[i];
  };
  InstantCell earliest_cell, latest_cell;
  // Where each sentence's cell was first written: events of one sentence copy it from there.
  constexpr std::size_t unwritten = ~std::size_t{0};
  std::vector<std::pair<std::size_t, std::size_t>> sentence_cell(t.document.sentences().size(),
                                                                 {unwritten, 0});
  for (const detail::EventRow& row : detail::event_rows(t)) {
    const Event& e = *row.event;
    w.field(std::string_view(t.id))
        .field(std::string_view(e.instance_id.empty() ? e.id : e.instance_id))
        .field(std::uint64_t{row.order})
        .field(std::uint64_t{row.group})
        .field(span_text(t, e.span))
        .field(span_text(t, e.phrase.empty() ? e.span : e.phrase))
        .field(std::string_view(e.lemma))
        .plain(to_string(e.event_class))
        .plain(to_string(e.tense))
        .plain(to_string(e.aspect))
        .plain(to_string(e.polarity))
        .field(std::string_view(e.modality))
        .field(span_text(t, e.actor))
        .field(span_text(t, e.object));
    if (row.anchor) {
      w.field(detail::timex_text(t, *row.anchor));
      w.field(anchor_value(*row.anchor));
    } else {
      w.empty().empty();
    }
    earliest_cell.write(w, detail::earliest(row.bounds));
    latest_cell.write(w, detail::latest(row.bounds));
    if (row.anchor) {
      w.field(std::string_view(row.anchor->id));
    } else {
      w.empty();
    }
    if (e.sentence < sentence_cell.size() && sentence_cell[e.sentence].first != unwritten) {
      const auto [begin, length] = sentence_cell[e.sentence];
      w.empty().flush();
      out.reserve(out.size() + length);  // no reallocation below: the source stays valid
      out.append(out.data() + begin, length);
    } else {
      w.empty().flush();
      const std::size_t begin = out.size();
      append_field(out, detail::sentence_text(t, e), options);
      if (e.sentence < sentence_cell.size()) {
        sentence_cell[e.sentence] = {begin, out.size() - begin};
      }
    }
    w.field(std::uint64_t{e.span.begin}).field(std::uint64_t{e.span.end});
    w.end_row();
  }
  w.flush();
}

void link_rows(std::string& out, const Timeline& t, const WriteOptions& options) {
  Writer w(out, options);
  std::string scratch;
  const std::size_t n = t.graph.link_count();
  for (LinkId i = 0; i < n; ++i) {
    const LinkView l = t.graph.link(i);
    w.field(std::string_view(t.id)).field(t.graph.node(l.from).id);
    if (l.relation) {
      w.field(to_string(*l.relation));
    } else if (l.constraint) {
      scratch = to_string(*l.constraint);
      w.field(std::string_view(scratch));
    } else {
      w.empty();
    }
    w.field(t.graph.node(l.to).id).field(l.provenance).field(static_cast<float>(l.confidence));
    w.end_row();
  }
}

void timex_rows(std::string& out, const Timeline& t, const WriteOptions& options) {
  Writer w(out, options);
  std::string scratch;
  for (const Timex& x : t.timexes) {
    w.field(std::string_view(t.id))
        .field(std::string_view(x.id))
        .field(span_text(t, x.span))
        .field(to_string(x.type));
    scratch = x.value.str();
    w.field(std::string_view(scratch)).field(to_string(x.mod)).field(std::string_view(x.anchor_id));
    if (x.bounds) {
      instant_field(w, scratch, x.bounds->earliest);
      instant_field(w, scratch, x.bounds->latest);
    } else {
      w.empty().empty();
    }
    const auto& sentences = t.document.sentences();
    const std::size_t s = t.document.sentence_at(x.span.begin);
    w.field(s < sentences.size() ? t.document.text(sentences[s].span) : std::string_view())
        .field(std::uint64_t{x.span.begin})
        .field(std::uint64_t{x.span.end})
        .field(std::string_view(x.quant))
        .field(std::string_view(x.freq));
    w.end_row();
  }
}

template <std::size_t N>
void header(std::string& out, const std::string_view (&columns)[N], const WriteOptions& options) {
  Writer w(out, options);
  for (const auto c : columns) w.field(c);
  w.end_row();
}

}  // namespace

void append_header(std::string& out, Table table, const WriteOptions& options) {
  switch (table) {
    case Table::events:
      header(out, event_columns, options);
      break;
    case Table::links:
      header(out, link_columns, options);
      break;
    case Table::timexes:
      header(out, timex_columns, options);
      break;
  }
}

void append_rows(std::string& out, const Timeline& timeline, Table table,
                 const WriteOptions& options) {
  switch (table) {
    case Table::events:
      event_rows(out, timeline, options);
      break;
    case Table::links:
      link_rows(out, timeline, options);
      break;
    case Table::timexes:
      timex_rows(out, timeline, options);
      break;
  }
}

std::string to_csv(const Timeline& timeline, Table table, const WriteOptions& options) {
  std::string out;
  append_header(out, table, options);
  append_rows(out, timeline, table, options);
  return out;
}

}  // namespace chronicle::csv
