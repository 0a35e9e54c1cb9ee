// chronicle query: ask the timeline that `chronicle extract --format json` wrote.
#include <fmt/format.h>
#include <chronicle/io/csv.hpp>
#include <chronicle/io/json.hpp>
#include <chronicle/io/timeline_json.hpp>

#include <algorithm>
#include <string>
#include <unordered_map>

#include "commands.hpp"
#include "options.hpp"

namespace chronicle::cli {

namespace {

constexpr const char* query_usage = R"(usage: chronicle query QUERY [options] FILE.json | -

Answers a question about a timeline that `chronicle extract --format json` (or jsonl, or
`chronicle batch`) wrote. The answers are exact: what every timeline consistent with the
text's links and dates has in common.

queries (one per run):
  --relation A B     the strongest TimeML relation between nodes A and B (event ids such as
                     ei3, timex ids such as t2, t0 for the DCT), and the chain of links and
                     calendar bounds that proves it
  --before ID        events that end before ID starts
  --after ID         events that start after ID ends
  --between D1 D2    events within D1 .. D2, both included (TIMEX3 dates: 2022-01-05,
                     2022-01, 2022)
  --on DATE          events within DATE (a day, a month, a year...)

options:
  --certain          --between/--on: only events certainly within (default: also those that
                     may be, marked certain=no)
  --all              list times and the DCT too, not only events
  --doc ID           the document to ask, when FILE holds several (JSONL)
  --output F         table (default), csv or json
  --help             this text

Exit status: 0 ok, 1 the file cannot be read or is not chronicle's JSON (the message names
the file, line and column, or the member), or a node is not in the timeline; 2 usage error.
)";

enum class Query { none, relation, before, after, between, on };
enum class Output { table, csv, json };

struct Settings {
  Query query = Query::none;
  std::string a, b;  // node ids or dates
  bool certain = false;
  bool all = false;
  std::string doc;
  Output output = Output::table;
  std::string file;
};

Settings parse_args(const Args& args) {
  Settings s;
  auto set_query = [&](Query q) {
    if (s.query != Query::none) throw usage_error("one query per run");
    s.query = q;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw usage_error(fmt::format("{} needs a value", a));
      return std::string(args[++i]);
    };
    if (a == "--relation" || a == "--between") {
      set_query(a == "--relation" ? Query::relation : Query::between);
      s.a = value();
      s.b = value();
    } else if (a == "--before" || a == "--after" || a == "--on") {
      set_query(a == "--before" ? Query::before : a == "--after" ? Query::after : Query::on);
      s.a = value();
    } else if (a == "--certain") {
      s.certain = true;
    } else if (a == "--all") {
      s.all = true;
    } else if (a == "--doc") {
      s.doc = value();
    } else if (a == "--output") {
      const std::string o = value();
      if (o == "table")
        s.output = Output::table;
      else if (o == "csv")
        s.output = Output::csv;
      else if (o == "json")
        s.output = Output::json;
      else
        throw usage_error(fmt::format("--output is table, csv or json, not '{}'", o));
    } else if (a == "-" || a.empty() || a[0] != '-') {
      if (!s.file.empty()) throw usage_error("one FILE per run");
      s.file = std::string(a);
    } else {
      throw usage_error(fmt::format("unknown option '{}'", a));
    }
  }
  if (s.query == Query::none) {
    throw usage_error("no query: --relation, --before, --after, --between or --on");
  }
  if (s.file.empty()) throw usage_error("no FILE (- for standard input)");
  if (s.certain && s.query != Query::between && s.query != Query::on) {
    throw usage_error("--certain goes with --between or --on");
  }
  return s;
}

// The documents in the file: one JSON object, or JSONL (one per line).
json::Value load_document(const Settings& s) {
  const std::string content = read_input(s.file);
  const std::string name = display_name(s.file);
  std::vector<std::pair<std::size_t, json::Value>> docs;  // (line, object)
  try {
    docs.emplace_back(1, json::parse(content));
  } catch (const json::error& whole) {
    // Perhaps JSONL: every non-blank line an object.
    std::size_t line_no = 0;
    std::string_view rest = content;
    bool lines = true;
    std::vector<std::pair<std::size_t, json::Value>> per_line;
    while (!rest.empty() && lines) {
      ++line_no;
      const auto nl = rest.find('\n');
      const std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      if (blank(line)) continue;
      try {
        per_line.emplace_back(line_no, json::parse(line));
      } catch (const json::error& e) {
        if (per_line.empty()) {
          lines = false;
        } else {
          throw input_error(fmt::format("{}:{}:{}: {}", name, line_no, e.column(), e.message()));
        }
      }
    }
    if (!lines || per_line.size() < 2) {
      throw input_error(
          fmt::format("{}:{}:{}: {}", name, whole.line(), whole.column(), whole.message()));
    }
    docs = std::move(per_line);
  }
  auto id_of = [](const json::Value& v) -> std::string {
    const json::Value* d = v.find("document");
    const json::Value* id = d ? d->find("id") : nullptr;
    return id && id->is_string() ? id->as_string() : std::string();
  };
  if (!s.doc.empty()) {
    for (auto& d : docs) {
      if (id_of(d.second) == s.doc) return std::move(d.second);
    }
    throw input_error(fmt::format("{}: no document \"{}\"", name, s.doc));
  }
  if (docs.size() > 1) {
    throw input_error(fmt::format("{}: {} documents; choose one with --doc ID", name, docs.size()));
  }
  return std::move(docs.front().second);
}

