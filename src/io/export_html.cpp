#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>

#include "chronicle/io/html.hpp"
#include "chronicle/timeline.hpp"
#include "timeline_rows.hpp"
#include "utf8.hpp"

namespace chronicle::html {

namespace {

namespace pt = boost::posix_time;
namespace gr = boost::gregorian;

// Text for HTML and SVG: valid UTF-8, markup characters escaped, control characters other than
// tab and line breaks (which XML does not allow) as U+FFFD.
void append_escaped(std::string& out, std::string_view s) {
  const std::string valid = detail::utf8::make_valid(s);
  for (const char c : valid) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
            c == 0x7F) {
          out += detail::utf8::replacement;
        } else {
          out += c;
        }
    }
  }
}

// At most `n` characters (code points) of a valid UTF-8 string, with an ellipsis when cut.
std::string truncated(std::string_view s, std::size_t n) {
  const std::string valid = detail::utf8::make_valid(s);
  std::size_t chars = 0;
  for (std::size_t i = 0; i < valid.size(); ++i) {
    if ((static_cast<unsigned char>(valid[i]) & 0xC0) == 0x80) continue;
    if (chars++ == n) return valid.substr(0, i) + "\xE2\x80\xA6";
  }
  return valid;
}

std::string_view class_name(EventClass c) {
  switch (c) {
    case EventClass::occurrence:
      return "occurrence";
    case EventClass::reporting:
      return "reporting";
    case EventClass::perception:
      return "perception";
    case EventClass::aspectual:
      return "aspectual";
    case EventClass::i_action:
      return "i_action";
    case EventClass::i_state:
      return "i_state";
    case EventClass::state:
      return "state";
  }
  return "occurrence";
}

constexpr EventClass all_classes[] = {
    EventClass::occurrence, EventClass::reporting, EventClass::perception, EventClass::aspectual,
    EventClass::i_action,   EventClass::i_state,   EventClass::state};

std::string_view color_of(EventClass c) {
  switch (c) {
    case EventClass::occurrence:
      return "#4e79a7";
    case EventClass::reporting:
      return "#f28e2b";
    case EventClass::perception:
      return "#e15759";
    case EventClass::aspectual:
      return "#76b7b2";
    case EventClass::i_action:
      return "#59a14f";
    case EventClass::i_state:
      return "#c9a227";
    case EventClass::state:
      return "#b07aa1";
  }
  return "#4e79a7";
}

// --- Geometry (pixels)
constexpr double group_x = 20;   // group brackets
constexpr double label_x = 30;   // event numbers, then labels
constexpr double chart_x = 330;  // the date axis starts here
constexpr double chart_w = 780;
constexpr double width = chart_x + chart_w + 24;
constexpr double axis_y = 46;  // the axis line
constexpr double rows_y = 60;  // first row's top
constexpr double row_h = 22;
constexpr double break_w = 18;      // gap between axis segments
constexpr double min_tick_px = 86;  // between tick labels

using Seconds = std::int64_t;

Seconds seconds_of(const Instant& t) {
  static const Instant epoch(gr::date(1970, 1, 1));
  return (t - epoch).total_seconds();
}

Instant instant_of(Seconds s) {
  static const Instant epoch(gr::date(1970, 1, 1));
  return epoch + pt::seconds(s);
}

constexpr Seconds one_day = 86400;

// The date axis: one or more linear segments, broken where the dates leave a long gap.
class Axis {
 public:
  explicit Axis(std::vector<Seconds> points) {
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    if (points.empty()) return;
    const Seconds total = points.back() - points.front();
    std::vector<std::pair<Seconds, Seconds>> spans;
    std::vector<std::size_t> counts;
    Seconds start = points.front();
    std::size_t count = 1;
    for (std::size_t k = 1; k < points.size(); ++k) {
      const Seconds gap = points[k] - points[k - 1];
      if (gap > 7 * one_day && gap > total / 5) {
        spans.emplace_back(start, points[k - 1]);
        counts.push_back(count);
        start = points[k];
        count = 0;
      }
      ++count;
    }
    spans.emplace_back(start, points.back());
    counts.push_back(count);
    double weights = 0;
    for (const auto c : counts) weights += static_cast<double>(c) + 2;
    const double usable = chart_w - break_w * static_cast<double>(spans.size() - 1);
    double x = chart_x;
    for (std::size_t k = 0; k < spans.size(); ++k) {
      Segment s;
      s.lo = spans[k].first;
      s.hi = spans[k].second;
      if (s.hi - s.lo < one_day) {  // a single instant or a short stretch: show a day around it
        const Seconds mid = s.lo + (s.hi - s.lo) / 2;
        s.lo = mid - one_day / 2;
        s.hi = mid + one_day / 2;
      } else {
        const Seconds pad = (s.hi - s.lo) / 25;
        s.lo -= pad;
        s.hi += pad;
      }
      s.x = x;
      s.w = usable * (static_cast<double>(counts[k]) + 2) / weights;
      x += s.w + break_w;
      segments_.push_back(s);
    }
  }

