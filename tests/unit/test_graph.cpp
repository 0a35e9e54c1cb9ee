// The timeline graph on small hand-made cases: one test per behaviour of the API.
#include <chronicle/graph.hpp>

#include <catch2/catch.hpp>

#include <ctime>
#include <string>

using namespace chronicle;
using boost::gregorian::date;
using boost::posix_time::hours;
using boost::posix_time::ptime;

namespace {
std::vector<std::string> ids(const Graph& g, const std::vector<NodeId>& nodes) {
  std::vector<std::string> out;
  for (const auto n : nodes) out.emplace_back(g.node(n).id);
  return out;
}
std::vector<std::string> link_names(const Graph& g, const std::vector<LinkId>& links) {
  std::vector<std::string> out;
  for (const auto l : links) out.emplace_back(g.link(l).provenance);
  return out;
}
using S = std::vector<std::string>;
}  // namespace

TEST_CASE("a chain of BEFORE links entails BEFORE, with the chain as proof") {
  Graph g;
  for (const char* id : {"e1", "e2", "e3", "e4"}) g.add_event(id);
  g.add_link("e1", "e2", Relation::before, "r1");
  g.add_link("e2", "e3", Relation::ibefore, "r2");
  g.add_link("e3", "e4", Relation::before, "r3");
  const auto r = g.relation("e1", "e4");
  CHECK(r.relation == Relation::before);
  CHECK(link_names(g, r.proof.links) == S{"r1", "r2", "r3"});
  CHECK(g.relation("e4", "e1").relation == Relation::after);
  CHECK(g.relation("e2", "e3").relation == Relation::ibefore);
  CHECK(g.relation("e3", "e2").relation == Relation::iafter);
  CHECK(g.relation("e1", "e1").relation == Relation::simultaneous);
  const auto e = g.endpoint_relations("e1", "e4");
  CHECK(e.end_start == PointRelation::less);
  CHECK(e.start_end == PointRelation::less);
  CHECK(g.contradictions().empty());
}

TEST_CASE("what the links leave open stays open") {
  Graph g;
  for (const char* id : {"a", "b", "c"}) g.add_event(id);
  g.add_link("a", "c", Relation::before);
  g.add_link("b", "c", Relation::before);
  const auto r = g.relation("a", "b");
  CHECK(r.relation == Relation::vague);
  CHECK(r.proof.links.empty());
  CHECK(r.endpoints.start_start == PointRelation::unknown);
  CHECK(r.endpoints.end_end == PointRelation::unknown);
}

TEST_CASE("INCLUDES is strict or loose by option") {
  for (const auto reading : {IncludesReading::strict, IncludesReading::loose}) {
    GraphOptions o;
    o.includes = reading;
    Graph g(o);
    for (const char* id : {"a", "b", "c"}) g.add_event(id);
    g.add_link("a", "b", Relation::includes);
    g.add_link("b", "c", Relation::begun_by);
    // a includes b and b starts with c: a includes c strictly only in the strict reading.
    const auto r = g.relation("a", "c");
    if (reading == IncludesReading::strict) {
      CHECK(r.relation == Relation::includes);
      CHECK(r.endpoints.start_start == PointRelation::less);
    } else {
      CHECK(r.relation == Relation::includes);
      CHECK(r.endpoints.start_start == PointRelation::less_equal);
    }
    CHECK(g.relation("c", "a").relation == Relation::is_included);
  }
  Graph loose(GraphOptions{IncludesReading::loose, DuringReading::simultaneous});
  loose.add_event("a");
  loose.add_event("b");
  loose.add_link("a", "b", Relation::begun_by);
  CHECK(loose.relation("a", "b").relation == Relation::begun_by);  // the strongest, not INCLUDES
  CHECK(loose.entails(0, 1, Relation::includes));
  CHECK_FALSE(loose.entails(0, 1, Relation::before));
}