// What the output says about each node.
struct NodeInfo {
  std::string kind;  // event, time, dct
  std::string text;
  std::uint32_t order = 0;  // events: their position in the timeline; 0 otherwise
};

class Answer {
 public:
  Answer(const Settings& s, const json::Value& doc, const Graph& g) : s_(s), g_(g) {
    auto text = [](const json::Value& v, std::string_view key) {
      const json::Value* t = v.find(key);
      return t && t->is_string() ? t->as_string() : std::string();
    };
    if (const json::Value* d = doc.find("document");
        d && d->find("dct") && d->find("dct")->is_object()) {
      const json::Value& dct = *d->find("dct");
      info_[text(dct, "id")] = NodeInfo{"dct", text(dct, "text"), 0};
    }
    if (const json::Value* xs = doc.find("timexes"); xs && xs->is_array()) {
      for (const auto& x : xs->items()) info_[text(x, "id")] = NodeInfo{"time", text(x, "text"), 0};
    }
    if (const json::Value* es = doc.find("events"); es && es->is_array()) {
      for (const auto& e : es->items()) {
        const json::Value* order = e.find("order");
        info_[text(e, "id")] = NodeInfo{
            "event", text(e, "phrase"),
            order && order->is_integer() ? static_cast<std::uint32_t>(order->as_integer()) : 0};
      }
    }
    const auto entries = g_.timeline();
    position_.assign(g_.node_count(), 0);
    for (std::size_t k = 0; k < entries.size(); ++k) {
      position_[entries[k].node] = static_cast<std::uint32_t>(k);
    }
  }

  NodeId node(const std::string& id) const {
    const auto n = g_.find(id);
    if (!n) {
      throw input_error(
          fmt::format("{}: no node \"{}\" (events are ei1, ei2, ...; times t1, ...; "
                      "the DCT t0)",
                      display_name(s_.file), id));
    }
    return *n;
  }

  std::string run() {
    switch (s_.query) {
      case Query::relation:
        return relation();
      case Query::before:
        return nodes("before", g_.before(node(s_.a)), {});
      case Query::after:
        return nodes("after", g_.after(node(s_.a)), {});
      case Query::between:
      case Query::on:
        return range();
      case Query::none:
        break;
    }
    return {};
  }

 private:
  const NodeInfo& info(NodeId n) const {
    static const NodeInfo none{"event", "", 0};
    const auto it = info_.find(std::string(g_.node(n).id));
    return it == info_.end() ? none : it->second;
  }

  static std::string iso(const Instant& t) {
    return t.is_special() ? std::string() : calendar::to_iso(t);
  }