  bool empty() const { return segments_.empty(); }

  double x(Seconds t) const {
    for (const Segment& s : segments_) {
      if (t <= s.hi) {
        if (t < s.lo) return s.x;  // inside a break: its left edge
        return s.x + s.w * static_cast<double>(t - s.lo) / static_cast<double>(s.hi - s.lo);
      }
    }
    return segments_.back().x + segments_.back().w;
  }

  void draw(std::string& out, double bottom) const {
    out += "<g class=\"axis\">\n";
    for (std::size_t k = 0; k < segments_.size(); ++k) {
      const Segment& s = segments_[k];
      fmt::format_to(
          std::back_inserter(out),
          "<line class=\"axis-line\" x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\"/>\n", s.x,
          axis_y, s.x + s.w, axis_y);
      if (k > 0) {
        const double bx = s.x - break_w / 2;
        fmt::format_to(std::back_inserter(out),
                       "<path class=\"axis-break\" d=\"M{:.1f} {} l4 -8 M{:.1f} {} l4 -8\"/>\n",
                       bx - 5, axis_y + 4, bx, axis_y + 4);
        fmt::format_to(std::back_inserter(out),
                       "<rect class=\"break\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" "
                       "height=\"{:.1f}\"/>\n",
                       s.x - break_w + 3, rows_y, break_w - 6, bottom - rows_y);
      }
      ticks(out, s, bottom);
    }
    out += "</g>\n";
  }

 private:
  struct Segment {
    Seconds lo = 0, hi = 0;
    double x = 0, w = 0;
  };

  enum class Unit { hour, day, month, year };

  void ticks(std::string& out, const Segment& s, double bottom) const {
    struct Step {
      Unit unit;
      int n;
      double seconds;
    };
    static constexpr Step steps[] = {{Unit::hour, 1, 3600},
                                     {Unit::hour, 3, 3 * 3600},
                                     {Unit::hour, 6, 6 * 3600},
                                     {Unit::hour, 12, 12 * 3600},
                                     {Unit::day, 1, 86400},
                                     {Unit::day, 2, 2 * 86400},
                                     {Unit::day, 7, 7 * 86400},
                                     {Unit::month, 1, 30.44 * 86400},
                                     {Unit::month, 3, 91.3 * 86400},
                                     {Unit::month, 6, 182.6 * 86400},
                                     {Unit::year, 1, 365.25 * 86400},
                                     {Unit::year, 2, 2 * 365.25 * 86400},
                                     {Unit::year, 5, 5 * 365.25 * 86400},
                                     {Unit::year, 10, 10 * 365.25 * 86400},
                                     {Unit::year, 25, 25 * 365.25 * 86400},
                                     {Unit::year, 50, 50 * 365.25 * 86400},
                                     {Unit::year, 100, 100 * 365.25 * 86400},
                                     {Unit::year, 250, 250 * 365.25 * 86400},
                                     {Unit::year, 1000, 1000 * 365.25 * 86400}};
    const double span = static_cast<double>(s.hi - s.lo);
    const Step* step = &steps[std::size(steps) - 1];
    for (const Step& st : steps) {
      if (span / st.seconds * min_tick_px <= s.w) {
        step = &st;
        break;
      }
    }
    const Instant lo = instant_of(s.lo), hi = instant_of(s.hi);
    Instant t;
    const gr::date d = lo.date();
    switch (step->unit) {
      case Unit::hour:
      case Unit::day:
        t = Instant(d);
        break;
      case Unit::month: {
        int m = static_cast<int>(d.month()) - 1;
        m -= m % step->n;
        t = Instant(gr::date(d.year(), static_cast<unsigned short>(m + 1), 1));
        break;
      }
      case Unit::year: {
        int y = static_cast<int>(d.year());
        y -= y % step->n;
        if (y < 1400) y = 1400;
        t = Instant(gr::date(static_cast<unsigned short>(y), 1, 1));
        break;
      }
    }
    std::string label;
    for (int guard = 0; t <= hi && guard < 1000; ++guard) {
      if (t >= lo) {
        const double x = this->x(seconds_of(t));
        label.clear();
        detail::append_iso(label, t);  // 2022-01-05T18:00
        switch (step->unit) {
          case Unit::hour:
            if (t.time_of_day().total_seconds() != 0)
              label = label.substr(11);
            else
              label = label.substr(5, 5) + " " + label.substr(11);
            break;
          case Unit::day:
            label.resize(10);
            break;
          case Unit::month:
            label.resize(7);
            break;
          case Unit::year:
            label.resize(4);
            break;
        }
        fmt::format_to(
            std::back_inserter(out),
            "<line class=\"grid\" x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" "
            "y2=\"{2:.1f}\"/>\n<text class=\"tick\" x=\"{0:.1f}\" y=\"{3}\">{4}</text>\n",
            x, axis_y, bottom, axis_y - 8, label);
      }
      try {
        switch (step->unit) {
          case Unit::hour:
            t += pt::hours(step->n);
            break;
          case Unit::day:
            t += gr::days(step->n);
            break;
          case Unit::month:
            t = Instant(t.date() + gr::months(step->n));
            break;
          case Unit::year:
            t = Instant(t.date() + gr::years(step->n));
            break;
        }
      } catch (const std::exception&) {
        break;  // past the calendar's range
      }
    }
  }

