#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>

#include "chronicle/io/dot.hpp"
#include "chronicle/timeline.hpp"
#include "timeline_rows.hpp"
#include "utf8.hpp"

namespace chronicle::dot {

namespace {

// A DOT double-quoted string: quotes and backslashes escaped, line breaks as \n, other control
// characters as spaces, ill-formed UTF-8 as U+FFFD.
void append_quoted(std::string& out, std::string_view s) {
  const std::string valid = detail::utf8::make_valid(s);
  out += '"';
  for (const char c : valid) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out += ' ';
    } else {
      out += c;
    }
  }
  out += '"';
}

std::string_view fill_of(EventClass c) {
  switch (c) {
    case EventClass::occurrence:
      return "#dbe7f3";
    case EventClass::reporting:
      return "#fde3c8";
    case EventClass::perception:
      return "#f7d4d5";
    case EventClass::aspectual:
      return "#d9efed";
    case EventClass::i_action:
      return "#d8ecd4";
    case EventClass::i_state:
      return "#faf0c8";
    case EventClass::state:
      return "#ead9e6";
  }
  return "#ffffff";
}

using Bits = std::vector<std::uint64_t>;

}  // namespace

std::string to_dot(const Timeline& t) {
  const auto rows = detail::event_rows(t);
  const std::size_t n = rows.size();
  std::string out;
  out.reserve(256 + n * 160);
  out += "digraph ";
  append_quoted(out, t.id.empty() ? std::string_view("timeline") : std::string_view(t.id));
  out += " {\n";
  out += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, labelloc=t, label=";
  std::string title = t.id.empty() ? std::string("timeline") : t.id;
  if (t.dct) title += " (" + t.dct->value.str() + ")";
  append_quoted(out, title);
  out += "];\n";
  out += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\"];\n";

  // Boxes: events with the same bounds share one; boxes by earliest then latest, undated last.
  std::vector<std::size_t> by_date(n);
  for (std::size_t i = 0; i < n; ++i) by_date[i] = i;
  auto undated = [&](std::size_t i) {
    return !detail::finite(detail::earliest(rows[i].bounds)) &&
           !detail::finite(detail::latest(rows[i].bounds));
  };
  std::stable_sort(by_date.begin(), by_date.end(), [&](std::size_t a, std::size_t b) {
    if (undated(a) != undated(b)) return undated(b);
    const Instant &ea = detail::earliest(rows[a].bounds), &eb = detail::earliest(rows[b].bounds);
    if (ea != eb) return ea < eb;
    return detail::latest(rows[a].bounds) < detail::latest(rows[b].bounds);
  });
  std::size_t cluster = 0;
  for (std::size_t k = 0; k < n;) {
    const NodeBounds& b = rows[by_date[k]].bounds;
    std::size_t end = k;
    while (end < n && detail::earliest(rows[by_date[end]].bounds) == detail::earliest(b) &&
           detail::latest(rows[by_date[end]].bounds) == detail::latest(b)) {
      ++end;
    }
    out += "  subgraph cluster_" + std::to_string(cluster++) + " {\n    label=";
    append_quoted(out, detail::range_label(detail::earliest(b), detail::latest(b)));
    out += "; style=\"rounded\"; color=\"#999999\";\n";
    for (; k < end; ++k) {
      const detail::EventRow& row = rows[by_date[k]];
      const Event& e = *row.event;
      out += "    ";
      append_quoted(out, e.instance_id.empty() ? e.id : e.instance_id);
      out += " [label=";
      append_quoted(out, t.document.text(e.phrase.empty() ? e.span : e.phrase));
      out += ", fillcolor=\"";
      out += fill_of(e.event_class);
      out += "\", tooltip=";
      append_quoted(out, detail::sentence_text(t, e));
      out += "];\n";
    }
    out += "  }\n";
  }

  // The reduced order. Rows come in timeline order, which is a topological order of the
  // starts, so everything before row i comes earlier; a predecessor is direct unless another
  // one, nearer to i, has it before itself.
  std::vector<NodeId> nodes(n);
  std::vector<std::uint32_t> row_of(t.graph.node_count(), UINT32_MAX);
  for (std::size_t i = 0; i < n; ++i) {
    const Event& e = *rows[i].event;
    const auto node = t.graph.find(e.instance_id.empty() ? e.id : e.instance_id);
    nodes[i] = node ? *node : NodeId(UINT32_MAX);
    if (node) row_of[*node] = static_cast<std::uint32_t>(i);
  }
  const std::size_t words = (n + 63) / 64;
  std::vector<Bits> before(n, Bits(words, 0));
  for (std::size_t i = 0; i < n; ++i) {
    if (nodes[i] == UINT32_MAX) continue;
    for (const NodeId y : t.graph.before(nodes[i])) {
      const std::uint32_t j = row_of[y];
      if (j != UINT32_MAX && j != i) before[i][j / 64] |= std::uint64_t{1} << (j % 64);
    }
  }
  Bits covered(words);
  for (std::size_t i = 0; i < n; ++i) {
    std::fill(covered.begin(), covered.end(), 0);
    for (std::size_t j = n; j-- > 0;) {
      const std::uint64_t bit = std::uint64_t{1} << (j % 64);
      if (!(before[i][j / 64] & bit) || (covered[j / 64] & bit)) continue;
      for (std::size_t w = 0; w < words; ++w) covered[w] |= before[j][w];
      const Event& a = *rows[j].event;
      const Event& b = *rows[i].event;
      out += "  ";
      append_quoted(out, a.instance_id.empty() ? a.id : a.instance_id);
      out += " -> ";
      append_quoted(out, b.instance_id.empty() ? b.id : b.instance_id);
      const Relation r = t.graph.relation(nodes[j], nodes[i]).relation;
      // BEFORE goes unlabelled; IBEFORE says so; "a ends no later than b starts" alone is
      // neither.
      if (r == Relation::ibefore) {
        out += " [label=\"IBEFORE\"]";
      } else if (r != Relation::before) {
        out += " [label=\"BEFORE or IBEFORE\", style=dashed]";
      }
      out += ";\n";
    }
  }
  out += "}\n";
  return out;
}

}  // namespace chronicle::dot