TEST_CASE("DURING reads as SIMULTANEOUS or as IS_INCLUDED") {
  Graph simultaneous;
  simultaneous.add_event("a");
  simultaneous.add_event("b");
  simultaneous.add_link("a", "b", Relation::during);
  CHECK(simultaneous.relation("a", "b").relation == Relation::simultaneous);
  CHECK(constraints_of(Relation::during).size() == 2);
  GraphOptions o;
  o.during = DuringReading::is_included;
  Graph included(o);
  included.add_event("a");
  included.add_event("b");
  included.add_link("a", "b", Relation::during);
  CHECK(included.relation("a", "b").relation == Relation::is_included);
  CHECK(included.relation("b", "a").relation == Relation::includes);
  const auto c = constraints_of(Relation::during, o);
  REQUIRE(c.size() == 2);
  CHECK(to_string(c[0]) == "start > start");
  CHECK(to_string(c[1]) == "end < end");
}

TEST_CASE("endpoint constraints: MATRES start points and before-or-meets") {
  Graph g;
  const auto a = g.add_event("a"), b = g.add_event("b"), c = g.add_event("c");
  g.add_constraint(a, b, constraints::starts_before, "matres");
  CHECK(g.relation(a, b).relation == Relation::vague);
  CHECK(g.point_relation(a, Endpoint::start, b, Endpoint::start) == PointRelation::less);
  g.add_constraint(b, c, constraints::before_or_meets, "disjunction");
  CHECK(g.point_relation(b, Endpoint::end, c, Endpoint::start) == PointRelation::less_equal);
  CHECK(g.relation(a, c).endpoints.start_start == PointRelation::less);
  CHECK(g.entails(b, c, constraints::before_or_meets));
  CHECK_FALSE(g.entails(b, c, Relation::before));
  // One more constraint closes the disjunction: b ends when c starts.
  g.add_constraint(c, b, constraints::after_or_met_by, "other side");
  CHECK(g.point_relation(b, Endpoint::end, c, Endpoint::start) == PointRelation::less_equal);
  g.add_constraint(c, b, EndpointConstraint{Endpoint::start, PointOp::less_equal, Endpoint::end});
  CHECK(g.relation(b, c).relation == Relation::ibefore);
  CHECK(link_names(g, g.relation(b, c).proof.links) == S{"disjunction", "input"});
}

TEST_CASE("calendar bounds propagate both ways along the order") {
  Graph g;
  g.add_dct("t0", day_bounds(date(2022, 1, 6)));
  g.add_time("t1", day_bounds(date(2022, 1, 5)));
  g.add_event("e1");
  g.add_event("e2");
  g.add_link("e1", "t1", Relation::is_included);
  g.add_link("e1", "e2", Relation::before);
  g.add_link("e2", "t0", Relation::before);
  const auto b1 = g.bounds("e1");
  CHECK(b1.earliest_start == ptime(date(2022, 1, 5)));
  CHECK(b1.latest_end == ptime(date(2022, 1, 6)));
  const auto b2 = g.bounds("e2");
  CHECK(b2.earliest_start == ptime(date(2022, 1, 5)));
  CHECK(b2.latest_end == ptime(date(2022, 1, 6)));
  CHECK(b2.latest_start == ptime(date(2022, 1, 6)));
  CHECK(g.bounds("t0").earliest_start == ptime(date(2022, 1, 6)));
  CHECK(g.bounds("t0").latest_start == ptime(date(2022, 1, 6)));  // a time is its day exactly
  CHECK(g.bounds("t0").earliest_end == ptime(date(2022, 1, 7)));
  // An event in last week's Monday is before one on Thursday: from bounds alone.
  g.add_event("e3", 10, day_bounds(date(2021, 12, 27)));
  g.add_event("e4", 20, day_bounds(date(2021, 12, 30)));
  const auto r = g.relation("e3", "e4");
  CHECK(r.relation == Relation::before);
  CHECK(r.proof.links.empty());
  CHECK(ids(g, r.proof.bounds) == S{"e3", "e4"});
  // Unbounded sides stay infinite.
  g.add_event("free");
  CHECK(g.bounds("free").earliest_start.is_neg_infinity());
  CHECK(g.bounds("free").latest_end.is_pos_infinity());
}

