// The TempEval-3 scorer: span pairing, attribute accuracy, temporal awareness over the
// point-algebra closure, with controlled perturbations of a gold document.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chronicle/eval.hpp>
#include <chronicle/io/timeml.hpp>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace tml = chronicle::timeml;
namespace eval = chronicle::eval;
using chronicle::Relation;
using chronicle::Span;

namespace {

// The gold document: "Smith & Sons said Monday that it had bought the firm last week and
// will sell it in March." with t1 Monday, t2 last week, t3 March; e1 said, e2 bought, e3
// sell; TLINKs l1 ei1 IS_INCLUDED t1, l2 ei2 IS_INCLUDED t2, l3 ei3 IS_INCLUDED t3,
// l4 ei1 BEFORE t0, l5 ei2 BEFORE ei1, l6 t3 AFTER t0, l7 ei3 AFTER t0. l7 follows from l3
// and l6, so the reduced gold graph has the 6 links l1-l6.
tml::Document gold() {
  static const auto doc =
      tml::read_file(std::string(CHRONICLE_SOURCE_DIR) + "/tests/data/timeml/acquisition.tml");
  return doc;
}

// A perturbed document goes through the writer and the reader, as a system file would.
eval::Counts score_against_gold(const tml::Document& system) {
  return eval::compare(gold(), tml::read(tml::write(system), "system.tml"));
}

void erase_tlinks_touching(tml::Document& d, const std::string& id) {
  auto& l = d.tlinks;
  l.erase(std::remove_if(l.begin(), l.end(),
                         [&](const tml::TLink& t) { return t.link.from == id || t.link.to == id; }),
          l.end());
}

void check_all_100(const eval::Scores& s) {
  for (double v : {s.timex.strict.precision, s.timex.strict.recall,
                   s.timex.strict.f1,        s.timex.relaxed.precision,
                   s.timex.relaxed.recall,   s.timex.relaxed.f1,
                   s.timex.value_accuracy,   s.timex.type_accuracy,
                   s.timex.value_f1,         s.timex.type_f1,
                   s.event.strict.precision, s.event.strict.recall,
                   s.event.strict.f1,        s.event.relaxed.precision,
                   s.event.relaxed.recall,   s.event.relaxed.f1,
                   s.event.class_accuracy,   s.event.tense_accuracy,
                   s.event.aspect_accuracy,  s.tlink.precision,
                   s.tlink.recall,           s.tlink.f1}) {
    CHECK(v == 100.0);
  }
}

}  // namespace

TEST_CASE("gold against itself scores 100 everywhere", "[eval]") {
  const auto c = eval::compare(gold(), gold());
  CHECK(c.documents == 1);
  CHECK(c.timex.gold == 3);
  CHECK(c.timex.system == 3);
  CHECK(c.timex.strict == 3);
  CHECK(c.timex.relaxed == 3);
  CHECK(c.event.relaxed == 3);
  CHECK(c.tlink.gold == 6);  // l7 is entailed by l3 and l6
  CHECK(c.tlink.system == 6);
  CHECK(c.tlink.gold_found == 6);
  CHECK(c.tlink.system_correct == 6);
  check_all_100(eval::score(c));
}