  std::string relation() {
    const NodeId a = node(s_.a), b = node(s_.b);
    const Entailment e = g_.relation(a, b);
    const EndpointRelations& p = e.endpoints;
    std::string out;
    if (s_.output == Output::json) {
      json::Writer w(out, 2);
      w.begin_object();
      w.key("from").value(s_.a).key("to").value(s_.b).key("relation").value(to_string(e.relation));
      w.key("endpoints").begin_object();
      w.key("start_start").value(to_string(p.start_start));
      w.key("start_end").value(to_string(p.start_end));
      w.key("end_start").value(to_string(p.end_start));
      w.key("end_end").value(to_string(p.end_end));
      w.end_object();
      w.key("proof").begin_object().key("links").begin_array();
      for (const LinkId l : e.proof.links) {
        const LinkView v = g_.link(l);
        w.begin_object();
        w.key("index").value(l);
        w.key("from").value(g_.node(v.from).id);
        w.key("relation").value(link_relation(v));
        w.key("to").value(g_.node(v.to).id);
        w.key("provenance").value(v.provenance);
        w.key("confidence").value(static_cast<float>(v.confidence));
        w.end_object();
      }
      w.end_array().key("bounds").begin_array();
      for (const NodeId n : e.proof.bounds) {
        const NodeView v = g_.node(n);
        w.begin_object().key("id").value(v.id).key("earliest");
        if (v.bounds && !v.bounds->earliest.is_special())
          w.value(iso(v.bounds->earliest));
        else
          w.null();
        w.key("latest");
        if (v.bounds && !v.bounds->latest.is_special())
          w.value(iso(v.bounds->latest));
        else
          w.null();
        w.end_object();
      }
      w.end_array().end_object().end_object();
      out += '\n';
      return out;
    }
    if (s_.output == Output::csv) {
      // The answer first, then each step of its proof.
      csv::Writer w(out);
      for (auto c :
           {"step", "from", "relation", "to", "provenance", "confidence", "earliest", "latest"}) {
        w.field(std::string_view(c));
      }
      w.end_row();
      w.field(std::string_view("answer"))
          .field(std::string_view(s_.a))
          .field(to_string(e.relation));
      w.field(std::string_view(s_.b)).empty().empty().empty().empty().end_row();
      for (const LinkId l : e.proof.links) {
        const LinkView v = g_.link(l);
        w.field(std::string_view("link")).field(g_.node(v.from).id).field(link_relation(v));
        w.field(g_.node(v.to).id).field(v.provenance).field(static_cast<float>(v.confidence));
        w.empty().empty().end_row();
      }
      for (const NodeId n : e.proof.bounds) {
        const NodeView v = g_.node(n);
        w.field(std::string_view("bounds"))
            .field(v.id)
            .empty()
            .empty()
            .field(std::string_view("calendar"))
            .empty();
        w.field(v.bounds ? iso(v.bounds->earliest) : std::string());
        w.field(v.bounds ? iso(v.bounds->latest) : std::string());
        w.end_row();
      }
      return out;
    }
    out = fmt::format("{} {} {}\n", s_.a, to_string(e.relation), s_.b);
    out += fmt::format("endpoints: start/start {}, start/end {}, end/start {}, end/end {}\n",
                       to_string(p.start_start), to_string(p.start_end), to_string(p.end_start),
                       to_string(p.end_end));
    if (e.proof.links.empty() && e.proof.bounds.empty()) {
      out += e.relation == Relation::vague ? "nothing in the text orders them\n" : "";
      return out;
    }
    out += "because:\n";
    for (const LinkId l : e.proof.links) {
      const LinkView v = g_.link(l);
      out += fmt::format("  {} {} {}   ({}, {})\n", g_.node(v.from).id, link_relation(v),
                         g_.node(v.to).id, v.provenance, static_cast<float>(v.confidence));
    }
    for (const NodeId n : e.proof.bounds) {
      const NodeView v = g_.node(n);
      out += fmt::format("  {} lies within {} .. {}   (calendar)\n", v.id,
                         v.bounds ? iso(v.bounds->earliest) : std::string("?"),
                         v.bounds ? iso(v.bounds->latest) : std::string("?"));
    }
    return out;
  }

  static std::string link_relation(const LinkView& v) {
    if (v.relation) return std::string(to_string(*v.relation));
    if (v.constraint) return to_string(*v.constraint);
    return "VAGUE";
  }

  std::string range() {
    auto bounds_of = [&](const std::string& text) {
      const auto v = TimeValue::parse(text);
      std::optional<Bounds> b;
      if (v && v->is_point()) b = v->bounds();
      if (!b) {
        throw usage_error(
            fmt::format("'{}' is not a TIMEX3 date with a known year "
                        "(2022-01-05, 2022-01, 2022)",
                        text));
      }
      return *b;
    };
    const Bounds from = bounds_of(s_.a);
    const Bounds to = s_.query == Query::between ? bounds_of(s_.b) : from;
    if (!(from.earliest < to.latest)) {
      throw usage_error(
          fmt::format("--between {} {}: the second date is before the first", s_.a, s_.b));
    }
    const RangeMatch m = g_.within(from.earliest, to.latest);
    std::vector<std::pair<NodeId, bool>> found;
    for (const NodeId n : m.certain) found.emplace_back(n, true);
    if (!s_.certain) {
      for (const NodeId n : m.possible) found.emplace_back(n, false);
    }
    return nodes(s_.query == Query::on ? "on" : "between", {}, found);
  }

