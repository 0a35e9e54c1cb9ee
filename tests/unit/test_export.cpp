// The exports of a Timeline: CSV, JSON (and reading its graph back), DOT, HTML, TimeML.
#include <catch2/catch.hpp>
#include <chronicle/io/csv.hpp>
#include <chronicle/io/dot.hpp>
#include <chronicle/io/html.hpp>
#include <chronicle/io/json.hpp>
#include <chronicle/io/timeline_json.hpp>
#include <chronicle/io/timeline_timeml.hpp>
#include <chronicle/io/timeml.hpp>
#include <chronicle/timeline.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

using namespace chronicle;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const Timeline& reference() {
  static const Timeline t = [] {
    ReconstructOptions o;
    o.id = "kazakhstan-upi.txt";
    o.dct = TimeValue::date(2022, 1, 6);
    return reconstruct(read_text(CHRONICLE_SOURCE_DIR "/examples/kazakhstan-upi.txt"), o);
  }();
  return t;
}

// Well-formed UTF-8, decoded the strict way (no overlongs, surrogates or values past U+10FFFF).
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    const std::uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

// A small RFC 4180 reader: records of fields; quoted fields may hold commas, quotes, breaks.
std::vector<std::vector<std::string>> read_csv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, in_quotes = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        cell += c;
      }
    } else if (c == '"' && cell.empty() && !quoted) {
      in_quotes = quoted = true;
    } else if (c == ',') {
      row.push_back(cell);
      cell.clear();
      quoted = false;
    } else if (c == '\n') {
      row.push_back(cell);
      rows.push_back(row);
      row.clear();
      cell.clear();
      quoted = false;
    } else {
      cell += c;
    }
  }
  REQUIRE(!in_quotes);
  REQUIRE(row.empty());
  return rows;
}

std::string event_id(const Event& e) {
  return e.instance_id.empty() ? e.id : e.instance_id;
}

}  // namespace

TEST_CASE("export: the JSON object follows the schema") {
  const Timeline& t = reference();
  REQUIRE(!t.events.empty());
  const std::string text = json::to_json(t);
  CHECK(valid_utf8(text));
  CHECK(text.back() == '\n');
  const json::Value v = json::parse(text);
  CHECK(v.find("schema_version")->as_integer() == json::schema_version);
  const json::Value& doc = *v.find("document");
  CHECK(doc.find("id")->as_string() == "kazakhstan-upi.txt");
  CHECK(doc.find("dct")->find("value")->as_string() == "2022-01-06");
  CHECK(doc.find("dct")->find("earliest")->as_string() == "2022-01-06T00:00");
  CHECK(doc.find("dateline")->find("agency")->as_string() == "UPI");
  const auto& timexes = v.find("timexes")->items();
  REQUIRE(timexes.size() == t.timexes.size());
  for (std::size_t i = 0; i < timexes.size(); ++i) {
    for (auto key : {"id", "text", "begin", "end", "type", "value", "mod", "quant", "freq",
                     "earliest", "latest"}) {
      CHECK(timexes[i].find(key) != nullptr);
    }
    CHECK(timexes[i].find("text")->as_string() == t.document.text(t.timexes[i].span));
  }
  const auto& events = v.find("events")->items();
  REQUIRE(events.size() == t.events.size());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < events.size(); ++i) {
    for (auto key : {"id", "trigger", "begin", "end", "class", "tense", "aspect", "polarity",
                     "modality", "actor", "object", "earliest", "latest"}) {
      CHECK(events[i].find(key) != nullptr);
    }
    const Event& e = t.events[i];
    CHECK(events[i].find("id")->as_string() == event_id(e));
    CHECK(events[i].find("trigger")->as_string() == t.document.text(e.span));
    CHECK(events[i].find("begin")->as_integer() == static_cast<std::int64_t>(e.span.begin));
    ids.insert(event_id(e));
  }
  // "order" lists every event once, and each event's "order" is its place there.
  const auto& order = v.find("order")->items();
  REQUIRE(order.size() == events.size());
  std::set<std::string> ordered;
  for (const auto& o : order) ordered.insert(o.as_string());
  CHECK(ordered == ids);
  for (const auto& e : events) {
    const auto k = static_cast<std::size_t>(e.find("order")->as_integer());
    REQUIRE(k >= 1);
    REQUIRE(k <= order.size());
    CHECK(order[k - 1].as_string() == e.find("id")->as_string());
  }
  CHECK(v.find("links")->items().size() == t.graph.link_count());
  CHECK(v.find("contradictions")->items().size() == t.graph.contradictions().size());
  // JSONL: the same object on one line.
  const std::string line = json::to_jsonl(t);
  CHECK(std::count(line.begin(), line.end(), '\n') == 1);
  std::string compact;
  json::Writer(compact).value(v);
  CHECK(line == compact + "\n");
}

