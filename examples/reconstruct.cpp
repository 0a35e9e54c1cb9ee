// Text in, timeline out: reconstructs the bundled UPI article (or a file given on the command
// line) and prints its events in timeline order, then asks the graph a few questions.
//
//   build/examples/reconstruct                       # examples/kazakhstan-upi.txt, 2022-01-06
//   build/examples/reconstruct story.txt 2021-03-04  # any story, its DCT
#include <fmt/format.h>
#include <chronicle/timeline.hpp>

#include <fstream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : CHRONICLE_EXAMPLES_DIR "/kazakhstan-upi.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "{}: cannot be read\n", path);
    return 1;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), {});

  chronicle::ReconstructOptions options;
  const auto dct = chronicle::TimeValue::parse(argc > 2 ? argv[2] : "2022-01-06");
  if (!dct) {
    fmt::print(stderr, "not a TIMEX3 date: {}\n", argv[2]);
    return 2;
  }
  options.dct = *dct;
  const chronicle::Timeline t = chronicle::reconstruct(text, options);

  // The timeline: rows of one group are mutually unordered.
  for (const chronicle::TimelineEntry& row : t.graph.timeline()) {
    const chronicle::NodeView node = t.graph.node(row.node);
    if (node.kind != chronicle::NodeKind::event) continue;
    for (const chronicle::Event& e : t.events) {
      if (e.instance_id == node.id) {
        fmt::print("{:>3}  {:<6} {}\n", row.group, e.instance_id, t.document.text(e.phrase));
      }
    }
  }

  // Questions: what does the text say about two events, and why?
  auto first_event = [&](std::string_view head) -> std::string {
    for (const chronicle::Event& e : t.events) {
      if (t.document.text(e.span) == head) return e.instance_id;
    }
    return {};
  };
  const std::string overrun = first_event("overrun"), opened = first_event("opened");
  if (!overrun.empty() && !opened.empty()) {
    const chronicle::Entailment e = t.graph.relation(overrun, opened);
    fmt::print("\noverrun {} opened fire, because:\n", chronicle::to_string(e.relation));
    for (chronicle::LinkId l : e.proof.links) {
      const chronicle::LinkView v = t.graph.link(l);
      fmt::print("  {} {} {}  ({}, confidence {:.2f})\n", t.graph.node(v.from).id,
                 v.relation ? chronicle::to_string(*v.relation) : "(constraint)",
                 t.graph.node(v.to).id, v.provenance, v.confidence);
    }
  }
  return 0;
}