  // Nodes in timeline order, as a table, CSV or JSON. `certainty` is set for range queries.
  std::string nodes(std::string_view query, const std::vector<NodeId>& plain,
                    std::vector<std::pair<NodeId, bool>> with_certainty) {
    const bool ranged = plain.empty() && (s_.query == Query::between || s_.query == Query::on);
    if (!ranged) {
      for (const NodeId n : plain) with_certainty.emplace_back(n, true);
    }
    std::vector<std::pair<NodeId, bool>> list;
    for (const auto& x : with_certainty) {
      if (s_.all || g_.node(x.first).kind == NodeKind::event) list.push_back(x);
    }
    std::sort(list.begin(), list.end(), [&](const auto& x, const auto& y) {
      return position_[x.first] < position_[y.first];
    });
    struct Row {
      std::string id, kind, text, earliest, latest, order;
      bool certain;
    };
    std::vector<Row> rows;
    for (const auto& [n, certain] : list) {
      const NodeInfo& i = info(n);
      const NodeBounds b = g_.bounds(n);
      rows.push_back(Row{std::string(g_.node(n).id), i.kind, i.text, iso(b.earliest_start),
                         iso(b.latest_end), i.order ? std::to_string(i.order) : std::string(),
                         certain});
    }
    std::string out;
    if (s_.output == Output::json) {
      json::Writer w(out, 2);
      w.begin_object().key("query").value(query);
      if (s_.query == Query::between) {
        w.key("from").value(s_.a).key("to").value(s_.b);
      } else {
        w.key("of").value(s_.a);
      }
      w.key("nodes").begin_array();
      for (const Row& r : rows) {
        w.begin_object().key("id").value(r.id).key("kind").value(r.kind).key("text").value(r.text);
        w.key("order");
        if (r.order.empty())
          w.null();
        else
          w.value(std::stoul(r.order));
        w.key("earliest");
        if (r.earliest.empty())
          w.null();
        else
          w.value(r.earliest);
        w.key("latest");
        if (r.latest.empty())
          w.null();
        else
          w.value(r.latest);
        if (ranged) w.key("certain").value(r.certain);
        w.end_object();
      }
      w.end_array().end_object();
      out += '\n';
      return out;
    }
    std::vector<std::vector<std::string>> table;
    table.push_back({"order", "id", "kind", "text", "earliest", "latest"});
    if (ranged) table.back().push_back("certain");
    for (const Row& r : rows) {
      table.push_back({r.order, r.id, r.kind, r.text, r.earliest, r.latest});
      if (ranged) table.back().push_back(r.certain ? "yes" : "no");
    }
    if (s_.output == Output::csv) {
      for (const auto& row : table) {
        csv::Writer w(out);
        for (const auto& cell : row) w.field(std::string_view(cell));
        w.end_row();
      }
      return out;
    }
    // A plain table: columns padded to their widest cell (in code points).
    auto width = [](const std::string& s) {
      std::size_t n = 0;
      for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      return n;
    };
    std::vector<std::size_t> widths(table.front().size(), 0);
    for (const auto& row : table) {
      for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], width(row[c]));
    }
    for (const auto& row : table) {
      std::string line;
      for (std::size_t c = 0; c < row.size(); ++c) {
        line += row[c];
        if (c + 1 < row.size()) line.append(widths[c] - width(row[c]) + 2, ' ');
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + '\n';
    }
    if (rows.empty()) out += "(none)\n";
    return out;
  }

  const Settings& s_;
  const Graph& g_;
  std::unordered_map<std::string, NodeInfo> info_;
  std::vector<std::uint32_t> position_;
};

}  // namespace

int run_query(const Args& args) {
  if (wants_help(args)) {
    fmt::print("{}", query_usage);
    return 0;
  }
  Settings s;
  try {
    s = parse_args(args);
  } catch (const usage_error& e) {
    fmt::print(stderr, "chronicle query: {}\n(chronicle query --help lists the options)\n",
               e.what());
    return 2;
  }
  try {
    const json::Value doc = load_document(s);
    Graph g;
    try {
      g = json::read_graph(doc);
    } catch (const json::schema_error& e) {
      throw input_error(
          fmt::format("{}: not chronicle's timeline JSON: {}", display_name(s.file), e.what()));
    }
    const std::string out = Answer(s, doc, g).run();
    if (!write_stdout(out)) {
      fmt::print(stderr, "chronicle query: cannot write to standard output\n");
      return 1;
    }
  } catch (const usage_error& e) {
    fmt::print(stderr, "chronicle query: {}\n", e.what());
    return 2;
  } catch (const std::runtime_error& e) {
    fmt::print(stderr, "chronicle query: {}\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace chronicle::cli
