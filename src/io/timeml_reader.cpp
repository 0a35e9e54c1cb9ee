// Reading TimeML: a single pass over the tokens of chronicle/detail/xml.hpp with an explicit
// stack, so deep nesting cannot overflow the call stack.
#include <fmt/format.h>

#include <chronicle/detail/xml.hpp>
#include <chronicle/io/timeml.hpp>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <unordered_map>
#include <utility>

namespace chronicle::timeml {

namespace {

std::string describe(const std::string& file, std::size_t line, std::size_t column,
                     const std::string& message) {
  if (line == 0) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}:{}: {}", file, line, column, message);
}

}  // namespace

error::error(std::string file, std::size_t line, std::size_t column, const std::string& message)
    : std::runtime_error(describe(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(message) {}

const Instance* Document::find_instance(std::string_view eiid) const {
  for (const auto& i : instances) {
    if (i.id == eiid) return &i;
  }
  return nullptr;
}

const Event* Document::find_event(std::string_view eid) const {
  for (const auto& e : events) {
    if (e.id == eid) return &e;
  }
  return nullptr;
}

const Timex* Document::find_timex(std::string_view tid) const {
  if (dct && dct->id == tid) return &*dct;
  for (const auto& t : timexes) {
    if (t.id == tid) return &t;
  }
  return nullptr;
}

Document without_annotations(const Document& doc, Keep keep) {
  Document out;
  out.id = doc.id;
  out.dct = doc.dct;
  out.dct_text = doc.dct_text;
  out.title = doc.title;
  out.text = doc.text;
  out.root_attributes = doc.root_attributes;
  out.before_text = doc.before_text;
  out.after_text = doc.after_text;
  out.text_markup = doc.text_markup;
  if (keep.timexes) out.timexes = doc.timexes;
  if (keep.events) {
    out.events = doc.events;
    out.instances = doc.instances;
  }
  for (const auto& [key, attributes] : doc.extra_attributes) {
    const bool timex = key.rfind("TIMEX3 ", 0) == 0;
    const bool is_dct = timex && doc.dct && key == "TIMEX3 " + doc.dct->id;
    if (is_dct || (timex && keep.timexes) || (!timex && keep.events)) {
      out.extra_attributes.emplace(key, attributes);
    }
  }
  return out;
}

Instance instance_of(const Event& event) {
  Instance i;
  i.id = event.instance_id;
  i.event_id = event.id;
  i.tense = event.tense;
  i.aspect = event.aspect;
  i.polarity = event.polarity;
  i.pos = event.pos;
  i.modality = event.modality;
  return i;
}

namespace {

namespace xml = chronicle::detail::xml;
using xml::Token;
using xml::TokenKind;

[[noreturn]] void fail(const std::string& message, std::size_t offset) {
  throw xml::syntax_error(message, offset);
}

template <class Enum, class Parse>
Enum parse_enum(const xml::Attribute& a, std::string_view element, Parse parse) {
  const auto v = parse(a.value);
  if (!v) {
    fail(fmt::format("{} {}=\"{}\" is not a TimeML value", element, a.name, a.value), a.offset);
  }
  return *v;
}

bool parse_bool(const xml::Attribute& a, std::string_view element) {
  if (a.value == "true") return true;
  if (a.value == "false") return false;
  fail(fmt::format("{} {}=\"{}\" is neither true nor false", element, a.name, a.value), a.offset);
}

// An optional attribute written empty (quant="") stays an attribute as written: chronicle's
// records cannot tell an empty value from an absent one.
bool kept_as_written(const xml::Attribute& a, std::initializer_list<std::string_view> optional,
                     Attributes& extra) {
  if (!a.value.empty()) return false;
  for (auto name : optional) {
    if (a.name == name) {
      extra.push_back({std::string(a.name), a.value});
      return true;
    }
  }
  return false;
}

const std::string& required(const Token& t, std::string_view attribute, const std::string& value,
                            bool present) {
  if (!present) fail(fmt::format("<{}> has no {} attribute", t.name, attribute), t.offset);
  // An empty id names nothing: links could not point at it, and the graph refuses it.
  if (value.empty()) fail(fmt::format("<{}> has an empty {}", t.name, attribute), t.offset);
  return value;
}

class Reader {
 public:
  explicit Reader(std::string_view input) : in_(input), tok_(input) {}

  Document run() {
    prolog();
    body();
    epilogue();
    fold_instances();
    return std::move(doc_);
  }

 private:
  void next() { tok_.next(t_); }

  std::pair<std::size_t, std::size_t> where(std::size_t offset) const {
    return xml::line_column(in_, offset);
  }

  std::string opened_at(std::string_view name, std::size_t offset) const {
    const auto [line, column] = where(offset);
    return fmt::format("<{}> opened at line {}, column {}", name, line, column);
  }

  void prolog() {
    if (in_.substr(0, 3) == "\xEF\xBB\xBF") next();  // a UTF-8 byte order mark
    for (;;) {
      next();
      switch (t_.kind) {
        case TokenKind::processing:
        case TokenKind::comment:
        case TokenKind::doctype:
          continue;
        case TokenKind::text:
          if (xml::is_blank(t_.raw)) continue;
          fail("text before the <TimeML> element", t_.offset);
        case TokenKind::start_tag:
        case TokenKind::empty_tag:
          if (t_.name != "TimeML") {
            fail(fmt::format("expected the <TimeML> element, found <{}>", t_.name), t_.offset);
          }
          for (const auto& a : t_.attributes) {
            doc_.root_attributes.push_back({std::string(a.name), a.value});
          }
          root_offset_ = t_.offset;
          root_empty_ = t_.kind == TokenKind::empty_tag;
          return;
        case TokenKind::end:
          fail("no <TimeML> element (empty or not a TimeML file)", t_.offset);
        default:
          fail("expected the <TimeML> element", t_.offset);
      }
    }
  }

  static std::string_view trim(std::string_view s) {
    while (!s.empty() && xml::is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && xml::is_space(s.back())) s.remove_suffix(1);
    return s;
  }

  void keep_raw(std::string_view raw) {
    (seen_text_ ? doc_.after_text : doc_.before_text).emplace_back(raw);
  }

  void body() {
    if (root_empty_) return;
    for (;;) {
      next();
      switch (t_.kind) {
        case TokenKind::text:
          // Kept without the whitespace around it, which write() supplies: a file read and
          // written again is written the same way again.
          if (!xml::is_blank(t_.raw)) keep_raw(trim(t_.raw));
          break;
        case TokenKind::comment:
        case TokenKind::processing:
        case TokenKind::cdata:
          keep_raw(t_.raw);
          break;
        case TokenKind::doctype:
          fail("DOCTYPE inside <TimeML>", t_.offset);
        case TokenKind::start_tag:
        case TokenKind::empty_tag:
          element();
          break;
        case TokenKind::end_tag:
          if (t_.name == "TimeML") return;
          fail(fmt::format("</{}> without a matching <{}>", t_.name, t_.name), t_.offset);
        case TokenKind::end:
          fail(fmt::format("unexpected end of file: {} is not closed",
                           opened_at("TimeML", root_offset_)),
               t_.offset);
      }
    }
  }

  void epilogue() {
    for (;;) {
      next();
      switch (t_.kind) {
        case TokenKind::end:
          return;
        case TokenKind::comment:
        case TokenKind::processing:
          continue;
        case TokenKind::text:
          if (xml::is_blank(t_.raw)) continue;
          [[fallthrough]];
        default:
          fail("content after </TimeML>", t_.offset);
      }
    }
  }

  // A top-level element, t_ being its start (or empty) tag.
  void element() {
    const auto name = t_.name;
    if (name == "DOCID") {
      doc_.id = character_data();
    } else if (name == "DCT") {
      dct();
    } else if (name == "TITLE") {
      doc_.title = character_data(/*allow_tags=*/true);
    } else if (name == "TEXT") {
      if (seen_text_) fail("a second <TEXT> element", t_.offset);
      text();
      seen_text_ = true;
    } else if (name == "MAKEINSTANCE") {
      doc_.instances.push_back(instance());
      no_content();
    } else if (name == "TLINK") {
      doc_.tlinks.push_back(tlink());
      no_content();
    } else if (name == "SLINK" || name == "ALINK") {
      RawLink link;
      for (const auto& a : t_.attributes) link.attributes.push_back({std::string(a.name), a.value});
      (name == "SLINK" ? doc_.slinks : doc_.alinks).push_back(std::move(link));
      no_content();
    } else {
      const auto begin = t_.offset;
      const auto end = skip_element();
      keep_raw(in_.substr(begin, end - begin));
    }
  }

  using OpenElements = std::vector<std::pair<std::string_view, std::size_t>>;

  // At an end tag, closes the innermost open element (which it must name); fails at what no
  // element may hold or at the end of the input. Returns false for any other token.
  bool close_or_fail(OpenElements& open) {
    switch (t_.kind) {
      case TokenKind::end_tag:
        if (t_.name != open.back().first) {
          fail(fmt::format("</{}> closes {}", t_.name,
                           opened_at(open.back().first, open.back().second)),
               t_.offset);
        }
        open.pop_back();
        return true;
      case TokenKind::doctype:
        fail("DOCTYPE inside <TimeML>", t_.offset);
      case TokenKind::end:
        fail(fmt::format("unexpected end of file: {} is not closed",
                         opened_at(open.back().first, open.back().second)),
             t_.offset);
      default:
        return false;
    }
  }

  // Skips to the end of the element whose start tag is t_; returns the offset after it.
  std::size_t skip_element() {
    if (t_.kind == TokenKind::empty_tag) return t_.offset + t_.raw.size();
    OpenElements open{{t_.name, t_.offset}};
    while (!open.empty()) {
      next();
      if (!close_or_fail(open) && t_.kind == TokenKind::start_tag) {
        open.emplace_back(t_.name, t_.offset);
      }
    }
    return t_.offset + t_.raw.size();
  }

  // The decoded character data of the element whose start tag is t_; with allow_tags, the
  // character data of its descendants too.
  std::string character_data(bool allow_tags = false) {
    std::string out;
    if (t_.kind == TokenKind::empty_tag) return out;
    OpenElements open{{t_.name, t_.offset}};
    while (!open.empty()) {
      next();
      if (close_or_fail(open)) continue;
      switch (t_.kind) {
        case TokenKind::text:
          out += xml::decode(t_.raw, t_.offset);
          break;
        case TokenKind::cdata:
          out.append(t_.content);
          break;
        case TokenKind::start_tag:
        case TokenKind::empty_tag:
          if (!allow_tags) {
            fail(
                fmt::format("<{}> inside <{}>, which holds only text", t_.name, open.front().first),
                t_.offset);
          }
          if (t_.kind == TokenKind::start_tag) open.emplace_back(t_.name, t_.offset);
          break;
        default:  // comments and processing instructions hold no character data
          break;
      }
    }
    return out;
  }

  // After a link or MAKEINSTANCE start tag: nothing but blanks until its end tag.
  void no_content() {
    if (t_.kind == TokenKind::empty_tag) return;
    const auto name = t_.name;
    const auto offset = t_.offset;
    for (;;) {
      next();
      if (t_.kind == TokenKind::comment) continue;
      if (t_.kind == TokenKind::text && xml::is_blank(t_.raw)) continue;
      if (t_.kind == TokenKind::end_tag && t_.name == name) return;
      if (t_.kind == TokenKind::end) {
        fail(fmt::format("unexpected end of file: {} is not closed", opened_at(name, offset)),
             t_.offset);
      }
      fail(fmt::format("<{}> must be empty", name), t_.offset);
    }
  }

  void dct() {
    if (t_.kind == TokenKind::empty_tag) return;
    const auto dct_offset = t_.offset;
    for (;;) {
      next();
      switch (t_.kind) {
        case TokenKind::text:
          if (!xml::is_blank(t_.raw)) fail("text in <DCT> outside its <TIMEX3>", t_.offset);
          break;
        case TokenKind::comment:
        case TokenKind::processing:
          break;
        case TokenKind::start_tag:
        case TokenKind::empty_tag:
          if (t_.name != "TIMEX3") {
            fail(fmt::format("<{}> in <DCT>, which holds one <TIMEX3>", t_.name), t_.offset);
          }
          if (doc_.dct) fail("a second <TIMEX3> in <DCT>", t_.offset);
          doc_.dct = timex();
          doc_.dct_text = character_data();
          break;
        case TokenKind::end_tag:
          if (t_.name == "DCT") return;
          fail(fmt::format("</{}> closes {}", t_.name, opened_at("DCT", dct_offset)), t_.offset);
        case TokenKind::end:
          fail(
              fmt::format("unexpected end of file: {} is not closed", opened_at("DCT", dct_offset)),
              t_.offset);
        default:
          fail("unexpected markup in <DCT>", t_.offset);
      }
    }
  }

  // The TEXT element: character data with inline TIMEX3, EVENT and SIGNAL.
  void text() {
    if (t_.kind == TokenKind::empty_tag) return;
    enum class Kind { timex, event, signal, other };
    struct Open {
      std::string_view name;
      std::size_t offset;  // of the start tag in the input
      Kind kind;
      std::size_t index;  // into the record list of its kind
    };
    const auto text_offset = t_.offset;
    std::vector<Open> open;
    auto& text = doc_.text;
    auto& markup = doc_.text_markup;
    for (;;) {
      next();
      switch (t_.kind) {
        case TokenKind::text:
          xml::decode(t_.raw, t_.offset, text,
                      [&](std::size_t b, std::size_t e, std::string_view raw) {
                        markup.push_back({Span{b, e}, std::string(raw)});
                      });
          break;
        case TokenKind::cdata: {
          const auto b = text.size();
          text.append(t_.content);
          markup.push_back({Span{b, text.size()}, std::string(t_.raw)});
          break;
        }
        case TokenKind::comment:
        case TokenKind::processing:
          markup.push_back({Span{text.size(), text.size()}, std::string(t_.raw)});
          break;
        case TokenKind::doctype:
          fail("DOCTYPE inside <TEXT>", t_.offset);
        case TokenKind::start_tag:
        case TokenKind::empty_tag: {
          const auto at = text.size();
          Open o{t_.name, t_.offset, Kind::other, 0};
          if (t_.name == "TIMEX3") {
            o.kind = Kind::timex;
            o.index = doc_.timexes.size();
            doc_.timexes.push_back(timex());
            doc_.timexes.back().span = Span{at, at};
          } else if (t_.name == "EVENT") {
            o.kind = Kind::event;
            o.index = doc_.events.size();
            doc_.events.push_back(event());
            doc_.events.back().span = doc_.events.back().phrase = Span{at, at};
          } else if (t_.name == "SIGNAL") {
            o.kind = Kind::signal;
            o.index = doc_.signals.size();
            doc_.signals.push_back(signal());
            doc_.signals.back().span = Span{at, at};
          } else if (t_.name == "TEXT") {
            fail("<TEXT> inside <TEXT>", t_.offset);
          } else {
            markup.push_back({Span{at, at}, std::string(t_.raw)});
          }
          if (t_.kind == TokenKind::start_tag) open.push_back(o);
          break;
        }
        case TokenKind::end_tag: {
          if (open.empty()) {
            if (t_.name == "TEXT") return;
            fail(fmt::format("</{}> closes {}", t_.name, opened_at("TEXT", text_offset)),
                 t_.offset);
          }
          const auto o = open.back();
          if (t_.name != o.name) {
            fail(fmt::format("</{}> closes {}", t_.name, opened_at(o.name, o.offset)), t_.offset);
          }
          open.pop_back();
          const auto at = text.size();
          switch (o.kind) {
            case Kind::timex:
              doc_.timexes[o.index].span.end = at;
              break;
            case Kind::event:
              doc_.events[o.index].span.end = at;
              doc_.events[o.index].phrase.end = at;
              break;
            case Kind::signal:
              doc_.signals[o.index].span.end = at;
              break;
            case Kind::other:
              markup.push_back({Span{at, at}, std::string(t_.raw)});
              break;
          }
          break;
        }
        case TokenKind::end: {
          const auto& [name, offset] =
              open.empty() ? std::pair<std::string_view, std::size_t>("TEXT", text_offset)
                           : std::pair(open.back().name, open.back().offset);
          fail(fmt::format("unexpected end of file: {} is not closed", opened_at(name, offset)),
               t_.offset);
        }
      }
    }
  }

  Timex timex() {
    Timex x;
    bool has_tid = false, has_type = false, has_value = false;
    Attributes extra;
    for (const auto& a : t_.attributes) {
      if (kept_as_written(a, {"mod", "anchorTimeID", "beginPoint", "endPoint", "quant", "freq"},
                          extra)) {
        continue;
      }
      if (a.name == "tid") {
        x.id = a.value;
        has_tid = true;
      } else if (a.name == "type") {
        x.type = parse_enum<TimexType>(a, "TIMEX3", parse_timex_type);
        has_type = true;
      } else if (a.name == "value") {
        auto v = TimeValue::parse(a.value);
        if (!v) {
          fail(fmt::format("TIMEX3 value=\"{}\": {}", a.value, v.error().message), a.offset);
        }
        x.value = std::move(v).value();
        has_value = true;
      } else if (a.name == "mod") {
        x.mod = parse_enum<TimexMod>(a, "TIMEX3", parse_timex_mod);
      } else if (a.name == "temporalFunction") {
        x.temporal_function = parse_bool(a, "TIMEX3");
      } else if (a.name == "functionInDocument") {
        x.function = parse_enum<DocumentFunction>(a, "TIMEX3", parse_document_function);
      } else if (a.name == "anchorTimeID") {
        x.anchor_id = a.value;
      } else if (a.name == "beginPoint") {
        x.begin_point = a.value;
      } else if (a.name == "endPoint") {
        x.end_point = a.value;
      } else if (a.name == "quant") {
        x.quant = a.value;
      } else if (a.name == "freq") {
        x.freq = a.value;
      } else {
        extra.push_back({std::string(a.name), a.value});
      }
    }
    required(t_, "tid", x.id, has_tid);
    if (!has_type) fail("<TIMEX3> has no type attribute", t_.offset);
    if (!has_value) fail("<TIMEX3> has no value attribute", t_.offset);
    if (!extra.empty()) doc_.extra_attributes["TIMEX3 " + x.id] = std::move(extra);
    return x;
  }

  Event event() {
    Event e;
    bool has_eid = false;
    Attributes extra;
    for (const auto& a : t_.attributes) {
      if (kept_as_written(a, {"stem"}, extra)) continue;
      if (a.name == "eid") {
        e.id = a.value;
        has_eid = true;
      } else if (a.name == "class") {
        e.event_class = parse_enum<EventClass>(a, "EVENT", parse_event_class);
      } else if (a.name == "stem") {
        e.lemma = a.value;
      } else {
        // TimeML 1.1 put instance attributes on EVENT; keep them, and fold them in below.
        if (a.name == "tense") e.tense = parse_enum<Tense>(a, "EVENT", parse_tense);
        if (a.name == "aspect") e.aspect = parse_enum<Aspect>(a, "EVENT", parse_aspect);
        if (a.name == "polarity") e.polarity = parse_enum<Polarity>(a, "EVENT", parse_polarity);
        if (a.name == "pos") e.pos = parse_enum<PartOfSpeech>(a, "EVENT", parse_part_of_speech);
        extra.push_back({std::string(a.name), a.value});
      }
    }
    required(t_, "eid", e.id, has_eid);
    if (!extra.empty()) doc_.extra_attributes["EVENT " + e.id] = std::move(extra);
    return e;
  }

  Signal signal() {
    Signal s;
    bool has_sid = false;
    for (const auto& a : t_.attributes) {
      if (a.name == "sid") {
        s.id = a.value;
        has_sid = true;
      }
    }
    required(t_, "sid", s.id, has_sid);
    return s;
  }

  Instance instance() {
    Instance i;
    bool has_eiid = false, has_event = false;
    for (const auto& a : t_.attributes) {
      if (kept_as_written(a, {"modality", "cardinality", "signalID"}, i.extra)) continue;
      if (a.name == "eiid") {
        i.id = a.value;
        has_eiid = true;
      } else if (a.name == "eventID") {
        i.event_id = a.value;
        has_event = true;
      } else if (a.name == "tense") {
        i.tense = parse_enum<Tense>(a, "MAKEINSTANCE", parse_tense);
      } else if (a.name == "aspect") {
        i.aspect = parse_enum<Aspect>(a, "MAKEINSTANCE", parse_aspect);
      } else if (a.name == "polarity") {
        i.polarity = parse_enum<Polarity>(a, "MAKEINSTANCE", parse_polarity);
      } else if (a.name == "pos") {
        i.pos = parse_enum<PartOfSpeech>(a, "MAKEINSTANCE", parse_part_of_speech);
      } else if (a.name == "modality") {
        i.modality = a.value;
      } else if (a.name == "cardinality") {
        i.cardinality = a.value;
      } else if (a.name == "signalID") {
        i.signal_id = a.value;
      } else {
        i.extra.push_back({std::string(a.name), a.value});
      }
    }
    required(t_, "eiid", i.id, has_eiid);
    required(t_, "eventID", i.event_id, has_event);
    return i;
  }

  TLink tlink() {
    TLink l;
    bool has_lid = false, has_rel = false;
    const xml::Attribute* from = nullptr;
    const xml::Attribute* to = nullptr;
    auto set_end = [&](const xml::Attribute*& slot, const xml::Attribute& a, const char* what) {
      if (slot) {
        fail(fmt::format("<TLINK> has both {} and {} ({} given twice)", slot->name, a.name, what),
             a.offset);
      }
      slot = &a;
    };
    for (const auto& a : t_.attributes) {
      if (kept_as_written(a, {"signalID", "origin"}, l.extra)) continue;
      if (a.name == "lid") {
        l.link.id = a.value;
        has_lid = true;
      } else if (a.name == "relType") {
        l.link.relation = parse_enum<Relation>(a, "TLINK", parse_relation);
        has_rel = true;
      } else if (a.name == "eventInstanceID" || a.name == "timeID") {
        set_end(from, a, "the source");
      } else if (a.name == "relatedToEventInstance" || a.name == "relatedToTime") {
        set_end(to, a, "the target");
      } else if (a.name == "signalID") {
        l.signal_id = a.value;
      } else if (a.name == "origin") {
        l.link.provenance = a.value;
      } else {
        l.extra.push_back({std::string(a.name), a.value});
      }
    }
    required(t_, "lid", l.link.id, has_lid);
    if (!has_rel) fail("<TLINK> has no relType attribute", t_.offset);
    if (!from) fail("<TLINK> has neither eventInstanceID nor timeID", t_.offset);
    if (!to) fail("<TLINK> has neither relatedToEventInstance nor relatedToTime", t_.offset);
    for (const xml::Attribute* end : {from, to}) {  // a link to nothing names no node
      if (end->value.empty()) fail(fmt::format("<TLINK> has an empty {}", end->name), end->offset);
    }
    l.link.from = from->value;
    l.from_time = from->name == "timeID";
    l.link.to = to->value;
    l.to_time = to->name == "relatedToTime";
    return l;
  }

  // Folds each event's first MAKEINSTANCE into it.
  void fold_instances() {
    std::unordered_map<std::string_view, std::size_t> by_eid;
    for (std::size_t i = 0; i < doc_.events.size(); ++i) by_eid.emplace(doc_.events[i].id, i);
    for (const auto& inst : doc_.instances) {
      const auto it = by_eid.find(inst.event_id);
      if (it == by_eid.end()) continue;
      auto& e = doc_.events[it->second];
      if (!e.instance_id.empty()) continue;
      e.instance_id = inst.id;
      e.tense = inst.tense;
      e.aspect = inst.aspect;
      e.polarity = inst.polarity;
      e.pos = inst.pos;
      e.modality = inst.modality;
    }
  }

  std::string_view in_;
  xml::Tokenizer tok_;
  Token t_;
  Document doc_;
  std::size_t root_offset_ = 0;
  bool root_empty_ = false;
  bool seen_text_ = false;
};

}  // namespace

Document read(std::string_view input, std::string_view file) {
  try {
    return Reader(input).run();
  } catch (const xml::syntax_error& e) {
    const auto [line, column] = xml::line_column(input, e.offset());
    throw error(std::string(file), line, column, e.what());
  }
}

Document read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error(path, 0, 0, "cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw error(path, 0, 0, "cannot read the file");
  return read(buffer.str(), path);
}

}  // namespace chronicle::timeml
