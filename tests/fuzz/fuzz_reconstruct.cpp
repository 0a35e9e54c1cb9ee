// reconstruct() on arbitrary bytes, with options drawn from the input's last bytes (the text is
// what comes before them, so a plain text file is a seed). Beyond "no crash, no sanitizer
// report": every span lies inside the text, every link joins nodes of the graph, the timeline
// lists every node once, the JSON export is valid JSON that the strict reader takes, and the
// TimeML export reads back with every entity.
#include <fuzzer/FuzzedDataProvider.h>

#include <chronicle/io/csv.hpp>
#include <chronicle/io/json.hpp>
#include <chronicle/io/timeline_json.hpp>
#include <chronicle/io/timeline_timeml.hpp>
#include <chronicle/io/timeml.hpp>
#include <chronicle/timeline.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_check.hpp"

using namespace chronicle;

namespace {

constexpr const char* dcts[] = {"2022-01-06", "XXXX-01-06",      "1998-02-06T22:19:00",
                                "0001-01-01", "9999-12-31",      "2022-W01",
                                "2022",       "2022-01-06TNI",   "1600-02-29",
                                "1400-01-02", "9999-12-30T23:59"};

ReconstructOptions options_from(FuzzedDataProvider& in) {
  ReconstructOptions o;
  switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0:
      break;
    case 1:
      o.dct =
          *TimeValue::parse(dcts[in.ConsumeIntegralInRange<std::size_t>(0, std::size(dcts) - 1)]);
      break;
    default: {
      // Any point TIMEX3 value the parser takes, however odd, is a DCT a caller may pass.
      const auto v = TimeValue::parse(in.ConsumeRandomLengthString(24));
      if (v && v->is_point()) o.dct = *v;
    }
  }
  if (in.ConsumeBool()) o.year = in.ConsumeIntegralInRange(-2, 10001);
  o.policy = static_cast<DirectionPolicy>(in.ConsumeIntegralInRange(0, 2));
  o.anchoring = static_cast<Anchoring>(in.ConsumeIntegralInRange(0, 1));
  o.use_dateline = in.ConsumeBool();
  const auto bits = in.ConsumeIntegral<std::uint16_t>();
  o.layers.timex = !(bits & 1);
  o.layers.event = !(bits & 2);
  o.layers.tlink = !(bits & 4);
  o.relations.event_time = !(bits & 8);
  o.relations.event_dct = !(bits & 16);
  o.relations.event_event = !(bits & 32);
  o.relations.time_time = !(bits & 64);
  o.relations.narrative = !(bits & 128);
  o.relations.classifier = !(bits & 256);
  o.relations.selection = (bits & 512) ? LinkSelection::timeml : LinkSelection::timeline;
  o.graph.includes = (bits & 1024) ? IncludesReading::loose : IncludesReading::strict;
  o.graph.during = (bits & 2048) ? DuringReading::is_included : DuringReading::simultaneous;
  return o;
}

bool inside(const Span& s, std::size_t size) {
  return s.begin <= s.end && s.end <= size;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::size_t keep = size < 8 ? 0 : 8;  // up to 8 trailing bytes choose the options
  std::string text(reinterpret_cast<const char*>(data), size - keep);
  FuzzedDataProvider tail(data + size - keep, keep);
  const ReconstructOptions options = options_from(tail);

  const Timeline t = reconstruct(text, options);

  FUZZ_CHECK(t.document.text() == text, "the document keeps the text byte for byte");
  for (const auto& x : t.timexes) {
    FUZZ_CHECK(inside(x.span, text.size()), "timex span inside the text");
    FUZZ_CHECK(x.value.ok(), "timex values are well formed");
    // Dates and times are nodes; durations and sets are not points in time.
    const bool time = x.type == TimexType::date || x.type == TimexType::time;
    FUZZ_CHECK(t.graph.find(x.id).has_value() == time, "every date and time is a node");
  }
  for (const auto& e : t.events) {
    FUZZ_CHECK(inside(e.span, text.size()) && inside(e.phrase, text.size()),
               "event span inside the text");
    FUZZ_CHECK(inside(e.actor, text.size()) && inside(e.object, text.size()),
               "event argument inside the text");
  }
  auto known = [&](const std::string& id) {
    if (t.graph.find(id)) return true;
    for (const auto& x : t.timexes) {
      if (x.id == id) return true;  // a duration or set the classifier linked
    }
    return false;
  };
  for (const auto& l : t.links) {
    FUZZ_CHECK(known(l.from) && known(l.to), "links join the document's entities");
    FUZZ_CHECK(l.confidence >= 0 && l.confidence <= 1, "confidence in [0, 1]");
  }
  const auto order = t.graph.timeline();
  FUZZ_CHECK(order.size() == t.graph.node_count(), "the timeline lists every node");
  std::vector<bool> seen(order.size());
  for (const auto& row : order) {
    FUZZ_CHECK(row.node < seen.size() && !seen[row.node], "each node once");
    seen[row.node] = true;
  }

  const std::string json_text = json::to_jsonl(t);
  FUZZ_CHECK(fuzz::valid_utf8(json_text), "JSON export is UTF-8");
  const json::Value doc = json::parse(json_text);  // throws (and so fails) on invalid JSON
  const Graph again = json::read_graph(doc);
  FUZZ_CHECK(again.node_count() == t.graph.node_count(), "read_graph gives the same nodes");
  // TimeML output (`extract --format timeml`) is well-formed: it reads back with every entity.
  const std::string tml = timeml::write(timeml::from_timeline(t));
  const timeml::Document back = timeml::read(tml, "written.tml");
  FUZZ_CHECK(back.timexes.size() == t.timexes.size(), "TimeML keeps the timexes");
  FUZZ_CHECK(back.events.size() == t.events.size(), "TimeML keeps the events");
  FUZZ_CHECK(back.tlinks.size() == t.links.size(), "TimeML keeps the links");
  for (auto table : {csv::Table::events, csv::Table::links, csv::Table::timexes}) {
    FUZZ_CHECK(fuzz::valid_utf8(csv::to_csv(t, table)), "CSV export is UTF-8");
  }
  return 0;
}