TEST_CASE("a cycle is reported with its links and resolved by confidence") {
  Graph g;
  for (const char* id : {"a", "b", "c"}) g.add_event(id);
  g.add_link("a", "b", Relation::before, "rule-1", 0.9);
  g.add_link("b", "c", Relation::before, "rule-2", 0.6);
  g.add_link("c", "a", Relation::before, "rule-3", 0.8);
  g.add_link("a", "c", Relation::includes, "rule-4", 0.95);  // not on the cycle's shortest form
  const auto& cs = g.contradictions();
  REQUIRE(cs.size() >= 1);
  CHECK(cs[0].kind == Contradiction::Kind::cycle);
  CHECK(cs[0].dropped_link);
  CHECK(g.link(*cs[0].dropped_link).provenance != "rule-4");
  for (const auto& c : cs) {
    REQUIRE(c.dropped_link);
    CHECK(g.link(*c.dropped_link).dropped);
    INFO(g.describe(c));
    CHECK(g.describe(c).find("dropped") != std::string::npos);
  }
  // What is left is consistent and answers follow from it.
  CHECK(g.relation("a", "c").relation == Relation::includes);
}

TEST_CASE("a two-link contradiction drops the less confident link") {
  Graph g;
  g.add_event("a");
  g.add_event("b");
  g.add_link("a", "b", Relation::before, "sure", 0.9);
  g.add_link("a", "b", Relation::after, "unsure", 0.4);
  REQUIRE(g.contradictions().size() == 1);
  const auto& c = g.contradictions()[0];
  CHECK(link_names(g, c.links) == S{"sure", "unsure"});
  CHECK(g.link(*c.dropped_link).provenance == "unsure");
  CHECK(g.relation("a", "b").relation == Relation::before);
  CHECK(g.describe(c) ==
        "cycle: a BEFORE b (sure, 0.9); a AFTER b (unsure, 0.4) -> dropped a AFTER b (unsure, "
        "0.4)");
}

TEST_CASE("equalities that force start = end are contradictions") {
  Graph g;
  g.add_event("a");
  g.add_event("b");
  g.add_link("a", "b", Relation::begins, "r1", 0.7);   // a.start = b.start, a.end < b.end
  g.add_link("a", "b", Relation::ibefore, "r2", 0.5);  // a.end = b.start
  REQUIRE(g.contradictions().size() == 1);
  CHECK(g.link(*g.contradictions()[0].dropped_link).provenance == "r2");
  CHECK(g.relation("a", "b").relation == Relation::begins);
}

TEST_CASE("bounds that cross are contradictions with a bound path") {
  Graph g;
  g.add_time("t1", day_bounds(date(2022, 1, 10)));
  g.add_time("t2", day_bounds(date(2022, 1, 3)));
  g.add_event("e1");
  g.add_link("e1", "t1", Relation::after, "r1", 0.8);   // e1 after Jan 10
  g.add_link("e1", "t2", Relation::before, "r2", 0.7);  // e1 before Jan 3
  const auto& cs = g.contradictions();
  REQUIRE(cs.size() == 1);
  CHECK(cs[0].kind == Contradiction::Kind::bounds);
  CHECK(link_names(g, cs[0].links) == S{"r1", "r2"});
  CHECK(ids(g, cs[0].bounds) == S{"t1", "t2"});
  CHECK(g.link(*cs[0].dropped_link).provenance == "r2");
  CHECK(g.bounds("e1").earliest_start == ptime(date(2022, 1, 11)));
}

TEST_CASE("a node whose own bounds are empty loses them") {
  Graph g;
  g.add_time("t1", Bounds{ptime(date(2022, 1, 10)), ptime(date(2022, 1, 9))});
  REQUIRE(g.contradictions().size() == 1);
  CHECK(g.contradictions()[0].dropped_bounds == NodeId{0});
  CHECK(g.node(0).bounds_dropped);
  CHECK(g.bounds("t1").earliest_start.is_neg_infinity());
}

TEST_CASE("the timeline orders nodes and groups the unordered") {
  Graph g;
  g.add_event("e1", 40);
  g.add_event("e2", 10);
  g.add_event("e3", 30);
  g.add_event("e4", 20, day_bounds(date(2022, 1, 2)));
  g.add_event("e5", 50, day_bounds(date(2022, 1, 1)));
  g.add_link("e1", "e2", Relation::before);
  g.add_link("e1", "e3", Relation::before);
  const auto t = g.timeline();
  REQUIRE(t.size() == 5);
  std::vector<std::string> order;
  std::vector<std::uint32_t> groups;
  for (const auto& row : t) {
    order.emplace_back(g.node(row.node).id);
    groups.push_back(row.group);
  }
  // e5 (Jan 1) starts before e4 (Jan 2) by bounds; e1 ends before e2 and e3 start by links;
  // e1 and e5 are unordered, and so are e2 and e3. Within a group, the earliest start first
  // (e1 has none: -inf).
  CHECK(order == S{"e1", "e5", "e4", "e2", "e3"});
  CHECK(groups == std::vector<std::uint32_t>{0, 0, 1, 2, 2});
  CHECK(t[0].bounds.earliest_start.is_neg_infinity());
  CHECK(t[1].bounds.earliest_start == ptime(date(2022, 1, 1)));
  CHECK(t[1].bounds.latest_end == ptime(date(2022, 1, 2)));
}