  std::vector<Segment> segments_;
};

constexpr std::string_view style = R"(
body { font: 14px/1.4 "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; }
.meta { color: #555; margin: 0 0 16px; }
svg { display: block; font-size: 12px; }
svg text { fill: #222; }
.axis-line { stroke: #444; stroke-width: 1; }
.axis-break { stroke: #444; fill: none; }
.break { fill: #f1f1f1; }
.grid { stroke: #e3e3e3; stroke-width: 1; }
.tick { font-size: 11px; text-anchor: middle; fill: #444; }
.band { fill: #f4f6f9; }
.bracket { stroke: #8a8a8a; stroke-width: 1.5; fill: none; }
.group-label { font-size: 10px; fill: #777; text-anchor: end; }
.dct { stroke: #c0392b; stroke-width: 1.2; stroke-dasharray: 4 3; }
.dct-label { fill: #c0392b; font-size: 11px; text-anchor: middle; }
.event .hit { fill: transparent; }
.event:hover .hit { fill: #fff1b8; }
.event .label { font-size: 12px; }
.event .order { fill: #888; font-size: 11px; }
.bar { stroke: rgba(0,0,0,.25); stroke-width: .5; }
.undated { stroke: #999; stroke-dasharray: 2 3; }
.undated-label { fill: #999; font-size: 10px; }
.legend { font-size: 12px; color: #444; margin: 10px 0 24px; }
.legend span.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px;
  vertical-align: -2px; margin: 0 4px 0 12px; }
table { border-collapse: collapse; font-size: 12px; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f4f6f9; }
td.sentence { color: #555; max-width: 520px; }
tr:hover td { background: #fff8d8; }
)";

}  // namespace

std::string to_html(const Timeline& t) {
  const auto rows = detail::event_rows(t);
  std::string out;
  out.reserve(4096 + rows.size() * 900);
  const std::string title = t.id.empty() ? std::string("timeline") : t.id;

  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n";
  out += "<meta name=\"generator\" content=\"chronicle\">\n<title>";
  append_escaped(out, title);
  out += " \xE2\x80\x93 timeline</title>\n<style>";
  out += style;
  out += "</style>\n</head>\n<body>\n<h1>";
  append_escaped(out, title);
  out += "</h1>\n<p class=\"meta\">";
  if (t.dct) {
    out += "Document creation time ";
    append_escaped(out, t.dct->value.str());
    out += " \xC2\xB7 ";
  }
  fmt::format_to(std::back_inserter(out),
                 "{} events \xC2\xB7 {} temporal expressions \xC2\xB7 {} links", rows.size(),
                 t.timexes.size(), t.graph.link_count());
  const auto& contradictions = t.graph.contradictions();
  if (!contradictions.empty()) {
    fmt::format_to(std::back_inserter(out), " \xC2\xB7 {} contradictions resolved",
                   contradictions.size());
  }
  out += "</p>\n";

  // The axis: every finite bound of an event, and the DCT.
  std::vector<Seconds> points;
  for (const auto& row : rows) {
    if (detail::finite(detail::earliest(row.bounds)))
      points.push_back(seconds_of(detail::earliest(row.bounds)));
    if (detail::finite(detail::latest(row.bounds)))
      points.push_back(seconds_of(detail::latest(row.bounds)));
  }
  std::optional<Seconds> dct_at;
  if (t.dct && t.dct->bounds && detail::finite(t.dct->bounds->earliest)) {
    dct_at = seconds_of(t.dct->bounds->earliest);
    points.push_back(*dct_at);
  }
  const Axis axis(points);
  const double bottom = rows_y + row_h * static_cast<double>(rows.size());
  const double height = bottom + 16;

  fmt::format_to(std::back_inserter(out),
                 "<svg class=\"timeline\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
                 "viewBox=\"0 0 {0:.0f} {1:.0f}\" role=\"img\" aria-label=\"",
                 width, height);
  append_escaped(out, title);
  out += " timeline\">\n";
  out +=
      "<defs>\n"
      "<linearGradient id=\"fade-l\"><stop offset=\"0\" stop-color=\"#fff\" stop-opacity=\"0\"/>"
      "<stop offset=\".6\" stop-color=\"#fff\"/></linearGradient>\n"
      "<linearGradient id=\"fade-r\"><stop offset=\".4\" stop-color=\"#fff\"/>"
      "<stop offset=\"1\" stop-color=\"#fff\" stop-opacity=\"0\"/></linearGradient>\n"
      "<mask id=\"open-l\" maskContentUnits=\"objectBoundingBox\"><rect width=\"1\" "
      "height=\"1\" fill=\"url(#fade-l)\"/></mask>\n"
      "<mask id=\"open-r\" maskContentUnits=\"objectBoundingBox\"><rect width=\"1\" "
      "height=\"1\" fill=\"url(#fade-r)\"/></mask>\n"
      "</defs>\n";

  // Group bands and brackets under the rows.
  for (std::size_t k = 0; k < rows.size();) {
    std::size_t end = k;
    while (end < rows.size() && rows[end].group == rows[k].group) ++end;
    const double y0 = rows_y + row_h * static_cast<double>(k);
    const double y1 = rows_y + row_h * static_cast<double>(end);
    if (rows[k].group % 2 == 0) {
      fmt::format_to(
          std::back_inserter(out),
          "<rect class=\"band\" x=\"0\" y=\"{:.1f}\" width=\"{:.0f}\" height=\"{:.1f}\"/>\n", y0,
          width, y1 - y0);
    }
    if (end - k > 1) {
      fmt::format_to(std::back_inserter(out),
                     "<g class=\"group\" data-group=\"{0}\"><title>group {0}: {1} events the text "
                     "leaves unordered</title><path class=\"bracket\" d=\"M{2} {3:.1f} h-5 "
                     "V{4:.1f} h5\"/><text class=\"group-label\" x=\"{5}\" y=\"{6:.1f}\">{0}"
                     "</text></g>\n",
                     rows[k].group, end - k, group_x + 5, y0 + 4, y1 - 4, group_x - 4,
                     (y0 + y1) / 2 + 4);
    }
    k = end;
  }

  if (!axis.empty()) axis.draw(out, bottom);
  if (dct_at && !axis.empty()) {
    const double x = axis.x(*dct_at);
    fmt::format_to(std::back_inserter(out),
                   "<line class=\"dct\" x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"/>"
                   "<text class=\"dct-label\" x=\"{0:.1f}\" y=\"{3}\">DCT</text>\n",
                   x, axis_y + 2, bottom, axis_y + 13);
  }

  std::string when;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const detail::EventRow& row = rows[k];
    const Event& e = *row.event;
    const std::string_view id = e.instance_id.empty() ? e.id : e.instance_id;
    const double y = rows_y + row_h * static_cast<double>(k);
    const double mid = y + row_h / 2;
    const Instant& lo = detail::earliest(row.bounds);
    const Instant& hi = detail::latest(row.bounds);
    when = detail::range_label(lo, hi);
    out += "<g class=\"event ";
    out += class_name(e.event_class);
    out += "\" id=\"event-";
    append_escaped(out, id);
    out += "\" data-event=\"";
    append_escaped(out, id);
    fmt::format_to(std::back_inserter(out), "\" data-order=\"{}\" data-group=\"{}\">", row.order,
                   row.group);
    out += "<title>";
    append_escaped(out, detail::sentence_text(t, e));
    out += "\n\n";
    append_escaped(out, when);
    out += "</title>";
    fmt::format_to(std::back_inserter(out),
                   "<rect class=\"hit\" x=\"0\" y=\"{:.1f}\" width=\"{:.0f}\" height=\"{}\"/>", y,
                   width, row_h);
    fmt::format_to(std::back_inserter(out), "<text class=\"order\" x=\"{}\" y=\"{:.1f}\">{}</text>",
                   label_x, mid + 4, row.order);
    fmt::format_to(std::back_inserter(out), "<text class=\"label\" x=\"{}\" y=\"{:.1f}\">",
                   label_x + 28, mid + 4);
    append_escaped(out, truncated(t.document.text(e.phrase.empty() ? e.span : e.phrase), 36));
    out += "</text>";
    const bool has_lo = detail::finite(lo), has_hi = detail::finite(hi);
    if (axis.empty() || (!has_lo && !has_hi)) {
      fmt::format_to(std::back_inserter(out),
                     "<line class=\"undated\" x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\"/>"
                     "<text class=\"undated-label\" x=\"{3}\" y=\"{4:.1f}\">no date known</text>",
                     chart_x, mid, chart_x + chart_w, chart_x + 4, mid - 3);
    } else {
      const double x1 = has_lo ? axis.x(seconds_of(lo)) : chart_x;
      const double x2 = has_hi ? axis.x(seconds_of(hi)) : chart_x + chart_w;
      const std::string_view color = color_of(e.event_class);
      if (has_lo && has_hi && x2 - x1 < 6) {
        const double cx = (x1 + x2) / 2;
        fmt::format_to(std::back_inserter(out),
                       "<path class=\"bar mark\" d=\"M{:.1f} {:.1f} l5 5 l-5 5 l-5 -5 z\" "
                       "fill=\"{}\"/>",
                       cx, mid - 5, color);
      } else {
        fmt::format_to(std::back_inserter(out),
                       "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
                       "height=\"12\" rx=\"3\" fill=\"{}\"{}/>",
                       x1, mid - 6, std::max(x2 - x1, 6.0), color,
                       !has_lo   ? " mask=\"url(#open-l)\""
                       : !has_hi ? " mask=\"url(#open-r)\""
                                 : "");
      }
    }
    out += "</g>\n";
  }
  out += "</svg>\n";

  out += "<p class=\"legend\">Event class:";
  for (const EventClass c : all_classes) {
    out += "<span class=\"swatch\" style=\"background:";
    out += color_of(c);
    out += "\"></span>";
    out += to_string(c);
  }
  out +=
      "<br>A bar spans the dates an event may occupy (a diamond, when they are too close "
      "together to draw as a bar); a faded end is unbounded. Bracketed rows are events the "
      "text leaves unordered. Hover a row for its sentence.</p>\n";

  out +=
      "<table class=\"events\">\n<thead><tr><th>#</th><th>group</th><th>event</th>"
      "<th>class</th><th>actor</th><th>object</th><th>when</th><th>anchor</th>"
      "<th>sentence</th></tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    const Event& e = *row.event;
    fmt::format_to(std::back_inserter(out), "<tr><td>{}</td><td>{}</td><td>", row.order, row.group);
    append_escaped(out, t.document.text(e.phrase.empty() ? e.span : e.phrase));
    out += "</td><td>";
    out += to_string(e.event_class);
    out += "</td><td>";
    if (!e.actor.empty()) append_escaped(out, t.document.text(e.actor));
    out += "</td><td>";
    if (!e.object.empty()) append_escaped(out, t.document.text(e.object));
    out += "</td><td>";
    append_escaped(out,
                   detail::range_label(detail::earliest(row.bounds), detail::latest(row.bounds)));
    out += "</td><td>";
    if (row.anchor) {
      append_escaped(out, detail::timex_text(t, *row.anchor));
      out += " (";
      append_escaped(out, row.anchor->value.str());
      out += ")";
    }
    out += "</td><td class=\"sentence\">";
    append_escaped(out, detail::sentence_text(t, e));
    out += "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
  if (!contradictions.empty()) {
    out += "<h2>Contradictions</h2>\n<ul class=\"contradictions\">\n";
    for (const Contradiction& c : contradictions) {
      out += "<li>";
      append_escaped(out, t.graph.describe(c));
      out += "</li>\n";
    }
    out += "</ul>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace chronicle::html
