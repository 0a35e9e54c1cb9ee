// The JSON export and its reader (include/chronicle/io/timeline_json.hpp).
#include <fmt/format.h>

#include <charconv>
#include <string_view>

#include "chronicle/io/timeline_json.hpp"
#include "chronicle/timeline.hpp"
#include "timeline_rows.hpp"

namespace chronicle::json {

namespace {

std::string_view fit_name(BoundsFit f) {
  return f == BoundsFit::exact ? "exact" : "within";
}

class TimelineWriter {
 public:
  TimelineWriter(Writer& w, const Timeline& t) : w_(w), t_(t) {}

  void run() {
    const auto rows = detail::event_rows(t_);
    w_.begin_object();
    w_.key("schema_version").value(schema_version);
    document();
    w_.key("graph").begin_object();
    w_.key("includes")
        .value(t_.graph.options().includes == IncludesReading::strict ? "strict" : "loose");
    w_.key("during").value(
        t_.graph.options().during == DuringReading::simultaneous ? "simultaneous" : "is_included");
    w_.end_object();
    timexes();
    events(rows);
    links();
    w_.key("order").begin_array();
    for (const auto& row : rows) w_.value(event_id(*row.event));
    w_.end_array();
    contradictions();
    w_.end_object();
  }

 private:
  static std::string_view event_id(const Event& e) {
    return e.instance_id.empty() ? e.id : e.instance_id;
  }

  void instant(const Instant& t) {
    if (!detail::finite(t)) {
      w_.null();
      return;
    }
    scratch_.clear();
    detail::append_iso(scratch_, t);
    w_.value(std::string_view(scratch_));
  }

  void text_or_null(const Span& s) {
    if (s.empty()) {
      w_.null();
    } else {
      w_.value(t_.document.text(s));
    }
  }

  void string_or_null(std::string_view s) {
    if (s.empty()) {
      w_.null();
    } else {
      w_.value(s);
    }
  }

  // earliest, latest and bounds_fit of a timex: its bounds as the graph was given them.
  void given_bounds(const Timex& x) {
    const auto node = t_.graph.find(x.id);
    std::optional<Bounds> bounds = x.bounds;
    if (node) bounds = t_.graph.node(*node).bounds;
    const Instant neg(boost::posix_time::neg_infin), pos(boost::posix_time::pos_infin);
    w_.key("earliest");
    instant(bounds ? bounds->earliest : neg);
    w_.key("latest");
    instant(bounds ? bounds->latest : pos);
    w_.key("bounds_fit");
    if (node) {
      w_.value(fit_name(t_.graph.node(*node).fit));
    } else {
      w_.null();
    }
  }

  void document() {
    w_.key("document").begin_object();
    w_.key("id").value(t_.id);
    w_.key("dct");
    if (t_.dct) {
      const Timex& d = *t_.dct;
      w_.begin_object();
      w_.key("id").value(d.id);
      w_.key("text").value(detail::timex_text(t_, d));
      w_.key("value").value(d.value.str());
      given_bounds(d);
      w_.end_object();
    } else {
      w_.null();
    }
    w_.key("dateline");
    if (t_.dateline) {
      const Dateline& dl = *t_.dateline;
      w_.begin_object();
      w_.key("text").value(t_.document.text(dl.span));
      w_.key("begin").value(dl.span.begin);
      w_.key("end").value(dl.span.end);
      w_.key("date");
      if (dl.date) {
        w_.begin_object();
        w_.key("text").value(t_.document.text(*dl.date));
        w_.key("begin").value(dl.date->begin);
        w_.key("end").value(dl.date->end);
        w_.end_object();
      } else {
        w_.null();
      }
      w_.key("agency");
      string_or_null(dl.agency);
      w_.end_object();
    } else {
      w_.null();
    }
    w_.end_object();
  }

  void timexes() {
    w_.key("timexes").begin_array();
    for (const Timex& x : t_.timexes) {
      w_.begin_object();
      w_.key("id").value(x.id);
      w_.key("text").value(t_.document.text(x.span));
      w_.key("begin").value(x.span.begin);
      w_.key("end").value(x.span.end);
      w_.key("type").value(to_string(x.type));
      w_.key("value").value(x.value.str());
      w_.key("mod");
      string_or_null(to_string(x.mod));
      w_.key("anchor");
      string_or_null(x.anchor_id);
      // A set's TIMEX3 quant ("EVERY") and freq ("2X"): "twice a week" is not "every week".
      w_.key("quant");
      string_or_null(x.quant);
      w_.key("freq");
      string_or_null(x.freq);
      given_bounds(x);
      w_.key("sentence").value(t_.document.sentence_at(x.span.begin));
      w_.end_object();
    }
    w_.end_array();
  }

