// Loading a shipped model: from the files embedded in the library, or from a file on disk.
#pragma once

#include <cstddef>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>

#include "embedded_data.hpp"

namespace chronicle::detail {

// The text of the embedded file `name`; a library built without it is a logic error.
inline std::string_view embedded_text(const EmbeddedFile* files, std::size_t count,
                                      std::string_view name) {
  for (std::size_t i = 0; i < count; ++i) {
    if (files[i].name == name) return files[i].text;
  }
  throw std::logic_error("chronicle: " + std::string(name) + " is not embedded");
}

// parse(text) of the file at `path`; errors name the path ("model.txt: line 3: ...").
template <class Parse>
auto parse_model_file(const std::string& path, Parse parse) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  try {
    return parse(text);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace chronicle::detail