TEST_CASE("within a group, of nodes that may start at any time, the one over sooner reads first") {
  Graph g;
  g.add_event("e1", 10);  // no date at all: after the dated ones, in text order
  g.add_event("e2", 20);
  g.add_event("e3", 30);
  g.add_event("e4", 40);
  g.add_time("t1", day_bounds(date(2022, 1, 1)));
  g.add_time("t2", day_bounds(date(2022, 1, 5)));
  g.add_link("e3", "t1", Relation::before);  // over by Jan 1
  g.add_link("e2", "t2", Relation::before);  // over by Jan 5
  std::vector<std::string> events;
  for (const auto& row : g.timeline()) {
    const std::string id(g.node(row.node).id);
    if (id[0] == 'e') {
      events.push_back(id);
      CHECK(row.group == 0);
    }
  }
  CHECK(events == S{"e3", "e2", "e1", "e4"});
}

TEST_CASE("before, after and overlapping") {
  Graph g;
  for (const char* id : {"a", "b", "c", "d", "e"}) g.add_event(id);
  g.add_link("a", "b", Relation::before);
  g.add_link("b", "c", Relation::ibefore);
  g.add_link("d", "b", Relation::includes);
  g.add_link("e", "d", Relation::simultaneous);
  CHECK(ids(g, g.before(g.at("c"))) == S{"a", "b"});
  CHECK(ids(g, g.after(g.at("a"))) == S{"b", "c"});
  CHECK(ids(g, g.overlapping(g.at("b"))) == S{"d", "e"});
  // d includes b, which meets c: d starts before c ends and c starts before d ends.
  CHECK(ids(g, g.overlapping(g.at("d"))) == S{"b", "c", "e"});
}

TEST_CASE("nodes within a range of dates, certainly or possibly") {
  Graph g;
  g.add_time("t1", day_bounds(date(2022, 1, 5)));
  g.add_event("in", 1);
  g.add_event("maybe", 2, Bounds{ptime(date(2022, 1, 4)), ptime(date(2022, 1, 7))});
  g.add_event("out", 3, day_bounds(date(2022, 1, 9)));
  g.add_event("unknown", 4);
  g.add_link("in", "t1", Relation::is_included);
  const auto m = g.on(date(2022, 1, 5));
  CHECK(ids(g, m.certain) == S{"t1", "in"});
  CHECK(ids(g, m.possible) == S{"maybe", "unknown"});
  const auto w = g.within(ptime(date(2022, 1, 4)), ptime(date(2022, 1, 8)));
  CHECK(ids(g, w.certain) == S{"t1", "in", "maybe"});
}

TEST_CASE("links added after queries update the graph") {
  Graph g;
  for (int i = 0; i < 50; ++i) g.add_event("e" + std::to_string(i));
  for (int i = 0; i + 1 < 50; i += 2) {
    g.add_link("e" + std::to_string(i), "e" + std::to_string(i + 1), Relation::before);
  }
  CHECK(g.relation("e0", "e3").relation == Relation::vague);
  g.add_link("e1", "e2", Relation::before);
  CHECK(g.relation("e0", "e3").relation == Relation::before);
  g.add_link("e3", "e4", Relation::simultaneous);
  CHECK(g.relation("e0", "e4").relation == Relation::before);
  CHECK(g.relation("e3", "e4").relation == Relation::simultaneous);
  g.add_event("late", 7, day_bounds(date(2022, 1, 1)));
  g.add_link("late", "e0", Relation::ibefore);
  CHECK(g.relation("late", "e4").relation == Relation::before);
  CHECK(g.bounds("e0").earliest_start == ptime(date(2022, 1, 1)));
  CHECK(g.bounds("e0").latest_start == ptime(date(2022, 1, 2)));
  // A later link against the order: reorders, still consistent.
  g.add_link("e49", "e10", Relation::before);
  CHECK(g.relation("e48", "e11").relation == Relation::before);
  // A contradiction added late is resolved like any other.
  g.add_link("e4", "e0", Relation::before, "late rule", 0.1);
  REQUIRE(g.contradictions().size() == 1);
  CHECK(g.link(*g.contradictions()[0].dropped_link).provenance == "late rule");
  CHECK(g.relation("e0", "e4").relation == Relation::before);
}