  void events(const std::vector<detail::EventRow>& rows) {
    // In text order, as Timeline::events; "order" gives the timeline order.
    std::vector<const detail::EventRow*> by_index(t_.events.size());
    for (const auto& row : rows) by_index[row.index] = &row;
    w_.key("events").begin_array();
    for (const auto* row : by_index) {
      const Event& e = *row->event;
      w_.begin_object();
      w_.key("id").value(event_id(e));
      w_.key("eid").value(e.id);
      w_.key("trigger").value(t_.document.text(e.span));
      w_.key("phrase").value(t_.document.text(e.phrase.empty() ? e.span : e.phrase));
      w_.key("lemma").value(e.lemma);
      w_.key("begin").value(e.span.begin);
      w_.key("end").value(e.span.end);
      w_.key("class").value(to_string(e.event_class));
      w_.key("tense").value(to_string(e.tense));
      w_.key("aspect").value(to_string(e.aspect));
      w_.key("polarity").value(to_string(e.polarity));
      w_.key("modality");
      string_or_null(e.modality);
      w_.key("actor");
      text_or_null(e.actor);
      w_.key("object");
      text_or_null(e.object);
      w_.key("earliest");
      instant(detail::earliest(row->bounds));
      w_.key("latest");
      instant(detail::latest(row->bounds));
      w_.key("order").value(row->order);
      w_.key("group").value(row->group);
      w_.key("anchor");
      if (row->anchor) {
        w_.value(row->anchor->id);
      } else {
        w_.null();
      }
      w_.key("sentence").value(e.sentence);
      w_.end_object();
    }
    w_.end_array();
  }

  void links() {
    w_.key("links").begin_array();
    const std::size_t n = t_.graph.link_count();
    for (LinkId i = 0; i < n; ++i) {
      const LinkView l = t_.graph.link(i);
      w_.begin_object();
      w_.key("from").value(t_.graph.node(l.from).id);
      w_.key("to").value(t_.graph.node(l.to).id);
      w_.key("relation");
      if (l.relation) {
        w_.value(to_string(*l.relation));
      } else {
        w_.null();
      }
      if (l.constraint) w_.key("constraint").value(to_string(*l.constraint));
      if (!l.id.empty()) w_.key("lid").value(l.id);
      w_.key("provenance").value(l.provenance);
      w_.key("confidence").value(static_cast<float>(l.confidence));
      w_.key("dropped").value(l.dropped);
      w_.end_object();
    }
    w_.end_array();
  }

  void contradictions() {
    w_.key("contradictions").begin_array();
    for (const Contradiction& c : t_.graph.contradictions()) {
      w_.begin_object();
      w_.key("kind").value(c.kind == Contradiction::Kind::cycle ? "cycle" : "bounds");
      w_.key("links").begin_array();
      for (const LinkId l : c.links) w_.value(l);
      w_.end_array();
      w_.key("bounds").begin_array();
      for (const NodeId n : c.bounds) w_.value(t_.graph.node(n).id);
      w_.end_array();
      w_.key("dropped_link");
      if (c.dropped_link) {
        w_.value(*c.dropped_link);
      } else {
        w_.null();
      }
      w_.key("dropped_bounds");
      if (c.dropped_bounds) {
        w_.value(t_.graph.node(*c.dropped_bounds).id);
      } else {
        w_.null();
      }
      w_.key("description").value(t_.graph.describe(c));
      w_.end_object();
    }
    w_.end_array();
  }

