#include "timeline_rows.hpp"

#include <chronicle/calendar.hpp>

#include <cstdint>

namespace chronicle::detail {

namespace {

// Relations (event to time) that place the event in or at the time.
bool anchors(Relation r) {
  switch (r) {
    case Relation::is_included:
    case Relation::during:
    case Relation::simultaneous:
    case Relation::identity:
    case Relation::begins:
    case Relation::ends:
      return true;
    default:
      return false;
  }
}

// Writes value (0 when negative; at most 8 digits) zero-padded to `width` at p, returning the
// end: append_iso fills one buffer and appends it once.
char* put_digits(char* p, long value, int width) {
  char buf[8];
  int n = 0;
  unsigned long v = value < 0 ? 0UL : static_cast<unsigned long>(value);
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0 && n < 8);
  for (int i = n; i < width; ++i) *p++ = '0';
  while (n > 0) *p++ = buf[--n];
  return p;
}

}  // namespace

void append_iso(std::string& out, const Instant& instant) {
  const Instant t = calendar::within_calendar(instant);  // no Date past the calendar's ends
  if (t.is_special()) return;
  const Date d = t.date();
  const auto tod = t.time_of_day();
  char buf[64];  // "YYYY-MM-DDTHH:MM:SS": six fields of at most 8 digits and 5 separators
  char* p = put_digits(buf, static_cast<long>(d.year()), 4);
  *p++ = '-';
  p = put_digits(p, static_cast<long>(d.month()), 2);
  *p++ = '-';
  p = put_digits(p, static_cast<long>(d.day()), 2);
  *p++ = 'T';
  p = put_digits(p, static_cast<long>(tod.hours()), 2);
  *p++ = ':';
  p = put_digits(p, static_cast<long>(tod.minutes()), 2);
  if (tod.seconds() != 0) {
    *p++ = ':';
    p = put_digits(p, static_cast<long>(tod.seconds()), 2);
  }
  out.append(buf, static_cast<std::size_t>(p - buf));
}

std::string_view sentence_text(const Timeline& t, const Event& e) {
  const auto& sentences = t.document.sentences();
  if (e.sentence >= sentences.size()) return {};
  return t.document.text(sentences[e.sentence].span);
}

std::string_view timex_text(const Timeline& t, const Timex& x) {
  if (x.function == DocumentFunction::creation_time || x.span.empty()) {
    if (t.dct && &x == &*t.dct && t.dateline && t.dateline->date) {
      return t.document.text(*t.dateline->date);
    }
    return t.document.text(x.span);
  }
  return t.document.text(x.span);
}

