// The event stage: finds the events a story reports (TimeML EVENTs) in a Document.
//
//   auto doc = chronicle::Document::parse(text);
//   auto timexes = chronicle::find_timexes(doc, timex_options).timexes;
//   chronicle::EventOptions options;
//   options.timexes = &timexes;                  // no event inside a temporal expression
//   for (const auto& e : chronicle::find_events(doc, options))
//     fmt::print("{} {} {} {}\n", doc.text(e.span), to_string(e.event_class),
//                to_string(e.tense), to_string(e.aspect));
//
// How: a rule tagger gives each word a coarse part of speech from closed-class lists and
// WordNet (compiled into the library); an averaged-perceptron detector over hashed word,
// affix, lexicon and context features picks the event heads, and a second one their class.
// Tense, aspect, polarity and modality come from rules over the verb group ("has asked" is
// PRESENT PERFECTIVE, "will be watching" FUTURE PROGRESSIVE, "did not" NEG), and the actor
// and object from a shallow clause analysis. The model ships inside the library
// (src/event/data/events.model); src/tools/train_events.cpp retrains it (see the README).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "chronicle/document.hpp"
#include "chronicle/event.hpp"
#include "chronicle/timex.hpp"

namespace chronicle {

namespace detail::event {
struct EventModelData;
}

// A trained event model: the shipped one, or one read from a model file.
class EventModel {
 public:
  // The model compiled into the library.
  static const EventModel& builtin();
  // Reads a model file's text; throws std::runtime_error naming what is wrong.
  static EventModel parse(std::string_view text);
  // Reads a model file; throws std::runtime_error when it cannot be read or is malformed.
  static EventModel read_file(const std::string& path);

  // The model as model-file text (parse(str()) gives the same model).
  std::string str() const;

  const detail::event::EventModelData& data() const { return *data_; }
  explicit EventModel(std::shared_ptr<const detail::event::EventModelData> data);

 private:
  std::shared_ptr<const detail::event::EventModelData> data_;
};

struct EventOptions {
  // Temporal expressions found in the same document (in text order): no event is reported
  // inside one. Not owned; may be null.
  const std::vector<Timex>* timexes = nullptr;
  // Report no events in paragraphs that repeat an earlier one or are site boilerplate.
  bool skip_repeats = true;
  // The model to use; null for EventModel::builtin().
  const EventModel* model = nullptr;
};

// The events of `doc` in text order, with ids "e1", "e2"... and instance ids "ei1", "ei2"...
std::vector<Event> find_events(const Document& doc, const EventOptions& options = {});

}  // namespace chronicle
