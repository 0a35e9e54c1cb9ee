// Writing TimeML. The TEXT is rebuilt from the decoded text, the recorded spellings in
// text_markup and the annotation spans, so that its character data matches the input's.
#include <fmt/format.h>

#include <algorithm>
#include <chronicle/io/timeml.hpp>
#include <stdexcept>

namespace chronicle::timeml {

namespace {

// Escapes an attribute value for a double-quoted attribute.
void append_attribute_value(std::string& out, std::string_view v) {
  for (char c : v) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += "&#9;";
        break;
      default:
        out += c;
    }
  }
}

// Escapes character data: '&' and '<' must be, the rest is written as is.
void append_text(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else {
      out += c;
    }
  }
}

class TagWriter {
 public:
  explicit TagWriter(std::string& out, std::string_view name) : out_(out) {
    out_ += '<';
    out_ += name;
  }
  TagWriter& operator()(std::string_view name, std::string_view value) {
    out_ += ' ';
    out_ += name;
    out_ += "=\"";
    append_attribute_value(out_, value);
    out_ += '"';
    return *this;
  }
  // Writes the attribute only when the value is not empty.
  TagWriter& optional(std::string_view name, std::string_view value) {
    if (!value.empty()) (*this)(name, value);
    return *this;
  }
  TagWriter& extra(const Attributes& attributes) {
    for (const auto& a : attributes) (*this)(a.name, a.value);
    return *this;
  }
  void close() { out_ += '>'; }
  void close_empty() { out_ += " />"; }

 private:
  std::string& out_;
};

const Attributes* extra_of(const Document& doc, std::string_view kind, const std::string& id) {
  const auto it = doc.extra_attributes.find(std::string(kind) + " " + id);
  return it == doc.extra_attributes.end() ? nullptr : &it->second;
}

void open_timex(std::string& out, const Document& doc, const Timex& t) {
  TagWriter w(out, "TIMEX3");
  w("tid", t.id)("type", to_string(t.type))("value", t.value.str());
  w.optional("mod", to_string(t.mod));
  w("temporalFunction", t.temporal_function ? "true" : "false");
  w("functionInDocument", to_string(t.function));
  w.optional("anchorTimeID", t.anchor_id);
  w.optional("beginPoint", t.begin_point);
  w.optional("endPoint", t.end_point);
  w.optional("quant", t.quant);
  w.optional("freq", t.freq);
  if (const auto* extra = extra_of(doc, "TIMEX3", t.id)) w.extra(*extra);
  w.close();
}

void open_event(std::string& out, const Document& doc, const Event& e) {
  TagWriter w(out, "EVENT");
  w("eid", e.id)("class", to_string(e.event_class));
  w.optional("stem", e.lemma);
  if (const auto* extra = extra_of(doc, "EVENT", e.id)) w.extra(*extra);
  w.close();
}

void write_instance(std::string& out, const Instance& i) {
  TagWriter w(out, "MAKEINSTANCE");
  w("eiid", i.id)("eventID", i.event_id)("tense", to_string(i.tense))("aspect",
                                                                      to_string(i.aspect));
  w("polarity", to_string(i.polarity))("pos", to_string(i.pos));
  w.optional("modality", i.modality);
  w.optional("cardinality", i.cardinality);
  w.optional("signalID", i.signal_id);
  w.extra(i.extra);
  w.close_empty();
  out += '\n';
}

void write_tlink(std::string& out, const TLink& l) {
  TagWriter w(out, "TLINK");
  w("lid", l.link.id)("relType", to_string(l.link.relation));
  w(l.from_time ? "timeID" : "eventInstanceID", l.link.from);
  w(l.to_time ? "relatedToTime" : "relatedToEventInstance", l.link.to);
  w.optional("signalID", l.signal_id);
  w.optional("origin", l.link.provenance);
  w.extra(l.extra);
  w.close_empty();
  out += '\n';
}

void write_raw_link(std::string& out, std::string_view name, const RawLink& l) {
  TagWriter w(out, name);
  w.extra(l.attributes);
  w.close_empty();
  out += '\n';
}

// One inline annotation to place in TEXT.
struct Tag {
  Span span;
  int kind;           // 0 TIMEX3, 1 EVENT, 2 SIGNAL: the outer one first when spans are equal
  std::size_t index;  // into its record list
};

constexpr std::string_view tag_names[] = {"TIMEX3", "EVENT", "SIGNAL"};

std::string describe(const Document& doc, const Tag& t) {
  const std::string& id = t.kind == 0   ? doc.timexes[t.index].id
                          : t.kind == 1 ? doc.events[t.index].id
                                        : doc.signals[t.index].id;
  return fmt::format("{} {} [{}, {})", tag_names[t.kind], id, t.span.begin, t.span.end);
}

