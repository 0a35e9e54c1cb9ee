// The TimeML reader on arbitrary bytes: a timeml::error or a document. A document read is
// written back, and what is written reads again to the same text and annotations. Then the
// pipeline runs on it as `chronicle extract --keep timex,event` does (the file's own timexes
// and events given, the relation stage and graph on top), and its TLINKs, however
// contradictory, make a graph whose timeline lists every node.
#include <chronicle/graph.hpp>
#include <chronicle/io/timeml.hpp>
#include <chronicle/timeline.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"

using namespace chronicle;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  timeml::Document doc;
  try {
    doc = timeml::read(xml, "fuzz.tml");
  } catch (const timeml::error& e) {
    FUZZ_CHECK(e.line() >= 1 && e.column() >= 1, "errors have a line and column");
    return 0;
  }
  for (const auto& x : doc.timexes) {
    FUZZ_CHECK(x.span.begin <= x.span.end && x.span.end <= doc.text.size(), "timex span");
  }
  for (const auto& e : doc.events) {
    FUZZ_CHECK(e.span.begin <= e.span.end && e.span.end <= doc.text.size(), "event span");
  }

  const std::string written = timeml::write(doc);
  const timeml::Document again = timeml::read(written, "written.tml");
  FUZZ_CHECK(again.text == doc.text, "write then read keeps the text");
  FUZZ_CHECK(again.timexes.size() == doc.timexes.size(), "write then read keeps the timexes");
  FUZZ_CHECK(again.events.size() == doc.events.size(), "write then read keeps the events");
  FUZZ_CHECK(again.tlinks.size() == doc.tlinks.size(), "write then read keeps the TLINKs");
  const std::string rewritten = timeml::write(again);
  if (rewritten != written) {
    std::fprintf(stderr, "--- written\n%s\n--- written again\n%s\n", written.c_str(),
                 rewritten.c_str());
  }
  FUZZ_CHECK(rewritten == written, "writing is stable");

  // The file's TLINKs as a graph, cycles and all.
  std::vector<Link> links;
  for (const auto& l : doc.tlinks) links.push_back(l.link);
  const Graph g = Graph::of(links);
  FUZZ_CHECK(g.timeline().size() == g.node_count(), "the TLINK graph orders every node");

  // The relation stage on the file's own entities.
  GivenAnnotations given;
  given.dct = doc.dct;
  given.timexes = doc.timexes;
  given.events = doc.events;
  ReconstructOptions options;
  options.id = doc.id;
  const Timeline t = reconstruct(doc.text, given, options);
  FUZZ_CHECK(t.graph.timeline().size() == t.graph.node_count(), "every node on the timeline");
  return 0;
}