  Writer& w_;
  const Timeline& t_;
  std::string scratch_;
};

// --- Reading back

// "2022-01-05T18:00" or "2022-01-05T18:00:05".
Instant instant(std::string_view s, const std::string& path) {
  auto fail = [&]() -> Instant {
    throw schema_error(path,
                       fmt::format("expected an instant like 2022-01-05T18:00, not \"{}\"", s));
  };
  auto num = [&](std::size_t at, std::size_t n, int& out) {
    if (at + n > s.size()) return false;
    for (std::size_t k = at; k < at + n; ++k) {
      if (s[k] < '0' || s[k] > '9') return false;
    }
    std::from_chars(s.data() + at, s.data() + at + n, out);
    return true;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!(s.size() == 16 || s.size() == 19)) return fail();
  if (!num(0, 4, y) || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' || !num(8, 2, d) ||
      s[10] != 'T' || !num(11, 2, h) || s[13] != ':' || !num(14, 2, mi)) {
    return fail();
  }
  if (s.size() == 19 && (s[16] != ':' || !num(17, 2, sec))) return fail();
  if (h > 23 || mi > 59 || sec > 59) return fail();
  try {
    return Instant(Date(static_cast<unsigned short>(y), static_cast<unsigned short>(mo),
                        static_cast<unsigned short>(d)),
                   boost::posix_time::time_duration(h, mi, sec));
  } catch (const std::exception&) {
    return fail();
  }
}

class GraphReader {
 public:
  explicit GraphReader(const Value& doc) : doc_(doc) {}

  Graph run() {
    if (!doc_.is_object()) throw schema_error("(top)", "expected an object");
    const Value& version = member(doc_, "schema_version", "(top)");
    if (!version.is_integer() || version.as_integer() != schema_version) {
      throw schema_error("schema_version",
                         fmt::format("this reader takes version {}", schema_version));
    }
    GraphOptions options;
    if (const Value* g = doc_.find("graph")) {
      const std::string inc = string(member(*g, "includes", "graph"), "graph.includes");
      if (inc == "strict")
        options.includes = IncludesReading::strict;
      else if (inc == "loose")
        options.includes = IncludesReading::loose;
      else
        throw schema_error("graph.includes", "expected \"strict\" or \"loose\"");
      const std::string dur = string(member(*g, "during", "graph"), "graph.during");
      if (dur == "simultaneous")
        options.during = DuringReading::simultaneous;
      else if (dur == "is_included")
        options.during = DuringReading::is_included;
      else
        throw schema_error("graph.during", "expected \"simultaneous\" or \"is_included\"");
    }
    Graph g(options);
    // Nodes in the order reconstruct() adds them: the DCT, the timexes that are nodes, events.
    const Value& document = member(doc_, "document", "(top)");
    const Value& dct = member(document, "dct", "document");
    if (!dct.is_null()) {
      const std::optional<BoundsFit> fit = bounds_fit(dct, "document.dct");
      if (fit) {
        g.add_dct(string(member(dct, "id", "document.dct"), "document.dct.id"),
                  bounds(dct, "document.dct"), *fit);
      }
    }
    const auto& timexes = array(member(doc_, "timexes", "(top)"), "timexes");
    for (std::size_t i = 0; i < timexes.size(); ++i) {
      const std::string path = fmt::format("timexes[{}]", i);
      const Value& x = timexes[i];
      const std::optional<BoundsFit> fit = bounds_fit(x, path);
      if (!fit) continue;
      add_node(
          g,
          [&] {
            return g.add_time(string(member(x, "id", path), path + ".id"), bounds(x, path),
                              position(x, path), *fit);
          },
          path);
    }
    const auto& events = array(member(doc_, "events", "(top)"), "events");
    for (std::size_t i = 0; i < events.size(); ++i) {
      const std::string path = fmt::format("events[{}]", i);
      const Value& e = events[i];
      add_node(
          g,
          [&] {
            return g.add_event(string(member(e, "id", path), path + ".id"), position(e, path));
          },
          path);
    }
    const auto& links = array(member(doc_, "links", "(top)"), "links");
    for (std::size_t i = 0; i < links.size(); ++i) {
      const std::string path = fmt::format("links[{}]", i);
      const Value& l = links[i];
      const auto from = g.find(string(member(l, "from", path), path + ".from"));
      const auto to = g.find(string(member(l, "to", path), path + ".to"));
      if (!from || !to) throw schema_error(path, "links a node that is not in the document");
      const std::string provenance = string(member(l, "provenance", path), path + ".provenance");
      const Value& c = member(l, "confidence", path);
      if (!c.is_number() || !(c.as_number() >= 0 && c.as_number() <= 1)) {
        throw schema_error(path + ".confidence", "expected a number in [0, 1]");
      }
      const Value& r = member(l, "relation", path);
      if (!r.is_null()) {
        const auto relation = parse_relation(string(r, path + ".relation"));
        if (!relation) throw schema_error(path + ".relation", "not a TimeML relation");
        g.add_link(*from, *to, *relation, provenance, c.as_number());
      } else {
        const std::string text = string(member(l, "constraint", path), path + ".constraint");
        g.add_constraint(*from, *to, constraint(text, path + ".constraint"), provenance,
                         c.as_number());
      }
    }
    g.update();
    return g;
  }

