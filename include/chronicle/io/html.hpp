// The timeline as one self-contained HTML page: inline SVG and CSS, no script, nothing fetched
// from the network (a Content-Security-Policy says so to the browser).
//
//   std::string page = chronicle::html::to_html(timeline);
//
// The page draws a date axis and one row per event in timeline order, each event placed at
// its bounds from the graph: a bar over the dates it may occupy (a diamond where they are too
// close together for a bar), a faded end where a side is unbounded. The axis breaks where the dates
// leave a long gap (1991 ... January 2022). Events the text leaves mutually unordered share a
// shaded band and a bracket. Hovering a row shows its sentence. A table under the chart lists the
// same events with their dates, anchors and sentences.
#pragma once

#include <string>

namespace chronicle {
struct Timeline;
}

namespace chronicle::html {

std::string to_html(const Timeline& timeline);

}  // namespace chronicle::html