TEST_CASE("closure membership and reduction for temporal awareness") {
  const std::vector<Link> links = {
      {"l1", "e1", "e2", Relation::before, "gold", 1.0},
      {"l2", "e2", "e3", Relation::before, "gold", 1.0},
      {"l3", "e1", "e3", Relation::before, "gold", 1.0},  // entailed by l1, l2
      {"l4", "e3", "t1", Relation::is_included, "gold", 1.0},
      {"l5", "e4", "e3", Relation::during, "gold", 1.0},        // simultaneous
      {"l6", "e4", "e3", Relation::simultaneous, "gold", 1.0},  // a duplicate of l5
      {"l7", "e1", "e4", Relation::vague, "gold", 1.0},
  };
  const auto g = Graph::of(links);
  for (const auto& l : links) CHECK(g.entails(l));
  CHECK(g.entails(Link{"", "e4", "t1", Relation::is_included, "", 1.0}));
  CHECK(g.entails(Link{"", "e1", "e4", Relation::before, "", 1.0}));
  CHECK_FALSE(g.entails(Link{"", "e1", "t1", Relation::before, "", 1.0}));  // open
  CHECK(reduce(links) == std::vector<bool>{true, true, false, true, false, true, false});
}

TEST_CASE("bad input is an error, not a crash") {
  Graph g;
  g.add_event("a");
  CHECK_THROWS_AS(g.add_event("a"), std::invalid_argument);
  CHECK_THROWS_AS(g.add_event(""), std::invalid_argument);
  CHECK_THROWS_AS(g.add_link("a", "missing", Relation::before), std::out_of_range);
  CHECK_THROWS_AS(g.add_link(Link{"", "a", "zz", Relation::before, "", 1.0}),
                  std::invalid_argument);
  CHECK_THROWS_AS(g.add_link(0, 0, Relation::before, "x", 1.5), std::invalid_argument);
  CHECK_THROWS_AS(g.relation(NodeId{0}, NodeId{9}), std::out_of_range);
  g.add_dct("t0", std::nullopt);
  CHECK_THROWS_AS(g.add_dct("t00", std::nullopt), std::invalid_argument);
  // A self-link BEFORE is a contradiction, resolved.
  g.add_link(0, 0, Relation::before, "self");
  CHECK(g.contradictions().size() == 1);
}

TEST_CASE("the README example") {
  Graph g;
  g.add_dct("t0", day_bounds(Date(2022, 1, 6)));   // the DCT is that day
  g.add_time("t1", day_bounds(Date(2022, 1, 5)));  // "on Wednesday"
  g.add_event("ei1", 120);                         // "protests erupted"
  g.add_event("ei2", 480);                         // "police opened fire"
  g.add_event("ei3", 900);                         // "the president said"
  g.add_link("ei1", "t1", Relation::is_included, "weekday-anchor", 0.9);
  g.add_link("ei1", "ei2", Relation::before, "narrative-order", 0.6);
  g.add_link("ei3", "t0", Relation::is_included, "reporting-dct", 0.8);

  const Entailment r = g.relation("ei1", "ei3");
  CHECK(r.relation == Relation::before);
  CHECK(link_names(g, r.proof.links) == S{"weekday-anchor", "reporting-dct"});
  CHECK(ids(g, r.proof.bounds) == S{"t1", "t0"});
  CHECK(g.relation("ei2", "ei3").relation == Relation::vague);
  CHECK(g.bounds("ei2").earliest_start == ptime(date(2022, 1, 5)));
  CHECK(g.bounds("ei2").latest_start.is_pos_infinity());
  CHECK(ids(g, g.on(date(2022, 1, 5)).certain) == S{"t1", "ei1"});
  CHECK(ids(g, g.on(date(2022, 1, 5)).possible) == S{"ei2"});
  CHECK(g.contradictions().empty());
}

