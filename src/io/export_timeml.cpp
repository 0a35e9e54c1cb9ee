#include <fmt/format.h>

#include <unordered_set>

#include "chronicle/io/timeline_timeml.hpp"
#include "chronicle/timeline.hpp"
#include "timeline_rows.hpp"
#include "utf8.hpp"

namespace chronicle::timeml {

namespace {

bool xml_char_ok(unsigned char c) {
  return c >= 0x20 || c == '\t' || c == '\n' || c == '\r';
}

// The text with what XML cannot carry replaced by U+FFFD; `moved[i]` is where byte i of the
// input lands (moved[size] is the new size). Empty `moved` when nothing changed.
std::string xml_text(const std::string& text, std::vector<std::size_t>& moved) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  bool clean = true;
  for (const auto* q = p; q < end;) {
    if (*q < 0x80) {
      if (!xml_char_ok(*q)) {
        clean = false;
        break;
      }
      ++q;
      continue;
    }
    std::size_t bad = 0;
    const std::size_t n = detail::utf8::sequence(q, end, bad);
    if (n == 0) {
      clean = false;
      break;
    }
    q += n;
  }
  moved.clear();
  if (clean) return text;
  std::string out;
  out.reserve(text.size() + 16);
  moved.assign(text.size() + 1, 0);
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = p[i];
    std::size_t n = 1, bad = 1;
    bool ok = true;
    if (c < 0x80) {
      ok = xml_char_ok(c);
    } else {
      n = detail::utf8::sequence(p + i, end, bad);
      ok = n != 0;
      if (!ok) n = bad;
    }
    for (std::size_t k = 0; k < n; ++k) moved[i + k] = out.size();
    if (ok) {
      out.append(text, i, n);
    } else {
      out += detail::utf8::replacement;
    }
    i += n;
  }
  moved[text.size()] = out.size();
  return out;
}

Span move(const Span& s, const std::vector<std::size_t>& moved) {
  if (moved.empty() || s.end >= moved.size()) return s;
  // A span that starts inside a replaced sequence starts at its U+FFFD.
  return Span{moved[s.begin], s.end == s.begin ? moved[s.begin] : moved[s.end]};
}

}  // namespace

Document from_timeline(const Timeline& t) {
  Document doc;
  std::vector<std::size_t> moved;
  doc.id = xml_text(t.id, moved);
  doc.text = xml_text(t.document.text(), moved);
  std::unordered_set<std::string_view> times;
  if (t.dct) {
    doc.dct = *t.dct;
    doc.dct->span = Span{};
    doc.dct->function = DocumentFunction::creation_time;
    doc.dct_text = detail::utf8::make_valid(detail::timex_text(t, *t.dct));
    if (doc.dct_text.empty()) doc.dct_text = t.dct->value.str();
    std::vector<std::size_t> none;
    doc.dct_text = xml_text(doc.dct_text, none);
    times.insert(t.dct->id);
  }
  for (const Timex& given : t.timexes) {
    Timex x = given;
    x.span = move(x.span, moved);
    times.insert(given.id);  // a view into the Timeline, which outlives `times`
    doc.timexes.push_back(std::move(x));
  }
  std::unordered_set<std::string_view> instances;
  for (Event e : t.events) {
    e.span = move(e.span, moved);
    e.phrase = move(e.phrase, moved);
    e.actor = move(e.actor, moved);
    e.object = move(e.object, moved);
    doc.instances.push_back(instance_of(e));
    doc.events.push_back(std::move(e));
  }
  for (const Instance& i : doc.instances) instances.insert(i.id);
  std::size_t n = 0;
  for (const Link& l : t.links) {
    const bool from_time = times.count(l.from) != 0, to_time = times.count(l.to) != 0;
    if ((!from_time && instances.count(l.from) == 0) || (!to_time && instances.count(l.to) == 0)) {
      continue;  // a link to something TimeML cannot name
    }
    TLink tl;
    tl.link = l;
    if (tl.link.id.empty()) tl.link.id = fmt::format("l{}", ++n);
    tl.from_time = from_time;
    tl.to_time = to_time;
    doc.tlinks.push_back(std::move(tl));
  }
  return doc;
}

}  // namespace chronicle::timeml
