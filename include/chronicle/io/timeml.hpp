// TimeML in and out: the format of TimeBank, AQUAINT and TempEval-3 (TimeML 1.2.1).
//
//   auto doc = chronicle::timeml::read_file("wsj_0006.tml");   // throws timeml::error
//   doc.dct->value.str();                                       // "1989-11-02"
//   for (const auto& t : doc.timexes) t.span.in(doc.text);      // "Nov. 2"
//   std::string tml = chronicle::timeml::write(doc);
//
// Offsets. `text` is the character data of the TEXT element with its character references
// decoded ("AT&amp;T" becomes "AT&T") and its tags removed. Every span is a byte range into
// `text`. How the input spelled each decoded piece is kept in `text_markup`, so that write()
// gives back the TEXT character data byte for byte: a reference is written as it was read, a
// plain '&' or '<' as "&amp;" / "&lt;", everything else as is. A file read with read() and
// written with write() has the same TEXT character data as the input, which is what the
// TempEval-3 scorer checks.
//
// What is kept. TIMEX3 (in TEXT and in DCT), EVENT, SIGNAL, MAKEINSTANCE, TLINK, SLINK and
// ALINK, with every attribute: those chronicle's records do not model are kept verbatim in
// `extra_attributes` or the record's `extra`. Other top-level elements (EXTRAINFO, ...) are
// kept as raw XML in `before_text` / `after_text`; other tags inside TEXT (and comments,
// CDATA) in `text_markup`. An optional attribute written empty (quant="") is kept with the
// unmodeled ones, since chronicle's records cannot tell empty from absent. Whitespace between
// top-level elements is not kept. Line ends are not normalized: a TEXT with CRLFs keeps them.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "chronicle/event.hpp"
#include "chronicle/link.hpp"
#include "chronicle/span.hpp"
#include "chronicle/timex.hpp"

namespace chronicle::timeml {

// An XML attribute as written (value decoded).
struct Attribute {
  std::string name;
  std::string value;
  friend bool operator==(const Attribute& a, const Attribute& b) {
    return a.name == b.name && a.value == b.value;
  }
};
using Attributes = std::vector<Attribute>;

// A MAKEINSTANCE: one instance of an EVENT, the thing TLINKs point at. TimeML allows several
// per EVENT, and corpora have some whose EVENT is missing; each is kept as written.
struct Instance {
  std::string id;        // eiid: "ei12"
  std::string event_id;  // eventID: "e12"
  Tense tense = Tense::none;
  Aspect aspect = Aspect::none;
  Polarity polarity = Polarity::pos;
  PartOfSpeech pos = PartOfSpeech::unknown;
  std::string modality;     // as written ("would", "WOULD"); empty when absent
  std::string cardinality;  // as written; empty when absent
  std::string signal_id;    // signalID; empty when absent
  Attributes extra;         // attributes not listed above, in input order
};

// A SIGNAL: a function word that makes a relation explicit ("after", "during").
struct Signal {
  std::string id;  // sid: "s3"
  Span span;
};

// A TLINK. `link.provenance` is TimeML's origin attribute (empty when absent).
struct TLink {
  Link link;
  bool from_time = false;  // link.from is a timeID (else an eventInstanceID)
  bool to_time = false;    // link.to is relatedToTime (else relatedToEventInstance)
  std::string signal_id;   // signalID; empty when absent
  Attributes extra;        // attributes not listed above, in input order
};

// An SLINK or ALINK, kept as its attributes (their relTypes are not temporal relations).
struct RawLink {
  Attributes attributes;
};

// How the TEXT spelled a piece of its character data, or markup inside it that chronicle
// does not model. `span` is the decoded bytes this stands for (empty for a tag or comment).
struct TextMarkup {
  Span span;
  std::string raw;  // "&amp;", "&#233;", "<![CDATA[...]]>", "<!-- ... -->", "<P>", ...
};

struct Document {
  std::string id;                   // DOCID
  std::optional<Timex> dct;         // the DCT's TIMEX3 (function creation_time); span empty
  std::string dct_text;             // the DCT TIMEX3's own text, "02/06/1998 22:19:00"
  std::string title;                // TITLE, decoded; empty when absent
  std::string text;                 // TEXT character data, decoded (see the top of this file)
  std::vector<Timex> timexes;       // TIMEX3 in TEXT, in document order
  std::vector<Event> events;        // EVENT in document order, first MAKEINSTANCE folded in
  std::vector<Instance> instances;  // every MAKEINSTANCE, in document order
  std::vector<Signal> signals;
  std::vector<TLink> tlinks;
  std::vector<RawLink> slinks, alinks;

  // Attributes of TIMEX3 (keyed "TIMEX3 t3") and EVENT (keyed "EVENT e5") that Timex and
  // Event do not model, such as EVENT tense in TimeML 1.1 files.
  std::map<std::string, Attributes> extra_attributes;
  Attributes root_attributes;  // of <TimeML>; write() uses the TimeML 1.2.1 ones if empty
  std::vector<std::string> before_text, after_text;  // other top-level XML, verbatim
  std::vector<TextMarkup> text_markup;               // sorted by span.begin

  // The instance with this eiid, the event with this eid, the timex with this tid (the DCT
  // included); nullptr when there is none.
  const Instance* find_instance(std::string_view eiid) const;
  const Event* find_event(std::string_view eid) const;
  const Timex* find_timex(std::string_view tid) const;
};

// A malformed file: what is wrong, and where (1-based line and column, in bytes).
class error : public std::runtime_error {
 public:
  error(std::string file, std::size_t line, std::size_t column, const std::string& message);
  const std::string& file() const noexcept { return file_; }
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }
  const std::string& message() const noexcept { return message_; }

 private:
  std::string file_;
  std::size_t line_, column_;
  std::string message_;
};

// Reads a TimeML document (.tml, or a TempEval-3 .TE3input: DCT and raw TEXT). `file` names
// the input in errors. Throws timeml::error for malformed input.
Document read(std::string_view xml, std::string_view file = "<input>");
// Reads a file; throws timeml::error when it cannot be read or is malformed.
Document read_file(const std::string& path);

// The document as TimeML: XML declaration, <TimeML>, DOCID, DCT, TITLE, kept top-level
// elements, TEXT with TIMEX3/EVENT/SIGNAL tags, then MAKEINSTANCE, TLINK, SLINK, ALINK.
// Throws std::invalid_argument when annotations cannot be written as XML: spans that cross
// (overlap without nesting) or fall outside the text.
std::string write(const Document& doc);

// What a system gets as input: the document without its annotations (TempEval-3 task A), or
// with its gold TIMEX3, or EVENT and MAKEINSTANCE, kept (task C: relations given entities).
// The DCT, the text and its markup, and the other top-level elements stay; SIGNAL, TLINK,
// SLINK and ALINK go.
struct Keep {
  bool timexes = false;
  bool events = false;  // EVENT with their MAKEINSTANCEs
};
Document without_annotations(const Document& doc, Keep keep = {});

// The MAKEINSTANCE for an event whose instance fields chronicle filled in (instance_id,
// tense, aspect, polarity, pos, modality). Writers of new documents add one per event.
Instance instance_of(const Event& event);

}  // namespace chronicle::timeml
