// The timeline as a Graphviz graph: `chronicle extract --format dot story.txt | dot -Tsvg`.
//
//   std::string dot = chronicle::dot::to_dot(timeline);
//
// Events are nodes, boxed by the date the graph bounds them to ("2022-01-05", "before
// 2022-01-06", "undated"), boxes in date order. Edges are the reduced order: an arrow a -> b
// when the graph says a ends before b starts (BEFORE or IBEFORE, directly or through any chain)
// and no other event lies between them. Each node's tooltip is its sentence.
#pragma once

#include <string>

namespace chronicle {
struct Timeline;
}

namespace chronicle::dot {

std::string to_dot(const Timeline& timeline);

}  // namespace chronicle::dot