TEST_CASE("controlled perturbations change exactly the expected counts", "[eval]") {
  auto system = gold();

  SECTION("drop a timex and its TLINK") {
    system.timexes.erase(system.timexes.begin() + 1);  // t2 "last week"
    erase_tlinks_touching(system, "t2");
    const auto c = score_against_gold(system);
    CHECK(c.timex.gold == 3);
    CHECK(c.timex.system == 2);
    CHECK(c.timex.strict == 2);
    CHECK(c.timex.relaxed == 2);
    CHECK(c.timex.value == 2);
    CHECK(c.timex.type == 2);
    CHECK(c.event.relaxed == 3);
    CHECK(c.event.event_class == 3);
    // l2 is gone: every system link is right, one gold link is not found.
    CHECK(c.tlink.system == 5);
    CHECK(c.tlink.system_correct == 5);
    CHECK(c.tlink.gold == 6);
    CHECK(c.tlink.gold_found == 5);
    const auto s = eval::score(c);
    CHECK(s.timex.strict.precision == 100.0);
    CHECK(s.timex.strict.recall == Approx(200.0 / 3));
    CHECK(s.timex.strict.f1 == Approx(80.0));
    CHECK(s.timex.value_accuracy == 100.0);
    CHECK(s.timex.value_f1 == Approx(80.0));
    CHECK(s.tlink.precision == 100.0);
    CHECK(s.tlink.recall == Approx(500.0 / 6));
  }
  SECTION("drop a timex but keep its TLINK: the link points at nothing gold has") {
    system.timexes.erase(system.timexes.begin() + 1);
    const auto c = score_against_gold(system);
    CHECK(c.timex.system == 2);
    CHECK(c.tlink.system == 6);
    CHECK(c.tlink.system_correct == 5);
    CHECK(c.tlink.gold == 6);
    CHECK(c.tlink.gold_found == 5);
  }
  SECTION("shift a span by one character") {
    system.timexes[0].span.begin += 1;  // "onday"
    const auto c = score_against_gold(system);
    CHECK(c.timex.system == 3);
    CHECK(c.timex.strict == 2);
    CHECK(c.timex.relaxed == 3);
    CHECK(c.timex.value == 3);
    CHECK(c.tlink.system_correct == 6);  // relaxed pairs carry the links
    CHECK(c.tlink.gold_found == 6);
    const auto s = eval::score(c);
    CHECK(s.timex.strict.f1 == Approx(200.0 / 3));
    CHECK(s.timex.relaxed.f1 == 100.0);
  }
  SECTION("widen an event span by one character") {
    system.events[1].span.end += 1;  // "bought "
    const auto c = score_against_gold(system);
    CHECK(c.event.strict == 2);
    CHECK(c.event.relaxed == 3);
    CHECK(c.event.event_class == 3);
    CHECK(c.timex.strict == 3);
  }
  SECTION("change a value") {
    system.timexes[2].value = chronicle::TimeValue::parse("1998-04").value();
    const auto c = score_against_gold(system);
    CHECK(c.timex.strict == 3);
    CHECK(c.timex.relaxed == 3);
    CHECK(c.timex.value == 2);
    CHECK(c.timex.type == 3);
    const auto s = eval::score(c);
    CHECK(s.timex.value_accuracy == Approx(200.0 / 3));
    CHECK(s.timex.value_f1 == Approx(200.0 / 3));
    CHECK(s.timex.type_f1 == 100.0);
    CHECK(s.tlink.f1 == 100.0);
  }
  SECTION("change a type") {
    system.timexes[1].type = chronicle::TimexType::duration;
    const auto c = score_against_gold(system);
    CHECK(c.timex.type == 2);
    CHECK(c.timex.value == 3);
  }
  SECTION("flip a TLINK") {
    system.tlinks[4].link.relation = Relation::after;  // l5: ei2 AFTER ei1
    const auto c = score_against_gold(system);
    CHECK(c.tlink.system == 6);
    CHECK(c.tlink.system_correct == 5);
    CHECK(c.tlink.gold == 6);
    CHECK(c.tlink.gold_found == 5);
    const auto s = eval::score(c);
    CHECK(s.tlink.precision == Approx(500.0 / 6));
    CHECK(s.tlink.recall == Approx(500.0 / 6));
    CHECK(s.timex.relaxed.f1 == 100.0);
    CHECK(s.event.relaxed.f1 == 100.0);
  }
  SECTION("drop an event with its instance and TLINKs") {
    system.events.erase(system.events.begin() + 1);  // e2 "bought"
    system.instances.erase(system.instances.begin() + 1);
    erase_tlinks_touching(system, "ei2");
    const auto c = score_against_gold(system);
    CHECK(c.event.gold == 3);
    CHECK(c.event.system == 2);
    CHECK(c.event.strict == 2);
    CHECK(c.event.relaxed == 2);
    CHECK(c.event.event_class == 2);
    CHECK(c.event.tense == 2);
    CHECK(c.event.aspect == 2);
    CHECK(c.timex.relaxed == 3);
    // System keeps l1 l3 l4 l6 (l7 still follows): all right; gold l2 and l5 are missed.
    CHECK(c.tlink.system == 4);
    CHECK(c.tlink.system_correct == 4);
    CHECK(c.tlink.gold == 6);
    CHECK(c.tlink.gold_found == 4);
  }
  SECTION("change event class, tense and aspect") {
    system.events[0].event_class = chronicle::EventClass::occurrence;
    system.instances[1].tense = chronicle::Tense::present;
    system.instances[1].aspect = chronicle::Aspect::none;
    system.instances[2].aspect = chronicle::Aspect::progressive;
    const auto c = score_against_gold(system);
    CHECK(c.event.relaxed == 3);
    CHECK(c.event.event_class == 2);
    CHECK(c.event.tense == 2);
    CHECK(c.event.aspect == 1);
  }
  SECTION("a spurious timex lowers precision only") {
    chronicle::Timex t;
    t.id = "t9";
    t.span = {1, 6};  // "Smith"
    t.value = chronicle::TimeValue::year_only(1999);
    system.timexes.insert(system.timexes.begin(), t);
    const auto c = score_against_gold(system);
    CHECK(c.timex.system == 4);
    CHECK(c.timex.strict == 3);
    CHECK(c.timex.relaxed == 3);
    const auto s = eval::score(c);
    CHECK(s.timex.strict.precision == 75.0);
    CHECK(s.timex.strict.recall == 100.0);
  }
  SECTION("links the gold closure entails do not count against the system") {
    tml::TLink extra;
    extra.link = {"l90", "ei2", "t0", Relation::before, "", 1.0};  // via l5 and l4
    extra.to_time = true;
    system.tlinks.push_back(extra);
    extra.link = {"l91", "ei1", "ei2", Relation::after, "", 1.0};  // l5 seen from ei1
    extra.to_time = false;
    system.tlinks.push_back(extra);
    const auto c = score_against_gold(system);
    CHECK(c.tlink.system == 6);  // both are redundant in the system graph too
    CHECK(c.tlink.system_correct == 6);
    CHECK(c.tlink.gold_found == 6);
  }
  SECTION("only implicit links: precision without recall") {
    system.tlinks.clear();
    tml::TLink l;
    l.link = {"l1", "ei2", "t0", Relation::before, "", 1.0};
    l.to_time = true;
    system.tlinks.push_back(l);
    const auto c = score_against_gold(system);
    CHECK(c.tlink.system == 1);
    CHECK(c.tlink.system_correct == 1);
    CHECK(c.tlink.gold_found == 0);
    const auto s = eval::score(c);
    CHECK(s.tlink.precision == 100.0);
    CHECK(s.tlink.recall == 0.0);
    CHECK(s.tlink.f1 == 0.0);
  }
  SECTION("renamed ids are mapped by span") {
    for (auto& t : system.timexes) t.id = "x" + t.id;
    for (auto& e : system.events) e.id = "x" + e.id;
    for (auto& i : system.instances) {
      i.id = "x" + i.id;
      i.event_id = "x" + i.event_id;
    }
    for (auto& l : system.tlinks) {
      if (l.link.from != "t0") l.link.from = "x" + l.link.from;
      if (l.link.to != "t0") l.link.to = "x" + l.link.to;
    }
    check_all_100(eval::score(score_against_gold(system)));
  }
  SECTION("empty system output") {
    tml::Document empty;
    empty.text = system.text;
    const auto c = eval::compare(gold(), empty);
    CHECK(c.timex.system == 0);
    CHECK(c.tlink.system == 0);
    CHECK(c.tlink.gold == 6);
    const auto s = eval::score(c);
    CHECK(s.timex.strict.precision == 0.0);
    CHECK(s.timex.strict.recall == 0.0);
    CHECK(s.tlink.f1 == 0.0);
  }
  SECTION("a different TEXT is an error") {
    system.text[3] = 'X';
    CHECK_THROWS_WITH(eval::compare(gold(), system),
                      Catch::Contains("differs from the gold TEXT at byte 3"));
  }
}