void write_text(std::string& out, const Document& doc) {
  const auto& text = doc.text;
  std::vector<Tag> tags;
  for (std::size_t i = 0; i < doc.timexes.size(); ++i) tags.push_back({doc.timexes[i].span, 0, i});
  for (std::size_t i = 0; i < doc.events.size(); ++i) tags.push_back({doc.events[i].span, 1, i});
  for (std::size_t i = 0; i < doc.signals.size(); ++i) tags.push_back({doc.signals[i].span, 2, i});
  for (const auto& t : tags) {
    if (t.span.begin > t.span.end || t.span.end > text.size()) {
      throw std::invalid_argument(
          fmt::format("{} falls outside the text ({} bytes)", describe(doc, t), text.size()));
    }
  }
  // Opening order: by begin, then the longer (outer) first, then by kind and index.
  std::stable_sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    if (a.span.end != b.span.end) return a.span.end > b.span.end;
    return a.kind < b.kind;
  });

  // Where a recorded spelling may be used: not across a tag boundary.
  std::vector<std::size_t> boundaries;
  for (const auto& t : tags) {
    boundaries.push_back(t.span.begin);
    boundaries.push_back(t.span.end);
  }
  std::sort(boundaries.begin(), boundaries.end());
  auto boundary_inside = [&](std::size_t b, std::size_t e) {
    const auto it = std::upper_bound(boundaries.begin(), boundaries.end(), b);
    return it != boundaries.end() && *it < e;
  };
  const auto& markup = doc.text_markup;
  for (std::size_t m = 1; m < markup.size(); ++m) {
    if (markup[m].span.begin < markup[m - 1].span.begin) {
      throw std::invalid_argument("text_markup is not sorted by offset");
    }
  }

  std::vector<const Tag*> open;
  std::size_t next_tag = 0, next_markup = 0, i = 0;
  auto close = [&]() {
    out += "</";
    out += tag_names[open.back()->kind];
    out += '>';
    open.pop_back();
  };
  auto open_tag = [&](const Tag& t) {
    if (!open.empty() && t.span.end > open.back()->span.end) {
      throw std::invalid_argument(fmt::format("{} and {} cross: TimeML cannot nest them",
                                              describe(doc, *open.back()), describe(doc, t)));
    }
    switch (t.kind) {
      case 0:
        open_timex(out, doc, doc.timexes[t.index]);
        break;
      case 1:
        open_event(out, doc, doc.events[t.index]);
        break;
      default: {
        TagWriter w(out, "SIGNAL");
        w("sid", doc.signals[t.index].id);
        w.close();
      }
    }
    open.push_back(&t);
    if (t.span.empty()) close();
  };
  for (;;) {
    // At offset i: close what ends here, then markup that stands here, then open.
    while (!open.empty() && open.back()->span.end == i) close();
    for (const auto* o : open) {
      if (o->span.end == i) {
        throw std::invalid_argument(fmt::format("{} and {} cross: TimeML cannot nest them",
                                                describe(doc, *o), describe(doc, *open.back())));
      }
    }
    while (next_markup < markup.size() && markup[next_markup].span.begin < i) ++next_markup;
    while (next_markup < markup.size() && markup[next_markup].span.begin == i &&
           markup[next_markup].span.empty()) {
      out += markup[next_markup++].raw;
    }
    while (next_tag < tags.size() && tags[next_tag].span.begin == i) open_tag(tags[next_tag++]);
    if (i >= text.size()) break;
    // The character data up to the next place where something happens.
    std::size_t stop = text.size();
    if (next_tag < tags.size()) stop = std::min(stop, tags[next_tag].span.begin);
    if (!open.empty()) stop = std::min(stop, open.back()->span.end);
    if (next_markup < markup.size())
      stop = std::min(stop, std::max(markup[next_markup].span.begin, i + 1));
    if (next_markup < markup.size() && markup[next_markup].span.begin == i) {
      const auto& m = markup[next_markup];
      if (m.span.end <= text.size() && !boundary_inside(m.span.begin, m.span.end)) {
        out += m.raw;
        i = m.span.end;
        ++next_markup;
        continue;
      }
      stop = i + 1;  // a tag falls inside the spelling: write these bytes plainly
    }
    append_text(out, std::string_view(text).substr(i, stop - i));
    i = stop;
  }
  if (!open.empty()) throw std::logic_error("TimeML writer left a tag open");
}

Attributes default_root_attributes() {
  return {{"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"},
          {"xsi:noNamespaceSchemaLocation", "http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd"}};
}

}  // namespace

std::string write(const Document& doc) {
  std::string out;
  out.reserve(doc.text.size() * 2 + 4096);
  out += "<?xml version=\"1.0\" ?>\n";
  {
    TagWriter w(out, "TimeML");
    w.extra(doc.root_attributes.empty() ? default_root_attributes() : doc.root_attributes);
    w.close();
  }
  out += "\n\n<DOCID>";
  append_text(out, doc.id);
  out += "</DOCID>\n\n";
  if (doc.dct) {
    out += "<DCT>";
    open_timex(out, doc, *doc.dct);
    append_text(out, doc.dct_text);
    out += "</TIMEX3></DCT>\n\n";
  }
  if (!doc.title.empty()) {
    out += "<TITLE>";
    append_text(out, doc.title);
    out += "</TITLE>\n\n";
  }
  for (const auto& raw : doc.before_text) {
    out += raw;
    out += "\n\n";
  }
  out += "<TEXT>";
  write_text(out, doc);
  out += "</TEXT>\n\n";
  for (const auto& raw : doc.after_text) {
    out += raw;
    out += "\n\n";
  }
  for (const auto& i : doc.instances) write_instance(out, i);
  if (!doc.instances.empty()) out += '\n';
  for (const auto& l : doc.tlinks) write_tlink(out, l);
  if (!doc.tlinks.empty()) out += '\n';
  for (const auto& l : doc.slinks) write_raw_link(out, "SLINK", l);
  if (!doc.slinks.empty()) out += '\n';
  for (const auto& l : doc.alinks) write_raw_link(out, "ALINK", l);
  if (!doc.alinks.empty()) out += '\n';
  out += "</TimeML>\n";
  return out;
}

}  // namespace chronicle::timeml
