// A Timeline as JSON: the whole result with a documented, versioned schema (README.md, "JSON
// schema"), one object per document; JSONL is one such object per line.
//
//   std::string json = chronicle::json::to_json(timeline);         // indented, ends with '\n'
//   std::string line = chronicle::json::to_jsonl(timeline);        // one line
//
//   chronicle::json::Value doc = chronicle::json::parse(json);
//   chronicle::Graph g = chronicle::json::read_graph(doc);        // the same graph again
//   g.relation("ei3", "ei7");
//
// read_graph() rebuilds the timeline graph from what the object lists (the DCT, timexes and
// events that are nodes, with their calendar bounds, and the links, in order), so that every
// query gives the answers it gave on the original Timeline.
#pragma once

#include <stdexcept>
#include <string>

#include "chronicle/graph.hpp"
#include "chronicle/io/json.hpp"

namespace chronicle {
struct Timeline;
}

namespace chronicle::json {

// The schema's version, written as "schema_version". Readers refuse other versions.
inline constexpr int schema_version = 1;

// Writes the timeline as one JSON object.
void write(Writer& w, const Timeline& timeline);
// The object, indented by `indent` (0: one line), followed by '\n'.
std::string to_json(const Timeline& timeline, int indent = 2);
inline std::string to_jsonl(const Timeline& timeline) {
  return to_json(timeline, 0);
}

// A JSON object that does not follow the schema: `path` says where ("events[3].begin").
class schema_error : public std::runtime_error {
 public:
  schema_error(const std::string& path, const std::string& message)
      : std::runtime_error(path + ": " + message), path_(path) {}
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

// The timeline graph of a document object that write() produced. Throws schema_error.
Graph read_graph(const Value& document);

}  // namespace chronicle::json