TEST_CASE("counts add up over documents and both-empty layers score 100", "[eval]") {
  tml::Document blank;
  blank.text = "Nothing happened.";
  auto c = eval::compare(blank, blank);
  check_all_100(eval::score(c));
  c += eval::compare(gold(), gold());
  CHECK(c.documents == 2);
  CHECK(c.timex.gold == 3);
  CHECK(c.tlink.gold == 6);
  check_all_100(eval::score(c));
}

TEST_CASE("the JSON report has the documented shape", "[eval]") {
  auto system = gold();
  system.timexes[2].value = chronicle::TimeValue::parse("1998-04").value();
  const auto c = eval::compare(gold(), system);
  const auto json = eval::to_json(c, {{"acquisition.tml", c}});
  CHECK(json.rfind(R"({"timex": {"strict": {"precision": 100.00, "recall": 100.00, "f1": 100.00}, )"
                   R"("relaxed": {"precision": 100.00, "recall": 100.00, "f1": 100.00}, )"
                   R"("value_accuracy": 66.67, "type_accuracy": 100.00, "value_f1": 66.67, )"
                   R"("type_f1": 100.00, "counts": {"gold": 3, "system": 3, "strict": 3, )"
                   R"("relaxed": 3, "value": 2, "type": 3}}, "event": {)",
                   0) == 0);
  CHECK(json.find(R"("tlink": {"precision": 100.00, "recall": 100.00, "f1": 100.00, )"
                  R"("counts": {"system": 6, "system_correct": 6, "gold": 6, "gold_found": 6}, )"
                  R"("by_pair": {"event-DCT": {"precision": 100.00, "recall": 100.00, )"
                  R"("f1": 100.00, "counts": {"system": 1, "system_correct": 1, "gold": 1, )"
                  R"("gold_found": 1}}, "event-time": {)") != std::string::npos);
  CHECK(json.find(R"(}}}, "documents": 1, "per_document": [{"document": "acquisition.tml", )") !=
        std::string::npos);
  CHECK(json.back() == '\n');
  const auto table = eval::to_table(c);
  // Columns: P, R, F1 (here value F1), accuracy.
  CHECK(table.find("timex value" + std::string(27, ' ') + "66.67     66.67") != std::string::npos);
}