TEST_CASE("export: a set's quant and freq are in the JSON and the timex CSV") {
  ReconstructOptions o;
  o.dct = TimeValue::date(2022, 1, 6);
  const Timeline t = reconstruct("The council meets twice a week and votes every Monday.", o);
  const json::Value v = json::parse(json::to_json(t));
  const auto& timexes = v.find("timexes")->items();
  REQUIRE(timexes.size() == 2);
  CHECK(timexes[0].find("freq")->as_string() == "2X");
  CHECK(timexes[0].find("quant")->is_null());
  CHECK(timexes[1].find("quant")->as_string() == "EVERY");
  CHECK(timexes[1].find("freq")->is_null());
  // The CSV table has them too, as the last two columns.
  const auto rows = read_csv(csv::to_csv(t, csv::Table::timexes));
  REQUIRE(rows.size() == 3);
  CHECK(std::vector<std::string>(rows[0].end() - 2, rows[0].end()) ==
        std::vector<std::string>{"quant", "freq"});
  CHECK(std::vector<std::string>(rows[1].end() - 2, rows[1].end()) ==
        std::vector<std::string>{"", "2X"});
  CHECK(std::vector<std::string>(rows[2].end() - 2, rows[2].end()) ==
        std::vector<std::string>{"EVERY", ""});
}

TEST_CASE("export: the graph read back from JSON answers as the original") {
  const Timeline& t = reference();
  const json::Value v = json::parse(json::to_json(t));
  const Graph g = json::read_graph(v);
  REQUIRE(g.node_count() == t.graph.node_count());
  REQUIRE(g.link_count() == t.graph.link_count());
  const auto a = t.graph.timeline(), b = g.timeline();
  REQUIRE(a.size() == b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    CHECK(t.graph.node(a[k].node).id == g.node(b[k].node).id);
    CHECK(a[k].group == b[k].group);
  }
  for (NodeId n = 0; n < t.graph.node_count(); ++n) {
    const auto id = t.graph.node(n).id;
    const NodeBounds x = t.graph.bounds(id), y = g.bounds(id);
    CHECK(x.earliest_start == y.earliest_start);
    CHECK(x.latest_end == y.latest_end);
  }
  // Every pair among the events and times: the same relation, the same endpoints.
  const std::size_t n = std::min<std::size_t>(t.graph.node_count(), 60);
  for (NodeId i = 0; i < n; ++i) {
    for (NodeId j = 0; j < n; ++j) {
      const auto ai = t.graph.node(i).id, aj = t.graph.node(j).id;
      const Entailment x = t.graph.relation(ai, aj), y = g.relation(ai, aj);
      CHECK(x.relation == y.relation);
      CHECK(x.endpoints == y.endpoints);
    }
  }
  CHECK(g.contradictions().size() == t.graph.contradictions().size());
  for (LinkId l = 0; l < g.link_count(); ++l) {
    CHECK(g.link(l).dropped == t.graph.link(l).dropped);
    CHECK(g.link(l).confidence == t.graph.link(l).confidence);
  }
}

TEST_CASE("export: JSON that is not the schema is refused with where it goes wrong") {
  const Timeline& t = reference();
  json::Value v = json::parse(json::to_json(t));
  auto fails_with = [](const json::Value& doc) -> std::string {
    try {
      json::read_graph(doc);
    } catch (const json::schema_error& e) {
      return e.what();
    }
    return "(no error)";
  };
  CHECK(fails_with(json::parse("[]")) == "(top): expected an object");
  CHECK(fails_with(json::parse("{\"schema_version\": 2}")) ==
        "schema_version: this reader takes version 1");
  json::Value bad = v;
  for (auto& m : bad.members()) {
    if (m.key == "events") m.value.items()[0].members()[0].value = json::Value::integer(3);
  }
  CHECK(fails_with(bad) == "events[0].id: expected a string");
  bad = v;
  for (auto& m : bad.members()) {
    if (m.key == "timexes") {
      for (auto& f : m.value.items()[0].members()) {
        if (f.key == "earliest") f.value = json::Value::string("2022-13-01T00:00");
      }
    }
  }
  CHECK(fails_with(bad) ==
        "timexes[0].earliest: expected an instant like 2022-01-05T18:00, not \"2022-13-01T00:00\"");
}

TEST_CASE("export: CSV has a header and one row per event in timeline order") {
  const Timeline& t = reference();
  const std::string text = csv::to_csv(t);
  CHECK(valid_utf8(text));
  const auto rows = read_csv(text);
  REQUIRE(rows.size() == t.events.size() + 1);
  const std::vector<std::string> header = {
      "doc",    "event_id", "order",     "group",      "trigger",  "phrase",
      "lemma",  "class",    "tense",     "aspect",     "polarity", "modality",
      "actor",  "object",   "time_text", "time_value", "earliest", "latest",
      "anchor", "sentence", "begin",     "end"};
  CHECK(rows[0] == header);
  const json::Value v = json::parse(json::to_json(t));
  const auto& order = v.find("order")->items();
  std::uint64_t last_group = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    REQUIRE(row.size() == header.size());
    CHECK(row[0] == "kazakhstan-upi.txt");
    CHECK(row[1] == order[r - 1].as_string());
    CHECK(row[2] == std::to_string(r));
    const auto group = std::stoull(row[3]);
    CHECK((group == last_group || group == last_group + 1));
    last_group = group;
    const std::size_t begin = std::stoul(row[20]), end = std::stoul(row[21]);
    CHECK(row[4] == t.document.text(Span{begin, end}));
    CHECK(row[19].find(row[4]) != std::string::npos);  // the sentence holds the trigger
  }
  // The link table: one row per link of the graph.
  const auto links = read_csv(csv::to_csv(t, csv::Table::links));
  CHECK(links.size() == t.graph.link_count() + 1);
  CHECK(links[0] ==
        std::vector<std::string>{"doc", "from", "relation", "to", "provenance", "confidence"});
  const auto timexes = read_csv(csv::to_csv(t, csv::Table::timexes));
  CHECK(timexes.size() == t.timexes.size() + 1);
}

