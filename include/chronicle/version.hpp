// chronicle's version.
#pragma once

#define CHRONICLE_VERSION_MAJOR 0
#define CHRONICLE_VERSION_MINOR 1
#define CHRONICLE_VERSION_PATCH 0

namespace chronicle {
inline constexpr const char* version_string = "0.1.0";
}  // namespace chronicle