TEST_CASE("bounds_fit: a point fits its bounds exactly; a mod, a reference or either winter not") {
  Timex t;
  t.type = TimexType::date;
  t.value = *TimeValue::parse("2021-WI");
  t.bounds = t.value.bounds();  // December 2020 to March 2022: either winter
  CHECK(bounds_fit(t) == BoundsFit::within);
  t.bounds = Bounds{ptime(date(2021, 12, 1)), ptime(date(2022, 3, 1))};  // the one meant
  CHECK(bounds_fit(t) == BoundsFit::exact);
  t.value = *TimeValue::parse("2021-12");
  t.bounds = t.value.bounds();
  CHECK(bounds_fit(t) == BoundsFit::exact);
  t.mod = TimexMod::end;
  CHECK(bounds_fit(t) == BoundsFit::within);
  t.mod = TimexMod::none;
  t.value = *TimeValue::parse("PAST_REF");
  CHECK(bounds_fit(t) == BoundsFit::within);
  t.type = TimexType::duration;
  t.value = *TimeValue::parse("P2D");
  CHECK(bounds_fit(t) == BoundsFit::within);
}

TEST_CASE("views, ids and explanations") {
  Graph g;
  Event e;
  e.id = "e1";
  e.instance_id = "ei1";
  e.span = Span{40, 47};
  Timex dct;
  dct.id = "t0";
  dct.function = DocumentFunction::creation_time;
  dct.bounds = day_bounds(date(2022, 1, 6));
  Timex early;
  early.id = "t1";
  early.span = Span{10, 22};
  early.mod = TimexMod::start;  // "early 2022": somewhere in its bounds
  early.bounds = Bounds{ptime(date(2022, 1, 1)), ptime(date(2022, 5, 1))};
  const auto ei1 = g.add(e), t0 = g.add(dct), t1 = g.add(early);
  CHECK(g.node(ei1).id == "ei1");
  CHECK(g.node(ei1).position == std::optional<std::uint32_t>(40));
  CHECK(g.node(t0).kind == NodeKind::dct);
  CHECK(g.node(t0).fit == BoundsFit::exact);
  CHECK(g.node(t1).fit == BoundsFit::within);
  CHECK(g.dct() == std::optional<NodeId>(t0));
  const auto l = g.add_link(Link{"l7", "ei1", "t0", Relation::before, "rule-x", 0.75});
  const auto view = g.link(l);
  CHECK(view.id == "l7");
  CHECK(view.relation == std::optional<Relation>(Relation::before));
  CHECK(view.confidence == Approx(0.75));
  const Link back = g.to_link(l);
  CHECK(back.id == "l7");
  CHECK(back.from == "ei1");
  CHECK(back.relation == Relation::before);
  const auto c = g.add_constraint(t1, ei1, constraints::starts_before, "matres", 0.5);
  CHECK(g.link(c).constraint == std::optional<EndpointConstraint>(constraints::starts_before));
  CHECK(g.to_link(c).relation == Relation::vague);
  // ei1 ends before the DCT starts, which is Jan 6: so it starts before Jan 6 too.
  CHECK(g.bounds(ei1).latest_end == ptime(date(2022, 1, 6)));
  const auto proof = g.explain(ei1, Endpoint::start, t0, Endpoint::start);
  CHECK(link_names(g, proof.links) == S{"rule-x"});
  CHECK(g.explain(ei1, Endpoint::start, t1, Endpoint::end).links.empty());  // unknown
  CHECK(g.point_relation(t1, Endpoint::start, ei1, Endpoint::start) == PointRelation::less);
  CHECK(g.memory_usage() > 0);
}