TEST_CASE("tbaq gold against itself scores 100 everywhere", "[eval][corpus]") {
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::recursive_directory_iterator(
           std::filesystem::path(CHRONICLE_SHARED_DIR) / "data" / "tbaq")) {
    if (e.path().extension() == ".tml") paths.push_back(e.path().string());
  }
  std::sort(paths.begin(), paths.end());
  REQUIRE(paths.size() == 256);
  eval::Counts self, perturbed;
  std::size_t dropped_timexes = 0, dropped_events = 0;
  for (const auto& p : paths) {
    const auto doc = tml::read_file(p);
    self += eval::compare(doc, doc);
    // Every 5th timex and every 9th event left out (their links stay, pointing nowhere).
    auto system = doc;
    for (std::size_t i = system.timexes.size(); i-- > 0;) {
      if (i % 5 == 4) {
        system.timexes.erase(system.timexes.begin() + static_cast<std::ptrdiff_t>(i));
        ++dropped_timexes;
      }
    }
    for (std::size_t i = system.events.size(); i-- > 0;) {
      if (i % 9 == 8) {
        system.events.erase(system.events.begin() + static_cast<std::ptrdiff_t>(i));
        ++dropped_events;
      }
    }
    perturbed += eval::compare(doc, system);
  }
  CHECK(self.documents == 256);
  CHECK(self.timex.gold == 1822);
  CHECK(self.event.gold == 11129);
  CHECK(self.tlink.gold == self.tlink.system);
  CHECK(self.tlink.gold > 10000);  // 11115 TLINKs less self-loops and entailed ones
  check_all_100(eval::score(self));

  CHECK(perturbed.timex.system == 1822 - dropped_timexes);
  CHECK(perturbed.timex.strict == 1822 - dropped_timexes);
  CHECK(perturbed.timex.relaxed == 1822 - dropped_timexes);
  CHECK(perturbed.timex.value == 1822 - dropped_timexes);
  CHECK(perturbed.event.system == 11129 - dropped_events);
  CHECK(perturbed.event.relaxed == 11129 - dropped_events);
  CHECK(perturbed.event.tense == 11129 - dropped_events);
  const auto s = eval::score(perturbed);
  CHECK(s.timex.relaxed.precision == 100.0);
  CHECK(s.timex.relaxed.recall ==
        Approx(100.0 * static_cast<double>(1822 - dropped_timexes) / 1822));
  CHECK(s.tlink.precision < 100.0);
  CHECK(s.tlink.recall < 100.0);
}

TEST_CASE("TLINK counts split by the kind of pair they relate", "[eval]") {
  using eval::PairKind;
  auto kind = [](const eval::Counts& c, PairKind k) {
    return c.tlink_by_pair[static_cast<std::size_t>(k)];
  };
  tml::Document system = gold();
  erase_tlinks_touching(system, "t2");  // l2: ei2 IS_INCLUDED t2
  const auto c = score_against_gold(system);
  // Reduced gold: l4 event-DCT; l1, l2, l3 event-time; l5 event-event; l6 time-time.
  CHECK(kind(c, PairKind::event_dct).gold == 1);
  CHECK(kind(c, PairKind::event_time).gold == 3);
  CHECK(kind(c, PairKind::event_event).gold == 1);
  CHECK(kind(c, PairKind::time_time).gold == 1);
  CHECK(kind(c, PairKind::event_time).system == 2);
  CHECK(kind(c, PairKind::event_time).gold_found == 2);
  CHECK(kind(c, PairKind::event_time).system_correct == 2);
  CHECK(eval::score(kind(c, PairKind::event_time)).recall == Approx(200.0 / 3));
  eval::TlinkCounts sum;
  for (const auto& k : c.tlink_by_pair) sum += k;
  CHECK(sum.system == c.tlink.system);
  CHECK(sum.system_correct == c.tlink.system_correct);
  CHECK(sum.gold == c.tlink.gold);
  CHECK(sum.gold_found == c.tlink.gold_found);
  eval::Counts twice = c;
  twice += c;
  CHECK(kind(twice, PairKind::event_time).gold == 6);
  CHECK(eval::to_string(PairKind::event_dct) == "event-DCT");
  const std::string table = eval::to_table(c, {}, true);
  CHECK(table.find("  event-time ") != std::string::npos);
  CHECK(eval::to_table(c).find("event-time") == std::string::npos);
  CHECK(eval::to_json(c).find(R"("by_pair": {"event-DCT": {"precision": 100.00)") !=
        std::string::npos);
}
