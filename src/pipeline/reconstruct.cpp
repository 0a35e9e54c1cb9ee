#include "chronicle/timeline.hpp"

#include "chronicle/event_finder.hpp"

namespace chronicle {

Timeline reconstruct(std::string text, const ReconstructOptions& options) {
  Timeline t;
  t.id = options.id;
  t.document = Document::parse(std::move(text));
  if (options.layers.timex) {
    TimexOptions timex_options;
    timex_options.dct = options.dct;
    timex_options.year = options.year;
    timex_options.policy = options.policy;
    timex_options.anchoring = options.anchoring;
    timex_options.use_dateline = options.use_dateline;
    TimexResult found = find_timexes(t.document, timex_options);
    t.dct = std::move(found.dct);
    t.dateline = std::move(found.dateline);
    t.timexes = std::move(found.timexes);
  }
  if (options.layers.event) {
    EventOptions event_options;
    event_options.timexes = &t.timexes;
    t.events = find_events(t.document, event_options);
  }
  return t;
}

}  // namespace chronicle
