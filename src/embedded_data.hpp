// Data files compiled into the library (src/cmake/embed.cmake writes the tables).
#pragma once

#include <cstddef>
#include <string_view>

namespace chronicle::detail {

struct EmbeddedFile {
  std::string_view name;
  std::string_view text;
};

}  // namespace chronicle::detail