TEST_CASE("export: DOT and HTML show every event") {
  const Timeline& t = reference();
  const std::string dot = dot::to_dot(t);
  const std::string html = html::to_html(t);
  CHECK(valid_utf8(dot));
  CHECK(valid_utf8(html));
  CHECK(dot.rfind("digraph \"kazakhstan-upi.txt\" {", 0) == 0);
  CHECK(std::count(dot.begin(), dot.end(), '{') == std::count(dot.begin(), dot.end(), '}'));
  for (const Event& e : t.events) {
    CHECK(dot.find("\"" + event_id(e) + "\" [label=") != std::string::npos);
    CHECK(html.find("id=\"event-" + event_id(e) + "\"") != std::string::npos);
  }
  // Self-contained: no script, nothing to fetch.
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("url(#") != std::string::npos);  // only references inside the page
}

TEST_CASE("export: ill-formed UTF-8 and control characters in the text stay out of every export") {
  ReconstructOptions o;
  o.id =
      "bad\xFF"
      "bytes";
  o.dct = TimeValue::date(2022, 1, 6);
  const std::string text =
      "Police \xFF\xFE opened fire on Wednesday, officials said.\n\n"
      "Protesters \xE2\x82 stormed the \"city hall\" on Thursday\x01 and \xC0\xAF rioters set it "
      "on "
      "fire.\n";
  const Timeline t = reconstruct(text, o);
  REQUIRE(!t.events.empty());
  const std::string csv_text = csv::to_csv(t);
  const std::string json_text = json::to_json(t);
  const std::string dot_text = dot::to_dot(t);
  const std::string html_text = html::to_html(t);
  const std::string tml = timeml::write(timeml::from_timeline(t));
  for (const auto* s : {&csv_text, &json_text, &dot_text, &html_text, &tml}) {
    CHECK(valid_utf8(*s));
  }
  CHECK(html_text.find('\x01') == std::string::npos);
  CHECK(tml.find('\x01') == std::string::npos);
  CHECK_NOTHROW(json::read_graph(json::parse(json_text)));
  CHECK(read_csv(csv_text).size() == t.events.size() + 1);
  // The TimeML reads back, with its events on the same words.
  const timeml::Document back = timeml::read(tml);
  REQUIRE(back.events.size() == t.events.size());
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    CHECK(back.events[i].span.in(back.text) == t.document.text(t.events[i].span));
  }
}

TEST_CASE("export: TimeML from plain text reads back with its times, events and links") {
  const Timeline& t = reference();
  const std::string tml = timeml::write(timeml::from_timeline(t));
  const timeml::Document back = timeml::read(tml, "reference.tml");
  CHECK(back.text == t.document.text());
  REQUIRE(back.dct);
  CHECK(back.dct->value.str() == "2022-01-06");
  REQUIRE(back.timexes.size() == t.timexes.size());
  for (std::size_t i = 0; i < t.timexes.size(); ++i) {
    CHECK(back.timexes[i].span == t.timexes[i].span);
    CHECK(back.timexes[i].value.str() == t.timexes[i].value.str());
  }
  REQUIRE(back.events.size() == t.events.size());
  CHECK(back.instances.size() == t.events.size());
  CHECK(back.tlinks.size() <= t.links.size());
}

TEST_CASE("export: an empty document exports cleanly") {
  const Timeline t = reconstruct(std::string(), ReconstructOptions{});
  CHECK(csv::to_csv(t) ==
        "doc,event_id,order,group,trigger,phrase,lemma,class,tense,aspect,polarity,modality,"
        "actor,object,time_text,time_value,earliest,latest,anchor,sentence,begin,end\n");
  const json::Value v = json::parse(json::to_json(t));
  CHECK(v.find("events")->items().empty());
  CHECK(v.find("document")->find("dct")->is_null());
  CHECK(json::read_graph(v).node_count() == 0);
  CHECK(dot::to_dot(t).find("digraph \"timeline\"") == 0);
  CHECK(html::to_html(t).find("0 events") != std::string::npos);
  CHECK_NOTHROW(timeml::write(timeml::from_timeline(t)));
}