 private:
  template <class Add>
  static void add_node(Graph& g, Add add, const std::string& path) {
    (void)g;
    try {
      add();
    } catch (const std::invalid_argument& e) {
      throw schema_error(path, e.what());
    }
  }

  static const Value& member(const Value& object, std::string_view key, const std::string& path) {
    if (!object.is_object()) throw schema_error(path, "expected an object");
    const Value* v = object.find(key);
    if (!v) throw schema_error(path, fmt::format("missing \"{}\"", key));
    return *v;
  }

  static std::string string(const Value& v, const std::string& path) {
    if (!v.is_string()) throw schema_error(path, "expected a string");
    return v.as_string();
  }

  static const std::vector<Value>& array(const Value& v, const std::string& path) {
    if (!v.is_array()) throw schema_error(path, "expected an array");
    return v.items();
  }

  static std::optional<std::uint32_t> position(const Value& object, const std::string& path) {
    const Value& b = member(object, "begin", path);
    if (!b.is_integer() || b.as_integer() < 0) {
      throw schema_error(path + ".begin", "expected a byte offset");
    }
    if (b.as_integer() > std::numeric_limits<std::uint32_t>::max()) return std::nullopt;
    return static_cast<std::uint32_t>(b.as_integer());
  }

  static std::optional<BoundsFit> bounds_fit(const Value& object, const std::string& path) {
    const Value& f = member(object, "bounds_fit", path);
    if (f.is_null()) return std::nullopt;
    const std::string s = string(f, path + ".bounds_fit");
    if (s == "exact") return BoundsFit::exact;
    if (s == "within") return BoundsFit::within;
    throw schema_error(path + ".bounds_fit", "expected \"exact\", \"within\" or null");
  }

  static std::optional<Bounds> bounds(const Value& object, const std::string& path) {
    const Value& e = member(object, "earliest", path);
    const Value& l = member(object, "latest", path);
    if (e.is_null() && l.is_null()) return std::nullopt;
    Bounds b{Instant(boost::posix_time::neg_infin), Instant(boost::posix_time::pos_infin)};
    if (!e.is_null()) b.earliest = instant(string(e, path + ".earliest"), path + ".earliest");
    if (!l.is_null()) b.latest = instant(string(l, path + ".latest"), path + ".latest");
    return b;
  }

  static EndpointConstraint constraint(std::string_view s, const std::string& path) {
    // "end <= start", as to_string(EndpointConstraint) writes it.
    EndpointConstraint c;
    auto word = [&](std::string_view& rest) {
      const auto space = rest.find(' ');
      const std::string_view w = rest.substr(0, space);
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      return w;
    };
    std::string_view rest = s;
    const std::string_view a = word(rest), op = word(rest), b = word(rest);
    auto endpoint = [&](std::string_view w, Endpoint& out) {
      if (w == "start")
        out = Endpoint::start;
      else if (w == "end")
        out = Endpoint::end;
      else
        throw schema_error(path, "expected \"start|end OP start|end\"");
    };
    endpoint(a, c.from);
    endpoint(b, c.to);
    if (op == "<")
      c.op = PointOp::less;
    else if (op == "<=")
      c.op = PointOp::less_equal;
    else if (op == "=")
      c.op = PointOp::equal;
    else if (op == ">=")
      c.op = PointOp::greater_equal;
    else if (op == ">")
      c.op = PointOp::greater;
    else
      throw schema_error(path, "expected one of < <= = >= >");
    if (!rest.empty()) throw schema_error(path, "expected \"start|end OP start|end\"");
    return c;
  }

  Value const& doc_;
};

}  // namespace

void write(Writer& w, const Timeline& timeline) {
  TimelineWriter(w, timeline).run();
}

std::string to_json(const Timeline& timeline, int indent) {
  std::string out;
  Writer w(out, indent);
  write(w, timeline);
  out += '\n';
  return out;
}

Graph read_graph(const Value& document) {
  return GraphReader(document).run();
}

}  // namespace chronicle::json