TEST_CASE("a node added later with bounds that contradict is resolved") {
  Graph g;
  g.add_time("t1", day_bounds(date(2022, 1, 10)));
  g.add_event("e1");
  g.add_link("e1", "t1", Relation::before, "r1", 0.9);
  CHECK(g.bounds("e1").latest_end == ptime(date(2022, 1, 10)));
  // A new node whose bounds put e1 after Jan 12: its bounds (confidence 0.5) go.
  g.add_node("e2", NodeKind::event, 5, day_bounds(date(2022, 1, 12)), BoundsFit::within, 0.5);
  g.add_link("e2", "e1", Relation::before, "r2", 0.95);
  REQUIRE(g.contradictions().size() == 1);
  CHECK(g.contradictions()[0].kind == Contradiction::Kind::bounds);
  CHECK(g.contradictions()[0].dropped_bounds == std::optional<NodeId>(g.at("e2")));
  CHECK(g.node(g.at("e2")).bounds_dropped);
  CHECK(g.relation("e2", "t1").relation == Relation::before);
}

TEST_CASE("reduce is defined on contradictory input") {
  const std::vector<Link> links = {
      {"l1", "a", "b", Relation::before, "gold", 1.0},
      {"l2", "b", "a", Relation::before, "gold", 1.0},
      {"l3", "a", "a", Relation::before, "gold", 1.0},  // a self-link: left out
      {"l4", "b", "c", Relation::before, "gold", 1.0},
  };
  const auto kept = reduce(links);
  REQUIRE(kept.size() == 4);
  CHECK_FALSE(kept[2]);
  CHECK(kept[3]);
  CHECK(reduce(links) == kept);  // deterministic
  const auto g = Graph::of(links);
  CHECK(g.contradictions().size() == 2);
}

TEST_CASE("the header example") {
  chronicle::Graph g;
  g.add_dct("t0", chronicle::day_bounds(chronicle::Date(2022, 1, 6)));
  g.add_event("ei1", 120);
  g.add_event("ei2", 480);
  g.add_link("ei1", "ei2", Relation::before);
  g.add_link("ei2", "t0", Relation::is_included);
  CHECK(g.relation("ei1", "t0").relation == Relation::vague);
  CHECK(g.endpoint_relations("ei1", "t0").end_end == PointRelation::less);
  CHECK(g.endpoint_relations("ei1", "t0").start_start == PointRelation::unknown);
  CHECK(g.bounds("ei2").earliest_start == ptime(date(2022, 1, 6)));
}

// A long story's graph: many events equal to the DCT, each also inside a date that contradicts
// it, and one far-off date with many paths to the DCT. Resolving them round by round would take
// work growing with their square; the build must stay near-linear and end consistent.
TEST_CASE("many contradictions through one node are resolved in near-linear time") {
  auto build = [](int n, Graph& g) {
    g.add_dct("t0", day_bounds(date(2022, 1, 6)));
    g.add_time("far", day_bounds(date(2030, 1, 1)));
    for (int i = 0; i < n; ++i) {
      const std::string k = std::to_string(i);
      g.add_event("e" + k);
      g.add_event("f" + k);
      const auto month = static_cast<unsigned short>(1 + i % 12);
      const auto day = static_cast<unsigned short>(1 + i % 28);
      g.add_time("x" + k, day_bounds(date(2021, month, day)));
      g.add_link("e" + k, "t0", Relation::simultaneous, "hub", 0.68);
      g.add_link("e" + k, "x" + k, Relation::is_included, "inside", 0.83);
      g.add_link("f" + k, "far", Relation::after, "after-far", 0.9);
      g.add_link("f" + k, "e" + k, Relation::simultaneous, "same", 0.7);
    }
  };
  auto cpu = [] {  // this thread's CPU time: a busy machine does not count
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  };
  auto seconds = [&](int n) {
    double best = 1e9;
    for (int k = 0; k < 2; ++k) {
      Graph g;
      build(n, g);
      const double start = cpu();
      g.update();
      best = std::min(best, cpu() - start);
      REQUIRE(!g.contradictions().empty());
      for (std::size_t v = 0; v < g.node_count(); ++v) {  // what was kept is consistent
        const auto b = g.bounds(static_cast<NodeId>(v));
        REQUIRE(b.earliest_start <= b.latest_start);
        REQUIRE(b.earliest_end <= b.latest_end);
      }
    }
    return best;
  };
  const double small = seconds(500), large = seconds(8000);
  INFO("500 stories: " << small << " s; 8000: " << large << " s");
  CHECK(large < 40 * small + 0.05);  // 16 times the input; quadratic work would take 256 times
}