std::vector<EventRow> event_rows(const Timeline& t) {
  // Events and timexes by graph node, so that nothing below looks a string up.
  constexpr std::uint32_t none = UINT32_MAX;
  const std::size_t nodes = t.graph.node_count();
  std::vector<std::uint32_t> event_at(nodes, none);
  std::vector<const Timex*> timex_at(nodes, nullptr);
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    const Event& e = t.events[i];
    const auto n = t.graph.find(e.instance_id.empty() ? e.id : e.instance_id);
    if (n && t.graph.kind(*n) == NodeKind::event && event_at[*n] == none) {
      event_at[*n] = static_cast<std::uint32_t>(i);
    }
  }
  auto add_timex = [&](const Timex& x) {
    const auto n = t.graph.find(x.id);
    if (n && t.graph.kind(*n) != NodeKind::event) timex_at[*n] = &x;
  };
  if (t.dct) add_timex(*t.dct);
  for (const Timex& x : t.timexes) add_timex(x);

  // The anchor of each event: a timex in the text beats the DCT, then the most confident
  // link, then the first. The graph's links, less those it dropped to resolve a contradiction.
  struct Best {
    const Timex* timex = nullptr;
    bool specific = false;
    double confidence = -1;
  };
  std::vector<Best> best(t.events.size());
  const std::size_t links = t.graph.link_count();
  for (LinkId i = 0; i < links; ++i) {
    const LinkView l = t.graph.link(i);
    if (l.dropped || !l.relation) continue;
    std::uint32_t e = event_at[l.from];
    const Timex* x = timex_at[l.to];
    Relation r = *l.relation;
    if (e == none || !x) {
      e = event_at[l.to];
      x = timex_at[l.from];
      r = inverse(r);
      if (e == none || !x) continue;
    }
    if (!anchors(r)) continue;
    const bool specific = !(t.dct && x == &*t.dct);
    Best& b = best[e];
    if (b.timex &&
        (b.specific > specific || (b.specific == specific && b.confidence >= l.confidence))) {
      continue;
    }
    b = Best{x, specific, l.confidence};
  }

  std::vector<EventRow> rows;
  rows.reserve(t.events.size());
  std::vector<std::uint8_t> placed(t.events.size(), 0);  // bytes: cheaper than bits to test
  std::uint32_t group = 0;
  std::uint32_t last_graph_group = 0;
  for (const TimelineEntry& entry : t.graph.timeline()) {
    const std::uint32_t e = event_at[entry.node];
    if (e == none || placed[e]) continue;
    if (rows.empty() || entry.group != last_graph_group) ++group;
    last_graph_group = entry.group;
    placed[e] = 1;
    EventRow row;
    row.event = &t.events[e];
    row.index = e;
    row.order = static_cast<std::uint32_t>(rows.size() + 1);
    row.group = group;
    row.bounds = entry.bounds;
    row.anchor = best[e].timex;
    rows.push_back(row);
  }
  // Events the graph does not hold (none, when the Timeline came from reconstruct()) go last,
  // unbounded and each in a group of its own.
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    if (placed[i]) continue;
    EventRow row;
    row.event = &t.events[i];
    row.index = i;
    row.order = static_cast<std::uint32_t>(rows.size() + 1);
    row.group = ++group;
    const Instant neg(boost::posix_time::neg_infin), pos(boost::posix_time::pos_infin);
    row.bounds = NodeBounds{neg, pos, neg, pos};
    row.anchor = best[i].timex;
    rows.push_back(row);
  }
  return rows;
}

}  // namespace chronicle::detail

namespace chronicle::detail {

namespace {

bool midnight(const Instant& t) {
  return t.time_of_day().total_seconds() == 0;
}

void append_day(std::string& out, const Date& d) {
  append_iso(out, Instant(d));
  out.resize(out.size() - 6);  // drop "T00:00"
}

// A day when the instant is midnight, else the full instant.
void append_point(std::string& out, const Instant& t) {
  if (midnight(t)) {
    append_day(out, t.date());
  } else {
    append_iso(out, t);
  }
}

}  // namespace

std::string range_label(const Instant& earliest, const Instant& latest) {
  const bool fe = finite(earliest), fl = finite(latest);
  std::string out;
  if (fe && fl) {
    if (midnight(earliest) && midnight(latest) && earliest < latest) {
      const Date first = earliest.date();
      const Date last = latest.date() - boost::gregorian::days(1);
      const Date next = latest.date();
      if (first == last) {
        append_day(out, first);
      } else if (first.day() == 1 && first.month() == 1 && next.day() == 1 && next.month() == 1 &&
                 next.year() == first.year() + 1) {
        append_day(out, first);
        out.resize(4);  // "1991"
      } else if (first.day() == 1 && next.day() == 1 &&
                 boost::gregorian::date(first.year(), first.month(), 1) +
                         boost::gregorian::months(1) ==
                     next) {
        append_day(out, first);
        out.resize(7);  // "2022-01"
      } else {
        append_day(out, first);
        out += " \xE2\x80\x93 ";
        append_day(out, last);
      }
      return out;
    }
    append_point(out, earliest);
    out += " \xE2\x80\x93 ";
    append_point(out, latest);
    return out;
  }
  if (fe) {
    out = "from ";
    append_point(out, earliest);
  } else if (fl) {
    out = "before ";
    append_point(out, latest);
  } else {
    out = "undated";
  }
  return out;
}

}  // namespace chronicle::detail
